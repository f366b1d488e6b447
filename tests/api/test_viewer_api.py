"""What the viewer reads over HTTP (issue 13): topics, positions, the note beside the graph,
ghosts, and the viewer's own files (ES modules and the layout worker), in process (httpx over
ASGI)."""

from __future__ import annotations

import re

import pytest

from api.app import create_app
from api.cost import DEFAULT_BUDGET, estimate
from api.holder import StoreHolder
from api.schema import schema
from graph import build
from tests.api.client import AppClient
from tests.conftest import REPO, write_notes

JS = REPO / "api" / "static" / "js"


def data(client, query, variables=None):
    r = client.post("/graphql", json={"query": query, "variables": variables or {}})
    assert r.status_code == 200, r.text
    body = r.json()
    assert "errors" not in body, body
    return body["data"]


def test_communities_agree_everywhere(client):
    d = data(client, """{ communities(first: 1000) { id label size centerId }
        concept(id: "rag") { community { id label size } }
        overview(limit: 400) { nodes { id kind community } } }""")
    groups = d["communities"]
    assert [g["id"] for g in groups] == list(range(len(groups)))
    assert sum(g["size"] for g in groups) == len([n for n in d["overview"]["nodes"]
                                                 if n["kind"] == "term"])  # seed: all in view
    by_id = {g["id"]: g for g in groups}
    mine = d["concept"]["community"]
    assert by_id[mine["id"]] == {**mine, "centerId": by_id[mine["id"]]["centerId"]}
    node = next(n for n in d["overview"]["nodes"] if n["id"] == "term:rag")
    assert node["community"] == mine["id"]
    assert all(n["community"] is None for n in d["overview"]["nodes"] if n["kind"] != "term")
    center = data(client, '{ concept(id: "%s") { label } }' % groups[0]["centerId"])
    assert center["concept"]["label"] == groups[0]["label"]


def test_layout_places_the_overview(client):
    d = data(client, "{ overview(limit: 400) { nodes { id } } layout(limit: 400) { id x y } }")
    assert {p["id"] for p in d["layout"]} == {n["id"] for n in d["overview"]["nodes"]}
    assert len({(p["x"], p["y"]) for p in d["layout"]}) == len(d["layout"])
    assert data(client, "{ layout(limit: 5) { id } }")["layout"]
    r = client.post("/graphql", json={"query": "{ layout(limit: 0) { id } }"}).json()
    assert "limit must be between" in r["errors"][0]["message"]


def test_the_note_beside_the_graph(client):
    d = data(client, """{ concept(id: "rag") { section { file line startLine endLine heading
        html remoteImages truncated editor { editor name url } } } }""")
    s = d["concept"]["section"]
    assert (s["file"], s["line"], s["heading"]) == ("ai-basics.md", 57, "Lingo")
    assert s["startLine"] <= 57 <= s["endLine"] and s["editor"] == []
    assert '<li class="here"><mark>RAG</mark>' in s["html"]
    assert data(client, '{ concept(id: "rag") { section(images: true) { file } } }')


def test_graph_nodes_carry_path_tag_and_ghost(tmp_path):
    notes = write_notes(tmp_path / "notes", {
        "Cards/alpha.md": "---\ntags: [topic]\n---\n# Alpha\n\nSee [[Vercel]] and [[Beta]].\n",
        "Spaces/beta.md": "# Beta\n\n- Gamma: a thing\n"})
    with AppClient(create_app(StoreHolder(build(notes)))) as c:
        d = data(c, """{ overview(limit: 400) { nodes { id kind path ghost tag } }
            unresolvedLinks { target concept { conceptId ghost } note { path concept { conceptId } } } }""")
    nodes = {n["id"]: n for n in d["overview"]["nodes"]}
    alpha = next(n for n in nodes.values() if n["id"] == "term:alpha")
    assert alpha["path"] == "Cards/alpha.md" and alpha["tag"] == "topic" and not alpha["ghost"]
    assert nodes["term:beta"]["path"] == "Spaces/beta.md" and nodes["term:beta"]["tag"] is None
    assert nodes["term:vercel"]["ghost"] is True
    assert all(n["path"] is None and n["ghost"] is False for n in nodes.values() if n["kind"] == "tag")
    (link,) = d["unresolvedLinks"]
    assert link["target"] == "[[Vercel]]" and link["concept"] == {"conceptId": "vercel", "ghost": True}
    assert link["note"] == {"path": "Cards/alpha.md", "concept": {"conceptId": "alpha"}}


