"""The fuzzer's own checks can fail: a stub server that answers 500, slowly, or with a body
of the wrong shape gives one finding each; the GraphQL shape check rejects wrong responses."""

from __future__ import annotations

import http.server
import json
import threading
import time

import pytest

from tests.fuzz import test_fuzz
from tests.fuzz.test_fuzz import Findings, fuzz, graphql_shape_errors

STUB_API = {
    "openapi": "3.0.3",
    "info": {"title": "stub", "version": "1"},
    "paths": {
        path: {"get": {"operationId": path.strip("/"), "responses": {"200": {
            "description": "ok", "content": {"application/json": {"schema": {
                "type": "object", "required": ["status"],
                "properties": {"status": {"enum": ["ok"]}}}}}}}}}
        for path in ("/fine", "/boom", "/slow", "/shape")},
}


class Stub(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server name
        status, body = 200, {"status": "ok"}
        if self.path.startswith("/boom"):
            status, body = 500, {"error": "internal error"}
        elif self.path.startswith("/slow"):
            time.sleep(0.3)
        elif self.path.startswith("/shape"):
            body = {"status": 42}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture()
def stub():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_fuzzer_reports_5xx_slow_answers_and_wrong_shapes(stub, monkeypatch, tmp_path):
    import schemathesis
    from schemathesis import checks

    monkeypatch.setattr(test_fuzz, "SLOW", 0.2)
    monkeypatch.setattr(test_fuzz, "EXAMPLES", 2)
    monkeypatch.setattr(test_fuzz, "OUT", tmp_path)
    findings = Findings("stub")
    seconds = fuzz(schemathesis.openapi.from_dict(STUB_API), stub,
                   [checks.not_a_server_error, checks.response_schema_conformance], findings)
    assert sorted(seconds) == ["GET /boom", "GET /fine", "GET /shape", "GET /slow"]
    found = {(e["operation"], e["kind"]) for e in findings.first.values()}
    assert ("GET /boom", "Server error") in found, found
    assert ("GET /slow", "slower than 0.2 s") in found, found
    assert any(op == "GET /shape" and "schema" in kind.lower() for op, kind in found), found
    assert not any(op == "GET /fine" for op, _ in found), found
    report = findings.report()
    assert "curl" in report and "/boom" in report
    findings.save()
    assert json.loads((tmp_path / "stub.json").read_text())["findings"]


SDL = """
interface Node { id: ID! }
enum Kind { LINK MENTION }
type Concept implements Node { id: ID!  label: String!  degree: Int!  kind: Kind  tags: [Tag!]! }
type Tag implements Node { id: ID!  count: Int! }
type Query { concept(id: String): Concept  node(id: ID!): Node  all: [Concept!]! }
"""


def test_the_graphql_shape_check():
    from graphql import build_schema

    schema = build_schema(SDL)
    query = "{ c: concept(id: \"a\") { label degree kind tags { count } } all { id } }"
    good = {"data": {"c": {"label": "A", "degree": 2, "kind": "LINK", "tags": [{"count": 1}]},
                     "all": [{"id": "a"}]}}
    assert graphql_shape_errors(schema, query, good) == []
    assert graphql_shape_errors(schema, query, {"data": None, "errors": [{"message": "x"}]}) == []
    bad = {
        "null in non-null": {"data": {"c": {"label": None, "degree": 2, "kind": None,
                                            "tags": []}, "all": []}},
        "wrong scalar": {"data": {"c": {"label": "A", "degree": "2", "kind": None, "tags": []},
                                  "all": []}},
        "bool is no Int": {"data": {"c": {"label": "A", "degree": True, "kind": None,
                                          "tags": []}, "all": []}},
        "not an enum value": {"data": {"c": {"label": "A", "degree": 1, "kind": "FRIEND",
                                             "tags": []}, "all": []}},
        "missing key": {"data": {"c": {"label": "A", "kind": None, "tags": []}, "all": []}},
        "extra key": {"data": {"c": {"label": "A", "degree": 1, "kind": None, "tags": [],
                                     "secret": 1}, "all": []}},
        "not a list": {"data": {"c": {"label": "A", "degree": 1, "kind": None, "tags": {}},
                                "all": []}},
        "null list item": {"data": {"c": None, "all": [None]}},
        "top-level key": {"data": {"c": None, "all": []}, "trace": "..."},
        "errors shape": {"errors": "boom"},
        "not an object": [],
    }
    for name, payload in bad.items():
        assert graphql_shape_errors(schema, query, payload), name
    # an interface: the fields of the concrete type that fits
    query = "{ node(id: \"x\") { id ... on Concept { label } ... on Tag { count } } }"
    assert graphql_shape_errors(schema, query, {"data": {"node": {"id": "t", "count": 3}}}) == []
    assert graphql_shape_errors(schema, query, {"data": {"node": {"id": "c", "label": "C"}}}) \
        == []
    assert graphql_shape_errors(schema, query, {"data": {"node": {"id": "c", "count": "3"}}})
