"""A note's term records as columns, for the records a build keeps (graph.build).

The author's notebook keeps 133,000 `TermRecord`s from one edit to the next (112 bytes each,
15 MB): what merging, a note's part and an edit's matching read again. `TermTable` holds
the same values as arrays of machine ints and tuples of the (shared) labels and sources,
with what few notes vary in (origin, relation to the parent, rule, confidence) as an index
into the note's few combinations of them, and makes each record when it is read.

>>> from graph.model import Label, Source, TermRecord
>>> terms = [TermRecord(0, (Label("RAG", "en"),), (), Source("n.md", 1), "title"),
...          TermRecord(1, (Label("向量", "zh"),), (), Source("n.md", 3), "item", 0,
...                     rule="bullet", confidence=0.75)]
>>> table = TermTable.of(terms)
>>> table == terms, table[1] == terms[1], list(table) == terms, table[-1].parent
(True, True, True, 0)
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator, Sequence

from .model import NoteRecords, Relation, TermRecord

_NO_PARENT = -(1 << 63)  # a parent key no record has: the record has no parent
_LOW, _HIGH = _NO_PARENT + 1, (1 << 63) - 1


def _style(term: TermRecord) -> tuple:
    """What a record's origin, parent relation, rule and confidence are told apart by: the
    type and sign of the confidence too (1 == 1.0 == True, 0.0 == -0.0)."""
    c = term.confidence
    sign = math.copysign(1.0, c) if type(c) is float else 0.0
    return term.origin, term.parent_relation, term.rule, c, type(c), sign


class _Rows(Sequence):
    """Rows kept as columns, read as a list of the objects they hold (`_make`: each made when
    read, equal to the one held before)."""

    __slots__ = ()

    def _make(self, i: int):
        raise NotImplementedError

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._make(j) for j in range(*i.indices(len(self)))]
        return self._make(i)

    def __iter__(self):
        return map(self._make, range(len(self)))

    def __eq__(self, other) -> bool:
        if not isinstance(other, (type(self), list, tuple)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # as a list's

    def __repr__(self) -> str:
        return repr(list(self))


class TermTable(_Rows):
    """A note's term records, read as a list of `TermRecord` (made when read: equal to the
    records held before, not the same objects)."""

    __slots__ = ("_keys", "_names", "_synonyms", "_sources", "_parents", "_style_of",
                 "_styles")

    @classmethod
    def of(cls, terms: list[TermRecord]) -> TermTable | list[TermRecord]:
        """The records as a table; `terms` itself when a key or parent is no machine int."""
        ints = [t.key for t in terms] + [t.parent for t in terms if t.parent is not None]
        if any(type(k) is not int or not _LOW <= k <= _HIGH for k in ints):
            return terms
        styles: dict[tuple, int] = {}
        table = cls.__new__(cls)
        table._keys = array("q", [t.key for t in terms])
        table._names = tuple(t.names for t in terms)
        table._synonyms = tuple(t.synonyms for t in terms)
        table._sources = tuple(t.source for t in terms)
        table._parents = array("q", [_NO_PARENT if t.parent is None else t.parent
                                     for t in terms])
        style_of = [styles.setdefault(_style(t), len(styles)) for t in terms]
        table._style_of = array("B" if len(styles) <= 1 << 8 else "I", style_of)
        table._styles = tuple(style[:4] for style in styles)
        return table

    def __len__(self) -> int:
        return len(self._keys)

    def _make(self, i: int) -> TermRecord:
        parent = self._parents[i]
        origin, relation, rule, confidence = self._styles[self._style_of[i]]
        return TermRecord(self._keys[i], self._names[i], self._synonyms[i], self._sources[i],
                          origin, None if parent == _NO_PARENT else parent, relation, rule,
                          confidence)



def compact(rec: NoteRecords) -> NoteRecords:
    """`rec` with its term records as a `TermTable` (in place: records nothing else reads
    yet, as graph.model.share_values)."""
    if isinstance(rec.terms, list):
        rec.terms = TermTable.of(rec.terms)
    return rec


def _rel_style(kind: str, rule: str, confidence: float) -> tuple:
    """What relations' kind, rule and confidence are told apart by (as `_style`)."""
    sign = math.copysign(1.0, confidence) if type(confidence) is float else 0.0
    return kind, rule, confidence, type(confidence), sign


