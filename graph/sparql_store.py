"""`SparqlStore`: the `GraphStore` interface answered from a SPARQL 1.1 Query endpoint.

What `glossgraph push` wrote (graph/publish.py) is read back through the store's *query*
endpoint (Oxigraph `/query`, Fuseki `/DATASET/sparql`, GraphDB `/repositories/REPO`, Virtuoso
`/sparql`, Neptune `/sparql`), with the HTTP client, credentials, timeouts and retries of
graph/remote.py. A `SparqlStore` is one pinned version, like a `MemoryStore` is one build:

* `read_manifest()` reads `{base}graph/manifest`: the version and the graphs of that version.
  Every query afterwards names its graphs with `FROM` (graph IRIs carry a content hash, so a
  later push never rewrites them): a reader never mixes two versions, and a push that is
  half-way is not seen at all.
* **Once per version** (`SparqlStore(...)`): the concept layer — every `gg:index` record
  (labels, synonyms, definitions' text, tags, where each concept is written, its relations
  with their evidence; tags, notes, the glossary's warnings), in one query. The typed graph is
  rebuilt from it (graph.nxgraph.typed_graph: the functions a build uses, node by node) and the same
  algorithms run locally on it, in a `MemoryStore` over a build without texts: search (the
  pinyin/typo index is built from these labels), filters, relations, degrees, neighborhood,
  path, overview, communities and layout. This is memory and start-up time proportional to the
  vault, like the memory store's, once per version — not per request.
* **Per request, in batches**: the bulky part of each concept (`gg:record`: its definitions
  with where they were read, notes, resources, notes it is written in). Concepts are handed
  out with these fields unloaded; the first time one of them is read, every concept handed out
  and not loaded yet is fetched in one query (`VALUES ?s {...}`, `FROM` only the records
  graphs that hold them), with the other concepts of the last neighborhood or overview when
  it is one of them (their nodes are read one by one), and the relation targets of all those
  one level ahead. So
  a GraphQL list and its nested `related { target { ... } }` cost one query per level at
  most, and the nodes of a subgraph one per MAX_BATCH, never one per concept, and none when no
  such field is asked. Loaded records are kept for the version (the store is immutable).

Not from the store: `section()` is None (the store holds no Markdown); `stats().built_at` is
when the version was pushed and `seconds` 0.
"""

from __future__ import annotations

import json
import threading
import zlib
from dataclasses import fields
from collections.abc import Iterable
from datetime import datetime
from types import SimpleNamespace

from .build import BuildResult
from .config import Config
from .merge import UnresolvedLink
from .model import (BROADER, TERM, Concept, Label, Note, Relation, Resource, Source, Tag, Text,
                    Warning)
from .nxgraph import typed_graph
from .publish import (GG_GRAPH, GG_INDEX, GG_PUSHED, GG_RECORD, GG_RECORDS, GG_VERSION, Manifest,
                      manifest_iri)
from .rdf_map import HIERARCHY_KIND
from .rdf_terms import GG, concept_iri
from .remote import GraphStoreClient, PushError
from .store import GraphMeta, MemoryStore

MAX_BATCH = 512  # concepts per record query
MAX_PENDING = 256  # concepts handed out and not loaded that the next load takes along
MAX_AHEAD = 256  # relation targets of those, one level ahead
_LAZY = ("definitions", "notes", "resources", "note_paths")


class StoreError(RuntimeError):
    """The store cannot be read (unreachable, refused, no manifest): one line for the user."""


def _select(client: GraphStoreClient, query: str) -> list[dict[str, str]]:
    try:
        return client.select(query)
    except PushError as exc:
        raise StoreError(str(exc)) from None


def find_base(client: GraphStoreClient) -> str:
    """The base IRI of the one glossary the store holds (its manifest graph's IRI minus
    `graph/manifest`); StoreError when it holds none, or several (pass --base-iri)."""
    rows = _select(client, f"SELECT DISTINCT ?m WHERE {{ GRAPH ?m {{ ?m <{GG}version> ?v }} }}")
    found = sorted(r["m"] for r in rows if r["m"].endswith("graph/manifest"))
    if not found:
        raise StoreError(f"{client.url}: no glossgraph manifest in this store (run "
                         "`glossgraph push --to <its Graph Store endpoint>` first)")
    if len(found) > 1:
        raise StoreError(f"{client.url}: {len(found)} glossaries in this store; choose one "
                         "with --base-iri (" + ", ".join(m[:-len('graph/manifest')]
                                                         for m in found) + ")")
    return found[0][:-len("graph/manifest")]