# ----------------------------------------------------------------------------- the viewer's files


def viewer_queries() -> dict[str, str]:
    js = (JS / "api.js").read_text(encoding="utf-8")
    fields = re.search(r"const GRAPH_FIELDS = '([^']*)'", js)[1]
    return {name: text.replace("${GRAPH_FIELDS}", fields)
            for name, _, text in re.findall(r"const (Q_[A-Z_]+) = (['`])(.*?)\2;", js, re.S)}


def test_every_viewer_query_fits_the_budget_at_its_largest():
    from graphql import parse

    limit = int(re.search(r"MAX_LIMIT = (\d+)", (JS / "urlstate.js").read_text())[1])
    queries = viewer_queries()
    assert {"Q_OVERVIEW", "Q_LAYOUT", "Q_NEIGHBORHOOD", "Q_SEARCH", "Q_CONCEPT", "Q_SECTION",
            "Q_TAG", "Q_NOTES", "Q_META", "Q_GHOSTS"} <= set(queries)
    largest = {"limit": limit, "depth": 3, "id": "rag", "text": "rag", "name": "x", "tags": [],
               "images": True}
    costs = {name: estimate(schema._schema, parse(q), None, largest).cost
             for name, q in queries.items() if not q.startswith("subscription")}
    assert max(costs.values()) <= DEFAULT_BUDGET, costs
    assert costs["Q_OVERVIEW"] == 14 * limit  # 2 fields, 8 per node, 4 per edge


def test_every_viewer_query_is_valid(client):
    from graphql import parse, validate

    for name, q in viewer_queries().items():
        assert not validate(schema._schema, parse(q)), name


@pytest.mark.parametrize("path", ["/static/js/main.js", "/static/js/layout-worker.js",
                                  "/static/js/urlstate.js"])
def test_the_modules_are_served_as_javascript(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] in ("text/javascript", "application/javascript")


def test_every_module_the_page_preloads_exists_and_every_module_is_preloaded(client):
    page = client.get("/viewer").text
    preloaded = set(re.findall(r'rel="modulepreload" href="/static/js/([^"]+)"', page))
    modules = {p.name for p in JS.glob("*.js")} - {"layout-worker.js"}
    assert preloaded == modules
    assert '<script type="module" src="/static/js/main.js">' in page
    # imports name modules that exist
    for p in JS.glob("*.js"):
        for dep in re.findall(r"from '\./([^']+)'|import\('\./([^']+)'\)", p.read_text()):
            assert (JS / (dep[0] or dep[1])).is_file(), (p.name, dep)


# ----------------------------------------------------------------------------- the first view


def test_the_first_view_is_preloaded_by_the_url_the_modules_ask_for(client):
    """viewer.html preloads the whole graph and its positions (GET /graphql?query=…) so that
    they are asked for while the scripts load; the links must be the URLs api.js builds
    (node runs it), else the browser would ask twice."""
    import html
    import json
    import subprocess

    page = client.get("/viewer").text
    links = [html.unescape(x) for x in re.findall(
        r'<link rel="preload" as="fetch" crossorigin="anonymous" data-first-view href="([^"]+)"',
        page)]
    script = ("import { getUrl, Q_OVERVIEW, Q_LAYOUT } from './api/static/js/api.js';"
              "console.log(JSON.stringify([getUrl(Q_OVERVIEW, { limit: 400 }),"
              " getUrl(Q_LAYOUT, { limit: 400 })]));")
    built = json.loads(subprocess.run(["node", "--input-type=module", "-e", script], cwd=REPO,
                                      capture_output=True, text=True, check=True).stdout)
    assert links == built
    assert '<link rel="preload" as="fetch" crossorigin="anonymous" href="/registry">' in page
    overview, layout = (client.get(u).json()["data"] for u in links)
    assert {p["id"] for p in layout["layout"]} == {n["id"] for n in overview["overview"]["nodes"]}
    # another first view: no preload of the whole graph (it would go unused)
    for query in ("?concept=rag&depth=2", "?limit=800", "?tags=x", "?center=rag&depth=1"):
        other = client.get("/viewer" + query).text
        assert "data-first-view href" not in other and '<script type="module"' in other, query
    assert "data-first-view href" in client.get("/viewer?concept=rag").text


