"""What `glossgraph push` writes to a SPARQL store: named graphs, a manifest, and a plan.

The export (graph/rdf_map.py) is cut into named graphs so that a change replaces only what it
touches:

* one graph per note — its foaf:Document and its locations (`_Export.note_graph`);
* the concept layer (schemes, concepts, tags, merged across notes), cut into shards by a
  stable hash of each subject — at least 64, and a power of two so that a shard holds about
  `SHARD_TRIPLES` triples — so an edit that changes three concepts rewrites three small
  graphs, not every concept of the vault (the count changes only when the vault doubles or
  halves, and then every shard is sent once);
* the records (`records_of`): what glossgraph itself needs to answer GraphQL from the store
  (`glossgraph serve --store`, graph/sparql_store.py) and SKOS cannot say — label order, the
  evidence of each relation (file, line, text, rule, confidence), where each definition was
  read, warnings, links to no note. One `gg:index` literal (rdf:JSON) per concept, tag, note
  and for the glossary (the scheme), read once per version, and one `gg:record` per concept
  (its texts and resources, read in batches by id), in their own graphs cut by the same
  hash (`…/graph/records/K-N?v=…`): the SKOS graphs stay exactly the export;
* the manifest `{base}graph/manifest`: the version, when it was pushed, and the list of the
  graphs that make up that version, each with the note path it holds (or the shard).

Graph IRIs carry a hash of their content (`…?v=3f2a9c01b7de`): a graph that did not change
keeps its IRI and is not sent again, and a new version never overwrites a graph that readers
of the previous version are reading. Readers go through the manifest (`FROM` the graphs it
lists), and the manifest is the last thing a push writes, in one PUT: a push that stops
half-way leaves them on the previous version, whole.

>>> from graph import build
>>> layout = graphs_of(build("data"), "https://example.org/g/")
>>> sorted({g.kind for g in layout.values()})
['concepts', 'note', 'records']
>>> plan(layout, {}).put == sorted(layout)
True
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import quote

import pyoxigraph as ox

from .rdf_map import export_of
from .rdf_terms import GG, _lit, concept_iri, note_iri, scheme_iri, tag_iri

MIN_SHARDS = 64
SHARD_TRIPLES = 4000  # about 150 concepts' triples
GG_VERSION = f"{GG}version"
GG_PUSHED = f"{GG}pushedAt"
GG_GRAPH = f"{GG}graph"
GG_NOTE_PATH = f"{GG}notePath"
GG_SHARD = f"{GG}shard"
GG_RETIRED = f"{GG}retiredGraph"
GG_RECORDS = f"{GG}records"  # manifest: a records graph, "K-N" (shard K of N)
GG_INDEX = f"{GG}index"  # per subject, read once per version (graph/sparql_store.py)
GG_RECORD = f"{GG}record"  # per concept, read in batches by id
RDF_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"
MIN_RECORD_SHARDS = 16
RECORD_SHARD_BYTES = 256_000
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class NamedGraph:
    """One named graph of a push: its IRI (with a content hash), what it holds, its triples."""

    iri: str
    kind: str  # "note", "concepts" or "records"
    key: str  # the note's path, the shard number, or "K-N" for records
    nt: bytes = field(repr=False)

    @property
    def triples(self) -> int:
        return self.nt.count(b"\n")


@dataclass
class Plan:
    """What a push sends: graphs to PUT, graphs to DELETE after the manifest, the rest kept."""

    put: list[str]
    delete: list[str]
    kept: list[str]


def manifest_iri(base: str) -> str:
    return f"{base}graph/manifest"


def _graph_iri(base: str, kind: str, key: str, nt: bytes) -> str:
    digest = hashlib.sha256(nt).hexdigest()[:12]
    if kind == "note":
        return f"{base}graph/note/{quote(key, safe='/')}?v={digest}"
    return f"{base}graph/{kind}/{key}?v={digest}"


def shard_count(triples: int) -> int:
    """How many concept-layer graphs for a layer of `triples` triples.

    >>> shard_count(2_500), shard_count(584_000), shard_count(5_000_000)
    (64, 256, 2048)
    """
    n = MIN_SHARDS
    while n * SHARD_TRIPLES < triples:
        n *= 2
    return n


def _shard(subject: str, shards: int) -> int:
    # crc32, not hash(): the same subject must land in the same shard in every process.
    return zlib.crc32(subject.encode()) % shards


def graphs_of(source, base_iri: str | None = None) -> dict[str, NamedGraph]:
    """The named graphs of a store or build, by IRI: one per note, shards for the concepts."""
    export = export_of(source, base_iri)
    base = export.base
    graphs: dict[str, NamedGraph] = {}
    for path in sorted(export.notes):
        nt = export.note_graph(path)
        iri = _graph_iri(base, "note", path, nt)
        graphs[iri] = NamedGraph(iri, "note", path, nt)
    layer = export.concept_layer()
    size = sum(export.nt.count(b"\n", a, b) for _, (a, b) in layer)
    count = shard_count(size)
    shards: list[list[bytes]] = [[] for _ in range(count)]
    for subject, (a, b) in layer:
        shards[_shard(subject, count)].append(export.nt[a:b])
    for k, chunks in enumerate(shards):
        if not chunks:
            continue
        nt = b"".join(chunks)
        iri = _graph_iri(base, "concepts", str(k), nt)
        graphs[iri] = NamedGraph(iri, "concepts", str(k), nt)
    records = records_of(export.store, base)
    size = sum(len(a) + len(b or "") for a, b in records.values())
    count = record_shard_count(size)
    parts: list[list[bytes]] = [[] for _ in range(count)]
    for subject, (index, record) in records.items():
        rows = [_json_line(subject, GG_INDEX, index)]
        if record is not None:
            rows.append(_json_line(subject, GG_RECORD, record))
        parts[_shard(subject, count)].append("".join(rows).encode("utf-8"))
    for k, chunks in enumerate(parts):
        if not chunks:
            continue
        nt = b"".join(chunks)
        key = f"{k}-{count}"
        iri = _graph_iri(base, "records", key, nt)
        graphs[iri] = NamedGraph(iri, "records", key, nt)
    return graphs


def record_shard_count(size: int) -> int:
    """How many records graphs for `size` bytes of records (each about 256 KB, at least 16,
    a power of two).

    >>> record_shard_count(10_000), record_shard_count(12_000_000)
    (16, 64)
    """
    n = MIN_RECORD_SHARDS
    while n * RECORD_SHARD_BYTES < size:
        n *= 2
    return n


def record_shard(subject: str, key: str) -> bool:
    """Is `subject`'s record in the records graph of key "K-N"?"""
    k, _, n = key.partition("-")
    return _shard(subject, int(n)) == int(k)