class RelationTable(_Rows):
    """A note part's relations (graph.merge.NotePart), read as a list of `Relation` made when
    read: the concepts they join as indexes into the part's few distinct ids, kind, rule and
    confidence as an index into its few combinations of them, the (shared) evidence and text
    as they are. The author's notebook's parts held 147,000 `Relation`s (96 bytes each, 14
    MB), most of them read only when a concept's edges are made again. Made empty, `add`ed
    to, then `done` (no Relation is made on the way: made and dropped, 147,000 of them left
    the interpreter's memory full of holes).

    >>> from graph.model import Source
    >>> rels = [Relation("a", "t", "hierarchy", Source("n.md", 2), "a", "listed-in-note", 0.9),
    ...         Relation("t", "b", "link", Source("n.md", 3), "[[b]]", "wikilink")]
    >>> table = RelationTable.of(rels)
    >>> table == rels, table[1] == rels[1], list(table) == rels, table.source_at(1)
    (True, True, True, 't')
    """

    __slots__ = ("_ids", "_sources", "_targets", "_style_of", "_styles", "_evidence", "_texts")

    def __init__(self):
        # While added to: dicts of ids and styles to their numbers, lists of the rest.
        self._ids: dict | tuple = {}
        self._styles: dict | tuple = {}
        self._sources, self._targets, self._style_of = array("I"), array("I"), array("I")
        self._evidence: list | tuple = []
        self._texts: list | tuple = []

    @classmethod
    def of(cls, rels) -> RelationTable:
        table = cls()
        for r in rels:
            table.add(r.source, r.target, r.kind, r.evidence, r.text, r.rule, r.confidence)
        return table.done()

    def add(self, source: str, target: str, kind: str, evidence, text: str = "",
            rule: str = "", confidence: float = 1.0) -> None:
        """One more relation, as `Relation(...)` takes it."""
        ids, styles = self._ids, self._styles
        self._sources.append(ids.setdefault(source, len(ids)))
        self._targets.append(ids.setdefault(target, len(ids)))
        self._style_of.append(styles.setdefault(_rel_style(kind, rule, confidence),
                                                len(styles)))
        self._evidence.append(evidence)
        self._texts.append(text)

    def done(self) -> RelationTable:
        """The table as kept: tuples, and the narrowest arrays (2 bytes, 1 for a style)."""
        width = "H" if len(self._ids) < 1 << 16 else "I"
        self._sources, self._targets = array(width, self._sources), array(width, self._targets)
        self._style_of = array("B" if len(self._styles) <= 1 << 8 else "I", self._style_of)
        self._ids = tuple(self._ids)
        self._styles = tuple(style[:3] for style in self._styles)
        self._evidence, self._texts = tuple(self._evidence), tuple(self._texts)
        return self

    def __len__(self) -> int:
        return len(self._sources)

    def source_at(self, i: int) -> str:
        return self._ids[self._sources[i]]

    def target_at(self, i: int) -> str:
        return self._ids[self._targets[i]]

    def kind_at(self, i: int) -> str:
        return self._styles[self._style_of[i]][0]

    def rows(self) -> Iterator[tuple]:
        """Each relation as a tuple of its values in `Relation`'s field order: equal when the
        relations are, and quicker to make (comparing two versions of a part)."""
        ids, styles = self._ids, self._styles
        for source, target, style, evidence, text in zip(self._sources, self._targets,
                                                         self._style_of, self._evidence,
                                                         self._texts):
            kind, rule, confidence = styles[style]
            yield ids[source], ids[target], kind, evidence, text, rule, confidence

    def _make(self, i: int) -> Relation:
        kind, rule, confidence = self._styles[self._style_of[i]]
        return Relation(self._ids[self._sources[i]], self._ids[self._targets[i]], kind,
                        self._evidence[i], self._texts[i], rule, confidence)