# ------------------------------------------------------------------ one edge-kind vocabulary


def test_one_edge_kind_vocabulary(client):
    """Relation.kind, PathStep.kind and GraphEdge.kind: the registry's kinds, written as the
    values of RelationKind (LINK …) and BROADER, SYNONYM, TAGGED, DEFINED."""
    from graph import registry

    vocabulary = {k.key.upper() for k in registry.KINDS}
    relation_kinds = {v["name"] for v in data(
        client, '{ __type(name: "RelationKind") { enumValues { name } } }')["__type"]["enumValues"]}
    assert relation_kinds == {k.key.upper() for k in registry.RELATION_KINDS} <= vocabulary
    d = data(client, """{ overview(limit: 400) { edges { type kind } }
        neighborhood(id: "rag", depth: 2) { edges { type kind } }
        concept(id: "rag") { related(first: 100) { kind } }
        broader: path(from: "cudnn", to: "nvidia", kinds: ["BROADER"]) { steps { kind } }
        mixed: path(from: "rag", to: "cudnn", maxLength: 6) { steps { kind } } }""")
    edges = d["overview"]["edges"] + d["neighborhood"]["edges"]
    by_type = {}
    for e in edges:
        assert e["kind"] in vocabulary, e
        by_type.setdefault(e["type"], set()).add(e["kind"])
    assert by_type["RELATED_TO"] <= relation_kinds and by_type["BROADER"] == {"BROADER"}
    assert by_type.get("TAGGED", {"TAGGED"}) == {"TAGGED"}
    assert by_type.get("HAS_SYNONYM", {"SYNONYM"}) == {"SYNONYM"}
    assert {r["kind"] for r in d["concept"]["related"]} <= relation_kinds
    assert [s["kind"] for s in d["broader"]["steps"]] == ["BROADER"]
    assert {s["kind"] for s in d["mixed"]["steps"]} <= relation_kinds
    notes = data(client, '{ neighborhood(id: "rag", kinds: ["DEFINED_IN"]) { edges { kind } } }')
    assert {e["kind"] for e in notes["neighborhood"]["edges"]} == {"DEFINED"}


def test_related_count_adds_up_to_the_degree(client, result):
    """degree = concepts related (relatedCount, all of them) + those only broader/narrower:
    what lets the viewer's header and panel agree for a hub whose relations pass 100."""
    from graph.store import MemoryStore

    store = MemoryStore(result)
    q = """query($id: String!) { concept(id: $id) { degree relatedCount
        related(first: 100) { target { conceptId } } broader { conceptId }
        narrower { conceptId } } }"""
    hub = max(result.concepts, key=store.degree)
    for cid in [hub, "rag", *sorted(result.concepts)[:30]]:
        c = data(client, q, {"id": cid})["concept"]
        related = {r.target for r in store.relations(cid)}
        assert c["relatedCount"] == len(related)
        hier = {x["conceptId"] for x in c["broader"] + c["narrower"]}
        assert c["degree"] == len(related | hier)
    c = data(client, q, {"id": hub})["concept"]
    assert len(c["related"]) == 100 < c["relatedCount"]  # the panel's case of issue 13


def test_the_viewer_work_starts_when_the_viewer_page_is_asked_for(seed_result):
    """Communities and the whole-graph layout are made in the background when the viewer page
    is first asked for, not at startup: over a big vault they hold the interpreter for minutes,
    which API clients and the first edits would wait for."""
    import threading

    def finish_warming() -> None:
        for t in threading.enumerate():
            if t.name == "glossgraph-warm":
                t.join(timeout=60)

    holder = StoreHolder(seed_result)
    with AppClient(create_app(holder)) as c:
        assert c.get("/health").status_code == 200
        assert c.post("/graphql", json={"query": "{ stats { concepts } }"}).status_code == 200
        finish_warming()
        made = holder.current.store.__dict__.get("_viewer", {})
        assert "communities" not in made  # nothing done for the viewer yet
        assert c.get("/viewer").status_code == 200
        finish_warming()
        made = holder.current.store.__dict__.get("_viewer", {})
        assert "communities" in made and ("layout", 400) in made
        assert not holder.current.store.viewer_used()  # made ahead, not asked for yet
