"""Fuzzing a real `glossgraph serve` with schemathesis (issue 10, item 13).

A copy of data/ is served on 127.0.0.1 (a free port) by the real command line, then:

* GraphQL, schema mode: the schema is read from /graphql by introspection and schemathesis
  generates queries for each root field.
* The REST routes (/health, /warnings, /rdf, /concept/{id}, /tag/{id}, /note/{path}, /viewer)
  against tests/fuzz/openapi.yaml (the app publishes no OpenAPI document).

Each operation runs in three modes: positive (valid requests), real (valid requests with real
ids, labels, tags, formats and media types of the served graph put in, so that answers other
than "not found" are reached too) and negative (invalid requests).

A finding is a 5xx, a GraphQL error the server labels INTERNAL_SERVER_ERROR, a response that
breaks the schema (GraphQL: not a JSON object, keys or values of the wrong type, null in a
non-null field; REST: undocumented status, content type, headers or JSON shape), no answer at
all, or an answer slower than FUZZ_SLOW seconds. Each test runs every operation to the end and
then fails once, listing each distinct finding with the response and a curl command that
reproduces it (also written to test-output/fuzz/graphql.json and rest.json).

Plain `pytest` runs the short version (FUZZ_EXAMPLES=6: about 300 requests, some 10 s on a
quiet machine); `make fuzz` runs the long one (FUZZ_EXAMPLES=300, a random seed). Environment:
  FUZZ_EXAMPLES=6    examples per operation and mode
  FUZZ_SEED=0        Hypothesis seed; `random` picks one (printed with the findings)
  FUZZ_SLOW=5        seconds: a slower answer is a finding
"""

from __future__ import annotations

import json
import os
import random
import shutil
import time
import zlib
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO, http, running_server

pytestmark = pytest.mark.fuzz