def fetch_version(client: GraphStoreClient, base: str) -> tuple[int, str | None]:
    """(version, pushed at) of the manifest of `base` (StoreError when there is none)."""
    m = manifest_iri(base)
    rows = _select(client, f"SELECT ?v ?at WHERE {{ GRAPH <{m}> {{ <{m}> <{GG_VERSION}> ?v "
                           f"OPTIONAL {{ <{m}> <{GG_PUSHED}> ?at }} }} }}")
    if not rows:
        raise StoreError(f"{client.url}: no manifest <{m}> in this store (run `glossgraph "
                         "push` first, or check --base-iri)")
    return max(int(r["v"]) for r in rows), rows[0].get("at")


def fetch_manifest(client: GraphStoreClient, base: str) -> Manifest:
    """The manifest of `base` as it is now: version, time, its records graphs (one query
    for the graphs after the version; a push between the two shows as a version mismatch,
    and the graphs of the newer one are read)."""
    m = manifest_iri(base)
    rows = _select(client, f"SELECT ?v ?at ?g ?k WHERE {{ GRAPH <{m}> {{ <{m}> <{GG_VERSION}> "
                           f"?v OPTIONAL {{ <{m}> <{GG_PUSHED}> ?at }} OPTIONAL {{ <{m}> "
                           f"<{GG_GRAPH}> ?g . ?g <{GG_RECORDS}> ?k }} }} }}")
    if not rows:
        raise StoreError(f"{client.url}: no manifest <{m}> in this store (run `glossgraph "
                         "push` first, or check --base-iri)")
    out = Manifest(version=int(rows[0]["v"]), pushed_at=rows[0].get("at"))
    out.records = {r["g"]: r["k"] for r in rows if "g" in r}
    if not out.records:
        raise StoreError(f"{client.url}: the manifest <{m}> lists no records graphs (pushed by "
                         "an older glossgraph: push again)")
    return out


def _from(graphs: Iterable[str]) -> str:
    return " ".join(f"FROM <{g}>" for g in sorted(graphs))


class _LazyConcept(Concept):
    """A concept whose texts and resources (`_LAZY`) are read from the store on first use."""

    def __getattr__(self, name: str):  # only for attributes not set yet
        if name in _LAZY and "_store" in self.__dict__:
            self.__dict__["_store"]._load(self.id)
            return object.__getattribute__(self, name)
        raise AttributeError(name)


_DEFINITIONS = Concept.__dict__["definitions"]  # Concept's slot: set once a concept is loaded


def _loaded(obj: Concept | None) -> bool:
    """Are a lazy concept's texts read (without reading them)?"""
    if obj is None:
        return False
    try:
        _DEFINITIONS.__get__(obj)
    except AttributeError:
        return False
    return True


