"""The read interface of a built graph: what the API (and any other reader) asks of it.

`GraphStore` is a small `typing.Protocol`; `MemoryStore(result)` implements it over one
`BuildResult`, `graph.sparql_store.SparqlStore` over a SPARQL endpoint. A store is an
immutable snapshot: what queries need (search index, degrees, relations by concept) is
computed at construction — for the next version by `MemoryStore.after(previous, result)`,
which patches copies of the previous store's tables with the build's delta — and a rebuild
makes a *new* store that the server swaps in atomically, so a request never sees half of one
build and half of another.

The graph algorithms (`ego_nodes`, `shortest_path`) are plain functions over a
`neighbours(node)` callable: the store walks the build's own edges (each concept's out-edges,
made when read from its relations, and the tables of the relations towards it), with no
second copy of the graph.

>>> from graph import build
>>> store = MemoryStore(build("data"))
>>> store.concept_by_label("检索增强生成").id
'rag'
>>> [s.target for s in store.relations("rag", ["hierarchy"], direction="out")]
['ai人工智能基础']
>>> path = store.path("rag", "ai人工智能基础")
>>> path.concepts, path.steps[0].kind
(('rag', 'ai人工智能基础'), 'hierarchy')
"""

from __future__ import annotations

import base64
import bisect
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from typing import Protocol, runtime_checkable


from .build import BuildResult
from .communities import Communities, Community
from .sections import Section
from .model import (BROADER, DEFINED_IN, FRONTMATTER, HAS_SYNONYM, HIERARCHY, LINK, MENTION,
                    NARROWER, NOTE, RELATED_TO, RELATION_KINDS, SYNONYM, TAG, TAGGED, TERM,
                    Concept, Note, Relation, Source, Tag, Warning)
from .nxgraph import relation_data, term_node
from .text import normalize
from .versioned import Tracked

# Bounds of what one query may ask for (the API reports a clear error beyond them).
MAX_DEPTH = 3           # neighborhood radius
MAX_PATH_LENGTH = 6     # steps of a path
MAX_PAGE = 100          # concepts per page, search hits, related, tag concepts
MAX_OVERVIEW = 20000    # nodes of an overview (the viewer allows up to 20000)
MAX_NEIGHBORHOOD = 500  # nodes of a neighborhood before it is truncated
MAX_WARNINGS = 1000

# Which relation wins when two concepts are joined by several edges (a path shows one).
_STEP_PREFERENCE = {LINK: 0, FRONTMATTER: 1, BROADER: 2, HIERARCHY: 3, MENTION: 4}


class QueryError(ValueError):
    """A request the store cannot answer as asked (bad argument): the message is for the user."""


# --------------------------------------------------------------------------- result records


@dataclass(frozen=True, slots=True)
class RelationRef:
    """One concept-to-concept edge as seen from one end.

    kind: link | mention | hierarchy | frontmatter (RELATED_TO), or BROADER / NARROWER;
    direction: "out" when the edge was written from this concept, "in" otherwise.
    """

    kind: str
    direction: str
    target: str  # the other concept's id
    evidence: Source
    text: str = ""
    rule: str = ""  # the rule that made the edge
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class GraphNode:
    id: str  # graph node id: term:rag, tag:机器学习, note:ai-basics.md, synonym:…
    kind: str  # term | tag | note | synonym
    label: str
    concept_id: str | None
    degree: int


@dataclass(frozen=True, slots=True)
class GraphEdge:
    source: str
    target: str
    type: str  # HAS_SYNONYM | TAGGED | RELATED_TO | BROADER | DEFINED_IN
    kind: str | None = None  # link | mention | hierarchy | frontmatter for RELATED_TO


