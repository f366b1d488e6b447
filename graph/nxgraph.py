"""Merged concepts → typed nodes and edges (and, on demand, a networkx `MultiDiGraph`).

Node ids are prefixed by kind (`term:rag`, `synonym:检索增强生成`, `tag:机器学习`,
`note:ai-basics.md`); every node and edge carries `file` and `line` of where it came from.
`graph.assemble` makes them node by node with the functions here (each concept's out-edges
from the concept and its relations) — what a build keeps and the store reads; `networkx_of` puts the same nodes and edges in a networkx graph for callers that want one
(`BuildResult.graph`; building it is a third of a rebuild on a large vault, so builds do not).

>>> from graph import build
>>> g = build("data").graph
>>> g.nodes["term:rag"]["kind"], sorted({d["type"] for *_, d in g.out_edges("term:rag", data=True)})
('term', ['DEFINED_IN', 'HAS_SYNONYM', 'RELATED_TO'])
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from .model import (BROADER, DEFINED_IN, HAS_SYNONYM, NARROWER, NOTE, RELATED_TO, SYNONYM, TAG,
                    TAGGED, TERM, Concept, Note, Relation, Source, Tag)
from .text import merge_key, normalize

if TYPE_CHECKING:  # imported by `networkx_of`: a server that makes no graph does not hold it
    import networkx as nx


class _Attributes(Mapping):
    """Read-only mapping of an edge's attributes over the object's attributes `_keys`."""

    __slots__ = ()
    _keys: tuple[str, ...] = ()

    def __getitem__(self, key):
        if key in self._keys:
            return getattr(self, key)
        raise KeyError(key)

    def get(self, key, default=None):
        return getattr(self, key) if key in self._keys else default

    def __contains__(self, key) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __setattr__(self, name, value):
        raise AttributeError("edge attributes are read-only")

    def __repr__(self) -> str:
        return repr(dict(self))


class EdgeData(_Attributes):
    """An edge's attributes: a read-only mapping with the keys and values of the dict it
    stands for, in a third of the memory (200,000 edges on the author's notebook: 49 MB as
    dicts): `type`, `file`, `line`. A relation's edge has `RelationData` or `RelatedData`."""

    __slots__ = ("type", "file", "line")
    _keys = ("type", "file", "line")

    def __init__(self, *values):
        """The values of `_keys`, in that order."""
        for name, value in zip(self._keys, values, strict=True):
            object.__setattr__(self, name, value)

    def __reduce__(self):
        return (type(self), tuple(getattr(self, k) for k in self._keys))


class RelationData(_Attributes):
    """A BROADER or NARROWER edge's attributes: read from the relation it stands for (`rel`,
    a `Relation` the build keeps anyway), not copied (140,000 relation edges on the author's
    notebook: 5.6 MB more as copies).

    >>> from graph.model import Relation, Source
    >>> rel = Relation("a", "b", "BROADER", Source("n.md", 3), "a", "nesting", 0.9)
    >>> dict(RelationData(NARROWER, rel))
    {'type': 'NARROWER', 'file': 'n.md', 'line': 3, 'text': 'a', 'rule': 'nesting', 'confidence': 0.9}
    """

    __slots__ = ("type", "rel")
    _keys = ("type", "file", "line", "text", "rule", "confidence")

    def __init__(self, type_: str, rel: Relation):
        object.__setattr__(self, "type", type_)
        object.__setattr__(self, "rel", rel)

    @property
    def file(self) -> str:
        return self.rel.evidence.file

    @property
    def line(self) -> int:
        return self.rel.evidence.line

    @property
    def text(self) -> str:
        return self.rel.text

    @property
    def rule(self) -> str:
        return self.rel.rule or self.rel.kind

    @property
    def confidence(self) -> float:
        return self.rel.confidence

    def __reduce__(self):
        return (type(self), (self.type, self.rel))


class RelatedData(RelationData):
    """A RELATED_TO edge's attributes (`kind`: link, mention, …), read from its relation.

    >>> from graph.model import Relation, Source
    >>> rel = Relation("a", "b", "mention", Source("n.md", 3), "…a b…")
    >>> RelatedData(RELATED_TO, rel)
    {'type': 'RELATED_TO', 'kind': 'mention', 'file': 'n.md', 'line': 3, 'text': '…a b…', 'rule': 'mention', 'confidence': 1.0}
    """

    __slots__ = ()
    _keys = ("type", "kind", "file", "line", "text", "rule", "confidence")

    @property
    def kind(self) -> str:
        return self.rel.kind


def term_node(cid: str) -> str:
    """The node id of a concept. Node ids are interned: each is held by its node, every edge
    to it and the store's tables (200,000 edges on the author's notebook: one string each
    otherwise)."""
    return sys.intern("term:" + cid)


def node_id(kind: str, key: str) -> str:
    """`kind:key`, interned (see `term_node`)."""
    return sys.intern(f"{kind}:{key}")


def note_node(note: Note) -> dict:
    return dict(kind=NOTE, label=note.title, path=note.path, file=note.path, line=1,
                concept=note.concept)


