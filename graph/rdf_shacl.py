"""SHACL validation of the export against the SKOS integrity shapes (graph/shapes.ttl).

`validate(store)` runs pySHACL on the triples of graph.rdf_map that the shapes read and
returns `Violation`s — one line each: `file:line: concept id (label): rule: message` —
located through the store interface (`concept`, `tag`, `note`).
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import Source
from .rdf_map import as_store, export_of
from .rdf_terms import _TYPE, DEFAULT_BASE_IRI, SH, SKOS, Violation, resource_of

SHAPES_PATH = Path(__file__).resolve().parent / "shapes.ttl"

# The predicates the shapes look at: validation reads only these triples of the export.
_VALIDATED = {_TYPE, SKOS + "prefLabel", SKOS + "altLabel", SKOS + "hiddenLabel",
              SKOS + "broader", SKOS + "narrower", SKOS + "related"}
_HIERARCHY = (SKOS + "broader", SKOS + "narrower")
_VALIDATED_LINE = re.compile(rb"^<([^>]*)> <(" + b"|".join(re.escape(p.encode()) for p in
                                                           sorted(_VALIDATED)) + rb")> (.*) \.$",
                             re.M)
_shapes_graph = None
_UNESCAPE = re.compile(r"\\(.)")
_UNESCAPED = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r"}


def _shapes():
    global _shapes_graph
    if _shapes_graph is None:
        import rdflib

        g = rdflib.Graph()
        g.parse(SHAPES_PATH, format="turtle")
        _shapes_graph = g
    return _shapes_graph


def _rdflib_graph(rows):
    """An rdflib Graph of export rows, made term by term (faster than parsing N-Triples)."""
    import rdflib

    uri: dict[str, rdflib.URIRef] = {}

    def iri(text: str) -> rdflib.URIRef:
        node = uri.get(text)
        if node is None:
            node = uri[text] = rdflib.URIRef(text)
        return node

    def term(o: str):
        if o[0] == "<":
            return iri(o[1:-1])
        end = o.rindex('"')
        text, tail = o[1:end], o[end + 1:]
        if "\\" in text:
            text = _UNESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), text)
        if tail.startswith("@"):
            return rdflib.Literal(text, lang=tail[1:])
        if tail.startswith("^^"):
            return rdflib.Literal(text, datatype=iri(tail[3:-1]))
        return rdflib.Literal(text)

    g = rdflib.Graph()
    g.addN((iri(s), iri(p), term(o), g) for s, p, o in rows)
    return g


def validate(source, base_iri: str | None = None) -> list[Violation]:
    """Check the exported graph against the SKOS integrity shapes (graph/shapes.ttl).

    Rules: S13 prefLabel / altLabel / hiddenLabel pairwise disjoint, S14 at most one prefLabel
    per language, S27 skos:related disjoint with skos:broaderTransitive, no skos:broader cycle,
    every concept has a prefLabel. pySHACL runs with SHACL-SPARQL and no inference, over the
    triples those rules read: skos:Concept types, labels, skos:broader (skos:narrower folded
    into it) and the skos:related triples that could break S27 (from a concept with a broader
    one to a concept with a narrower one, each pair taken both ways).
    One Violation per problem, located at the concept's first source; sorted. What the export
    itself repaired is in `adjustments()`.
    """
    export = export_of(source, base_iri)
    related, broader, narrower = SKOS + "related", SKOS + "broader", SKOS + "narrower"
    read = [(m[1].decode(), m[2].decode(), m[3].decode())
            for m in _VALIDATED_LINE.finditer(export.nt)]
    has_parent = {s for s, p, _ in read if p == broader} | \
        {o[1:-1] for _, p, o in read if p == narrower}
    has_child = {o[1:-1] for _, p, o in read if p == broader} | \
        {s for s, p, _ in read if p == narrower}
    rows: dict[tuple[str, str, str], None] = {}
    concept = f"<{SKOS}Concept>"
    for s, p, o in read:
        if p == _TYPE and o != concept:
            continue
        if p == narrower:  # folded into skos:broader (see graph/shapes.ttl)
            rows[(o[1:-1], broader, f"<{s}>")] = None
        elif p == related:
            # Only a concept with something above it, related to one with something below
            # it, can break S27: keep those, both ways (skos:related is symmetric).
            target = o[1:-1]
            if s in has_parent and target in has_child:
                rows[(s, p, o)] = None
            if target in has_parent and s in has_child:
                rows[(target, p, f"<{s}>")] = None
        else:
            rows[(s, p, o)] = None
    return validate_graph(_rdflib_graph(rows), export.store, export.base, normalized=True)


def validate_graph(data, source=None, base_iri: str | None = None,
                   normalized: bool = False) -> list[Violation]:
    """Run the SKOS shapes on an rdflib Graph; map focus nodes back to concepts of `source`
    (a GraphStore or a BuildResult, read through the store interface).

    Unless `normalized`, a copy of `data` first gets the triples the shapes take for granted:
    skos:related in both directions, skos:broader for each skos:narrower.
    """
    import rdflib
    from pyshacl import validate as shacl

    store = as_store(source) if source is not None else None
    base = base_iri or (store.meta().base_iri if store is not None else "") or DEFAULT_BASE_IRI
    if not normalized:
        skos = rdflib.Namespace(SKOS)
        copy = rdflib.Graph()
        for triple in data:
            copy.add(triple)
        for s, o in data.subject_objects(skos.narrower):
            copy.add((o, skos.broader, s))
        for s, o in data.subject_objects(skos.related):
            copy.add((o, skos.related, s))
        data = copy
    shapes = _shapes()
    _conforms, report, _text = shacl(data, shacl_graph=shapes, inference="none",
                                     advanced=True, allow_warnings=True)
    sh = rdflib.Namespace(SH)
    out: set[Violation] = set()
    for res in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = report.value(res, sh.focusNode)
        shape = report.value(res, sh.sourceShape)
        value = report.value(res, sh.value)
        constraint = report.value(res, sh.sourceConstraint)
        rule = str(shapes.value(shape, rdflib.RDFS.label) or shape)
        message = str(shapes.value(shape, sh.message)
                      or (constraint is not None and shapes.value(constraint, sh.message))
                      or report.value(res, sh.resultMessage) or "")
        if value is not None and value != focus:
            message += f": {_show(value, store, base)}"
        out.add(_locate(str(focus), rule, message, store, base))
    return sorted(out)


def _show(term, store, base: str) -> str:
    """A value in a message: a concept as `id (label)`, a literal as its N-Triples form."""
    import rdflib

    if isinstance(term, rdflib.URIRef):
        found = resource_of(base, str(term))
        concept = store.concept(found[1]) if found and found[0] == "concept" and store else None
        if concept is not None:
            return f"{found[1]} ({concept.label})"
        return f"<{term}>"
    return term.n3()


def _locate(focus: str, rule: str, message: str, store, base: str) -> Violation:
    found = resource_of(base, focus)
    kind, rid = found if found else ("resource", focus)
    label, src = rid, Source("", 0)
    if store is not None:
        c = store.concept(rid) if kind == "concept" else None
        t = store.tag(rid) if kind == "tag" else None
        n = store.note(rid) if kind == "note" else None
        if c is not None:
            label, src = c.label, (c.sources[0] if c.sources else src)
        elif t is not None and t.id == rid:  # tag() also finds a tag by label
            label, src = t.label, (min(t.sources) if t.sources else src)
        elif n is not None:
            label, src = n.title, Source(rid, 1)
    return Violation(src.file or "-", src.line, rid, label, rule, message, kind, focus)