@dataclass(frozen=True, slots=True)
class Subgraph:
    """Nodes and edges of a neighborhood or an overview; unpacks as `(nodes, edges)`."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    truncated: bool = False
    center: str | None = None  # graph node id of the centre of a neighborhood

    def __iter__(self) -> Iterator:
        return iter((self.nodes, self.edges))


@dataclass(frozen=True, slots=True)
class PathStep:
    """One step of a path, in walking order: `source` → `target` (concept ids).

    `direction` is "out" when the underlying edge points the way we walk, "in" when the path
    walks it backwards (e.g. from a broader concept down to a narrower one).
    """

    source: str
    target: str
    kind: str  # link | mention | hierarchy | frontmatter | BROADER
    direction: str
    evidence: Source
    text: str = ""


@dataclass(frozen=True, slots=True)
class Path:
    concepts: tuple[str, ...]
    steps: tuple[PathStep, ...]

    @property
    def length(self) -> int:
        return len(self.steps)


@dataclass(frozen=True, slots=True)
class Stats:
    version: int
    built_at: float  # epoch seconds
    seconds: float
    notes: int
    concepts: int
    tags: int
    edges: int
    warnings: int
    edges_by_type: tuple[tuple[str, int], ...] = ()
    nodes_by_kind: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class GraphMeta:
    """What describes the glossary as a whole (the RDF concept scheme, /health)."""

    folder: str  # the notes folder's (or file's) name, never its absolute path
    title: str  # [rdf] title, else the folder's name (a file's stem), else "glossary"
    description: str = ""  # [rdf] description
    base_iri: str = ""  # [rdf] base_iri of the notes' config ("" = the default)


# --------------------------------------------------------------------------- the Protocol


@runtime_checkable
class GraphStore(Protocol):
    """What the API reads. Implementations are immutable snapshots of one build."""

    @property
    def version(self) -> int: ...

    def concept(self, cid: str) -> Concept | None: ...

    def concept_by_label(self, label: str) -> Concept | None: ...

    def concepts(self, tag: str | None = None, kind: str | None = None,
                 search: str | None = None, offset: int = 0,
                 limit: int = 20, min_confidence: float = 0.0) -> tuple[list[Concept], int]: ...

    def search(self, text: str, first: int = 10) -> list: ...

    def relations(self, cid: str, kinds: Iterable[str] | None = None,
                  direction: str | None = None) -> list[RelationRef]: ...

    def broader(self, cid: str) -> list[Concept]: ...

    def narrower(self, cid: str) -> list[Concept]: ...

    def degree(self, cid: str) -> int: ...

    def neighborhood(self, cid: str, depth: int = 1,
                     kinds: Iterable[str] | None = None) -> Subgraph: ...

    def overview(self, limit: int = 400, tags: Iterable[str] | None = None,
                 notes: bool = False, synonyms: bool = False) -> Subgraph: ...

    def path(self, source: str, target: str, max_length: int = 4,
             kinds: Iterable[str] | None = None) -> Path | None: ...

    def tags(self) -> list[Tag]: ...

    def tag(self, id_or_label: str) -> Tag | None: ...

    def tag_count(self, tid: str) -> int: ...

    def notes(self) -> list[Note]: ...

    def note(self, path: str) -> Note | None: ...

    def stats(self) -> Stats: ...

    def warnings(self) -> list[Warning]: ...

    def unresolved_links(self) -> list: ...

    # the viewer (issue 13): topics, the note beside the graph, whole-graph positions

    def communities(self) -> list[Community]: ...

    def community(self, cid: str) -> Community | None: ...

    def section(self, cid: str, images: bool = False) -> Section | None: ...

    def layout(self, limit: int = 400) -> dict[str, tuple[float, float]]: ...

    # Batch reads: one call per GraphQL field level or per export, never one per relation.

    def concept_ids(self) -> list[str]: ...

    def concepts_by_id(self, ids: Iterable[str]) -> dict[str, Concept]: ...

    def edges_of(self, ids: Iterable[str],
                 direction: str = "out") -> dict[str, list[RelationRef]]: ...

    def meta(self) -> GraphMeta: ...


# --------------------------------------------------------------------------- kinds vocabulary

EDGE_TYPES = (HAS_SYNONYM, TAGGED, RELATED_TO, BROADER, DEFINED_IN)
# What a `kinds` argument may hold (case-insensitive): edge types, RELATED_TO kinds, and the
# node kinds they lead to (synonym → HAS_SYNONYM, tag → TAGGED, note → DEFINED_IN).
_KIND_ALIASES = {
    **{t.lower(): t for t in EDGE_TYPES},
    "narrower": BROADER, "related": RELATED_TO,
    **{k: f"{RELATED_TO}:{k}" for k in RELATION_KINDS},
    "synonym": HAS_SYNONYM, "synonyms": HAS_SYNONYM, "tag": TAGGED, "tags": TAGGED,
    "note": DEFINED_IN, "notes": DEFINED_IN,
}
KINDS_HELP = ("HAS_SYNONYM, TAGGED, RELATED_TO, BROADER, DEFINED_IN, link, mention, hierarchy, "
              "frontmatter")


_RELATED_CLASSES: dict[str | None, str] = {}  # kind → its class, made once


def edge_class(data: dict) -> str:
    """`RELATED_TO:link` for a related edge, else the edge type."""
    etype = data["type"]
    if etype != RELATED_TO:
        return etype
    kind = data.get("kind")
    found = _RELATED_CLASSES.get(kind)
    if found is None:
        found = _RELATED_CLASSES[kind] = f"{RELATED_TO}:{kind}"
    return found


def parse_kinds(kinds: Iterable[str] | None, default: Iterable[str]) -> frozenset[str]:
    """Edge classes allowed by a `kinds` argument (None/empty → `default`)."""
    kinds = [k for k in (kinds or []) if k is not None]
    if not kinds:
        return frozenset(default)
    allowed: set[str] = set()
    for raw in kinds:
        key = _KIND_ALIASES.get(str(raw).strip().lower())
        if key is None:
            raise QueryError(f"unknown kind {raw!r}; use one of {KINDS_HELP}")
        if key == RELATED_TO:
            allowed.update(f"{RELATED_TO}:{k}" for k in RELATION_KINDS)
        else:
            allowed.add(key)
    return frozenset(allowed)


ALL_RELATED = frozenset(f"{RELATED_TO}:{k}" for k in RELATION_KINDS)
NEIGHBORHOOD_DEFAULT = ALL_RELATED | {BROADER, TAGGED, HAS_SYNONYM}
PATH_DEFAULT = ALL_RELATED | {BROADER}


# --------------------------------------------------------------------------- algorithms


def ego_nodes(neighbours: Callable[[str], Iterable[str]], center: str,
              radius: int) -> dict[str, int]:
    """The ego graph of `center`: node → distance, for nodes at most `radius` steps away,
    walking `neighbours(node)` (the nodes one step from a node, over the edges wanted).

    >>> around = {"a": ["b"], "b": ["a", "c"], "c": ["b", "d"], "d": ["c"]}
    >>> ego_nodes(around.__getitem__, "a", 2)
    {'a': 0, 'b': 1, 'c': 2}
    """
    dist = {center: 0}
    level = [center]
    for step in range(1, radius + 1):
        ahead = []
        for node in level:
            for other in neighbours(node):
                if other not in dist:
                    dist[other] = step
                    ahead.append(other)
        level = ahead
        if not level:
            break
    return dist


def shortest_path(neighbours: Callable[[str], Iterable[str]], source: str, target: str,
                  max_length: int) -> list[str] | None:
    """Nodes of a shortest path from `source` to `target` walking `neighbours(node)` (both
    ways: the edges are read as undirected), or None when there is none of at most
    `max_length` steps. Searches from both ends, the smaller frontier first, as networkx's
    `bidirectional_shortest_path` does.

    >>> around = {"a": ["b"], "b": ["a", "c"], "c": ["b", "d"], "d": ["c"]}
    >>> shortest_path(around.__getitem__, "a", "d", 4)
    ['a', 'b', 'c', 'd']
    >>> shortest_path(around.__getitem__, "a", "d", 2) is None
    True
    """
    if source == target:
        return [source]
    before: dict[str, str | None] = {source: None}  # node → the next node towards source
    after: dict[str, str | None] = {target: None}  # node → the next node towards target
    ahead, behind = [source], [target]
    for _ in range(max_length):
        if not ahead or not behind:
            return None
        forward = len(ahead) <= len(behind)
        level, seen, other = (ahead, before, after) if forward else (behind, after, before)
        new = []
        for node in level:
            for near in neighbours(node):
                if near in seen:
                    continue
                seen[near] = node
                if near in other:
                    path, at = [], near
                    while at is not None:
                        path.append(at)
                        at = before[at]
                    path.reverse()
                    at = after[near]
                    while at is not None:
                        path.append(at)
                        at = after[at]
                    return path
                new.append(near)
        if forward:
            ahead = new
        else:
            behind = new
    return None


# --------------------------------------------------------------------------- cursors


def encode_cursor(offset: int) -> str:
    """Relay array-connection cursor of a 0-based offset."""
    return base64.b64encode(f"arrayconnection:{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
        prefix, _, number = text.partition(":")
        if prefix != "arrayconnection" or not number.isdigit():
            raise ValueError
        return int(number)
    except (ValueError, UnicodeError):
        raise QueryError(f"invalid cursor {cursor!r}: pass an endCursor or cursor "
                         "returned by this API") from None


# --------------------------------------------------------------------------- MemoryStore


def _check_range(name: str, value: int, low: int, high: int) -> int:
    if value is None or not (low <= value <= high):
        raise QueryError(f"{name} must be between {low} and {high} (got {value})")
    return value


@dataclass
class _Precomputed:
    """Everything derived from the build once, at construction."""

    order: list[str] = field(default_factory=list)  # concept ids, sorted
    # The build's own `Relation`s towards each concept, one per edge, by the concept they come
    # from: a RelationRef is made when asked for (`_ref`). Those written from a concept are its
    # out-edges' (`_written`). Here and in the id lists below a concept without such edges has
    # no entry (no empty list for each of 300k concepts).
    in_rel: dict[str, tuple[Relation, ...]] = field(default_factory=dict)
    # BROADER relations towards it, kind "broader": its narrower concepts.
    broader_in: dict[str, tuple[Relation, ...]] = field(default_factory=dict)
    degree: dict[str, int] = field(default_factory=dict)  # by graph node id
    by_kind: dict[str, Mapping[str, bool]] = field(default_factory=dict)  # kind → ids (keys)
    by_tag: dict[str, list[str]] = field(default_factory=dict)
    tag_by_label: dict[str, str] = field(default_factory=dict)
    # node → the term nodes with an edge to it, sorted (a tuple: a third of a frozenset)
    reached: dict[str, tuple[str, ...]] = field(default_factory=dict)


_PATCHED = ("in_rel", "broader_in", "degree", "reached")


def _source_of(data: dict) -> Source:
    return Source(data.get("file") or "", data.get("line") or 0)


def _kind_of(rel: Relation) -> str:
    """The relation kind an edge is read as: its RELATED_TO kind, or "broader"."""
    return "broader" if rel.kind == BROADER else (rel.kind or LINK)


def _ref(rel: Relation, direction: str) -> RelationRef:
    """The edge of a relation as seen from its source (`out`) or its target (`in`)."""
    kind = _kind_of(rel)
    ev = rel.evidence
    return RelationRef(kind, direction, rel.target if direction == "out" else rel.source,
                       Source(ev.file or "", ev.line or 0), rel.text or "",
                       rel.rule or rel.kind or kind, rel.confidence)


def _written(out: Mapping, cid: str) -> tuple[Relation, ...]:
    """The relations of a concept's out-edges (graph.nxgraph.TermEdges): one per target and
    kind, BROADER ones among them."""
    edges = out.get(f"term:{cid}")
    return edges.related if edges is not None else ()


def _cid(node: str) -> str:
    """The concept id of a term node, interned: the tables by concept (relations both ways,
    concepts by kind) hold one string per concept, the build's own (graph.assemble interns
    concept ids), not one per table and edge end."""
    return sys.intern(node.removeprefix("term:"))


def _meta_of(result: BuildResult) -> GraphMeta:
    root = PurePath(result.root)
    is_file = root.suffix.lower() in (".md", ".mdx", ".markdown")
    config = result.config
    title = config.title or (root.stem if is_file else root.name) or "glossary"
    return GraphMeta(folder=root.name, title=title, description=config.description or "",
                     base_iri=getattr(config, "base_iri", "") or "")


class MemoryStore:
    """A `GraphStore` over one in-memory `BuildResult` (read-only once built).

    `MemoryStore.after(previous, result)` makes the store of the next version from the one
    before: it copies the top-level tables and makes again only the entries of what
    `result.delta` says changed. The undirected graphs the algorithms walk (neighborhood,
    path, overview) are made on first use.
    """

    def __init__(self, result: BuildResult, search_now: bool = True):
        """`search_now=False`: the search index is made on the first search, not now (an
        export reads every concept and searches nothing; a second of the notebook's 6 s)."""
        from .gcpause import paused

        with paused():
            self._make(result, search_now)

    def _make(self, result: BuildResult, search_now: bool = True) -> None:
        self.result = result
        self._nodes = result.graph_nodes  # node id → attributes
        self._search_index = None
        self._search_lock = threading.Lock()
        if search_now:
            self._index  # noqa: B018 (made now)
        pre = self._precompute(result)
        # The tables patched by the next version (MemoryStore.after) are kept live here;
        # this version reads read-only versions of them (graph/versioned.py).
        self._live = {name: Tracked(getattr(pre, name)) for name in _PATCHED}
        for name, table in self._live.items():
            setattr(pre, name, table.snapshot())
        for kind, having in pre.by_kind.items():
            table = self._live[f"kind:{kind}"] = Tracked(dict.fromkeys(having, True))
            pre.by_kind[kind] = table.snapshot()
        self._pre = pre
        self._finish(result)

    @property
    def _index(self):
        """The search index of this version's concepts, made on first use."""
        if self._search_index is None:
            from .search import SearchIndex

            with self._search_lock:
                if self._search_index is None:
                    self._search_index = SearchIndex(self.result.concepts)
        return self._search_index

    def _finish(self, result: BuildResult) -> None:
        self._meta = _meta_of(result)

    # Sorted on first use, not for each version: an edit at 10,000 notes sorted every note.
    @cached_property
    def _tags_sorted(self) -> list[Tag]:
        return sorted(self.result.tags.values(), key=lambda t: (normalize(t.label), t.id))

    @cached_property
    def _notes_sorted(self) -> list[Note]:
        return [self.result.notes[p] for p in sorted(self.result.notes)]

    @classmethod
    def after(cls, previous: GraphStore, result: BuildResult) -> MemoryStore:
        """The store of `result`, made from `previous` (the store of the version just before
        it) by changing what `result.delta` lists; a new store when that is not known."""
        delta = result.delta
        if not isinstance(previous, MemoryStore) or delta is None or delta.full or \
                previous.result.version != result.version - 1 or \
                previous.result.root != result.root or previous._live is None:
            return cls(result)
        from .gcpause import paused

        store = cls.__new__(cls)
        with paused():
            store._patch(previous, result)
        return store

    def _patch(self, previous: MemoryStore, result: BuildResult) -> None:
        delta = result.delta
        self.result = result
        self._nodes = result.graph_nodes
        self._search_lock = threading.Lock()
        self._search_index = None if previous._search_index is None else \
            previous._search_index.patched(result.concepts, delta.concepts)
        old_pre, old_out, new_out = previous._pre, previous.result.out, result.out
        # Only concepts in the delta can have come or gone.
        came = [c for c in delta.concepts
                if c in result.concepts and c not in previous.result.concepts]
        went = [c for c in delta.concepts
                if c not in result.concepts and c in previous.result.concepts]
        order = old_pre.order
        if came or went:  # placed in the sorted list (sorting 300k ids anew: 0.1 s an edit)
            order = list(order)
            for cid in went:
                del order[bisect.bisect_left(order, cid)]
            for cid in came:
                bisect.insort(order, cid)
        pre = _Precomputed(order=order)
        # The previous version's live tables, changed in place (its readers read versions of
        # them that stay as they were). One next version per store: another `after` of the
        # same store makes a new one.
        live, previous._live = previous._live, None
        for name in _PATCHED:
            setattr(pre, name, live[name])
        changed = sorted(n for n in delta.nodes if n.startswith("term:"))
        sources = {_cid(n) for n in changed}
        targets: set[str] = set()  # concepts whose incoming lists change
        reach: set[str] = set()  # other nodes whose terms-to-it change
        for node in changed:
            for edges in (old_out.get(node, ()), new_out.get(node, ())):
                for _, v, data in edges:
                    if data["type"] in (RELATED_TO, BROADER):
                        targets.add(_cid(v))
                    elif data["type"] != NARROWER:
                        reach.add(v)
        incoming: dict[str, list[tuple[str, str, Relation]]] = {}
        for node in changed:
            a = _cid(node)
            if a not in result.concepts:
                continue
            for rel in _written(new_out, a):
                which = "broader_in" if rel.kind == BROADER else "in_rel"
                incoming.setdefault(sys.intern(rel.target), []).append((which, a, rel))
        for b in targets | sources:
            if b not in result.concepts:
                for name in ("in_rel", "broader_in"):
                    getattr(pre, name).pop(b, None)
                continue
            for name in ("in_rel", "broader_in"):
                kept = [(x.source, x) for x in getattr(old_pre, name).get(b, ())
                        if x.source not in sources]
                kept += [(a, x) for which, a, x in incoming.get(b, ()) if which == name]
                kept.sort(key=lambda pair: pair[0])  # by the concept it comes from, as built
                if kept:
                    getattr(pre, name)[b] = tuple(x for _, x in kept)
                else:
                    getattr(pre, name).pop(b, None)
        # Degrees: distinct neighbouring concepts of a term; terms reaching another node.
        for cid in targets | sources:
            node = f"term:{cid}"
            if cid not in result.concepts:
                pre.degree.pop(node, None)
                continue
            near = {rel.target for rel in _written(new_out, cid)}
            near.update(rel.source for table in (pre.in_rel, pre.broader_in)
                        for rel in table.get(cid, ()))
            near.discard(cid)
            pre.degree[node] = len(near)
        reaching: dict[str, set[str]] = {}  # node → changed terms with an edge to it now
        for u in changed:
            for _, v, data in new_out.get(u, ()):
                if data["type"] not in (RELATED_TO, BROADER, NARROWER):
                    reaching.setdefault(v, set()).add(u)
        for node in reach | {n for n in delta.nodes if not n.startswith("term:")}:
            if node not in result.graph_nodes:
                pre.reached.pop(node, None)
                pre.degree.pop(node, None)
                continue
            terms = {t for t in old_pre.reached.get(node, ()) if t.removeprefix("term:")
                     not in sources}
            terms |= reaching.get(node, set())
            if terms:
                pre.reached[node] = tuple(sorted(terms))
            else:
                pre.reached.pop(node, None)
            pre.degree[node] = len(terms)
        # Concepts by relation kind and by tag.
        touched = targets | sources
        kinds_at = {c: {_kind_of(rel) for rel in (*_written(new_out, c), *pre.in_rel.get(c, ()))
                        if rel.kind != BROADER}
                    for c in touched if c in result.concepts}
        for kind in old_pre.by_kind:
            having = live[f"kind:{kind}"]
            for c in touched:
                if kind in kinds_at.get(c, ()):
                    if c not in having:
                        having[c] = True
                elif c in having:
                    del having[c]
            pre.by_kind[kind] = having.snapshot()
        pre.by_tag = dict(old_pre.by_tag)
        old_concepts = previous.result.concepts
        retagged: set[str] = set()
        for cid in delta.concepts:
            for concepts in (old_concepts, result.concepts):
                if cid in concepts:
                    retagged.update(concepts[cid].tags)
        for tid in retagged:
            having = {c for c in old_pre.by_tag.get(tid, ()) if c not in delta.concepts}
            having.update(c for c in delta.concepts
                          if c in result.concepts and tid in result.concepts[c].tags)
            if having:
                pre.by_tag[tid] = sorted(having)
            else:
                pre.by_tag.pop(tid, None)
        for tid, tag in result.tags.items():
            pre.tag_by_label.setdefault(normalize(tag.label), tid)
            pre.tag_by_label.setdefault(normalize(tid), tid)
        for name in _PATCHED:
            setattr(pre, name, live[name].snapshot())
        self._live = live
        self._pre = pre
        self._finish(result)

    # ----------------------------------------------------------------- construction

    @staticmethod
    def _precompute(result: BuildResult) -> _Precomputed:
        """One pass over the edges: relations by concept and degrees."""
        pre = _Precomputed(order=sorted(result.concepts))
        neighbours: dict[str, set[str]] = {cid: set() for cid in pre.order}
        reached_by: dict[str, set[str]] = {}  # non-term node → terms with an edge to it
        kinds: dict[str, set[str]] = {k: set() for k in RELATION_KINDS}
        kind_of = {n: d["kind"] for n, d in result.graph_nodes.items()}
        # Every edge starts at a concept but a note's TAGGED ones (which count for nothing here).
        for u in sorted(n for n in result.out if kind_of.get(n) == TERM):
            a = _cid(u)
            for _, v, data in result.out[u]:
                etype = data["type"]
                if etype not in (RELATED_TO, BROADER):
                    if etype != NARROWER and kind_of[v] != TERM:
                        reached_by.setdefault(v, set()).add(u)
                    continue
                rel, b = data.rel, _cid(v)
                if etype == RELATED_TO:
                    pre.in_rel.setdefault(b, []).append(rel)
                    kinds.setdefault(rel.kind or LINK, set()).update((a, b))
                else:  # BROADER a → b: b is broader than a
                    pre.broader_in.setdefault(b, []).append(rel)
                if a == b:
                    continue
                neighbours[a].add(b)
                neighbours[b].add(a)
        pre.by_kind = {k: frozenset(v) for k, v in kinds.items()}
        # Degree: distinct neighbouring concepts for a term; concepts reached for a tag,
        # note or synonym (how many concepts carry the tag, are defined in the note, …).
        for node, kind in kind_of.items():
            if kind == TERM:
                pre.degree[node] = len(neighbours[node.removeprefix("term:")])
            else:
                pre.degree[node] = len(reached_by.get(node, ()))
        pre.reached = {node: tuple(sorted(terms)) for node, terms in reached_by.items()}
        # Tuples of their exact size: kept as long as the version (lists have room to grow).
        for table in (pre.in_rel, pre.broader_in):
            for cid, rels in table.items():
                table[cid] = tuple(rels)
        for cid in pre.order:
            for tid in result.concepts[cid].tags:
                pre.by_tag.setdefault(tid, []).append(cid)
        for tid, tag in result.tags.items():
            pre.tag_by_label.setdefault(normalize(tag.label), tid)
            pre.tag_by_label.setdefault(normalize(tid), tid)
        return pre

    def _around(self, node: str) -> Iterator[tuple[str, object]]:
        """Every edge at `node` read as undirected: (the node at its other end, its
        attributes). The mirror NARROWER edge of a BROADER one is left out (its BROADER edge
        is read from both ends). Every edge starts at a concept: a concept's are its own and
        those towards it; another node's are those of the concepts that reach it."""
        out = self.result.out
        if node.startswith("term:"):
            cid = node.removeprefix("term:")
            for _, v, data in out.get(node, ()):
                if data["type"] != NARROWER:
                    yield v, data
            for table in (self._pre.in_rel, self._pre.broader_in):
                for rel in table.get(cid, ()):
                    yield term_node(rel.source), relation_data(rel)
            return
        for term in self._pre.reached.get(node, ()):  # sorted
            for _, v, data in out.get(term, ()):
                if v == node:
                    yield term, data

    @cached_property
    def _stats(self) -> Stats:
        return self._compute_stats(self.result)

    @staticmethod
    def _compute_stats(result: BuildResult) -> Stats:
        counts = result.counts()
        return Stats(version=result.version, built_at=result.built_at, seconds=result.seconds,
                     notes=counts["notes"], concepts=counts["concepts"], tags=counts["tags"],
                     edges=result.edge_count(), warnings=counts["warnings"],
                     edges_by_type=tuple(counts["edges"].items()),
                     nodes_by_kind=tuple(sorted(counts["nodes"].items())))

    # ----------------------------------------------------------------- concepts

    @property
    def version(self) -> int:
        return self.result.version

    def concept(self, cid: str) -> Concept | None:
        return self.result.concepts.get(cid)

    def concept_by_label(self, label: str) -> Concept | None:
        return self.result.concept_by_label(label)

    def resolve(self, id_or_label: str) -> Concept | None:
        """A concept by id, else by any of its labels."""
        return self.concept(id_or_label) or self.concept_by_label(id_or_label)

    def concepts(self, tag: str | None = None, kind: str | None = None,
                 search: str | None = None, offset: int = 0,
                 limit: int = 20, min_confidence: float = 0.0) -> tuple[list[Concept], int]:
        """One page of concepts (sorted by id, or by rank with `search`) and the total;
        `min_confidence` keeps the concepts the rules are at least that sure of."""
        _check_range("first", limit, 0, MAX_PAGE)
        if offset < 0:
            raise QueryError("offset must not be negative")
        ids: Sequence[str] = self._pre.order
        if search is not None and search.strip():
            ids = [h.concept_id for h in self._index.search(search, first=len(ids) or 1)]
        if tag:
            tid = self._tag_id(tag)
            tagged = set(self._pre.by_tag.get(tid, ())) if tid else set()
            ids = [cid for cid in ids if cid in tagged]
        if kind:
            key = str(kind).lower()
            if key not in RELATION_KINDS:
                raise QueryError(f"unknown relation kind {kind!r}; use one of "
                                 + ", ".join(RELATION_KINDS))
            having = self._pre.by_kind.get(key, {})
            ids = [cid for cid in ids if cid in having]
        if min_confidence:
            if not 0.0 <= min_confidence <= 1.0:
                raise QueryError(f"minConfidence must be between 0 and 1 (got {min_confidence})")
            concepts = self.result.concepts
            ids = [cid for cid in ids if concepts[cid].confidence >= min_confidence]
        page = ids[offset:offset + limit]
        return [self.result.concepts[cid] for cid in page], len(ids)

    def search(self, text: str, first: int = 10) -> list:
        _check_range("first", first, 0, MAX_PAGE)
        if not text or not text.strip() or first == 0:
            return []
        return list(self._index.search(text, first=first))

    # ----------------------------------------------------------------- relations

    def unresolved_links(self) -> list:
        """Links to no note (`graph.merge.UnresolvedLink`: target, file, line, concept)."""
        return list(self.result.unresolved)

    def relations(self, cid: str, kinds: Iterable[str] | None = None,
                  direction: str | None = None) -> list[RelationRef]:
        """RELATED_TO edges of a concept (outgoing first), optionally filtered."""
        if direction not in (None, "out", "in", "both"):
            raise QueryError("direction must be 'out', 'in' or 'both'")
        wanted = {str(k).lower() for k in kinds} if kinds else None
        refs: list[RelationRef] = []
        for way in ("out", "in"):
            if direction in (None, "both", way):
                rels = [r for r in _written(self.result.out, cid) if r.kind != BROADER] \
                    if way == "out" else self._pre.in_rel.get(cid, ())
                refs.extend(_ref(r, way) for r in rels
                            if wanted is None or _kind_of(r) in wanted)
        return refs

    def broader(self, cid: str) -> list[Concept]:
        return [self.result.concepts[r.target] for r in _written(self.result.out, cid)
                if r.kind == BROADER]

    def narrower(self, cid: str) -> list[Concept]:
        return [self.result.concepts[r.source] for r in self._pre.broader_in.get(cid, ())]

    def degree(self, cid: str) -> int:
        return self._pre.degree.get(f"term:{cid}", 0)

    def node_degree(self, node: str) -> int:
        return self._pre.degree.get(node, 0)

    # ----------------------------------------------------------------- subgraphs

    def _graph_node(self, node: str) -> GraphNode:
        data = self._nodes[node]
        kind = data["kind"]
        if kind == TERM:
            cid = node.removeprefix("term:")
        elif kind == NOTE:
            cid = data.get("concept")
        elif kind == TAG:
            cid = data.get("concept")
        else:
            cid = None
        return GraphNode(node, kind, data.get("label") or node, cid, self._pre.degree.get(node, 0))

    def _edges_between(self, nodes: set[str], allowed: frozenset[str]) -> list[GraphEdge]:
        edges: list[GraphEdge] = []
        out = self.result.out
        for u in sorted(nodes):
            for _, v, data in out.get(u, ()):
                if v not in nodes or data["type"] == NARROWER or edge_class(data) not in allowed:
                    continue
                edges.append(GraphEdge(u, v, data["type"], data.get("kind")))
        return edges

    def neighborhood(self, cid: str, depth: int = 1,
                     kinds: Iterable[str] | None = None) -> Subgraph:
        """Concepts, tags and synonyms within `depth` steps of a concept (edges undirected).

        Note nodes (and DEFINED_IN edges) only when `kinds` asks for them.
        """
        _check_range("depth", depth, 1, MAX_DEPTH)
        allowed = parse_kinds(kinds, NEIGHBORHOOD_DEFAULT)
        center = f"term:{cid}"
        if center not in self._nodes:
            raise QueryError(f"no concept with id {cid!r}")
        with_notes = DEFINED_IN in allowed
        attrs = self._nodes

        def neighbours(node: str) -> Iterator[str]:
            for other, data in self._around(node):
                if edge_class(data) in allowed and (with_notes or attrs[other]["kind"] != NOTE):
                    yield other

        dist = ego_nodes(neighbours, center, depth)
        truncated = len(dist) > MAX_NEIGHBORHOOD
        if truncated:  # keep the nearest, then the best connected
            keep = sorted(dist, key=lambda n: (dist[n], -self._pre.degree.get(n, 0), n))
            dist = {n: dist[n] for n in keep[:MAX_NEIGHBORHOOD]}
        nodes = set(dist)
        ordered = sorted(nodes, key=lambda n: (dist[n], n))
        return Subgraph(tuple(self._graph_node(n) for n in ordered),
                        tuple(self._edges_between(nodes, allowed)), truncated, center)

    def overview(self, limit: int = 400, tags: Iterable[str] | None = None,
                 notes: bool = False, synonyms: bool = False) -> Subgraph:
        """The whole graph when it has at most `limit` nodes, else the best connected
        concepts and their neighbours. Concepts and tags; notes and synonyms when asked."""
        _check_range("limit", limit, 1, MAX_OVERVIEW)
        allowed = set(ALL_RELATED | {BROADER, TAGGED})
        if notes:
            allowed.add(DEFINED_IN)
        if synonyms:
            allowed.add(HAS_SYNONYM)
        allowed_f = frozenset(allowed)
        kinds_shown = {TERM, TAG} | ({NOTE} if notes else set()) | ({SYNONYM} if synonyms
                                                                     else set())
        g = self._nodes
        if tags:
            tids = {t for t in (self._tag_id(x) for x in tags) if t}
            concepts = [c for tid in sorted(tids) for c in self._pre.by_tag.get(tid, ())]
            concepts = list(dict.fromkeys(concepts))
            seeds = [f"term:{c}" for c in concepts] + [f"tag:{t}" for t in sorted(tids)]
            candidates = set(seeds)
            for n in seeds:  # the tagged concepts, their synonyms and notes if shown
                for v, data in self.result.out_edges(n):
                    if g[v]["kind"] in kinds_shown - {TERM, TAG} and \
                            edge_class(data) in allowed_f:
                        candidates.add(v)
        else:
            candidates = {n for n, d in g.items() if d["kind"] in kinds_shown}
        degree = self._pre.degree
        if len(candidates) <= limit:
            chosen = candidates
            truncated = False
        else:
            truncated = True
            chosen: set[str] = set()
            ranked = sorted((n for n in candidates if g[n]["kind"] == TERM),
                            key=lambda n: (-degree.get(n, 0), n))
            for hub in ranked:
                if len(chosen) >= limit:
                    break
                chosen.add(hub)
                around = sorted({v for v, d in self._around(hub)
                                 if v in candidates and edge_class(d) in allowed_f},
                                key=lambda n: (-degree.get(n, 0), n))
                for v in around:
                    if len(chosen) >= limit:
                        break
                    chosen.add(v)
        ordered = sorted(chosen, key=lambda n: (-degree.get(n, 0), n))
        return Subgraph(tuple(self._graph_node(n) for n in ordered),
                        tuple(self._edges_between(chosen, allowed_f)), truncated, None)

    def path(self, source: str, target: str, max_length: int = 4,
             kinds: Iterable[str] | None = None) -> Path | None:
        """A shortest chain of relations between two concepts (any direction), or None."""
        _check_range("maxLength", max_length, 1, MAX_PATH_LENGTH)
        allowed = parse_kinds(kinds, PATH_DEFAULT)
        allowed = frozenset(k for k in allowed if k == BROADER or k.startswith(RELATED_TO))
        if not allowed:
            raise QueryError("a path follows relations: use kinds among BROADER, RELATED_TO, "
                             "link, mention, hierarchy, frontmatter")
        for cid in (source, target):
            if cid not in self.result.concepts:
                raise QueryError(f"no concept with id {cid!r}")
        if source == target:
            return Path((source,), ())
        def wanted(data) -> bool:
            return data["type"] in (RELATED_TO, BROADER) and edge_class(data) in allowed

        def neighbours(node: str) -> Iterator[str]:
            return (other for other, data in self._around(node) if wanted(data))

        nodes = shortest_path(neighbours, f"term:{source}", f"term:{target}", max_length)
        if nodes is None:
            return None
        def step_kind(data) -> str:
            return edge_class(data).removeprefix(f"{RELATED_TO}:")

        steps = []
        out = self.result.out
        for u, v in zip(nodes, nodes[1:]):
            options = [(a, data) for a, b in ((u, v), (v, u)) for _, w, data in out.get(a, ())
                       if w == b and wanted(data)]
            start, best = min(options, key=lambda o: (_STEP_PREFERENCE.get(
                step_kind(o[1]), 9), o[1].get("file") or "", o[1].get("line") or 0))
            steps.append(PathStep(u.removeprefix("term:"), v.removeprefix("term:"),
                                  step_kind(best), "out" if start == u else "in",
                                  _source_of(best), best.get("text") or ""))
        return Path(tuple(n.removeprefix("term:") for n in nodes), tuple(steps))

    # ----------------------------------------------------------------- tags, notes, stats

    def _tag_id(self, id_or_label: str) -> str | None:
        if id_or_label in self.result.tags:
            return id_or_label
        return self._pre.tag_by_label.get(normalize(id_or_label.lstrip("#")))

    def tags(self) -> list[Tag]:
        return list(self._tags_sorted)

    def tag(self, id_or_label: str) -> Tag | None:
        tid = self._tag_id(id_or_label)
        return self.result.tags.get(tid) if tid else None

    def tag_count(self, tid: str) -> int:
        return len(self._pre.by_tag.get(tid, ()))

    def notes(self) -> list[Note]:
        return list(self._notes_sorted)

    def note(self, path: str) -> Note | None:
        return self.result.notes.get(path)

    def stats(self) -> Stats:
        return self._stats

    def warnings(self) -> list[Warning]:
        return list(self.result.warnings)

    # ----------------------------------------------------------------- the viewer (issue 13)
    # Computed on first use, once per store (= per build), under one lock: two requests never
    # compute the same thing twice. `warm()` computes them ahead (the server does it in the
    # background after each build), so the viewer's first request finds them ready.

    def _viewer_cache(self) -> dict:
        return self.__dict__.setdefault("_viewer", {
            "lock": threading.Lock(), "layout_lock": threading.Lock(), "sections": {}})

    def _communities(self) -> Communities:
        cache = self._viewer_cache()
        with cache["lock"]:
            if "communities" not in cache:
                from .communities import detect

                cache["communities"] = detect(self.result)
            return cache["communities"]

    def communities(self) -> list[Community]:
        """Communities of the concept graph, largest first (id = rank)."""
        self._viewer_cache()["asked"] = True
        return list(self._communities().groups)

    def community(self, cid: str) -> Community | None:
        """The community of a concept."""
        self._viewer_cache()["asked"] = True
        found = self._communities()
        gid = found.of.get(cid)
        return None if gid is None else found.groups[gid]

    def section(self, cid: str, images: bool = False) -> Section | None:
        """The section of a note where the concept is written, rendered (graph.sections)."""
        from .sections import section

        cache = self._viewer_cache()
        key = (cid, bool(images))
        sections = cache["sections"]
        if key not in sections:
            found = section(self.result, cid, images=bool(images))
            with cache["lock"]:
                while len(sections) >= MAX_SECTIONS_CACHED:
                    del sections[next(iter(sections))]
                sections[key] = found
        return sections.get(key)

    def layout(self, limit: int = 400) -> dict[str, tuple[float, float]]:
        """Positions of the nodes of `overview(limit)` (graph.layout); empty above
        graph.layout.MAX_NODES nodes (the viewer lays those out itself)."""
        self._viewer_cache()["asked"] = True
        return self._layout(limit)

    def _layout(self, limit: int) -> dict[str, tuple[float, float]]:
        from . import layout as lay

        _check_range("limit", limit, 1, MAX_OVERVIEW)
        cache = self._viewer_cache()
        with cache["layout_lock"]:  # apart: a layout being made does not hold up the rest
            key = ("layout", limit)
            if key not in cache:
                sub = self.overview(limit)
                if len(sub.nodes) > lay.MAX_NODES:
                    cache[key] = {}
                else:
                    found = self._communities()
                    terms = [n.degree for n in sub.nodes if n.kind == TERM]
                    top = max(terms, default=1)
                    group = {n.id: found.of.get(n.concept_id) if n.kind == TERM else None
                             for n in sub.nodes}
                    radius = {n.id: lay.node_radius(n.degree, top, n.kind) for n in sub.nodes}
                    cache[key] = lay.layout([n.id for n in sub.nodes],
                                            [(e.source, e.target) for e in sub.edges],
                                            group, radius)
            return dict(cache[key])

    def viewer_used(self) -> bool:
        """Whether the communities or a layout of this store were asked for (not only made by
        `warm`)."""
        return self.__dict__.get("_viewer", {}).get("asked", False)

    def warm(self, limit: int = 400) -> None:
        """Compute the communities and the whole-graph layout now."""
        self._communities()
        self._layout(limit)

    # ----------------------------------------------------------------- batch reads

    def concept_ids(self) -> list[str]:
        """Every concept id, sorted."""
        return list(self._pre.order)

    def concepts_by_id(self, ids: Iterable[str]) -> dict[str, Concept]:
        """The concepts of `ids` that exist, in the order asked (one call for many)."""
        concepts = self.result.concepts
        return {cid: concepts[cid] for cid in ids if cid in concepts}

    def edges_of(self, ids: Iterable[str],
                 direction: str = "out") -> dict[str, list[RelationRef]]:
        """Every concept-to-concept edge at `ids`, related kinds and "broader" alike, with
        its evidence: `out` = written from the concept (its broader ones), `in` = towards it."""
        if direction not in ("out", "in"):
            raise QueryError("direction must be 'out' or 'in'")
        out, pre = self.result.out, self._pre

        def relations(cid: str) -> Iterable[Relation]:
            if direction == "in":
                return (*pre.in_rel.get(cid, ()), *pre.broader_in.get(cid, ()))
            written = _written(out, cid)  # related kinds first, then BROADER ones
            return [*(r for r in written if r.kind != BROADER),
                    *(r for r in written if r.kind == BROADER)]

        return {cid: [_ref(r, direction) for r in relations(cid)]
                for cid in ids if cid in self.result.concepts}

    def meta(self) -> GraphMeta:
        return self._meta


MAX_SECTIONS_CACHED = 512


__all__ = ["GraphStore", "MemoryStore", "QueryError", "RelationRef", "GraphNode", "GraphEdge",
           "Subgraph", "Path", "PathStep", "Stats", "GraphMeta", "ego_nodes", "shortest_path",
           "encode_cursor", "decode_cursor", "parse_kinds", "MAX_DEPTH", "MAX_PATH_LENGTH",
           "MAX_PAGE"]
