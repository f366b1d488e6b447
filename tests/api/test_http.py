"""The non-GraphQL routes: RDF export and linked data, health, warnings, viewer and vendor files."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
import rdflib
from rdflib.namespace import SKOS

from api.app import create_app
from api.holder import StoreHolder
from graph import build
from tests.api.client import AppClient

BASE = "http://testserver/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RDF_TYPES = {"turtle": "text/turtle", "json-ld": "application/ld+json",
             "nt": "application/n-triples", "xml": "application/rdf+xml"}
PARSERS = {"turtle": "turtle", "json-ld": "json-ld", "nt": "nt", "xml": "xml"}
# rdflib's own JSON-LD parser warns about its internals.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")


def parse(response, fmt) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=response.content, format=PARSERS[fmt], publicID=BASE)
    return g


@pytest.mark.parametrize("fmt", list(RDF_TYPES))
def test_rdf_export_by_accept_and_by_format(client, result, fmt):
    by_accept = client.get("/rdf", headers={"accept": RDF_TYPES[fmt]})
    assert by_accept.status_code == 200
    assert by_accept.headers["content-type"].startswith(RDF_TYPES[fmt])
    assert by_accept.headers["vary"] == "Accept"
    by_param = client.get(f"/rdf?format={fmt}")
    assert by_param.content == by_accept.content
    g = parse(by_accept, fmt)
    concepts = set(g.subjects(rdflib.RDF.type, SKOS.Concept))
    assert rdflib.URIRef(BASE + "concept/rag") in concepts
    assert len({c for c in concepts if "/concept/" in str(c)}) == len(result.concepts)


def test_rdf_defaults_to_turtle_caches_and_refuses_unknown_types(client):
    first = client.get("/rdf")  # no Accept header → Turtle
    assert first.headers["content-type"] == "text/turtle; charset=utf-8"
    again = client.get("/rdf", headers={"accept": "*/*"})
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert client.get("/rdf", headers={"if-none-match": first.headers["etag"]}).status_code == 304
    prefers = client.get("/rdf", headers={"accept": "text/turtle;q=0.5, application/ld+json"})
    assert prefers.headers["content-type"].startswith("application/ld+json")
    no = client.get("/rdf", headers={"accept": "image/png"})
    assert no.status_code == 406 and "text/turtle" in no.json()["error"]
    bad = client.get("/rdf?format=pdf")
    assert bad.status_code == 400 and "turtle, json-ld, nt or xml" in bad.json()["error"]


def test_concept_dereferences_as_rdf(client):
    r = client.get("/concept/rag", headers={"accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = parse(r, "turtle")
    rag = rdflib.URIRef(BASE + "concept/rag")
    assert (rag, SKOS.prefLabel, rdflib.Literal("RAG", lang="en")) in g
    assert (rag, SKOS.altLabel, rdflib.Literal("检索增强生成", lang="zh")) in g
    for fmt, media in RDF_TYPES.items():
        r = client.get("/concept/rag", headers={"accept": media})
        assert r.status_code == 200 and r.headers["content-type"].startswith(media)
        assert (rag, SKOS.prefLabel, rdflib.Literal("RAG", lang="en")) in parse(r, fmt)
    curl = client.get("/concept/rag", headers={"accept": "*/*"})
    assert curl.headers["content-type"].startswith("text/turtle")


def test_browsers_are_sent_to_the_viewer(client):
    r = client.get("/concept/rag", headers={"accept": BROWSER}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/viewer?concept=rag"
    r = client.get(f"/concept/{quote('机器学习')}", headers={"accept": BROWSER})
    assert r.status_code == 303 and r.headers["location"] == f"/viewer?concept={quote('机器学习')}"
    r = client.get(f"/tag/{quote('机器学习')}", headers={"accept": "text/html"})
    assert r.status_code == 303 and r.headers["location"] == f"/viewer?tag={quote('机器学习')}"
    r = client.get("/note/ai-basics.md", headers={"accept": "text/html"})
    assert r.status_code == 303
    assert r.headers["location"] == f"/viewer?concept={quote('ai人工智能基础')}"


def test_tags_and_notes_dereference(client):
    tag = client.get(f"/tag/{quote('机器学习')}", headers={"accept": "text/turtle"})
    assert tag.status_code == 200
    g = parse(tag, "turtle")
    assert (rdflib.URIRef(BASE + "tag/机器学习"), SKOS.prefLabel, None) in g
    note = client.get("/note/ai-basics.md", headers={"accept": "application/n-triples"})
    assert note.status_code == 200 and BASE.encode() + b"note/ai-basics.md" in note.content


def test_schemes_dereference_to_the_export(client):
    for path in ("/scheme", "/tags"):
        r = client.get(path, headers={"accept": "application/ld+json"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/rdf?format=json-ld"
        r = client.get(path, headers={"accept": "text/turtle"}, follow_redirects=True)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
        assert rdflib.URIRef(BASE + path[1:]) in set(parse(r, "turtle").subjects())
        r = client.get(path, headers={"accept": BROWSER}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/viewer"


def test_unknown_resources_are_404_with_a_message(client):
    for path in ("/concept/nope", "/tag/nope", "/note/nope.md", f"/concept/{quote('不存在')}"):
        for accept in ("text/turtle", BROWSER):
            r = client.get(path, headers={"accept": accept}, follow_redirects=False)
            assert r.status_code == 404, (path, accept)
            body = r.json()
            assert body["status"] == 404
            assert "nope" in body["error"] or "不存在" in body["error"]
    r = client.get("/concept/rag", headers={"accept": "image/png"})
    assert r.status_code == 406


def test_iris_in_the_api_dereference(client):
    d = client.post("/graphql", json={"query": '{ concept(id: "机器学习") { iri } '
                                               'tags { iri } notes { iri } }'}).json()["data"]
    for iri in [d["concept"]["iri"], *(t["iri"] for t in d["tags"]),
                *(n["iri"] for n in d["notes"])]:
        assert iri.startswith(BASE)
        r = client.get(iri[len(BASE) - 1:], headers={"accept": "text/turtle"})
        assert r.status_code == 200, iri
        assert rdflib.URIRef(iri) in set(parse(r, "turtle").subjects())


def test_api_agrees_with_the_rdf_export(client, result):
    """Labels, synonyms, tags and relations in GraphQL are what the RDF export states."""
    g = parse(client.get("/rdf?format=nt"), "nt")
    query = """query($after: String) { concepts(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { node { conceptId iri labels { value language } synonyms { value language }
          definition broader { iri } related(first: 100) { target { iri } } } } } }"""
    after, checked = None, 0
    while True:
        page = client.post("/graphql", json={"query": query, "variables": {"after": after}})
        conn = page.json()["data"]["concepts"]
        for edge in conn["edges"]:
            c = edge["node"]
            iri = rdflib.URIRef(c["iri"])
            assert {(str(o), o.language) for o in g.objects(iri, SKOS.prefLabel)} == \
                {(x["value"], x["language"]) for x in c["labels"]}, c["conceptId"]
            alt = {(str(o), o.language) for o in g.objects(iri, SKOS.altLabel)}
            assert alt == {(x["value"], x["language"]) for x in c["synonyms"]}, c["conceptId"]
            assert {str(o) for o in g.objects(iri, SKOS.broader)} <= \
                {b["iri"] for b in c["broader"]}
            related = {str(o) for o in g.objects(iri, SKOS.related)}
            if len(c["related"]) < 100:  # a hub's first 100 relations are not all of them
                assert related <= {r["target"]["iri"] for r in c["related"]}
            if c["definition"]:
                assert c["definition"] in {str(o) for o in g.objects(iri, SKOS.definition)}
            checked += 1
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert checked == len(result.concepts)


def test_rdf_follows_a_swap(result, tmp_path):
    from tests.conftest import write_notes

    holder = StoreHolder(result)
    with AppClient(create_app(holder, base_iri="https://example.org/g/")) as c:
        before = c.get("/rdf?format=nt")
        assert b"<https://example.org/g/concept/rag>" in before.content
        other = build(write_notes(tmp_path, {"z.md": "# Zebra\n\n- Stripe: a line\n"}))
        other.version = result.version + 1
        holder.swap(other)
        after = c.get("/rdf?format=nt")
        assert b"concept/rag>" not in after.content and b"concept/zebra>" in after.content
        assert after.headers["etag"] != before.headers["etag"]
        assert c.get("/concept/rag", headers={"accept": "text/turtle"}).status_code == 404


def test_health_and_warnings(client, result):
    h = client.get("/health").json()
    counts = result.counts()
    assert h["status"] == "ok" and h["version"] == result.version
    assert h["counts"] == {"notes": counts["notes"], "concepts": counts["concepts"],
                           "tags": counts["tags"], "edges": result.graph.number_of_edges()}
    assert h["warnings"] == len(result.warnings) and h["built_at"].endswith("+00:00")
    assert client.get("/warnings").json() == []


def test_warnings_list(tmp_path):
    from tests.conftest import write_notes

    root = write_notes(tmp_path, {"a.md": "# A\n\n- B: b\n", "empty.md": ""})
    with AppClient(create_app(StoreHolder(build(root)))) as c:
        assert c.get("/warnings").json() == [{"file": "empty.md", "line": 1,
                                              "message": "empty note", "code": "empty"}]
        assert c.get("/health").json()["warnings"] == 1


def test_viewer_static_and_vendor(client):
    r = client.get("/", follow_redirects=False)
    assert r.status_code in (302, 303, 307) and r.headers["location"] == "/viewer"
    viewer = client.get("/viewer")
    if viewer.status_code == 200:  # the viewer is another engineer's; it may be missing
        assert viewer.headers["content-type"].startswith("text/html")
    for name in ("cytoscape.js", "cytoscape-fcose.js", "layout-base.js", "cose-base.js"):
        r = client.get(f"/vendor/{name}")
        assert r.status_code == 200, name
        assert r.headers["content-type"].startswith("text/javascript") and len(r.content) > 1000
    assert client.get("/vendor/jquery.js").status_code == 404
    assert client.get("/vendor/..%2Fpackage.json").status_code == 404
    assert client.get("/static/../api/app.py").status_code == 404


def test_unknown_pages_are_json_404(client):
    r = client.get("/no/such/page")
    assert r.status_code == 404 and r.json()["error"] == "no such page: /no/such/page"
    r = client.post("/health")
    assert r.status_code == 405 and "error" in r.json()


def test_json_routes_keep_chinese_as_utf8(tmp_path):
    from tests.conftest import write_notes

    root = write_notes(tmp_path, {"笔记.md": ""})
    with AppClient(create_app(StoreHolder(build(root)))) as c:
        r = c.get("/warnings")
    assert "笔记.md".encode() in r.content and b"\\u" not in r.content
    assert json.loads(r.content)[0]["file"] == "笔记.md"


def test_head_is_answered_like_get(client):
    for path in ("/", "/viewer", "/health", "/warnings", "/rdf"):
        head = client.request("HEAD", path, follow_redirects=False)
        get = client.get(path, follow_redirects=False)
        assert head.status_code == get.status_code, path


def test_one_registry_of_formats_and_kinds(client):
    """Every alias the export accepts works over HTTP too (?format=json was refused), and the
    registry of kinds and formats is served for clients such as the viewer."""
    from graph import registry

    for f in registry.FORMATS:
        for name in (f.name, *f.aliases):
            r = client.get("/rdf", params={"format": name})
            assert r.status_code == 200 and r.headers["content-type"].startswith(f.media_type)
    reg = client.get("/registry").json()
    assert [k["key"] for k in reg["relationKinds"]] == ["link", "mention", "hierarchy",
                                                        "frontmatter"]
    assert {f["name"] for f in reg["formats"]} == set(registry.FORMAT_NAMES)
