"""The GraphQL API in process (httpx over ASGI): the schema as a client sees it."""

from __future__ import annotations

import base64
import json

import pytest

from api.app import create_app
from api.holder import StoreHolder
from graph import build
from tests.api.client import AppClient

GRAPHQL_RESPONSE = "application/graphql-response+json"


def gql(client, query, variables=None, accept="application/json", status=200):
    r = client.post("/graphql", json={"query": query, "variables": variables},
                    headers={"accept": accept})
    assert r.status_code == status, r.text
    return r.json()


def data(client, query, variables=None):
    body = gql(client, query, variables)
    assert "errors" not in body, body
    return body["data"]


def error(client, query, variables=None, **kw):
    body = gql(client, query, variables, **kw)
    assert body.get("errors"), body
    return body["errors"][0]


RAG = """
query($label: String!) {
  concept(label: $label) {
    id conceptId label labels { value language preferred }
    synonyms { value language preferred }
    definition tags { tagId label }
    related { kind direction target { conceptId label } evidence { file line text } }
    broader { conceptId } narrower { conceptId } sources { file line } degree
  }
}"""


def test_concept_by_label_with_synonyms_tags_and_related(client):
    for label in ("RAG", "rag", "检索增强生成", "Retrieval-Augment Generation"):
        c = data(client, RAG, {"label": label})["concept"]
        assert c["conceptId"] == "rag" and c["label"] == "RAG"
    assert c["labels"] == [{"value": "RAG", "language": "en", "preferred": True}]
    assert {"value": "检索增强生成", "language": "zh", "preferred": False} in c["synonyms"]
    assert {"value": "Retrieval-Augment Generation", "language": "en",
            "preferred": False} in c["synonyms"]
    assert c["definition"].startswith("RAG is an AI framework")
    assert c["sources"] == [{"file": "ai-basics.md", "line": 57}]
    out = [r for r in c["related"] if r["direction"] == "out"]
    assert out[0] == {"kind": "HIERARCHY", "direction": "out",
                      "target": {"conceptId": "ai人工智能基础", "label": "AI人工智能基础"},
                      "evidence": {"file": "ai-basics.md", "line": 57, "text": "RAG"}}
    # its definition names large language models (LLMs)
    assert [(r["kind"], r["target"]["conceptId"]) for r in out[1:]] == \
        [("MENTION", "ai备忘录"), ("MENTION", "llm")]
    assert any(r["direction"] == "in" and r["kind"] == "MENTION" for r in c["related"])
    assert c["degree"] == len({r["target"]["conceptId"] for r in c["related"]})


def test_concept_tags_broader_narrower_and_related_kinds(client):
    note = data(client, """{ concept(id: "ai人工智能基础") {
        tags { tagId label count concepts { conceptId } }
        related(kinds: [FRONTMATTER]) { kind target { conceptId } } } }""")["concept"]
    assert [t["label"] for t in note["tags"]] == ["机器学习", "神经网络", "深度学习", "知识图谱"]
    assert all(t["count"] >= 1 and {"conceptId": "ai人工智能基础"} in t["concepts"]
               for t in note["tags"])
    assert note["related"] and all(r["kind"] == "FRONTMATTER" for r in note["related"])
    cudnn = data(client, '{ concept(label: "cudnn") { broader { conceptId label } } }')
    assert cudnn["concept"]["broader"] == [{"conceptId": "nvidia", "label": "NVidia"}]
    nvidia = data(client, '{ concept(id: "nvidia") { narrower { conceptId } } }')
    assert {"conceptId": "cudnn"} in nvidia["concept"]["narrower"]


def test_label_by_language_and_unknown_concept_is_null(client):
    c = data(client, '{ concept(id: "机器学习") { zh: label(lang: "zh") en: label(lang: "en") '
                     'fr: label(lang: "fr") } }')["concept"]
    assert c == {"zh": "机器学习", "en": "Machine Learning", "fr": "机器学习"}
    assert data(client, '{ concept(label: "no such thing") { conceptId } }') == {"concept": None}
    err = error(client, "{ concept { conceptId } }")
    assert "id" in err["message"] and "label" in err["message"]


SEARCH = "query($t: String!, $n: Int) { search(text: $t, first: $n) " \
         "{ concept { conceptId label } score matched field } }"