def note_edges(path: str, tags: Iterable[tuple[str, Source]]) -> list[tuple[str, str, dict]]:
    """A note's TAGGED edges: (tag id, where) pairs, each once, in order."""
    node = node_id("note", path)
    return [(node, node_id("tag", tid), EdgeData(TAGGED, src.file, src.line))
            for tid, src in sorted(set(tags))]


def tag_node(tag: Tag, concept: str | None) -> dict:
    first = min(tag.sources) if tag.sources else None
    return dict(kind=TAG, label=tag.label, file=first.file if first else None,
                line=first.line if first else None, concept=concept)


class TermNodeData(_Attributes):
    """A concept's node attributes, read from the concept (17,000 dicts of eight entries on
    the author's notebook were 7 MB): `kind`, `label`, `labels` ((text, lang) pairs),
    `definition`, `file`, `line` (where it is first written), `rule`, `confidence`.

    >>> from graph.model import Label, Source
    >>> dict(TermNodeData(Concept("rag", [Label("RAG", "en")], [], sources=[Source("a.md", 3)])))
    {'kind': 'term', 'label': 'RAG', 'labels': [('RAG', 'en')], 'definition': None, 'file': 'a.md', 'line': 3, 'rule': '', 'confidence': 1.0}
    """

    __slots__ = ("concept",)
    _keys = ("kind", "label", "labels", "definition", "file", "line", "rule", "confidence")
    kind = TERM

    def __init__(self, concept: Concept):
        object.__setattr__(self, "concept", concept)

    @property
    def label(self) -> str:
        return self.concept.label

    @property
    def labels(self) -> list[tuple[str, str]]:
        return [(x.text, x.lang) for x in self.concept.labels]

    @property
    def definition(self) -> str | None:
        return self.concept.definition

    @property
    def file(self) -> str:
        return self.concept.sources[0].file

    @property
    def line(self) -> int:
        return self.concept.sources[0].line

    @property
    def rule(self) -> str:
        return self.concept.rule

    @property
    def confidence(self) -> float:
        return self.concept.confidence

    def __reduce__(self):
        return (TermNodeData, (self.concept,))


def term_node_attrs(c: Concept) -> TermNodeData:
    return TermNodeData(c)


def synonym_node(c: Concept, key: str) -> dict:
    """The node of the synonym `key` (normalized) as concept `c` has it."""
    syn = next(x for x in c.synonyms if normalize(x.text) == key)
    src = c.label_sources.get(key, c.sources[0])
    return dict(kind=SYNONYM, label=syn.text, lang=syn.lang, file=src.file, line=src.line)


