"""graph.store: the read interface and its in-memory implementation."""

from __future__ import annotations

import pytest

from graph import build
from graph.store import (MAX_NEIGHBORHOOD, GraphStore, MemoryStore, QueryError, decode_cursor,
                         encode_cursor, parse_kinds)
from tests.conftest import write_notes


@pytest.fixture(scope="module")
def store(seed_result):
    return MemoryStore(seed_result)


# One real call of each GraphStore member on the seed (a new member needs a line here).
PROTOCOL_CALLS = {
    "concept": ("rag",), "concept_by_label": ("RAG",), "concepts": (), "search": ("rag",),
    "relations": ("rag",), "broader": ("cudnn",), "narrower": ("nvidia",), "degree": ("rag",),
    "neighborhood": ("rag",), "overview": (), "path": ("rag", "cudnn", 6), "tags": (),
    "tag": ("机器学习",), "tag_count": ("机器学习",), "notes": (), "note": ("ai-basics.md",),
    "stats": (), "warnings": (), "unresolved_links": (),
    "communities": (), "community": ("rag",), "section": ("rag",), "layout": (),
    "concept_ids": (), "concepts_by_id": (["rag", "cudnn"],), "edges_of": (["rag"],),
    "meta": (),
}


def conforms(value, hint) -> bool:
    """Whether `value` is of the annotated type (classes, X | None, list[X], tuple[X, Y])."""
    import types
    import typing

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is type(None) or hint is None:
        return value is None
    if hint is typing.Any:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, a) for a in args)
    if origin is list:
        return isinstance(value, list) and all(conforms(v, args[0]) for v in value) \
            if args else isinstance(value, list)
    if origin is tuple:
        return isinstance(value, tuple) and len(value) == len(args) and \
            all(conforms(v, a) for v, a in zip(value, args))
    return isinstance(value, origin or hint)


def test_memory_store_implements_the_protocol(store):
    """Each member of the GraphStore Protocol exists on MemoryStore with the same parameters
    (names, order, defaults) and, called on the seed, answers what its annotation says —
    something real, not None or empty (the seed has an answer for every call but warnings)."""
    import inspect
    import typing

    import graph.store

    members = {name: value for name, value in vars(GraphStore).items()
               if not name.startswith("_") and (callable(value) or isinstance(value, property))}
    assert set(members) == set(PROTOCOL_CALLS) | {"version"}, \
        "GraphStore changed: give each new member a call in PROTOCOL_CALLS"
    assert isinstance(store.version, int) and store.version == store.result.version >= 1
    for name, args in PROTOCOL_CALLS.items():
        declared = inspect.signature(members[name])
        implemented = inspect.signature(getattr(MemoryStore, name))
        want = [(p.name, p.kind, p.default) for p in declared.parameters.values()]
        got = [(p.name, p.kind, p.default) for p in implemented.parameters.values()]
        assert got[:len(want)] == want, (name, got, want)
        assert all(p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL,
                                                                          p.VAR_KEYWORD)
                   for p in list(implemented.parameters.values())[len(want):]), name
        hint = typing.get_type_hints(members[name], vars(graph.store))["return"]
        value = getattr(store, name)(*args)
        assert conforms(value, hint), (name, hint, value)
        # the seed has no warnings and links only to its own concepts
        assert name in ("warnings", "unresolved_links") or value not in (None, [], 0, ()), \
            (name, value)


def test_concept_lookups(store):
    assert store.concept("rag").label == "RAG"
    assert store.concept("RAG") is None  # ids are exact
    for label in ("RAG", "ｒａｇ", "检索增强生成", "retrieval-augment generation"):
        assert store.concept_by_label(label).id == "rag"
    assert store.concept_by_label("nothing like it") is None


