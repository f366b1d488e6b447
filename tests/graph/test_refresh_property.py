"""Rebuilding after edits gives the graph a fresh build gives (a property test, hypothesis).

Random sequences of adds, edits, deletes and renames of small notes — including edits that
make and dissolve merges (a shared name, an acronym) and change labels other notes mention —
are applied to a folder; after each, `Builder.refresh()` (which re-reads only changed notes
and reuses its caches) must equal `build()` of the folder from scratch: the same concepts with
the same labels and texts, relations, warnings, search answers and RDF.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import build, rdf
from graph.build import Builder
from graph.search import SearchIndex
from graph.store import MemoryStore

# Lines that interact: shared names merge, synonyms glue or collide, definitions mention
# other terms, wikilinks point at notes that come and go.
LINES = [
    "- 向量数据库(vector database): 存储向量的数据库，用于 RAG 检索。",
    "- RAG(Retrieval-Augmented Generation): 检索增强生成",
    "- 检索增强生成: 用向量数据库检索资料再生成回答。",
    "- 持续交付(CD): 随时可以发布。",
    "- 持续部署(CD): 自动发布到生产环境。",
    "- Kubernetes(K8s): 容器编排系统，调度 Docker 容器。",
    "- **Milvus** 是一个向量数据库。",
    "- 嵌入(Embedding): 把文本变成向量的方法。",
    "see [[note-b]] and [[Zotero Sync]].",
    "## 缓存\n- 分布式缓存(如Redis、Memcached)",
    "- vector databases: 向量库",
    "- 大模型(LLMs)",
    "- LLM: large language model",
    "We keep the Embedding of each note in Milvus.",
    "- 向量检索: 检索相近的向量，例如 Milvus 和 Redis。",
]
TITLES = ["# 向量检索", "---\ntitle: 容器\naliases: [Container]\n---", "# note-b", ""]

note_text = st.builds(
    lambda title, lines: "\n".join([title, *lines]) + "\n",
    st.sampled_from(TITLES), st.lists(st.sampled_from(LINES), min_size=0, max_size=4))
names = st.sampled_from(["a.md", "b.md", "note-b.md", "sub/c.md", "sub/d.md"])
operation = st.one_of(
    st.tuples(st.just("write"), names, note_text),
    # Keeps the note's first line (its title): the update is incremental, not from empty.
    st.tuples(st.just("edit"), names, st.lists(st.sampled_from(LINES), min_size=0, max_size=4)),
    # One line put in among the others (at the end when past it): records after it move.
    st.tuples(st.just("insert"), names, st.tuples(st.sampled_from(LINES), st.integers(1, 6))),
    st.tuples(st.just("delete"), names, st.just("")),
    st.tuples(st.just("rename"), names, names),
)


def snapshot(result) -> dict:
    concepts = {cid: (tuple((x.text, x.lang) for x in c.labels),
                      tuple(sorted((x.text, x.lang) for x in c.synonyms)),
                      tuple((t.text, str(t.source)) for t in c.definitions),
                      tuple((t.text, str(t.source)) for t in c.notes),
                      tuple(sorted(c.tags)), tuple(map(str, c.sources)), c.rule,
                      c.confidence)
                for cid, c in result.concepts.items()}
    relations = sorted({(r.source, r.target, r.kind, str(r.evidence), r.rule)
                        for r in result.relations})
    index = SearchIndex(result.concepts)
    searches = {q: [(h.concept_id, h.field) for h in index.search(q, first=5)]
                for q in ("向量", "rag", "CD", "k8s", "xiangliang")}
    nodes = sorted((n, repr(sorted(d.items()))) for n, d in result.graph_nodes.items())
    edges = sorted((u, v, repr(sorted(d.items()))) for u, v, d in result.graph_edges)
    return {"concepts": concepts, "relations": relations, "nodes": nodes, "edges": edges,
            "label_index": sorted(result.label_index.items()),
            "unresolved": sorted(map(repr, result.unresolved)),
            "warnings": sorted(map(str, result.warnings)),
            "notes": sorted((n.path, n.title, n.concept) for n in result.notes.values()),
            "searches": searches, "rdf": rdf.serialize(result, "nt")}


def store_snapshot(store) -> dict:
    """What a store answers, concept by concept: a store patched version after version
    (`MemoryStore.after`) must answer as one made from the fresh build."""
    ids = store.concept_ids()
    kinds = ("link", "mention", "hierarchy", "frontmatter")
    return {
        "ids": ids,
        "by_kind": {k: [c.id for c in store.concepts(kind=k, limit=100)[0]] for k in kinds},
        "tags": [(t.id, store.tag_count(t.id)) for t in store.tags()],
        "degree": {cid: store.degree(cid) for cid in ids},
        "relations": {cid: [repr(r) for r in store.relations(cid)] for cid in ids},
        "edges": {way: {cid: sorted(map(repr, refs)) for cid, refs in
                        store.edges_of(ids, way).items()} for way in ("in", "out")},
        "broader": {cid: [c.id for c in store.broader(cid)] for cid in ids},
        "narrower": {cid: [c.id for c in store.narrower(cid)] for cid in ids},
        "overview": repr(store.overview(limit=12)),
        "around": {cid: repr(store.neighborhood(cid, 2)) for cid in ids[:6]},
    }


@settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(operation, min_size=1, max_size=8))
def test_refresh_equals_a_fresh_build(ops):
    root = Path(tempfile.mkdtemp(prefix="gg-prop-"))
    tick = [1_700_000_000_000_000_000]

    def touch(path: Path) -> None:  # distinct mtimes, however fast the edits come
        tick[0] += 1_000_000
        os.utime(path, ns=(tick[0], tick[0]))

    try:
        (root / "a.md").write_text("# 起点\n- RAG(Retrieval-Augmented Generation): 检索增强生成\n",
                                   encoding="utf-8")
        touch(root / "a.md")
        builder = Builder(root, workers=1)
        store = MemoryStore(builder.refresh())
        for kind, name, arg in ops:
            path = root / name
            if kind == "write":
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(arg, encoding="utf-8")
                touch(path)
            elif kind == "edit":
                if not path.exists():
                    continue
                first = path.read_text(encoding="utf-8").split("\n", 1)[0]
                path.write_text("\n".join([first, *arg]) + "\n", encoding="utf-8")
                touch(path)
            elif kind == "insert":
                if not path.exists():
                    continue
                lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
                line, at = arg
                lines.insert(min(at, len(lines)), line)
                path.write_text("\n".join(lines) + "\n", encoding="utf-8")
                touch(path)
            elif kind == "delete":
                path.unlink(missing_ok=True)
            elif path.exists() and arg != name:
                target = root / arg
                target.parent.mkdir(parents=True, exist_ok=True)
                path.replace(target)
                touch(target)
            # As the server does: only the paths a watcher names are looked at on disk.
            changed = [name, arg] if kind == "rename" else [name]
            result, fresh = builder.refresh(changed=changed), build(root, workers=1)
            assert snapshot(result) == snapshot(fresh), (kind, name)
            if result is not store.result:
                store = MemoryStore.after(store, result)
            assert store_snapshot(store) == store_snapshot(MemoryStore(fresh)), (kind, name)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_merge_keys_sharing_slots_change_nothing(monkeypatch):
    """Merge keys that share a slot of the occurrence index (assemble._slot) only make the
    regions merged again larger: with 8 slots, most keys share one."""
    from graph import assemble

    monkeypatch.setattr(assemble, "_SLOT_BITS", 7)
    test_refresh_equals_a_fresh_build()


@pytest.mark.parametrize("bucket", ["as made", "all in one"])
def test_a_head_word_that_comes_and_goes(tmp_path, monkeypatch, bucket):
    """A compound is narrower than its head word once another note makes the head a concept,
    and no longer when that note goes (the concepts a changed label key asks again are found
    through assemble._head_bucket, however keys are bucketed)."""
    from graph import assemble

    if bucket == "all in one":
        monkeypatch.setattr(assemble, "_head_bucket", lambda key: "")
    (tmp_path / "a.md").write_text("# A\n- 分布式缓存: 分布在多台机器上\n- Local Vault: a folder\n",
                                   encoding="utf-8")
    builder = Builder(tmp_path, workers=1)
    builder.refresh()
    heads = []
    for text in ("# B\n- 缓存: 存放常用数据\n- Vaults: folders\n", None):
        if text is None:
            (tmp_path / "b.md").unlink()
        else:
            (tmp_path / "b.md").write_text(text, encoding="utf-8")
        result = builder.refresh(changed=["b.md"])
        assert snapshot(result) == snapshot(build(tmp_path, workers=1))
        heads.append(sorted((r.source, r.target) for r in result.relations
                            if r.rule == "head-word"))
    assert heads[0] == [("local-vault", "vaults"), ("分布式缓存", "缓存")] and heads[1] == []


def test_an_edit_that_keeps_the_notes_is_not_a_build_from_empty(tmp_path):
    """Editing a note's body re-merges only what it touches: the other concepts are the very
    objects of the previous version."""
    (tmp_path / "a.md").write_text("# A\n- RAG(检索增强生成): 检索\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n- 嵌入(Embedding): 向量\n", encoding="utf-8")
    builder = Builder(tmp_path, workers=1)
    first = builder.refresh()
    (tmp_path / "a.md").write_text("# A\n- RAG(检索增强生成): 检索\n- 向量数据库: 存向量\n",
                                   encoding="utf-8")
    os.utime(tmp_path / "a.md", ns=(1_800_000_000_000_000_000,) * 2)
    second = builder.refresh()
    assert second.delta is not None and not second.delta.full
    assert "向量数据库" in second.concepts and "向量数据库" in second.delta.concepts
    assert second.concepts["嵌入"] is first.concepts["嵌入"]
    assert "嵌入" not in second.delta.concepts


def test_a_new_note_updates_only_the_notes_whose_links_it_changes(tmp_path):
    """A note that comes changes what links find: the note linking to it by name is updated
    (its link now finds the note, not a concept of its own), the others stay as they were."""
    (tmp_path / "a.md").write_text("# A\n- RAG(检索增强生成): 见 [[Zotero Sync]]\n",
                                   encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n- 嵌入(Embedding): 向量\n", encoding="utf-8")
    builder = Builder(tmp_path, workers=1)
    first = builder.refresh()
    assert "zotero-sync" in first.concepts  # a link to no note names a concept
    (tmp_path / "Zotero Sync.md").write_text("# Zotero Sync\n同步文献库。\n", encoding="utf-8")
    second = builder.refresh()
    assert second.delta is not None and not second.delta.full
    assert second.concepts["嵌入"] is first.concepts["嵌入"]
    assert "嵌入" not in second.delta.concepts
    assert first.concepts["zotero-sync"].rule == "wikilink"
    assert second.notes["Zotero Sync.md"].concept == "zotero-sync"  # the note's concept now
    assert second.concepts["zotero-sync"].rule == "title"
    assert [str(x) for x in second.concepts["zotero-sync"].sources] == ["Zotero Sync.md:1"]
    (tmp_path / "Zotero Sync.md").unlink()
    third = builder.refresh()
    assert not third.delta.full and third.concepts["嵌入"] is first.concepts["嵌入"]


def test_the_graph_made_at_once_equals_the_one_made_node_by_node():
    """`nxgraph.typed_graph` (for readers that have the merged parts only, the SPARQL store)
    gives the nodes and edges the assembly made note by note."""
    from graph.nxgraph import typed_graph

    for folder in ("data", "../shared/corpora/cncf-glossary"):
        if not Path(folder).is_dir():
            continue
        r = build(folder, workers=1)
        nodes, out = typed_graph(r.concepts, r.notes, r.tags, r.label_index, r.relations)
        assert nodes == r.graph_nodes
        assert {k: v for k, v in out.items() if v} == {k: v for k, v in r.out.items() if v}
