"""RDF formats: the triples of graph.rdf_map written as Turtle, JSON-LD, N-Triples or RDF/XML
(the formats of graph.registry), for the whole graph or the description of one resource.

The N-Triples lines of the export are canonical N-Triples as they are; pyoxigraph parses
them once into Triples (kept with the export) and writes Turtle and RDF/XML in the same
order; JSON-LD (a compact @context with the prefixes, one node object per subject) is
written directly from the lines. Same notes → byte-identical output in every format, in any
process.
"""

from __future__ import annotations

import json

import pyoxigraph as ox

from . import registry
from .rdf_map import export_of
from .rdf_terms import (_LINE, _ORDER_INDEX, _TYPE, DCTERMS, GG, SKOS, XSD,
                        Adjustment, _nt_bytes, concept_iri, note_iri, prefixes, tag_iri)

# The formats pyoxigraph writes; json-ld and nt are written here.
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
               "xml": ox.RdfFormat.RDF_XML}

# ------------------------------------------------------------------------------ serializing


def _format(fmt: str) -> str:
    return registry.fmt(fmt).name  # ValueError naming the formats


def _write(nt: bytes, fmt: str, base: str, triples=None) -> bytes:
    """N-Triples lines (as the export writes them) in `fmt`; `triples`: the same as
    pyoxigraph Triples, if at hand."""
    if fmt == "json-ld":
        return _jsonld(((m[1], m[2], m[3]) for m in _LINE.finditer(nt)), base)
    if fmt == "nt":
        return nt  # already canonical N-Triples, in the export's order
    if triples is None:
        triples = ox.parse(nt, ox.RdfFormat.N_TRIPLES, lenient=True)  # see _Export.triples
    return ox.serialize(triples, format=_OX_FORMATS[fmt], prefixes=prefixes(base))


class _Compactor:
    """IRI → compact IRI (prefix:suffix), in bytes, for the JSON-LD writer; the longest
    namespace wins."""

    def __init__(self, context: dict[str, str]):
        self.spaces = sorted(((ns.encode(), name.encode()) for name, ns in context.items()),
                             key=lambda x: -len(x[0]))
        self.done: dict[bytes, bytes] = {}

    def __call__(self, iri: bytes) -> bytes:
        out = self.done.get(iri)
        if out is None:
            out = iri
            for ns, name in self.spaces:
                if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith(b"//"):
                    out = name + b":" + iri[len(ns):]
                    break
            self.done[iri] = out
        return out


_TYPE_B = _TYPE.encode()
_INTEGER_B = f"^^<{XSD}integer>".encode()


def _jsonld(rows, base: str) -> bytes:
    """Compact JSON-LD: a @context with the prefixes, then one node object per subject.

    Written directly from the sorted rows, as bytes (rdflib's serializer takes about a minute
    on the largest corpus, and orders nodes by hash): the order is the Turtle's, so it is
    deterministic. Literals reuse their N-Triples escaping, which is valid JSON.
    `rows`: (subject IRI, predicate IRI, object N-Triples term) as bytes, grouped by subject.
    """
    context = prefixes(base)
    compact = _Compactor(context)
    ctx = json.dumps(context, indent=4, ensure_ascii=False).replace("\n}", "\n  }")
    out: list[bytes] = [b'{\n  "@context": ', ctx.encode("utf-8"), b',\n  "@graph": [']
    subject = pred = None
    key = b""
    values: list[bytes] = []
    for s, p, o in rows:
        if s != subject or p != pred:
            if pred is not None:
                out.append(b',\n      "' + key + b'": [' + b", ".join(values) + b"]")
            if s != subject:
                out.append(b"\n    {" if subject is None else b"\n    },\n    {")
                out.append(b'\n      "@id": "' + compact(s) + b'"')
                subject = s
            pred, values = p, []
            key = b"@type" if p == _TYPE_B else compact(p)
        if o[0] == 60:  # "<": an IRI
            iri = compact(o[1:-1])
            values.append(b'"' + iri + b'"' if p == _TYPE_B else b'{"@id": "' + iri + b'"}')
            continue
        end = o.rindex(b'"')
        text, tail = o[:end + 1], o[end + 1:]
        if not tail:
            values.append(text)
        elif tail[0] == 64:  # "@": a language tag
            values.append(b'{"@language": "' + tail[1:] + b'", "@value": ' + text + b"}")
        elif tail == _INTEGER_B:
            values.append(text[1:-1])
        else:
            values.append(b'{"@type": "' + compact(tail[3:-1]) + b'", "@value": ' + text + b"}")
    if pred is not None:
        out.append(b',\n      "' + key + b'": [' + b", ".join(values) + b"]")
        out.append(b"\n    }")
    out.append(b"\n  ]\n}\n")
    return b"".join(out)


