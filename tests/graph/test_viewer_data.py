"""What the viewer asks of the core (issue 13): communities, whole-graph positions, the section
of a note where a concept is written (graph.communities, graph.layout, graph.sections)."""

from __future__ import annotations

import math
import os
import threading

import pytest

from graph import build, communities, layout, sections
from graph.store import MemoryStore
from tests.conftest import CORPORA, built, write_notes

GARDEN = "oldwinter-garden"


@pytest.fixture(scope="module")
def store(seed_result):
    return MemoryStore(seed_result)


# ----------------------------------------------------------------------------- communities


def test_communities_cover_every_concept_once_and_are_ranked(seed_result):
    found = communities.detect(seed_result)
    members = [cid for g in found.groups for cid in g.members]
    assert sorted(members) == sorted(seed_result.concepts)
    assert [g.id for g in found.groups] == list(range(len(found.groups)))
    assert [g.size for g in found.groups] == sorted((g.size for g in found.groups), reverse=True)
    for g in found.groups:
        assert g.center in g.members and g.label == seed_result.concepts[g.center].label
        assert all(found.of[cid] == g.id for cid in g.members)


def test_communities_are_the_same_each_time(seed_result):
    a, b = communities.detect(seed_result), communities.detect(build("data"))
    assert [(g.label, g.members) for g in a.groups] == [(g.label, g.members) for g in b.groups]


def test_a_community_is_named_by_its_most_connected_concept(tmp_path):
    # two stars joined by one link: each is a community named by its hub
    notes = {"a.md": "# Alpha\n" + "".join(f"- A{i}\n" for i in range(6)),
             "b.md": "# Beta\n" + "".join(f"- B{i}\n" for i in range(6)) + "\n[[a]]\n"}
    result = build(write_notes(tmp_path / "n", notes))
    found = communities.detect(result)
    labels = {g.label for g in found.groups if g.size >= 5}
    assert labels == {"Alpha", "Beta"}, [(g.label, g.size) for g in found.groups]


@pytest.mark.skipif(not (CORPORA / GARDEN).is_dir(), reason="the garden corpus is not here")
def test_the_gardens_topics():
    """The garden's largest communities are its topics: Obsidian, health and fitness, …"""
    result = built(GARDEN)
    found = communities.detect(result)
    big = [g for g in found.groups if g.size >= 100]
    assert len(big) >= 8, [(g.label, g.size) for g in found.groups[:12]]
    names = " ".join(g.label.lower() for g in found.groups[:12])
    assert "obsidian" in names and "健康" in names, names
    # no community is most of the graph
    assert found.groups[0].size < 0.3 * len(result.concepts)


# ----------------------------------------------------------------------------- layout


def _overlaps(pos, radius):
    ids = list(pos)
    worst = 0.0
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            d = math.dist(pos[a], pos[b])
            worst = max(worst, radius[a] + radius[b] - d)
    return worst


def test_layout_places_every_node_apart_deterministically(store):
    pos = store.layout(400)
    sub = store.overview(400)
    assert set(pos) == {n.id for n in sub.nodes}
    assert store.layout(400) == pos  # cached, and a copy
    top = max(n.degree for n in sub.nodes if n.kind == "term")
    radius = {n.id: layout.node_radius(n.degree, top, n.kind) for n in sub.nodes}
    assert _overlaps(pos, radius) < 1.0
    again = MemoryStore(build("data")).layout(400)
    assert again == pos


def test_layout_keeps_communities_together():
    """Two cliques joined by one edge: each clique's nodes are nearer to one another than to
    the other clique's."""
    a = [f"a{i}" for i in range(12)]
    b = [f"b{i}" for i in range(12)]
    edges = [(x, y) for grp in (a, b) for i, x in enumerate(grp) for y in grp[i + 1:]]
    edges.append(("a0", "b0"))
    group = {**{x: 0 for x in a}, **{x: 1 for x in b}}
    pos = layout.layout(a + b, edges, group, {x: 10.0 for x in a + b})

    def centre(grp):
        return (sum(pos[x][0] for x in grp) / len(grp), sum(pos[x][1] for x in grp) / len(grp))

    ca, cb = centre(a), centre(b)
    spread = max(max(math.dist(pos[x], ca) for x in a), max(math.dist(pos[x], cb) for x in b))
    assert math.dist(ca, cb) > 2 * spread * 0.9
    assert all(math.dist(pos[x], ca) < math.dist(pos[x], cb) for x in a)


def test_layout_of_nothing_much():
    assert layout.layout([], [], {}, {}) == {}
    assert layout.layout(["x"], [], {}, {"x": 5.0}) == {"x": (0.0, 0.0)}
    loose = layout.layout(["x", "y", "z"], [], {}, {k: 5.0 for k in "xyz"})
    assert len({p for p in loose.values()}) == 3


def test_a_view_too_large_is_left_to_the_browser(store, monkeypatch):
    monkeypatch.setattr(layout, "MAX_NODES", 10)
    assert MemoryStore(store.result).layout(400) == {}