def test_concepts_pages_filters_and_totals(store):
    everything, total = store.concepts(limit=100)
    assert total == len(store.result.concepts) and len(everything) == min(total, 100)
    assert [c.id for c in everything] == sorted(store.result.concepts)[:100]
    page, total2 = store.concepts(offset=10, limit=5)
    assert total2 == total and [c.id for c in page] == [c.id for c in everything[10:15]]
    tagged, n = store.concepts(tag="#机器学习")
    assert [c.id for c in tagged] == ["ai人工智能基础"] and n == 1
    searched, _ = store.concepts(search="增强", limit=3)
    assert searched[0].id == "rag"
    mention, n = store.concepts(kind="mention", limit=100)
    assert n == len(mention) > 0
    assert all(store.relations(c.id, ["mention"]) for c in mention)
    with pytest.raises(QueryError, match="first must be between 0 and 100"):
        store.concepts(limit=101)
    with pytest.raises(QueryError, match="unknown relation kind"):
        store.concepts(kind="friendship")


def test_relations_by_direction_and_kind(store):
    out = store.relations("rag", direction="out")
    assert [(r.kind, r.target, str(r.evidence)) for r in out] == \
        [("hierarchy", "ai人工智能基础", "ai-basics.md:57"),
         # named in one line with it: `检索增强生成(RAG)——AI备忘录/企业知识库`
         ("mention", "ai备忘录", "ai-basics.md:563"),
         ("mention", "llm", "ai-basics.md:59")]  # its definition names LLMs (one concept with LLM)
    incoming = store.relations("rag", direction="in")
    assert incoming and all(r.direction == "in" for r in incoming)
    assert store.relations("rag") == out + incoming
    assert store.relations("rag", kinds=["mention"]) == [r for r in out + incoming
                                                          if r.kind == "mention"]
    assert store.relations("nope") == []


def test_broader_narrower_degree(store):
    assert [c.id for c in store.broader("cudnn")] == ["nvidia"]
    assert "cudnn" in [c.id for c in store.narrower("nvidia")]
    neighbours = {r.target for r in store.relations("rag")}
    assert store.degree("rag") == len(neighbours) == 4  # 用法层级 and ai备忘录 name it in one line
    assert store.degree("nope") == 0


def test_search_delegates_to_the_index(store):
    hits = store.search("jqxx", first=3)
    assert hits[0].concept_id == "机器学习" and hits[0].field == "initials"
    assert store.search("", first=5) == [] and store.search("rag", first=0) == []
    with pytest.raises(QueryError):
        store.search("rag", first=1000)


def test_neighborhood_depth_kinds_and_notes(store):
    nodes, edges = store.neighborhood("rag")  # unpacks as (nodes, edges)
    sub = store.neighborhood("rag")
    assert sub.center == "term:rag" and not sub.truncated and sub.nodes[0].id == "term:rag"
    assert {n.kind for n in nodes} == {"term", "synonym"}
    ids = {n.id for n in nodes}
    assert all(e.source in ids and e.target in ids and e.type != "NARROWER" for e in edges)
    two = store.neighborhood("rag", depth=2)
    assert ids < {n.id for n in two.nodes}
    with_notes = store.neighborhood("rag", kinds=["note"])
    assert {n.kind for n in with_notes.nodes} == {"term", "note"}
    assert {e.type for e in with_notes.edges} == {"DEFINED_IN"}
    for bad in (0, 4):
        with pytest.raises(QueryError, match="depth must be between 1 and 3"):
            store.neighborhood("rag", depth=bad)
    with pytest.raises(QueryError, match="no concept"):
        store.neighborhood("nope")


def test_neighborhood_is_truncated_on_a_hub(tmp_path):
    items = "\n".join(f"- Term {i}: number {i}" for i in range(MAX_NEIGHBORHOOD + 20))
    store = MemoryStore(build(write_notes(tmp_path, {"hub.md": f"# Hub\n\n## Terms\n\n{items}\n"})))
    sub = store.neighborhood("hub")
    assert sub.truncated and len(sub.nodes) == MAX_NEIGHBORHOOD
    assert sub.nodes[0].id == "term:hub"
    kept = {n.id for n in sub.nodes}
    assert all(e.source in kept and e.target in kept for e in sub.edges)