def serialize(source, fmt: str = "turtle", base_iri: str | None = None) -> bytes:
    """The whole graph of a store (or a BuildResult) as SKOS RDF in `fmt` (a name or alias
    of graph.registry's formats: turtle | json-ld | nt | xml).

    base_iri: this argument, else the notes folder's config ([rdf] base_iri), else
    DEFAULT_BASE_IRI. Same notes → byte-identical output. The triples of a store are made on
    the first call and kept with it (a store does not change), so later calls only serialize.
    """
    fmt = _format(fmt)
    export = export_of(source, base_iri)
    if fmt in ("turtle", "xml"):
        return _write(export.nt, fmt, export.base, export.triples())
    return _write(export.nt, fmt, export.base)


def triple_count(source, base_iri: str | None = None) -> int:
    """How many triples the export of a store (or a BuildResult) holds."""
    return export_of(source, base_iri).count


def describe(source, kind: str, id: str, fmt: str = "turtle",  # noqa: A002 - the contract's name
             base_iri: str | None = None) -> bytes | None:
    """The description of one concept, tag or note, for a linked-data endpoint; None if unknown.

    It holds the resource's own triples (a concept's with its gg:Location occurrences, a note's
    with the locations in it), the triples of our concepts, tags and notes that point at it,
    and the labels (skos:prefLabel, dcterms:title) of everything these triples name.
    """
    fmt = _format(fmt)
    export = export_of(source, base_iri)
    base = export.base
    if kind == "concept" and id in export.concepts:
        iri = concept_iri(base, id)
        extra = [o[1:-1] for _, p, o in export.block(iri) if p == GG + "occurrence"]
    elif kind == "tag" and id in export.tags:
        iri, extra = tag_iri(base, id), []
    elif kind == "note" and id in export.notes:
        iri, extra = note_iri(base, id), export.locations.get(id, [])
    else:
        return None
    chosen: set[tuple[str, str, str]] = set()
    for subject in (iri, *extra):
        chosen.update(export.block(subject))
    for start, end in export.objects().get(f"<{iri}>", ()):
        for row in export.rows(start, end):
            if "#" not in row[0][len(base):]:  # from our resources, not from locations
                chosen.add(row)
    own = {iri, *extra}
    named = {t for s, _, o in chosen for t in (s, o[1:-1] if o[0] == "<" else None)
             if t and t not in own}
    for subject in named:
        for row in export.block(subject):
            if row[1] in (SKOS + "prefLabel", DCTERMS + "title"):
                chosen.add(row)
    rank = {iri: 0, **{x: 1 for x in extra}}
    ordered = sorted(chosen, key=lambda r: (rank.get(r[0], 2), r[0],
                                            _ORDER_INDEX.get(r[1], 999), r[1], r[2]))
    return _write(_nt_bytes(ordered), fmt, base)


def adjustments(source, base_iri: str | None = None) -> list[Adjustment]:
    """What the export changed to keep the graph valid SKOS (broader cycles broken, S27
    skos:related pairs dropped) or left out (resource URLs that are not absolute IRIs)."""
    return list(export_of(source, base_iri).adjustments)
