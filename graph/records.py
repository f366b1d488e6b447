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
from collections.abc import Sequence

from .model import NoteRecords, TermRecord

_NO_PARENT = -(1 << 63)  # a parent key no record has: the record has no parent
_LOW, _HIGH = _NO_PARENT + 1, (1 << 63) - 1


def _style(term: TermRecord) -> tuple:
    """What a record's origin, parent relation, rule and confidence are told apart by: the
    type and sign of the confidence too (1 == 1.0 == True, 0.0 == -0.0)."""
    c = term.confidence
    sign = math.copysign(1.0, c) if type(c) is float else 0.0
    return term.origin, term.parent_relation, term.rule, c, type(c), sign


class TermTable(Sequence):
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

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._make(j) for j in range(*i.indices(len(self)))]
        return self._make(i)

    def __iter__(self):
        return map(self._make, range(len(self)))

    def __eq__(self, other) -> bool:
        if not isinstance(other, (TermTable, list, tuple)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # as a list's

    def __repr__(self) -> str:
        return repr(list(self))


def compact(rec: NoteRecords) -> NoteRecords:
    """`rec` with its term records as a `TermTable` (in place: records nothing else reads
    yet, as graph.model.share_values)."""
    if isinstance(rec.terms, list):
        rec.terms = TermTable.of(rec.terms)
    return rec
