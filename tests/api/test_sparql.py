"""/sparql: the SPARQL 1.1 Protocol, read-only, over the served graph's SKOS export."""

from __future__ import annotations

import csv
import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib

from api.app import create_app
from api.holder import StoreHolder
from tests.api.client import AppClient
from tests.conftest import DATA, running_server

SKOS = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
LABELS_OF_RAG = SKOS + 'SELECT ?label WHERE { ?c skos:prefLabel "RAG"@en ; ' \
                       'skos:prefLabel|skos:altLabel ?label } ORDER BY ?label'


def select(client, query, accept="application/sparql-results+json", **kw):
    r = client.get("/sparql", params={"query": query, **kw}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    return r


def values(r) -> list[dict]:
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


def test_select_agrees_with_graphql(client):
    gql = client.post("/graphql", json={"query": '{ concept(label: "RAG") { labels { value } '
                                                 'synonyms { value } } }'}).json()
    concept = gql["data"]["concept"]
    want = sorted({x["value"] for x in concept["labels"] + concept["synonyms"]})
    got = sorted(row["label"] for row in values(select(client, LABELS_OF_RAG)))
    assert got == want and "检索增强生成" in got

    stats = client.post("/graphql", json={"query": "{ stats { concepts } }"}).json()
    count = SKOS + "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a skos:Concept ; " \
                   "skos:inScheme <http://testserver/scheme> }"
    assert int(values(select(client, count))[0]["n"]) == stats["data"]["stats"]["concepts"]


def test_every_result_format_says_the_same(client):
    rows = values(select(client, LABELS_OF_RAG))
    want = [r["label"] for r in rows]

    xml = ET.fromstring(select(client, LABELS_OF_RAG, "application/sparql-results+xml").content)
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    assert [b.find("s:binding/s:literal", ns).text for b in xml.iterfind(".//s:result", ns)] \
        == want

    text = select(client, LABELS_OF_RAG, "text/csv").content.decode()
    assert [r["label"] for r in csv.DictReader(io.StringIO(text))] == want

    tsv = select(client, LABELS_OF_RAG, "text/tab-separated-values").text.splitlines()
    assert tsv[0] == "?label" and len(tsv) == len(want) + 1 and '"RAG"@en' in tsv

    ask = select(client, SKOS + 'ASK { ?c skos:prefLabel "RAG"@en }')
    assert ask.json() == {"head": {}, "boolean": True}


def test_construct_is_part_of_the_rdf_export(client):
    whole = rdflib.Graph().parse(data=client.get("/rdf?format=nt").text, format="nt")
    q = SKOS + "CONSTRUCT { ?c skos:related ?d } WHERE { ?c skos:related ?d } LIMIT 50"
    r = client.post("/sparql", content=q, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    part = rdflib.Graph().parse(data=r.text, format="turtle")
    assert 0 < len(part) <= 50 and all(t in whole for t in part)
    nt = client.post("/sparql", data={"query": q}, headers={"Accept": "application/n-triples"})
    assert nt.status_code == 200 and len(rdflib.Graph().parse(data=nt.text, format="nt")) \
        == len(part)


def test_updates_are_refused_and_change_nothing(client):
    before = client.get("/rdf?format=nt").text
    insert = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    for r in (client.post("/sparql", content=insert,
                          headers={"Content-Type": "application/sparql-update"}),
              client.post("/sparql", data={"update": insert}),
              client.get("/sparql", params={"update": insert})):
        assert r.status_code == 403 and "source of truth" in r.json()["error"]
    r = client.get("/sparql", params={"query": insert})  # an update where a query goes
    assert r.status_code == 400 and "queries only" in r.json()["error"]
    assert client.get("/rdf?format=nt").text == before
    assert values(select(client, "SELECT * WHERE { <urn:a> ?p ?o }")) == []


def test_bad_requests_get_clear_errors(client):
    assert client.get("/sparql").status_code == 400
    r = client.post("/sparql", data={"query": "SELECT ?x WHERE { " + "x" * 100_000})
    assert r.status_code == 400 and len(r.text) < 2_000
    r = client.post("/sparql", content="SELECT * {}", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    r = client.get("/sparql", params={"query": "SELECT * {}", "default-graph-uri": "not an iri"})
    assert r.status_code == 400
    r = client.post("/sparql", content="x" * 2_000_000,
                    headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


def test_answers_are_bounded(result):
    everything = "SELECT * WHERE { ?s ?p ?o }"
    with AppClient(create_app(StoreHolder(result), sparql_limit=5)) as c:
        r = select(c, everything)
        assert r.headers["X-Result-Truncated"] == "true; limit=5"
        assert len(r.json()["results"]["bindings"]) == 5
        assert "X-Result-Truncated" not in select(c, LABELS_OF_RAG).headers
    # every pair of triples: millions of rows, far past a 0.3 s limit
    with AppClient(create_app(StoreHolder(result), query_timeout=0.3,
                              sparql_limit=10**9)) as c:
        r = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }"})
        assert r.status_code == 503 and "time limit (0.3 s)" in r.json()["error"]
        assert select(c, LABELS_OF_RAG).status_code == 200  # its slot was given back


def test_a_real_sparql_client_over_http(tmp_path):
    """rdflib's SPARQLStore speaks the protocol to a real `glossgraph serve`."""
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    notes = tmp_path / "notes"
    shutil.copytree(DATA, notes)
    with running_server(notes, "--no-watch") as server:
        # RDF's libraries are loaded by the first query, not by a server nobody asks RDF
        assert "pyoxigraph" not in _mapped(server.proc.pid)
        graph = rdflib.Graph(SPARQLStore(f"{server.url}/sparql", returnFormat="json"))
        rows = list(graph.query(LABELS_OF_RAG))
        assert "Retrieval-Augment Generation" in {str(r[0]) for r in rows}
        assert graph.query(SKOS + 'ASK { ?c skos:prefLabel "RAG"@en }').askAnswer is True
        assert "pyoxigraph" in _mapped(server.proc.pid)


def _mapped(pid: int) -> str:
    """The files a process has mapped (its loaded extension modules among them)."""
    return Path(f"/proc/{pid}/maps").read_text()