HERE = Path(__file__).resolve().parent
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or 6)
SLOW = float(os.environ.get("FUZZ_SLOW") or 5)
_seed = os.environ.get("FUZZ_SEED") or "0"
SEED = random.randrange(2**32) if _seed == "random" else int(_seed)
TIMEOUT = 60  # a request with no answer after this long is a finding, not a hang
OUT = REPO / "test-output" / "fuzz"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A real `glossgraph serve` of a copy of data/ (nothing can write into data/)."""
    notes = tmp_path_factory.mktemp("fuzz") / "notes"
    shutil.copytree(DATA, notes)
    with running_server(notes, "--no-watch") as server:
        yield server


class Findings:
    """Distinct failures (operation, kind, detail) with the first reproduction of each."""

    def __init__(self, name: str):
        self.name = name
        self.first: dict[tuple, dict] = {}
        self.count: Counter = Counter()
        self.requests = 0
        self.by_operation: Counter = Counter()
        self.statuses: Counter = Counter()  # how the server answered: status (GraphQL: + errors)

    def add(self, case, kind: str, detail: str, response=None, curl: str | None = None) -> None:
        key = (case.operation.label, kind, detail.splitlines()[0][:200] if detail else "")
        self.count[key] += 1
        if key in self.first:
            return
        if curl is None:
            try:
                curl = case.as_curl_command()
            except Exception as exc:  # noqa: BLE001 - a reproduction that cannot be shown
                curl = f"(no curl command: {exc})"
        entry = {"operation": case.operation.label, "kind": kind, "detail": detail[:2000],
                 "curl": curl}
        if response is not None:
            entry["status"] = response.status_code
            entry["content_type"] = response.headers.get("content-type", [""])[0] \
                if isinstance(response.headers.get("content-type"), list) \
                else response.headers.get("content-type")
            entry["elapsed"] = round(response.elapsed, 3)
            entry["body"] = response.text[:1000]
        self.first[key] = entry

    def report(self) -> str:
        lines = [f"{len(self.first)} distinct findings in {self.requests} requests "
                 f"(FUZZ_SEED={SEED}, FUZZ_EXAMPLES={EXAMPLES}):"]
        for key, entry in self.first.items():
            lines.append(f"\n* {entry['operation']}: {entry['kind']} (seen {self.count[key]}×)")
            lines.append(f"  {entry['detail'][:600]}")
            if "status" in entry:
                lines.append(f"  response: {entry['status']} {entry['content_type']} in "
                             f"{entry['elapsed']} s: {entry['body'][:300]!r}")
            lines.append(f"  reproduce: {entry['curl']}")
        return "\n".join(lines)

    def save(self) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        data = {"seed": SEED, "examples": EXAMPLES, "requests": self.requests,
                "by_operation": dict(self.by_operation), "answers": dict(self.statuses),
                "findings": [{**e, "seen": self.count[k]} for k, e in self.first.items()]}
        (OUT / f"{self.name}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False),
                                               encoding="utf-8")


def graphql_shape_errors(schema, query: str, payload) -> list[str]:
    """Where a GraphQL response breaks the published schema: a GraphQL-over-HTTP body is an
    object of data/errors/extensions; `data` has exactly the requested keys (aliases), each
    value of its field's type (scalars, enums, lists, objects; null only where nullable)."""
    from graphql import (FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLEnumType,
                         GraphQLError, GraphQLList, GraphQLNonNull, GraphQLObjectType,
                         GraphQLScalarType, InlineFragmentNode, OperationDefinitionNode, parse)

    if not isinstance(payload, dict):
        return [f"the body is a {type(payload).__name__}, not an object"]
    problems = [f"unexpected top-level key {k!r}" for k in payload
                if k not in ("data", "errors", "extensions")]
    errors = payload.get("errors")
    if errors is not None and not (isinstance(errors, list) and errors and all(
            isinstance(e, dict) and isinstance(e.get("message"), str) for e in errors)):
        problems.append(f"`errors` is not a non-empty list of objects with a message: {errors!r}")
    if "data" not in payload and not errors:
        problems.append("neither `data` nor `errors`")
    data = payload.get("data")
    if data is None:
        return problems
    try:
        document = parse(query)
    except GraphQLError:
        return problems  # the server answered data to a query it could not parse either?
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    scalars = {"String": (str,), "ID": (str,), "Int": (int,), "Float": (int, float),
               "Boolean": (bool,)}

    def applies(condition, obj) -> bool:
        if condition is None or condition.name.value == obj.name:
            return True
        abstract = schema.get_type(condition.name.value)
        return abstract is not None and not isinstance(abstract, GraphQLObjectType) \
            and schema.is_sub_type(abstract, obj)

    def collect(obj, selection_set, out: dict) -> bool:
        """Response key → field nodes; False when a directive may drop a field."""
        exact = True
        for sel in selection_set.selections:
            exact &= not sel.directives
            if isinstance(sel, FieldNode):
                out.setdefault((sel.alias or sel.name).value, []).append(sel)
            elif isinstance(sel, InlineFragmentNode):
                if applies(sel.type_condition, obj):
                    exact &= collect(obj, sel.selection_set, out)
            elif isinstance(sel, FragmentSpreadNode):
                frag = fragments[sel.name.value]
                if applies(frag.type_condition, obj):
                    exact &= collect(obj, frag.selection_set, out)
        return exact

    def check(value, type_, nodes, path: str) -> list[str]:
        if isinstance(type_, GraphQLNonNull):
            if value is None:
                return [f"{path}: null in a non-null field ({type_})"]
            type_ = type_.of_type
        if value is None:
            return []
        if isinstance(type_, GraphQLList):
            if not isinstance(value, list):
                return [f"{path}: {value!r} is not a list ({type_})"]
            return [p for i, v in enumerate(value) for p in check(v, type_.of_type, nodes,
                                                                   f"{path}[{i}]")]
        if isinstance(type_, GraphQLScalarType):
            kinds = scalars.get(type_.name)
            if kinds and (not isinstance(value, kinds)
                          or (isinstance(value, bool) and type_.name != "Boolean")):
                return [f"{path}: {value!r} is not a {type_.name}"]
            return []
        if isinstance(type_, GraphQLEnumType):
            return [] if value in type_.values else [f"{path}: {value!r} is not in {type_}"]
        if not isinstance(value, dict):
            return [f"{path}: {value!r} is not an object ({type_})"]
        candidates = [type_] if isinstance(type_, GraphQLObjectType) \
            else list(schema.get_possible_types(type_))
        if "__typename" in value:
            candidates = [t for t in candidates if t.name == value["__typename"]] or candidates
        first: list[str] | None = None
        for obj in candidates:  # an abstract type: the first concrete type that fits
            fields: dict = {}
            exact = all([collect(obj, node.selection_set, fields) for node in nodes])
            found = [f"{path}: key {k!r} was not asked for ({obj.name})" for k in value
                     if k not in fields]
            if exact:
                found += [f"{path}: no {k!r} ({obj.name})" for k in fields if k not in value]
            for key, field_nodes in fields.items():
                if key not in value:
                    continue
                name = field_nodes[0].name.value
                if name == "__typename":
                    ok = value[key] == obj.name
                    found += [] if ok else [f"{path}.__typename: {value[key]!r} is not {obj.name}"]
                    continue
                field = obj.fields.get(name)
                if field is None:
                    found.append(f"{path}.{key}: {obj.name} has no field {name!r}")
                    continue
                found += check(value[key], field.type, field_nodes, f"{path}.{key}")
            if not found:
                return []
            first = found if first is None else first
        return first or [f"{path}: no type of {type_} fits"]

    root = schema.query_type if operation.operation.value == "query" else None
    if root is None:
        return problems
    return problems + check(data, GraphQLNonNull(root), [operation], "data")