def test_search_chinese_pinyin_initials_and_english_typo(client):
    hits = data(client, SEARCH, {"t": "增强"})["search"]
    assert hits[0]["concept"]["conceptId"] == "rag"
    assert hits[0]["matched"] == "检索增强生成" and hits[0]["field"] == "synonym"
    hits = data(client, SEARCH, {"t": "jqxx", "n": 3})["search"]
    assert hits[0]["concept"]["label"] == "机器学习" and hits[0]["field"] == "initials"
    hits = data(client, SEARCH, {"t": "jiqixuexi"})["search"]
    assert hits[0]["concept"]["label"] == "机器学习" and hits[0]["field"] == "pinyin"
    hits = data(client, SEARCH, {"t": "retreival", "n": 3})["search"]
    assert hits[0]["concept"]["conceptId"] == "rag"
    hits = data(client, SEARCH, {"t": "transfromer"})["search"]
    assert hits[0]["concept"]["conceptId"] == "transformer"
    assert data(client, SEARCH, {"t": "   "})["search"] == []
    scores = [h["score"] for h in data(client, SEARCH, {"t": "模型", "n": 10})["search"]]
    assert scores == sorted(scores, reverse=True)


CONCEPTS = """query($first: Int, $after: String, $filter: ConceptFilter) {
  concepts(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { conceptId } } } }"""