class TermEdges(Sequence):
    """A concept's out-edges, made when read: what they say is held once, elsewhere.

    Its synonyms', tags' and notes' edges (HAS_SYNONYM, TAGGED, DEFINED_IN) restate the
    concept's own `synonyms`, `tags` and `sources`; its relation edges and the NARROWER mirrors
    of BROADER relations towards it restate `Relation`s the build keeps. Held as edge tuples
    they were 200,000 tuples and attribute objects on the author's notebook (~25 MB); here a
    concept holds its `Concept`, where its tags were first used, and its relations, chosen and
    ordered as `term_edges` says. Iterating gives the `(source, target, attributes)` tuples in
    the same order every time; equal when the edges are.

    >>> from graph.model import Label, Source
    >>> c = Concept("rag", [Label("RAG", "en")], [Label("检索增强生成", "zh")],
    ...             sources=[Source("a.md", 3)])
    >>> edges = term_edges(c, min, [Relation("rag", "llm", "mention", Source("a.md", 3))], [])
    >>> [d["type"] for _, v, d in edges], edges[0][1]
    (['HAS_SYNONYM', 'DEFINED_IN', 'RELATED_TO'], 'synonym:检索增强生成')
    >>> len(edges), edges[-1][2]["kind"], edges == list(edges)
    (3, 'mention', True)
    """

    __slots__ = ("concept", "tag_sources", "related", "narrower")

    def __init__(self, concept: Concept, tag_sources: tuple[Source, ...],
                 related: tuple[Relation, ...], narrower: tuple[Relation, ...]):
        self.concept = concept
        self.tag_sources = tag_sources  # where each of `concept.tags` was first used
        self.related = related  # written from it: one per target and kind
        self.narrower = narrower  # BROADER relations towards it: one per source

    def __iter__(self) -> Iterator[tuple[str, str, Mapping]]:
        c = self.concept
        node, first = term_node(c.id), c.sources[0]
        for syn in c.synonyms:
            key = normalize(syn.text)
            src = c.label_sources.get(key, first)
            yield node, node_id("synonym", key), EdgeData(HAS_SYNONYM, src.file, src.line)
        for tid, src in zip(c.tags, self.tag_sources):
            yield node, node_id("tag", tid), EdgeData(TAGGED, src.file, src.line)
        for source in c.sources:
            yield node, node_id("note", source.file), EdgeData(DEFINED_IN, source.file,
                                                                source.line)
        for rel in self.related:
            yield node, term_node(rel.target), relation_data(rel)
        for rel in self.narrower:
            yield node, term_node(rel.source), relation_data(rel, NARROWER)

    def __len__(self) -> int:
        c = self.concept
        return len(c.synonyms) + len(c.tags) + len(c.sources) + len(self.related) + \
            len(self.narrower)

    def __getitem__(self, index):
        return list(self)[index]

    def __eq__(self, other) -> bool:
        if isinstance(other, (TermEdges, list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def count_types(self, counts: dict[str, int]) -> None:
        """Add its edges to `counts` by type (RELATED_TO by `RELATED_TO:kind`), making none."""
        c = self.concept
        for etype, n in ((HAS_SYNONYM, len(c.synonyms)), (TAGGED, len(c.tags)),
                         (DEFINED_IN, len(c.sources)), (NARROWER, len(self.narrower))):
            if n:
                counts[etype] = counts.get(etype, 0) + n
        for rel in self.related:
            key = BROADER if rel.kind == BROADER else f"{RELATED_TO}:{rel.kind}"
            counts[key] = counts.get(key, 0) + 1

    def __reduce__(self):
        return (TermEdges, (self.concept, self.tag_sources, self.related, self.narrower))

    def __repr__(self) -> str:
        return repr(list(self))


def term_edges(c: Concept, tag_source: Callable[[str], Source], relations: Iterable[Relation],
               broader_to: Iterable[Relation]) -> TermEdges:
    """A concept's out-edges: its synonyms, tags and notes, the relations written from it
    (one per target and kind, the first by evidence), and a NARROWER edge back along each
    BROADER relation that points at it."""
    tag_sources = tuple(tag_source(tid) for tid in c.tags) if c.tags else ()
    related: list[Relation] = []
    seen: set[tuple[str, str]] = set()
    # Sorted on plain tuples: comparing Source dataclasses is several times slower.
    for rel in sorted(relations, key=lambda r: (r.target, r.kind, r.evidence.file,
                                                r.evidence.line)):
        if (rel.target, rel.kind) in seen:
            continue
        seen.add((rel.target, rel.kind))
        related.append(rel)
    narrower: list[Relation] = []
    seen_from: set[str] = set()
    for rel in sorted(broader_to, key=lambda r: (r.source, r.evidence.file, r.evidence.line)):
        if rel.source not in seen_from:
            seen_from.add(rel.source)
            narrower.append(rel)
    return TermEdges(c, tag_sources, tuple(related) if related else (),
                     tuple(narrower) if narrower else ())


def typed_graph(concepts: dict[str, Concept], notes: dict[str, Note], tags: dict[str, Tag],
                label_index: dict[str, str], relations: Iterable[Relation]
                ) -> tuple[dict[str, dict], dict[str, list[tuple[str, str, dict]]]]:
    """The whole typed graph at once (nodes, and each node's out-edges) from merged parts:
    what `graph.assemble` makes node by node, for a reader that has the parts only (a store
    read back from SPARQL)."""
    nodes: dict[str, dict] = {}
    out: dict[str, list[tuple[str, str, dict]]] = {}
    uses: dict[str, list[tuple[str, Source]]] = {}
    for tid, tag in tags.items():
        for src in tag.sources:
            uses.setdefault(src.file, []).append((tid, src))
    for path in sorted(notes):
        nodes[f"note:{path}"] = note_node(notes[path])
        out[f"note:{path}"] = note_edges(path, uses.get(path, ()))
    for tid in sorted(tags):
        nodes[f"tag:{tid}"] = tag_node(tags[tid], label_index.get(merge_key(tags[tid].label)))
    from_: dict[str, list[Relation]] = {}
    to: dict[str, list[Relation]] = {}
    for rel in relations:
        from_.setdefault(rel.source, []).append(rel)
        if rel.kind == BROADER:
            to.setdefault(rel.target, []).append(rel)
    for cid in sorted(concepts):
        c = concepts[cid]
        nodes[term_node(cid)] = term_node_attrs(c)
        for syn in c.synonyms:
            key = normalize(syn.text)
            if f"synonym:{key}" not in nodes:
                nodes[f"synonym:{key}"] = synonym_node(c, key)
        out[term_node(cid)] = term_edges(c, lambda tid: min(tags[tid].sources),
                                         from_.get(cid, ()), to.get(cid, ()))
    return nodes, out


def relation_data(rel: Relation, type_: str | None = None) -> EdgeData:
    """The attributes of the edge of `rel` (of type `type_`: NARROWER for the mirror of a
    BROADER relation)."""
    if rel.kind == BROADER:
        return RelationData(type_ or BROADER, rel)
    return RelatedData(type_ or RELATED_TO, rel)


def networkx_of(nodes: dict[str, dict], edges: list[tuple[str, str, dict]]) -> nx.MultiDiGraph:
    import networkx as nx

    g = nx.MultiDiGraph()
    g.add_nodes_from(nodes.items())
    # Explicit keys: networkx would otherwise search for a free key on every parallel edge.
    keys: dict[tuple[str, str], int] = {}
    keyed = []
    for u, v, data in edges:
        k = keys.get((u, v), 0)
        keys[(u, v)] = k + 1
        keyed.append((u, v, k, data))
    g.add_edges_from(keyed)
    return g