def exercise(case, base_url: str, session, checks, findings: Findings,
             graphql_schema=None) -> None:
    """Send one generated request and record what is wrong with its answer."""
    import requests
    from schemathesis.core.failures import Failure, FailureGroup

    findings.requests += 1
    findings.by_operation[case.operation.label] += 1
    try:
        response = case.call(base_url=base_url, session=session, timeout=TIMEOUT)
    except requests.exceptions.RequestException as exc:
        findings.add(case, "no answer", f"{type(exc).__name__}: {exc}")
        return
    answer = str(response.status_code)
    if case.operation.label.startswith(("Query.", "Subscription.")):
        try:
            body = json.loads(response.content)
            answer += " data" if isinstance(body, dict) and body.get("data") else ""
            answer += " errors" if isinstance(body, dict) and body.get("errors") else ""
        except ValueError:
            answer += " not JSON"
    findings.statuses[answer] += 1
    if graphql_schema is not None and response.status_code < 500:
        query = case.body.get("query") if isinstance(case.body, dict) else case.body
        try:
            problems = graphql_shape_errors(graphql_schema, query, json.loads(response.content))
        except ValueError as exc:
            problems = [f"the body is not JSON: {exc}"]
        if problems:
            findings.add(case, "response breaks the GraphQL schema", "\n".join(problems[:10]),
                         response)
    if response.elapsed > SLOW:
        findings.add(case, f"slower than {SLOW:g} s", f"answered in {response.elapsed:.2f} s",
                     response)
    try:
        case.validate_response(response, checks=checks)
    except FailureGroup as group:
        for failure in group.exceptions:
            findings.add(case, getattr(failure, "title", None) or type(failure).__name__,
                         str(getattr(failure, "message", "") or failure), response)
    except Failure as failure:
        findings.add(case, failure.title or type(failure).__name__, failure.message, response)


def fuzz(schema, base_url: str, checks, findings: Findings, realistic=None) -> dict[str, float]:
    """Every operation of `schema`, EXAMPLES examples in each mode: positive, positive with real
    values of the served graph put in by `realistic(case, data)` (ids, labels, formats: the
    answers that are not "not found"), negative."""
    import hypothesis
    import requests
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st
    from schemathesis import GenerationMode

    modes = [("positive", GenerationMode.POSITIVE), ("negative", GenerationMode.NEGATIVE)]
    if realistic is not None:
        modes.insert(1, ("real", GenerationMode.POSITIVE))
    seconds: dict[str, float] = {}
    graphql_schema = getattr(schema, "client_schema", None)  # GraphQL: the shape check
    with requests.Session() as session:
        # schemathesis treats a session's headers as explicit ones that win over the case's:
        # requests' default `Accept: */*` would replace every generated Accept header
        session.headers.clear()
        for result in schema.get_all_operations():
            operation = result.ok()
            started = time.perf_counter()
            for name, mode in modes:
                try:
                    strategy = operation.as_strategy(generation_mode=mode)
                except Exception as exc:  # noqa: BLE001 - e.g. nothing to negate
                    print(f"{operation.label} {name}: no strategy ({exc})")
                    continue

                adjust = realistic if name == "real" else None

                @hypothesis.seed(SEED ^ zlib.crc32(f"{operation.label} {name}".encode()))
                @settings(max_examples=EXAMPLES, deadline=None, database=None,
                          phases=[Phase.explicit, Phase.generate], print_blob=False,
                          suppress_health_check=list(HealthCheck))
                @given(case=strategy, data=st.data())
                def run(case, data):
                    if adjust is not None:
                        adjust(case, data)
                    exercise(case, base_url, session, checks, findings, graphql_schema)

                try:
                    run()
                except (hypothesis.errors.Unsatisfiable, hypothesis.errors.FailedHealthCheck):
                    pass  # e.g. an operation without parameters has no negative cases
            seconds[operation.label] = time.perf_counter() - started
    return seconds