def test_concurrent_requests_compute_the_layout_once(seed_result, monkeypatch):
    fresh = MemoryStore(seed_result)
    calls = []
    real = layout.layout

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(layout, "layout", counted)
    threads = [threading.Thread(target=fresh.layout, args=(400,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1


@pytest.mark.skipif(not (CORPORA / GARDEN).is_dir(), reason="the garden corpus is not here")
def test_garden_layout_is_quick_enough_to_compute_once_per_build():
    import time

    store = MemoryStore(built(GARDEN))
    store._communities()
    t = time.perf_counter()
    pos = store.layout(400)
    seconds = time.perf_counter() - t
    print(f"\nlayout of the garden's whole graph: {len(pos)} nodes in {seconds:.2f} s")
    assert len(pos) >= 400


# ----------------------------------------------------------------------------- sections


def test_section_of_a_list_item(seed_result):
    s = sections.section(seed_result, "rag")
    assert (s.file, s.line, s.heading) == ("ai-basics.md", 57, "Lingo")
    assert s.start <= s.line <= s.end and s.editor == ()
    assert '<li class="here"><mark>RAG</mark>' in s.html
    assert "<mark>检索增强生成</mark>" in s.html
    # external links open apart, without a referrer
    assert 'target="_blank" rel="noopener noreferrer nofollow"' in s.html


def test_section_of_a_note_title(seed_result):
    s = sections.section(seed_result, "ai人工智能基础")
    assert s.file == "ai-basics.md" and s.html.strip()
    assert sections.section(seed_result, "no such concept") is None


NASTY = """---
title: Nasty
---
# Nasty

Nasty is <script>alert(1)</script> a term with <img src=x onerror=alert(2)> raw HTML.

- [click](javascript:alert(3)) and [ok](https://example.org/x)
- ![remote](https://example.org/pic.png) and ![local](pics/a.png) and ![[embed.png]]
- [[Other note]] and [[Nowhere|a ghost]]

<div onclick="alert(4)">block html</div>
"""


@pytest.fixture()
def nasty(tmp_path):
    return build(write_notes(tmp_path / "notes", {"nasty.md": NASTY,
                                                  "Other note.md": "# Other note\n\ntext\n"}))


def test_section_html_is_escaped_and_never_runs_anything(nasty):
    cid = next(c.id for c in nasty.concepts.values() if c.label == "Nasty")
    s = sections.section(nasty, cid)
    html = s.html
    # raw HTML is text: shown escaped, never a tag
    assert "<script" not in html and "<img" not in html and "<div" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror" in html
    assert 'href="javascript' not in html
    assert 'href="https://example.org/x"' in html
    # remote images are placeholders unless allowed; local images and embeds always
    assert s.images == 1 and 'data-src="https://example.org/pic.png"' in html
    assert "image: local" in html and "embed: embed.png" in html
    shown = sections.section(nasty, cid, images=True)
    assert '<img src="https://example.org/pic.png"' in shown.html and shown.images == 0
    assert 'referrerpolicy="no-referrer"' in shown.html
    # wikilinks: to the viewer when they name a concept, a ghost otherwise
    other = next(c.id for c in nasty.concepts.values() if c.label == "Other note")
    assert f'href="/viewer?concept={other}"' in html
    assert 'class="wikilink ghost"' in html and "a ghost" in html


def test_section_is_never_read_outside_the_notes_folder(tmp_path):
    outside = tmp_path / "secret.md"
    outside.write_text("# Secret\n\nthe secret text\n", encoding="utf-8")
    notes = write_notes(tmp_path / "notes", {"a.md": "# A\n\n- Alpha: the first\n"})
    result = build(notes)
    cid = next(c.id for c in result.concepts.values() if c.label == "Alpha")
    # the note is replaced by a symlink out of the folder after the build
    (notes / "a.md").unlink()
    os.symlink(outside, notes / "a.md")
    assert sections.section(result, cid) is None
    # and a path that is no note of the build is never read
    assert sections._note_text(result, "../secret.md") is None
    assert sections._note_text(result, str(outside)) is None


def test_a_long_section_is_cut_around_the_line(tmp_path):
    items = "".join(f"- Term{i}: definition number {i}\n" for i in range(200))
    result = build(write_notes(tmp_path / "n", {"long.md": "# Long\n\n## Lots\n\n" + items}))
    cid = next(c.id for c in result.concepts.values() if c.label == "Term150")
    s = sections.section(result, cid)
    assert s.truncated and s.end - s.start < sections.MAX_LINES
    assert "<mark>Term150</mark>" in s.html and "Term10:" not in s.html
    assert s.heading == "Lots" and "<h4>Lots</h4>" in s.html


def test_editor_links_when_configured(tmp_path, monkeypatch):
    monkeypatch.delenv("GLOSSGRAPH_EDITOR", raising=False)
    notes = write_notes(tmp_path / "My Vault", {
        "sub/a b.md": "# A\n\n- Alpha: the first\n",
        "glossgraph.toml": '[viewer]\neditor = ["obsidian", "vscode"]\n'})
    result = build(notes)
    cid = next(c.id for c in result.concepts.values() if c.label == "Alpha")
    links = {e.editor: e.url for e in sections.section(result, cid).editor}
    assert links["obsidian"] == "obsidian://open?vault=My%20Vault&file=sub%2Fa%20b"
    assert links["vscode"].startswith("vscode://file/") and links["vscode"].endswith(
        "/My%20Vault/sub/a%20b.md:3")
    (notes / "glossgraph.toml").write_text('[viewer]\nobsidian_vault = "Garden"\n', encoding="utf-8")
    assert sections.section(result, cid).editor == ()
    monkeypatch.setenv("GLOSSGRAPH_EDITOR", "obsidian")
    (link,) = sections.section(result, cid).editor
    assert link.url.startswith("obsidian://open?vault=Garden&")


@pytest.mark.skipif(not (CORPORA / GARDEN).is_dir(), reason="the garden corpus is not here")
def test_every_garden_concept_has_a_section_quickly():
    import time

    result = built(GARDEN)
    ids = sorted(result.concepts)[::10]
    t = time.perf_counter()
    found = [sections.section(result, cid) for cid in ids]
    per = (time.perf_counter() - t) / len(ids)
    assert all(s is not None for s in found)
    assert sum(1 for s in found if s.html.strip()) > 0.9 * len(found)
    assert per < 0.2, f"{per:.3f} s per section"