def _json_line(subject: str, predicate: str, text: str) -> str:
    return f"<{subject}> <{predicate}> {_lit(text)}^^<{RDF_JSON}> .\n"


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _src(s) -> list:
    return [s.file, s.line]


def records_of(store, base: str) -> dict[str, tuple[str, str | None]]:
    """subject IRI → (its gg:index JSON, its gg:record JSON or None), for every concept, tag
    and note of `store` and for the glossary (the scheme IRI). Together with the manifest they
    are what graph/sparql_store.py needs to answer exactly as the memory store does.

    index, concept: {id, labels [[text, lang]], synonyms, defs [[text, lang]], tags, sources
    [[file, line]], syn [[normalized synonym, file, line]] (where a synonym was first read),
    rule, confidence, keys (its label index keys), out [[target, kind, file, line, text, rule,
    confidence]] (kind "broader" for BROADER)}; record, concept: {definitions, notes
    [[text, lang, file, line]], resources [[url, title, file, line, image]], note_paths};
    tag: {id, label, sources}; note: {path, title, concept}; glossary: {folder, title,
    description, base_iri, warnings [[file, line, message, code]], unresolved [[target,
    file, line, concept]]}.
    """
    from .text import merge_key, normalize

    ids = store.concept_ids()
    concepts = store.concepts_by_id(ids)
    edges = store.edges_of(ids, "out")
    result = getattr(store, "result", None)
    keys: dict[str, list[str]] = {}
    if result is not None:
        for key, cid in result.label_index.items():
            keys.setdefault(cid, []).append(key)
    else:  # the label index as graph.merge makes it: preferred labels first, by id
        index: dict[str, str] = {}
        for attr in ("labels", "synonyms"):
            for cid in ids:
                for label in getattr(concepts[cid], attr):
                    index.setdefault(merge_key(label.text), cid)
        for key, cid in index.items():
            keys.setdefault(cid, []).append(key)
    out: dict[str, tuple[str, str | None]] = {}
    meta = store.meta()
    out[scheme_iri(base)] = (_dump({
        "kind": "glossary", "folder": meta.folder, "title": meta.title,
        "description": meta.description, "base_iri": meta.base_iri,
        "warnings": [[w.file, w.line, w.message, w.code] for w in store.warnings()],
        "unresolved": [[u.target, u.file, u.line, u.concept]
                       for u in store.unresolved_links()]}), None)
    for cid in ids:
        c = concepts[cid]
        syn = []
        for label in c.synonyms:
            src = c.label_sources.get(normalize(label.text))
            if src is not None:
                syn.append([normalize(label.text), src.file, src.line])
        index = {
            "kind": "concept", "id": cid,
            "labels": [[x.text, x.lang] for x in c.labels],
            "synonyms": [[x.text, x.lang] for x in c.synonyms],
            "defs": [[t.text, t.lang] for t in c.definitions],
            "tags": list(c.tags), "sources": [_src(s) for s in c.sources], "syn": syn,
            "rule": c.rule, "confidence": c.confidence, "keys": sorted(keys.get(cid, ())),
            "out": [[r.target, r.kind, r.evidence.file, r.evidence.line, r.text, r.rule,
                     r.confidence] for r in edges.get(cid, ())]}
        record = {
            "definitions": [[t.text, t.lang, *_src(t.source)] for t in c.definitions],
            "notes": [[t.text, t.lang, *_src(t.source)] for t in c.notes],
            "resources": [[r.url, r.title, *_src(r.source), r.image] for r in c.resources],
            "note_paths": list(c.note_paths)}
        out[concept_iri(base, cid)] = (_dump(index), _dump(record))
    for tag in store.tags():
        out[tag_iri(base, tag.id)] = (_dump({"kind": "tag", "id": tag.id, "label": tag.label,
                                             "sources": [_src(s) for s in tag.sources]}), None)
    for note in store.notes():
        out[note_iri(base, note.path)] = (_dump({"kind": "note", "path": note.path,
                                                 "title": note.title,
                                                 "concept": note.concept}), None)
    return out