class SparqlStore:
    """A `GraphStore` over one version of a glossary in a SPARQL store (module docstring)."""

    def __init__(self, client: GraphStoreClient, base: str, manifest: Manifest | None = None):
        self.client = client
        self.base = base
        self.manifest = manifest or fetch_manifest(client, base)
        self.records = dict(self.manifest.records)  # records graph → "K-N"
        # records graphs by shard number (a subject's record is in shard crc32 % count, as
        # graph.publish.records_of cut them)
        self._count = int(next(iter(self.records.values())).partition("-")[2])
        self._shards = {int(k.partition("-")[0]): g for g, k in self.records.items()}
        self.queries = 0  # SPARQL queries this version has run (tests, bench)
        rows = self._select(f"SELECT ?r {_from(self.records)} WHERE {{ ?s <{GG_INDEX}> ?r }}")
        self.index: dict[str, str] = {}  # concept id → its gg:index JSON (what changed)
        self._mem, self._meta = self._rebuild([json.loads(r["r"]) for r in rows])
        self._lock = threading.RLock()
        self._objects: dict[str, _LazyConcept] = {}
        self._pending: dict[str, _LazyConcept] = {}
        self._shown: dict[str, None] = {}  # the concepts of the last neighborhood or overview

    def _select(self, query: str) -> list[dict[str, str]]:
        self.queries += 1
        return _select(self.client, query)

    # ----------------------------------------------------------------- the concept layer

    def _rebuild(self, records: list[dict]) -> tuple[MemoryStore, GraphMeta]:
        concepts: dict[str, Concept] = {}
        tags: dict[str, Tag] = {}
        notes: dict[str, Note] = {}
        relations: list[Relation] = []
        label_index: dict[str, str] = {}
        glossary: dict = {}
        for rec in records:
            kind = rec.get("kind")
            if kind == "concept":
                cid = rec["id"]
                self.index[cid] = json.dumps(rec, sort_keys=True)
                sources = [Source(f, n) for f, n in rec["sources"]]
                first = sources[0] if sources else Source("", 0)
                c = Concept(
                    id=cid, labels=[Label(t, lang) for t, lang in rec["labels"]],
                    synonyms=[Label(t, lang) for t, lang in rec["synonyms"]],
                    definitions=[Text(t, first, lang) for t, lang in rec["defs"]],
                    tags=list(rec["tags"]), sources=sources,
                    label_sources={k: Source(f, n) for k, f, n in rec["syn"]},
                    rule=rec["rule"], confidence=rec["confidence"])
                concepts[cid] = c
                for key in rec["keys"]:
                    label_index[key] = cid
                for target, kind_, file, line, text, rule, conf in rec["out"]:
                    relations.append(Relation(
                        cid, target, BROADER if kind_ == HIERARCHY_KIND else kind_,
                        Source(file, line), text, rule, conf))
            elif kind == "tag":
                tags[rec["id"]] = Tag(rec["id"], rec["label"],
                                      [Source(f, n) for f, n in rec["sources"]])
            elif kind == "note":
                notes[rec["path"]] = Note(rec["path"], rec["title"], rec["concept"])
            elif kind == "glossary":
                glossary = rec
        nodes, out = typed_graph(concepts, notes, tags, label_index, relations)
        pushed = self.manifest.pushed_at
        try:
            built_at = datetime.fromisoformat(pushed).timestamp() if pushed else 0.0
        except ValueError:
            built_at = 0.0
        result = BuildResult(
            root=glossary.get("folder", ""), graph_nodes=nodes, out=out,
            warnings=[Warning(*w) for w in glossary.get("warnings", ())],
            concepts=concepts, tags=tags, notes=notes, relations_of=lambda: relations,
            label_index=label_index, config=Config(), version=self.manifest.version,
            built_at=built_at, seconds=0.0,
            unresolved=[UnresolvedLink(*u) for u in glossary.get("unresolved", ())])
        meta = GraphMeta(folder=glossary.get("folder", ""), title=glossary.get("title", ""),
                         description=glossary.get("description", ""),
                         base_iri=glossary.get("base_iri", ""))
        return MemoryStore(result), meta

    # ----------------------------------------------------------------- records, in batches

    def _lazy(self, c: Concept | None) -> Concept | None:
        if c is None:
            return None
        obj = self._objects.get(c.id)
        if _loaded(obj):
            return obj  # loaded
        with self._lock:
            obj = self._objects.get(c.id)
            if obj is None:
                obj = _LazyConcept.__new__(_LazyConcept)
                for f in fields(Concept):
                    if f.name not in _LAZY:
                        setattr(obj, f.name, getattr(c, f.name))
                obj.__dict__["_store"] = self
                self._objects[c.id] = obj
            elif _loaded(obj):
                return obj
            else:  # handed out again, not loaded yet: the newest of the pending ones again
                self._pending.pop(c.id, None)
            self._pending[c.id] = obj
            if len(self._pending) > MAX_PENDING:  # the oldest were not needed
                del self._pending[next(iter(self._pending))]
        return obj

    def _lazies(self, concepts: Iterable[Concept]) -> list[Concept]:
        return [self._lazy(c) for c in concepts]

    def _load(self, cid: str) -> None:
        """Fetch the records of `cid`, of every concept handed out and not loaded yet, and of
        their relation targets (one level ahead), in one query (at most MAX_BATCH concepts)."""
        with self._lock:
            if _loaded(self._objects[cid]):
                return
            want = [cid] + [x for x in reversed(self._pending) if x != cid]  # newest first
            seen = set(want)

            def take(candidates, limit: int) -> None:
                """Add the candidates not loaded yet to `want`, up to `limit` in all."""
                for x in candidates:
                    if len(want) >= limit:
                        break
                    if x not in seen and not _loaded(self._objects.get(x)):
                        seen.add(x)
                        want.append(x)

            if cid in self._shown:  # a node of the last subgraph is read: the others will be too
                take(self._shown, MAX_BATCH)
            ahead: list[str] = []
            refs = self._mem.edges_of(want, "out")
            back = self._mem.edges_of(want, "in")
            for table in (refs, back):
                for found in table.values():
                    ahead.extend(r.target for r in found)
            take(ahead, len(want) + MAX_AHEAD)
            want = want[:MAX_BATCH]
            for x in want:
                self._pending.pop(x, None)
        iris = {concept_iri(self.base, x): x for x in want}
        graphs = {self._shards[zlib.crc32(iri.encode()) % self._count] for iri in iris}
        values = " ".join(f"<{iri}>" for iri in iris)
        rows = self._select(f"SELECT ?s ?r {_from(graphs)} WHERE {{ VALUES ?s {{ {values} }} "
                            f"?s <{GG_RECORD}> ?r }}")
        loaded = {iris[r["s"]]: json.loads(r["r"]) for r in rows if r["s"] in iris}
        with self._lock:
            for x in want:
                thin = self._mem.concept(x)
                obj = self._objects.get(x)
                if obj is None:
                    obj = self._lazy(thin)
                    self._pending.pop(x, None)
                rec = loaded.get(x, {})
                obj.notes = [Text(t, Source(f, n), lang) for t, lang, f, n in rec.get("notes", ())]
                obj.resources = [Resource(u, title, Source(f, n), bool(img))
                                 for u, title, f, n, img in rec.get("resources", ())]
                obj.note_paths = list(rec.get("note_paths", ()))
                obj.definitions = [Text(t, Source(f, n), lang)  # last: it says "loaded"
                                   for t, lang, f, n in rec.get("definitions", ())]

    # ----------------------------------------------------------------- the GraphStore

    @property
    def version(self) -> int:
        return self.manifest.version

    def concept(self, cid: str) -> Concept | None:
        return self._lazy(self._mem.concept(cid))

    def concept_by_label(self, label: str) -> Concept | None:
        return self._lazy(self._mem.concept_by_label(label))

    def resolve(self, id_or_label: str) -> Concept | None:
        return self.concept(id_or_label) or self.concept_by_label(id_or_label)

    def concepts(self, tag=None, kind=None, search=None, offset=0, limit=20,
                 min_confidence=0.0):
        page, total = self._mem.concepts(tag, kind, search, offset, limit, min_confidence)
        return self._lazies(page), total

    def search(self, text: str, first: int = 10) -> list:
        return self._mem.search(text, first)

    def relations(self, cid, kinds=None, direction=None):
        return self._mem.relations(cid, kinds, direction)

    def broader(self, cid: str) -> list[Concept]:
        return self._lazies(self._mem.broader(cid))

    def narrower(self, cid: str) -> list[Concept]:
        return self._lazies(self._mem.narrower(cid))

    def degree(self, cid: str) -> int:
        return self._mem.degree(cid)

    def node_degree(self, node: str) -> int:
        return self._mem.node_degree(node)

    def neighborhood(self, cid, depth=1, kinds=None):
        return self._showing(self._mem.neighborhood(cid, depth, kinds))

    def overview(self, limit=400, tags=None, notes=False, synonyms=False):
        return self._showing(self._mem.overview(limit, tags, notes=notes, synonyms=synonyms))

    def _showing(self, sub):
        """A subgraph is handed out: when a field of one of its concepts is read (a GraphQL
        node's path, say), that of the others is read next, node by node; the load of the
        first takes them along, up to MAX_BATCH a query, instead of one query for each."""
        self._shown = dict.fromkeys(n.concept_id for n in sub.nodes
                                    if n.kind == TERM and n.concept_id)
        return sub

    def path(self, source, target, max_length=4, kinds=None):
        return self._mem.path(source, target, max_length, kinds)

    def tags(self):
        return self._mem.tags()

    def tag(self, id_or_label):
        return self._mem.tag(id_or_label)

    def tag_count(self, tid):
        return self._mem.tag_count(tid)

    def notes(self):
        return self._mem.notes()

    def note(self, path):
        return self._mem.note(path)

    def stats(self):
        return self._mem.stats()

    def warnings(self):
        return self._mem.warnings()

    def unresolved_links(self):
        return self._mem.unresolved_links()

    def communities(self):
        return self._mem.communities()

    def community(self, cid):
        return self._mem.community(cid)

    def section(self, cid, images=False):
        return None  # the store holds no Markdown

    def layout(self, limit=400):
        return self._mem.layout(limit)

    def warm(self, limit: int = 400) -> None:
        self._mem.warm(limit)

    def concept_ids(self) -> list[str]:
        return self._mem.concept_ids()

    def concepts_by_id(self, ids):
        return {cid: self._lazy(c) for cid, c in self._mem.concepts_by_id(ids).items()}

    def edges_of(self, ids, direction="out"):
        return self._mem.edges_of(ids, direction)

    def meta(self) -> GraphMeta:
        return self._meta

    # ----------------------------------------------------------------- versions

    def changes_since(self, older: SparqlStore | None) -> SimpleNamespace:
        """Concepts added, changed, removed since `older` (for subscribers)."""
        before = older.index if older is not None else {}
        now = self.index
        return SimpleNamespace(
            added=sorted(set(now) - set(before)), removed=sorted(set(before) - set(now)),
            changed=sorted(c for c in set(now) & set(before) if now[c] != before[c]))


def open_store(url: str, base_iri: str | None = None, **client_options) -> SparqlStore:
    """The current version of the glossary at the query endpoint `url` (StoreError: one line)."""
    try:
        client = GraphStoreClient(url, agent="glossgraph-serve", **client_options)
    except PushError as exc:
        raise StoreError(str(exc).replace("Graph Store URL", "SPARQL query endpoint URL")) \
            from None
    base = base_iri or find_base(client)
    return SparqlStore(client, base)


__all__ = ["SparqlStore", "StoreError", "open_store", "fetch_manifest", "fetch_version",
           "find_base"]