def real_values(url: str) -> dict[str, list[str]]:
    """Ids, labels, tags and note paths of the served graph (a sample of each)."""

    data = http().post(f"{url}/graphql", timeout=TIMEOUT, json={
        "query": "{ concepts(first: 100) { edges { node { conceptId label synonyms { value } } } }"
                 " tags { tagId label } notes { path } }"}).json()["data"]
    concepts = [e["node"] for e in data["concepts"]["edges"]]
    real = {"id": [c["conceptId"] for c in concepts],
            "label": [c["label"] for c in concepts]
            + [s["value"] for c in concepts for s in c["synonyms"]],
            "tag": [t["tagId"] for t in data["tags"]] + [t["label"] for t in data["tags"]],
            "note": [n["path"] for n in data["notes"]],
            "format": ["turtle", "ttl", "json-ld", "jsonld", "nt", "n-triples", "xml", "rdf"],
            "accept": ["text/turtle", "application/ld+json", "application/n-triples",
                       "application/rdf+xml", "text/html", "*/*", "application/json",
                       "text/turtle;q=0.5, application/n-triples",
                       "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"]}
    assert all(real.values()), real
    real["text"] = real["label"] + [x[: max(1, len(x) // 2)] for x in real["label"]]
    return real


def graphql_realistic(real: dict[str, list[str]]):
    """Put real ids and labels into the string arguments of a generated query."""
    from graphql import StringValueNode, parse, print_ast, visit
    from graphql.language import Visitor
    from hypothesis import strategies as st

    pools = {"id": real["id"], "from": real["id"], "to": real["id"], "label": real["label"],
             "text": real["text"], "search": real["text"], "name": real["tag"],
             "tag": real["tag"]}

    def apply(case, data) -> None:
        body = case.body
        query = body.get("query") if isinstance(body, dict) else body
        if not isinstance(query, str):
            return

        class Real(Visitor):
            def enter_argument(self, node, *_):
                pool = pools.get(node.name.value)
                if pool and isinstance(node.value, StringValueNode):
                    value = data.draw(st.sampled_from(pool), label=node.name.value)
                    return node.__class__(name=node.name, value=StringValueNode(value=value))
                return None

        query = print_ast(visit(parse(query), Real()))
        case.body = {**body, "query": query} if isinstance(body, dict) else query

    return apply


def rest_realistic(real: dict[str, list[str]]):
    """Real ids in the path, a real format name or media type, sometimes."""
    from hypothesis import strategies as st

    paths = {"/concept/{id}": ("id", "id"), "/tag/{id}": ("id", "tag"),
             "/note/{path}": ("path", "note"), "/viewer": (None, None)}

    def apply(case, data) -> None:
        param, pool = paths.get(case.operation.path, (None, None))
        if param is not None:
            case.path_parameters = {**(case.path_parameters or {}),
                                    param: data.draw(st.sampled_from(real[pool]), label=param)}
        if case.operation.path == "/viewer":
            case.query = {**(case.query or {}),
                          "concept": data.draw(st.sampled_from(real["id"]), label="concept")}
            return
        query = {k: v for k, v in (case.query or {}).items() if k != "format"}
        if data.draw(st.booleans(), label="use ?format="):
            query["format"] = data.draw(st.sampled_from(real["format"]), label="format")
        case.query = query
        headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "accept"}
        if data.draw(st.booleans(), label="send Accept"):
            headers["Accept"] = data.draw(st.sampled_from(real["accept"]), label="accept")
        case.headers = headers

    return apply


def conclude(findings: Findings, seconds: dict[str, float], server) -> None:
    findings.save()
    slowest = sorted(seconds.items(), key=lambda kv: -kv[1])[:3]
    print(f"\n{findings.name} (FUZZ_SEED={SEED}): {findings.requests} requests, "
          + ", ".join(f"{findings.by_operation[k]} {k}" for k in seconds)
          + "; answers: " + ", ".join(f"{n}× {k}" for k, n in findings.statuses.most_common())
          + "; slowest operations: " + ", ".join(f"{k} {v:.1f} s" for k, v in slowest))
    if findings.first:
        pytest.fail(findings.report() + "\n\nserver output (tail):\n"
                    + server.output()[-3000:], pytrace=False)


def test_graphql_schema_fuzzing(served):
    import schemathesis
    from schemathesis import checks

    schema = schemathesis.graphql.from_url(f"{served.url}/graphql", timeout=TIMEOUT)
    findings = Findings("graphql")
    seconds = fuzz(schema, served.url, [checks.not_a_server_error,
                                        checks.response_schema_conformance], findings,
                   realistic=graphql_realistic(real_values(served.url)))
    assert len(seconds) >= 10, f"introspection found only {sorted(seconds)}"
    conclude(findings, seconds, served)


def rest_schema():
    import schemathesis
    import yaml

    return schemathesis.openapi.from_dict(
        yaml.safe_load((HERE / "openapi.yaml").read_text(encoding="utf-8")))


def test_rest_routes_fuzzing(served):
    from schemathesis import checks

    schema = rest_schema()
    findings = Findings("rest")
    seconds = fuzz(schema, served.url, [checks.not_a_server_error,
                                        checks.status_code_conformance,
                                        checks.content_type_conformance,
                                        checks.response_headers_conformance,
                                        checks.response_schema_conformance], findings,
                   realistic=rest_realistic(real_values(served.url)))
    assert len(seconds) == 8, sorted(seconds)  # every route of openapi.yaml ran
    conclude(findings, seconds, served)
