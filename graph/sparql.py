"""SPARQL 1.1 queries over the glossary's SKOS export, in an in-process Oxigraph store.

Read-only by construction: `dataset()` loads the export of one store (one build) into a new
pyoxigraph Store that nothing else writes, and `run()` only calls `query()` — an update in a
query string is a syntax error there, named as such. Every answer is bounded: at most `limit`
solutions or triples (the rest dropped, `Answer.truncated` set) and a deadline checked
between solutions.

>>> from graph import build
>>> ox = dataset(build("data"), "https://x.org/")
>>> a = run(ox, 'PREFIX skos: <http://www.w3.org/2004/02/skos/core#> '
...            'SELECT ?c WHERE { ?c skos:prefLabel "RAG"@en }')
>>> a.kind, a.variables, [str(row[0]) for row in a.rows]
('solutions', ['c'], ['<https://x.org/concept/rag>'])
>>> results_bytes(run(ox, "ASK { ?s ?p ?o }"), "application/sparql-results+json")
b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import csv
import io
import json
import time
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from .rdf_map import as_store, export_of

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# Media types of the answers: SELECT and ASK, then CONSTRUCT and DESCRIBE (default first).
RESULT_MEDIA = ("application/sparql-results+json", "application/sparql-results+xml",
                "text/csv", "text/tab-separated-values", "application/json")
GRAPH_MEDIA = {"text/turtle": ox.RdfFormat.TURTLE,
               "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "application/rdf+xml": ox.RdfFormat.RDF_XML,
               "application/ld+json": ox.RdfFormat.JSON_LD}

DEFAULT_LIMIT = 10_000
DEFAULT_TIMEOUT = 10.0


class QueryError(ValueError):
    """A query that cannot run: its text is not a SPARQL 1.1 query, or a graph IRI is bad."""


class QueryTimeout(RuntimeError):
    """The query ran past its deadline."""


@dataclass
class Answer:
    """What a query gave: kind "boolean" (ASK), "solutions" (SELECT) or "graph"."""

    kind: str
    boolean: bool = False
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # solutions: terms or None, by variable
    triples: list = field(default_factory=list)  # CONSTRUCT / DESCRIBE
    truncated: bool = False


def dataset(source, base_iri: str | None = None) -> ox.Store:
    """A new in-memory Oxigraph store holding the SKOS export of `source` (a GraphStore or a
    BuildResult) for `base_iri`, in its default graph."""
    export = export_of(as_store(source), base_iri)
    store = ox.Store()
    store.bulk_load(export.nt, ox.RdfFormat.N_TRIPLES)
    return store


def _iris(values, what: str) -> list[ox.NamedNode] | None:
    if not values:
        return None
    try:
        return [ox.NamedNode(v) for v in values]
    except ValueError as exc:
        raise QueryError(f"{what}: not an IRI: {exc}") from None


def run(store: ox.Store, query: str, *, limit: int = DEFAULT_LIMIT,
        timeout: float | None = DEFAULT_TIMEOUT, default_graph_uris=(),
        named_graph_uris=()) -> Answer:
    """Run one SPARQL query on `store`: at most `limit` rows or triples, within `timeout` s
    (checked between rows; the evaluation itself is lazy, so most of the work is there)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        result = store.query(query, default_graph=_iris(default_graph_uris, "default-graph-uri"),
                             named_graphs=_iris(named_graph_uris, "named-graph-uri"))
    except SyntaxError as exc:
        raise QueryError(f"not a SPARQL 1.1 query (this endpoint answers queries only, no "
                         f"updates): {exc}") from None
    except OSError as exc:
        raise QueryError(str(exc)) from None
    if isinstance(result, ox.QueryBoolean):
        return Answer("boolean", boolean=bool(result))
    # pyoxigraph's iterators must be dropped on the thread that made them: take what is
    # needed, drop the iterator here, then raise (a traceback would keep it alive).
    answer = Answer("solutions" if isinstance(result, ox.QuerySolutions) else "graph")
    if answer.kind == "solutions":
        answer.variables = [v.value for v in result.variables]
    failure = _take(result, limit, deadline, answer)
    del result
    if failure is not None:
        raise failure
    return answer


def _take(items, limit: int, deadline: float | None, answer: Answer) -> Exception | None:
    """Fill `answer` from `items`; the error to raise, if any (see `run`)."""
    width = len(answer.variables)
    out = answer.rows if answer.kind == "solutions" else answer.triples
    try:
        for n, item in enumerate(items):
            if n >= limit:
                answer.truncated = True
                return None
            if deadline is not None and time.monotonic() > deadline:
                return QueryTimeout("the query ran past its time limit")
            out.append(tuple(item[i] for i in range(width)) if answer.kind == "solutions"
                       else item)
    except OSError as exc:  # raised by the evaluation (e.g. a failing SERVICE call)
        return QueryError(str(exc))
    return None


# ------------------------------------------------------------------------------- writers


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return (f"<literal datatype={quoteattr(term.datatype.value)}>"
                    f"{escape(term.value)}</literal>")
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _json(answer: Answer) -> bytes:
    if answer.kind == "boolean":
        doc = {"head": {}, "boolean": answer.boolean}
    else:
        bindings = [{name: _json_term(t) for name, t in zip(answer.variables, row)
                     if t is not None} for row in answer.rows]
        doc = {"head": {"vars": answer.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _xml(answer: Answer) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
           "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in answer.variables]
    out.append("</head>")
    if answer.kind == "boolean":
        out.append(f"<boolean>{'true' if answer.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in answer.rows:
            out.append("<result>" + "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(answer.variables, row) if t is not None) + "</result>")
        out.append("</results>")
    out.append("</sparql>\n")
    return "\n".join(out).encode("utf-8")


def _csv(answer: Answer) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if answer.kind == "boolean":
        writer.writerow(["_askResult"])
        writer.writerow(["true" if answer.boolean else "false"])
    else:
        writer.writerow(answer.variables)
        for row in answer.rows:  # CSV keeps values only (SPARQL 1.1 CSV)
            writer.writerow(["" if t is None else t.value if hasattr(t, "value") else str(t)
                             for t in row])
    return buf.getvalue().encode("utf-8")


def _tsv(answer: Answer) -> bytes:
    if answer.kind == "boolean":
        return f"?_askResult\n{'true' if answer.boolean else 'false'}\n".encode()
    lines = ["\t".join(f"?{v}" for v in answer.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in answer.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


_WRITERS = {"application/sparql-results+json": _json, "application/json": _json,
            "application/sparql-results+xml": _xml, "text/csv": _csv,
            "text/tab-separated-values": _tsv}


def results_bytes(answer: Answer, media_type: str) -> bytes:
    """A SELECT or ASK answer in one of RESULT_MEDIA."""
    return _WRITERS[media_type](answer)


def graph_bytes(answer: Answer, media_type: str) -> bytes:
    """A CONSTRUCT or DESCRIBE answer in one of GRAPH_MEDIA."""
    return ox.serialize(answer.triples, format=GRAPH_MEDIA[media_type],
                        prefixes=_PREFIXES if media_type == "text/turtle" else None) or b""


_PREFIXES = {"skos": "http://www.w3.org/2004/02/skos/core#",
             "dcterms": "http://purl.org/dc/terms/"}