def test_concepts_connection_pages_through_everything(client, result):
    seen, after, pages = [], None, 0
    while True:
        page = data(client, CONCEPTS, {"first": 40, "after": after})["concepts"]
        assert page["totalCount"] == len(result.concepts)
        assert page["pageInfo"]["hasPreviousPage"] == (after is not None)
        seen += [e["node"]["conceptId"] for e in page["edges"]]
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == -(-len(result.concepts) // 40)
    assert seen == sorted(result.concepts) and len(set(seen)) == len(seen)
    default = data(client, "{ concepts { edges { node { conceptId } } } }")["concepts"]
    assert len(default["edges"]) == 20


def test_concepts_filters(client):
    tagged = data(client, CONCEPTS, {"filter": {"tag": "机器学习"}})["concepts"]
    assert [e["node"]["conceptId"] for e in tagged["edges"]] == ["ai人工智能基础"]
    searched = data(client, CONCEPTS, {"filter": {"search": "增强"}, "first": 5})["concepts"]
    assert searched["edges"][0]["node"]["conceptId"] == "rag"
    kind = data(client, CONCEPTS, {"filter": {"kind": "FRONTMATTER"}, "first": 100})
    ids = {e["node"]["conceptId"] for e in kind["concepts"]["edges"]}
    assert "ai人工智能基础" in ids and kind["concepts"]["totalCount"] == len(ids)
    empty = data(client, CONCEPTS, {"filter": {"tag": "nope"}})["concepts"]
    assert empty["totalCount"] == 0 and empty["edges"] == []
    assert empty["pageInfo"]["endCursor"] is None


def test_page_sizes_and_cursors_are_bounded(client):
    err = error(client, CONCEPTS, {"first": 101})
    assert err["message"] == "first must be between 0 and 100 (got 101)"
    assert err["extensions"]["code"] == "BAD_USER_INPUT" and err["path"] == ["concepts"]
    assert "invalid cursor" in error(client, CONCEPTS, {"after": "bm9wZQ=="})["message"]
    assert "first must be" in error(client, SEARCH, {"t": "a", "n": -1})["message"]
    assert "first must be" in error(client, "{ warnings(first: 100000) { file } }")["message"]


NEIGHBORHOOD = """query($id: String!, $depth: Int, $kinds: [String!]) {
  neighborhood(id: $id, depth: $depth, kinds: $kinds) {
    center truncated nodes { id kind label conceptId degree }
    edges { source target type kind } } }"""


def test_neighborhood(client):
    n = data(client, NEIGHBORHOOD, {"id": "rag"})["neighborhood"]
    assert n["center"] == "term:rag" and not n["truncated"]
    ids = {x["id"] for x in n["nodes"]}
    assert {"term:rag", "synonym:检索增强生成", "term:ai人工智能基础", "term:用法层级"} <= ids
    assert all(x["kind"] != "note" for x in n["nodes"])  # notes only when asked
    for e in n["edges"]:
        assert e["source"] in ids and e["target"] in ids
        # one vocabulary: a relation's kind is a RelationKind value, other edges their kind
        assert e["type"] != "NARROWER" and e["kind"] == {
            "HAS_SYNONYM": "SYNONYM", "TAGGED": "TAGGED", "BROADER": "BROADER",
            "DEFINED_IN": "DEFINED"}.get(e["type"], e["kind"])
        if e["type"] == "RELATED_TO":
            assert e["kind"] in {"LINK", "MENTION", "HIERARCHY", "FRONTMATTER"}
    deeper = data(client, NEIGHBORHOOD, {"id": "rag", "depth": 2})["neighborhood"]
    assert len(deeper["nodes"]) > len(n["nodes"])
    only = data(client, NEIGHBORHOOD, {"id": "rag", "depth": 2, "kinds": ["hierarchy"]})
    assert {e["kind"] for e in only["neighborhood"]["edges"]} == {"HIERARCHY"}
    notes = data(client, NEIGHBORHOOD, {"id": "rag", "kinds": ["DEFINED_IN"]})["neighborhood"]
    assert {x["id"] for x in notes["nodes"]} == {"term:rag", "note:ai-basics.md"}
    by_label = data(client, NEIGHBORHOOD, {"id": "检索增强生成"})["neighborhood"]
    assert by_label["center"] == "term:rag"


def test_neighborhood_bounds_and_errors(client):
    for depth in (0, 4, 100):
        err = error(client, NEIGHBORHOOD, {"id": "rag", "depth": depth})
        assert err["message"] == f"depth must be between 1 and 3 (got {depth})"
        assert err["extensions"]["code"] == "BAD_USER_INPUT"
    err = error(client, NEIGHBORHOOD, {"id": "rag", "kinds": ["friends"]})
    assert "unknown kind 'friends'" in err["message"] and "RELATED_TO" in err["message"]
    err = error(client, NEIGHBORHOOD, {"id": "nope"})
    assert "no concept" in err["message"] and "'nope'" in err["message"]


PATH = """query($from: String!, $to: String!, $max: Int, $kinds: [String!]) {
  path(from: $from, to: $to, maxLength: $max, kinds: $kinds) {
    length concepts { conceptId }
    steps { from { conceptId } to { conceptId } kind direction evidence { file line text } } } }"""


def test_path_with_kinds_and_evidence(client):
    # Both are listed in the note about AI: two steps.
    p = data(client, PATH, {"from": "rag", "to": "cudnn", "max": 6})["path"]
    assert [c["conceptId"] for c in p["concepts"]] == ["rag", "ai人工智能基础", "cudnn"]
    assert p["length"] == 2 == len(p["steps"])
    for step, (a, b) in zip(p["steps"], zip(p["concepts"], p["concepts"][1:])):
        assert step["from"] == a and step["to"] == b
        assert step["evidence"]["file"] == "ai-basics.md" and step["evidence"]["line"] > 0
    assert p["steps"][-1] == {"from": {"conceptId": "ai人工智能基础"}, "to": {"conceptId": "cudnn"},
                              "kind": "HIERARCHY", "direction": "in",
                              "evidence": {"file": "ai-basics.md", "line": 144,
                                           "text": "CUDNN"}}
    broader = data(client, PATH, {"from": "cudnn", "to": "nvidia", "kinds": ["BROADER"]})["path"]
    assert broader["steps"][0]["kind"] == "BROADER" and broader["steps"][0]["direction"] == "out"
    # Too short, or over kinds that do not connect them: no path (null, not an error).
    assert data(client, PATH, {"from": "rag", "to": "cudnn", "max": 1})["path"] is None
    assert data(client, PATH, {"from": "rag", "to": "cudnn", "kinds": ["link"]})["path"] is None
    by_label = data(client, PATH, {"from": "检索增强生成", "to": "AI人工智能基础"})["path"]
    assert by_label["length"] == 1 and by_label["steps"][0]["kind"] == "HIERARCHY"
    same = data(client, PATH, {"from": "rag", "to": "rag"})["path"]
    assert same["length"] == 0 and same["steps"] == []


def test_path_bounds_and_errors(client):
    for n in (0, 7):
        err = error(client, PATH, {"from": "rag", "to": "cudnn", "max": n})
        assert err["message"] == f"maxLength must be between 1 and 6 (got {n})"
    err = error(client, PATH, {"from": "rag", "to": "nope"})
    assert "no concept with id or label 'nope' (to)" in err["message"]
    err = error(client, PATH, {"from": "rag", "to": "cudnn", "kinds": ["TAGGED"]})
    assert "a path follows relations" in err["message"]


def test_node_round_trip(client):
    c = data(client, '{ concept(id: "rag") { id } tags { id tagId } notes { id path } }')
    gid = c["concept"]["id"]
    assert base64.b64decode(gid).decode() == "Concept:rag"
    node = data(client, 'query($id: ID!) { node(id: $id) { __typename id '
                        '... on Concept { conceptId } } }', {"id": gid})["node"]
    assert node == {"__typename": "Concept", "id": gid, "conceptId": "rag"}
    tag = c["tags"][0]
    node = data(client, 'query($id: ID!) { node(id: $id) { id ... on Tag { tagId } } }',
                {"id": tag["id"]})["node"]
    assert node == tag
    note = c["notes"][0]
    node = data(client, 'query($id: ID!) { node(id: $id) { id ... on Note { path title '
                        'concept { conceptId } } } }', {"id": note["id"]})["node"]
    assert node["path"] == "ai-basics.md" and node["concept"]["conceptId"] == "ai人工智能基础"
    missing = base64.b64encode("Concept:nope".encode()).decode()
    assert data(client, 'query($id: ID!) { node(id: $id) { id } }', {"id": missing}) == \
        {"node": None}
    err = error(client, '{ node(id: "!!") { id } }')
    assert "not a global id" in err["message"]


def test_tags_notes_stats_warnings(client, result):
    d = data(client, """{ tags { tagId label count } tag(name: "#机器学习") { tagId }
        notes { path title } stats { version builtAt buildSeconds notes concepts tags edges
        warnings edgesByType { key count } } warnings { file line message code } }""")
    assert [t["label"] for t in d["tags"]] == sorted(t.label for t in result.tags.values())
    assert d["tag"] == {"tagId": "机器学习"}
    assert d["notes"] == [{"path": "ai-basics.md", "title": "AI人工智能基础"}]
    s = d["stats"]
    counts = result.counts()
    assert (s["notes"], s["concepts"], s["tags"], s["warnings"]) == \
        (counts["notes"], counts["concepts"], counts["tags"], counts["warnings"])
    assert s["edges"] == result.graph.number_of_edges() == sum(c["count"] for c in
                                                                s["edgesByType"])
    assert {c["key"]: c["count"] for c in s["edgesByType"]} == counts["edges"]
    assert s["version"] == result.version and s["builtAt"].endswith("+00:00")
    assert d["warnings"] == []


def test_warnings_of_a_broken_note(tmp_path):
    from tests.conftest import write_notes

    root = write_notes(tmp_path, {"ok.md": "# A\n\n- B: b\n", "empty.md": ""})
    with AppClient(create_app(StoreHolder(build(root)))) as c:
        w = data(c, "{ warnings { file line message code } stats { warnings } }")
    assert w["warnings"] == [{"file": "empty.md", "line": 1, "message": "empty note",
                              "code": "empty"}]
    assert w["stats"]["warnings"] == 1


def test_overview(client, result):
    o = data(client, "{ overview { center truncated nodes { id kind degree } "
                     "edges { source target type kind } } }")["overview"]
    kinds = {n["kind"] for n in o["nodes"]}
    assert o["center"] is None and not o["truncated"] and kinds == {"term", "tag"}
    assert len(o["nodes"]) == len(result.concepts) + len(result.tags)
    assert {e["type"] for e in o["edges"]} == {"RELATED_TO", "BROADER", "TAGGED"}
    degrees = [n["degree"] for n in o["nodes"]]
    assert degrees == sorted(degrees, reverse=True)
    small = data(client, "{ overview(limit: 10) { truncated nodes { id } "
                         "edges { source target } } }")
    ids = {n["id"] for n in small["overview"]["nodes"]}
    assert small["overview"]["truncated"] and len(ids) == 10 and o["nodes"][0]["id"] in ids
    assert all(e["source"] in ids and e["target"] in ids for e in small["overview"]["edges"])
    tagged = data(client, '{ overview(tags: ["机器学习"], notes: true) { nodes { id } } }')
    assert {n["id"] for n in tagged["overview"]["nodes"]} == \
        {"term:ai人工智能基础", "tag:机器学习", "note:ai-basics.md"}
    assert "limit must be" in error(client, "{ overview(limit: 0) { truncated } }")["message"]


def test_iris_follow_the_request_url(client):
    d = data(client, '{ concept(id: "rag") { iri } tag(name: "机器学习") { iri } '
                     'notes { iri } }')
    assert d["concept"]["iri"] == "http://testserver/concept/rag"
    assert d["tag"]["iri"].startswith("http://testserver/tag/")
    assert d["notes"][0]["iri"].startswith("http://testserver/note/")


def test_chinese_is_utf8_not_escaped(client):
    r = client.post("/graphql", json={"query": '{ concept(id: "机器学习") { label } }'})
    assert r.headers["content-type"] == "application/json; charset=utf-8"
    assert "机器学习".encode() in r.content and b"\\u" not in r.content
    assert r.content == '{"data":{"concept":{"label":"机器学习"}}}'.encode()


def test_media_types_and_request_errors(client):
    ok = client.post("/graphql", json={"query": "{ stats { concepts } }"},
                     headers={"accept": GRAPHQL_RESPONSE})
    assert ok.status_code == 200 and ok.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    both = client.post("/graphql", json={"query": "{ __typename }"},
                       headers={"accept": f"{GRAPHQL_RESPONSE}, application/json;q=0.9"})
    assert both.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    anything = client.post("/graphql", json={"query": "{ __typename }"},
                           headers={"accept": "*/*"})
    assert anything.headers["content-type"].startswith("application/json")
    # Fails before execution: 400 and no data under graphql-response+json, 200 under JSON.
    for query, variables in (("{ stats {", None), ("{ nope }", None),
                             ("query($n: Int) { search(text: \"a\", first: $n) { score } }",
                              {"n": "many"})):
        body = gql(client, query, variables, accept=GRAPHQL_RESPONSE, status=400)
        assert "data" not in body and body["errors"][0]["message"]
        body = gql(client, query, variables, status=200)
        assert "data" not in body and body["errors"]
    # A field error during execution is a 200 with data either way.
    body = gql(client, '{ neighborhood(id: "rag", depth: 9) { center } stats { notes } }',
               accept=GRAPHQL_RESPONSE)
    assert body["data"] is None and body["errors"][0]["path"] == ["neighborhood"]


@pytest.mark.parametrize("kwargs, status, message", [
    (dict(content=b'{"query": "{ stats { notes } }"}', headers={"content-type": "text/plain"}),
     415, "unsupported content type 'text/plain'"),
    (dict(content=b'{"query": "{ stats { notes } }"}', headers={}), 415,
     "unsupported content type"),
    (dict(content=b"", headers={"content-type": "application/json"}), 400,
     "the request body is empty"),
    (dict(content=b'{"query": ', headers={"content-type": "application/json"}), 400,
     "not valid JSON"),
    (dict(content=b'[{"query": "{ __typename }"}]', headers={"content-type": "application/json"}),
     400, "batched requests are not supported"),
    (dict(json={"variables": {}}), 400, "no GraphQL query"),
    (dict(json={"query": 1}), 400, "`query` must be a string"),
    (dict(json={"query": "{ __typename }", "variables": "x"}), 400, "`variables` must be"),
    (dict(json={"query": "{ __typename }"}, headers={"accept": "image/png"}), 406,
     "not acceptable"),
])
def test_malformed_requests_are_clear_4xx(client, kwargs, status, message):
    r = client.post("/graphql", **kwargs)
    assert r.status_code == status, r.text
    assert message in r.json()["errors"][0]["message"]


def test_get_queries_graphiql_and_no_mutations(client):
    r = client.get("/graphql", params={"query": '{ concept(id: "rag") { label } }'})
    assert r.status_code == 200 and r.json() == {"data": {"concept": {"label": "RAG"}}}
    page = client.get("/graphql", headers={"accept": "text/html,*/*;q=0.8"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    r = client.get("/graphql", params={"query": "mutation { x }"},
                   headers={"accept": GRAPHQL_RESPONSE})
    assert r.status_code == 405 and r.headers["allow"] == "POST"
    body = gql(client, "mutation { x }", accept=GRAPHQL_RESPONSE, status=400)
    assert "mutation" in body["errors"][0]["message"]
    r = client.put("/graphql", json={"query": "{ __typename }"})
    assert r.status_code == 405


def test_depth_alias_and_token_limits(client):
    deep = "{ concept(id: \"rag\") " + "{ related { target " * 6 + "{ label }" + " } }" * 6 + " }"
    err = error(client, deep, accept=GRAPHQL_RESPONSE, status=400)
    assert "exceeds maximum operation depth" in err["message"]
    aliases = "{ " + " ".join(f"a{i}: stats {{ notes }}" for i in range(31)) + " }"
    err = error(client, aliases, accept=GRAPHQL_RESPONSE, status=400)
    assert "aliases found" in err["message"]
    tokens = "{ " + "__typename " * 2100 + "}"
    err = error(client, tokens, accept=GRAPHQL_RESPONSE, status=400)
    assert "token" in err["message"].lower()
    # Introspection (GraphiQL's deep query) is not limited by depth.
    from graphql import get_introspection_query

    assert data(client, get_introspection_query())["__schema"]["queryType"]["name"] == "Query"


def test_internal_errors_are_masked(result, monkeypatch):
    from graph.store import MemoryStore

    def broken(self, *a, **kw):
        raise RuntimeError("secret detail")

    holder = StoreHolder(result)
    monkeypatch.setattr(MemoryStore, "stats", broken)
    with AppClient(create_app(holder), raise_app_exceptions=False) as c:
        r = c.post("/graphql", json={"query": "{ stats { notes } }"})
        assert r.status_code == 200
        err = r.json()["errors"][0]
        assert err["message"].startswith("internal error") and "secret" not in r.text
        assert err["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
        r = c.get("/health")
        assert r.status_code == 500 and r.json()["error"].startswith("internal error")
        assert "secret" not in r.text and "Traceback" not in r.text


def test_a_request_sees_one_build_even_when_swapped(result, tmp_path):
    """The store is read once per request: a swap in the middle of one does not show."""
    from graph.store import MemoryStore
    from tests.conftest import write_notes

    other = build(write_notes(tmp_path, {"x.md": "# Xylophone\n\n- Yak: a yak\n"}))
    other.version = result.version + 1

    class SwapsMidRequest(MemoryStore):
        def concept(self, cid):
            if holder.current.store is self:  # the first resolver triggers a rebuild
                assert holder.swap(other)
            return super().concept(cid)

    holder = StoreHolder(result, store_factory=lambda r: (SwapsMidRequest if r is result
                                                          else MemoryStore)(r))
    query = '{ concept(id: "rag") { label } stats { version concepts } }'
    with AppClient(create_app(holder)) as c:
        d = data(c, query)  # resolved after the swap, from the build the request began with
        assert d == {"concept": {"label": "RAG"},
                     "stats": {"version": result.version, "concepts": len(result.concepts)}}
        d = data(c, query)
        assert d == {"concept": None,
                     "stats": {"version": other.version, "concepts": len(other.concepts)}}
        assert not holder.swap(result)  # an older build does not come back
        assert c.get("/health").json()["version"] == other.version


def test_graphql_json_is_compact_and_valid(client):
    r = client.post("/graphql", json={"query": "{ tags { label } }"})
    assert json.loads(r.content.decode("utf-8")) == r.json()
    assert b": " not in r.content and b", " not in r.content


def test_why_is_this_here_and_unresolved_links(tmp_path):
    """Every concept and relation says which rule made it and how sure it is; links to no
    note are listed, not one warning each."""
    from api.app import create_app
    from api.holder import StoreHolder
    from graph import build
    from tests.api.client import AppClient
    from tests.conftest import write_notes

    root = write_notes(tmp_path, {"a.md": "# RAG\n\n- 向量数据库(vector database): 存向量。\n\n"
                                          "后端使用**Milvus**, see [[Zotero Sync]] and [[b]].\n",
                                  "b.md": "# B\n"})
    with AppClient(create_app(StoreHolder(build(root)))) as c:
        q = """{ concept(label: "Milvus") { rule confidence }
                 strong: concepts(filter: {minConfidence: 0.9}) { edges { node { label } } }
                 rag: concept(label: "RAG") { related { rule confidence target { label } } }
                 unresolvedLinks { target file line concept { label rule } } }"""
        d = c.post("/graphql", json={"query": q}).json()["data"]
    assert d["concept"]["rule"] == "bold" and 0.5 <= d["concept"]["confidence"] < 0.9
    strong = {e["node"]["label"] for e in d["strong"]["edges"]}
    assert "RAG" in strong and "Milvus" not in strong
    assert all(r["rule"] and 0 < r["confidence"] <= 1 for r in d["rag"]["related"])
    assert d["unresolvedLinks"] == [{"target": "[[Zotero Sync]]", "file": "a.md", "line": 5,
                                     "concept": {"label": "Zotero Sync", "rule": "wikilink"}}]
