"""End to end: a real `glossgraph serve` on 127.0.0.1, queried as clients do.

One server for the module: the graphql-http conformance audit (node), the `gql` client
library, and linked data over real HTTP.
"""

from __future__ import annotations

import shutil
import subprocess

import httpx
import pytest

from tests.conftest import DATA, REPO, running_server

AUDIT = REPO / "tests" / "api" / "audit.mjs"


@pytest.fixture(scope="module")
def server():
    with running_server(DATA, "--no-watch") as running:
        yield running.url
    out = running.output()
    assert f"serving {DATA} at {running.url}/" in out
    assert " concepts, " in out  # the one-line summary
    assert "Traceback" not in out, out


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_graphql_over_http_audit_passes_must_and_should(server):
    if not (REPO / "node_modules" / "graphql-http").is_dir():
        pytest.skip("node_modules/graphql-http is missing (npm ci)")
    p = subprocess.run(["node", str(AUDIT), f"{server}/graphql"], cwd=REPO,
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stdout + p.stderr
    tally = p.stdout.strip().splitlines()[-1]
    assert "0 MUST failed, 0 SHOULD failed" in tally, p.stdout
    assert "WARN" not in p.stdout and "ERROR" not in p.stdout


def test_gql_client_library(server):
    from gql import Client, GraphQLRequest
    from gql.transport.httpx import HTTPXTransport

    transport = HTTPXTransport(url=f"{server}/graphql", timeout=10)
    with Client(transport=transport, fetch_schema_from_transport=True) as session:
        rag = session.execute(GraphQLRequest(
            """query($label: String!) { concept(label: $label) { id conceptId iri label
                 synonyms { value language } tags { label }
                 related { kind direction target { conceptId } evidence { file line } } } }""",
            variable_values={"label": "检索增强生成"}))["concept"]
        assert rag["conceptId"] == "rag" and rag["iri"] == f"{server}/concept/rag"
        assert {"value": "检索增强生成", "language": "zh"} in rag["synonyms"]
        assert {"kind": "HIERARCHY", "direction": "out",
                "target": {"conceptId": "ai人工智能基础"},
                "evidence": {"file": "ai-basics.md", "line": 57}} in rag["related"]
        hits = session.execute(GraphQLRequest(
            "query($t: String!) { search(text: $t, first: 3) { concept { label } field } }",
            variable_values={"t": "jqxx"}))["search"]
        assert hits[0] == {"concept": {"label": "机器学习"}, "field": "initials"}
        node = session.execute(GraphQLRequest(
            "query($id: ID!) { node(id: $id) { ... on Concept { conceptId } } }",
            variable_values={"id": rag["id"]}))["node"]
        assert node == {"conceptId": "rag"}
        path = session.execute(GraphQLRequest(
            '{ path(from: "rag", to: "cudnn", maxLength: 6) { length steps { kind } } }'))
        assert path["path"]["length"] == 2
        stats = session.execute(GraphQLRequest("{ stats { concepts version } }"))["stats"]
        assert stats["concepts"] > 0 and stats["version"] >= 1
        # The client validates against the served schema: a bad field never leaves it.
        from graphql import GraphQLError

        with pytest.raises(GraphQLError):
            session.execute(GraphQLRequest("{ concept(id: \"rag\") { nope } }"))


def test_linked_data_over_http(server):
    with httpx.Client(base_url=server, timeout=10) as c:
        iri = c.post("/graphql", json={"query": '{ concept(id: "rag") { iri } }'}) \
            .json()["data"]["concept"]["iri"]
        r = c.get(iri, headers={"accept": "text/turtle"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
        assert f"<{iri}>".encode() in c.get(iri, headers={"accept": "application/n-triples"}) \
            .content
        r = c.get(iri, headers={"accept": "text/html"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/viewer?concept=rag"
        assert c.get("/concept/nope", headers={"accept": "text/turtle"}).status_code == 404
        r = c.post("/graphql", json={"query": '{ concept(id: "机器学习") { label } }'})
        assert "机器学习".encode() in r.content