def manifest(base: str, version: int, graphs: dict[str, NamedGraph],
             pushed_at: datetime | None = None, retired: list[str] = ()) -> bytes:
    """The manifest graph's N-Triples: version, time, each graph with what it holds, and the
    graphs of the previous version to delete (retired: deleted after this manifest is
    written; listed so that the next push deletes them if this one could not)."""
    m = ox.NamedNode(manifest_iri(base))
    when = (pushed_at or datetime.now(timezone.utc)).replace(microsecond=0)
    quads = [ox.Triple(m, ox.NamedNode(GG_VERSION),
                       ox.Literal(str(version), datatype=ox.NamedNode(f"{_XSD}integer"))),
             ox.Triple(m, ox.NamedNode(GG_PUSHED),
                       ox.Literal(when.isoformat(), datatype=ox.NamedNode(f"{_XSD}dateTime")))]
    for iri in sorted(graphs):
        g = graphs[iri]
        node = ox.NamedNode(iri)
        quads.append(ox.Triple(m, ox.NamedNode(GG_GRAPH), node))
        predicate = {"note": GG_NOTE_PATH, "records": GG_RECORDS}.get(g.kind, GG_SHARD)
        quads.append(ox.Triple(node, ox.NamedNode(predicate), ox.Literal(g.key)))
    for iri in sorted(retired):
        quads.append(ox.Triple(m, ox.NamedNode(GG_RETIRED), ox.NamedNode(iri)))
    return ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES)


@dataclass
class Manifest:
    """A manifest read back from a store: its version and its graphs (IRI → note path or
    None for a concept shard)."""

    version: int = 0
    graphs: dict[str, str | None] = field(default_factory=dict)
    pushed_at: str | None = None
    retired: list[str] = field(default_factory=list)
    records: dict[str, str] = field(default_factory=dict)  # records graph IRI → "K-N"


def read_manifest(data: bytes, base: str, media_type: str = "application/n-triples") -> Manifest:
    """Parse a manifest graph as a store returned it (N-Triples or Turtle)."""
    fmt = ox.RdfFormat.from_media_type(media_type.split(";")[0].strip()) \
        or ox.RdfFormat.N_TRIPLES
    m = manifest_iri(base)
    out = Manifest()
    notes: dict[str, str] = {}
    listed: list[str] = []
    for q in ox.parse(data, fmt):
        s, p, o = q.subject, q.predicate.value, q.object
        if isinstance(s, ox.NamedNode) and s.value == m:
            if p == GG_VERSION:
                out.version = int(o.value)
            elif p == GG_PUSHED:
                out.pushed_at = o.value
            elif p == GG_GRAPH and isinstance(o, ox.NamedNode):
                listed.append(o.value)
            elif p == GG_RETIRED and isinstance(o, ox.NamedNode):
                out.retired.append(o.value)
        elif p == GG_NOTE_PATH and isinstance(s, ox.NamedNode):
            notes[s.value] = o.value
        elif p == GG_RECORDS and isinstance(s, ox.NamedNode):
            out.records[s.value] = o.value
    out.graphs = {iri: notes.get(iri) for iri in listed}
    return out


def plan(graphs: dict[str, NamedGraph], current: dict[str, str | None],
         retired: list[str] = ()) -> Plan:
    """Graphs to send (new IRIs), to delete (in the current manifest or retired by it, not in
    the new one) and kept (same IRI, so same content)."""
    return Plan(put=sorted(set(graphs) - set(current)),
                delete=sorted((set(current) | set(retired)) - set(graphs)),
                kept=sorted(set(graphs) & set(current)))


def base_of(source, base_iri: str | None = None) -> str:
    """The base IRI the graphs of `source` are written under (its export's, made once)."""
    return export_of(source, base_iri).base