def test_parse_kinds():
    assert parse_kinds(None, {"X"}) == {"X"}
    assert parse_kinds(["related"], ()) == {f"RELATED_TO:{k}" for k in
                                            ("link", "mention", "hierarchy", "frontmatter")}
    assert parse_kinds(["Link", "narrower", "tag"], ()) == {"RELATED_TO:link", "BROADER",
                                                           "TAGGED"}
    with pytest.raises(QueryError, match="unknown kind"):
        parse_kinds(["cousin"], ())


def test_path(store):
    # Both are listed in the note about AI (cuDNN deeper, under NVidia): two steps.
    p = store.path("rag", "cudnn", max_length=6)
    assert p.concepts == ("rag", "ai人工智能基础", "cudnn") and p.length == 2
    assert [(s.source, s.target, s.kind, s.direction) for s in p.steps] == [
        ("rag", "ai人工智能基础", "hierarchy", "out"),
        ("ai人工智能基础", "cudnn", "hierarchy", "in")]
    assert str(p.steps[-1].evidence) == "ai-basics.md:144"
    assert store.path("rag", "cudnn", max_length=1) is None
    # only BROADER steps: up from cuDNN to NVidia
    p = store.path("cudnn", "nvidia", kinds=["BROADER"])
    assert p.concepts == ("cudnn", "nvidia") and p.steps[0].kind == "BROADER"
    assert store.path("rag", "cudnn", kinds=["link"]) is None
    assert store.path("rag", "rag").length == 0
    with pytest.raises(QueryError, match="maxLength must be between 1 and 6"):
        store.path("rag", "cudnn", max_length=7)
    with pytest.raises(QueryError, match="no concept"):
        store.path("rag", "nope")


def test_path_prefers_the_strongest_evidence(tmp_path):
    store = MemoryStore(build(write_notes(tmp_path, {
        "a.md": "# Alpha\n\nAlpha links to [[b]] and mentions Beta.\n",
        "b.md": "# Beta\n\nbeta text\n"})))
    p = store.path("alpha", "beta")
    assert p is not None and p.steps[0].kind == "link", p
    assert store.path("beta", "alpha").steps[0].direction == "in"


def test_overview(store):
    whole = store.overview()
    result = store.result
    assert not whole.truncated and whole.center is None
    assert len(whole.nodes) == len(result.concepts) + len(result.tags)
    top = store.overview(limit=15)
    assert top.truncated and len(top.nodes) == 15
    assert top.nodes[0].id == whole.nodes[0].id  # the best connected concept leads
    assert {n.kind for n in store.overview(notes=True, synonyms=True).nodes} == \
        {"term", "tag", "note", "synonym"}
    with pytest.raises(QueryError):
        store.overview(limit=0)


def test_tags_notes_stats_warnings(store):
    assert [t.label for t in store.tags()] == sorted(t.label for t in store.result.tags.values())
    assert store.tag("机器学习").id == store.tag("#机器学习").id == "机器学习"
    assert store.tag("nope") is None
    assert store.tag_count("机器学习") == 1
    assert [n.path for n in store.notes()] == ["ai-basics.md"]
    assert store.note("ai-basics.md").concept == "ai人工智能基础" and store.note("x.md") is None
    s = store.stats()
    assert (s.concepts, s.notes, s.version) == (len(store.result.concepts), 1,
                                                store.result.version)
    assert sum(n for _, n in s.edges_by_type) == s.edges
    assert store.warnings() == store.result.warnings


def test_cursors_round_trip():
    assert [decode_cursor(encode_cursor(i)) for i in (0, 7, 1234)] == [0, 7, 1234]
    for bad in ("", "!!", "bm9wZQ==", encode_cursor(1)[:-2]):
        with pytest.raises(QueryError, match="invalid cursor"):
            decode_cursor(bad)


def test_store_is_a_snapshot(tmp_path):
    """Building again makes a new store; the old one keeps answering from its own build."""
    root = write_notes(tmp_path, {"a.md": "# Alpha\n\n- Beta: the second letter.\n"})
    old = MemoryStore(build(root))
    write_notes(root, {"a.md": "# Alpha\n\n- Gamma: the third letter.\n"})
    new = MemoryStore(build(root))
    assert old.concept("beta") and not old.concept("gamma")
    assert new.concept("gamma") and not new.concept("beta")
