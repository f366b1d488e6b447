"""Mention edges: a concept's definition or notes naming another concept's label or synonym.

`MentionIndex` keeps the labels (one Aho–Corasick automaton, changed label by label) and each
concept's texts (normalized). When labels change, only the concepts whose texts hold a changed
label (found by one pass of an automaton of those labels alone) are scanned again. What a scan
found is not kept: a text is scanned again only when its concept is (14 MB of lists of matches
on the author's notebook, for scans that cost little). A mention's snippet is made when read
(`MentionRelation`).

>>> from graph.model import Concept, Label, Source, Text
>>> index = MentionIndex(set())
>>> index.set_labels({"rag": "rag", "向量": "vector"})
set()
>>> c = Concept("db", [Label("DB", "en")], [], [Text("用向量做 RAG", Source("a.md", 3), "zh")])
>>> [(r.target, r.text) for r in index.mentions(c)]
[('vector', '用向量做 RAG'), ('rag', '用向量做 RAG')]
>>> sorted(index.set_labels({"做": "do", "rag": None}))   # 做 is one character: not a label
['db']
"""

from __future__ import annotations

import ahocorasick

from .model import MENTION, Concept, Relation, Source, Text
from .rules.mentions import MentionMatcher, mentionable, snippet
from .text import folded


def _shown(text: str) -> str:
    """A text as its mentions are shown: folded, casefolded too when that changes its length
    (ß → ss: the positions found are in the casefolded text)."""
    shown = folded(text)
    norm = shown.casefold()
    return norm if len(norm) != len(shown) else shown


class MentionRelation:
    """A mention relation, read as a `Relation` (kind MENTION, no rule, confidence 1) and
    equal to, shown and pickled as the `Relation` with its text. The text, the snippet around
    the mention, is made when read from the concept's text it was found in (the concept keeps
    it anyway) and where; the evidence is that text's source. As Relations with their
    snippets the author's notebook's 79,000 mentions were 17 MB.

    >>> rel = MentionRelation("db", "rag", Text("用向量做 RAG", Source("a.md", 3), "zh"), 5, 3)
    >>> rel.text, rel == Relation("db", "rag", MENTION, Source("a.md", 3), "用向量做 RAG")
    ('用向量做 RAG', True)
    """

    __slots__ = ("source", "target", "_found_in", "_start", "_length")
    kind = MENTION
    rule = ""
    confidence = 1.0

    def __init__(self, source: str, target: str, found_in: Text, start: int, length: int):
        self.source, self.target = source, target
        self._found_in, self._start, self._length = found_in, start, length

    @property
    def evidence(self) -> Source:
        return self._found_in.source

    @property
    def text(self) -> str:
        return snippet(_shown(self._found_in.text), self._start, self._length)

    def plain(self) -> Relation:
        """The `Relation` this one reads as."""
        return Relation(self.source, self.target, self.kind, self.evidence, self.text,
                        self.rule, self.confidence)

    def __eq__(self, other):
        if isinstance(other, MentionRelation):
            other = other.plain()
        return self.plain() == other if isinstance(other, Relation) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self.plain())

    def __reduce__(self):
        return self.plain().__reduce__()


class MentionIndex:
    def __init__(self, stop: set[str]):
        self.stop = stop
        self.matcher = MentionMatcher({}, stop)
        # concept → its texts, normalized (the text itself when that changes nothing); none
        # for a concept without texts. No table by text: a set of concepts for each text was
        # 6 MB on the author's notebook, to spare looking twice at a text two concepts share.
        self._texts: dict[str, tuple[str, ...]] = {}

    def set_labels(self, changes: dict[str, str | None]) -> set[str]:
        """Apply label changes (normalized label → concept id, None when gone); returns the
        concepts whose texts hold a changed label: their mentions must be found again."""
        self.matcher.update(changes)
        if not self._texts:  # a first build: no text is held yet (and `mentionable` segments)
            return set()
        changed = [key for key in changes if mentionable(key, self.stop)]
        if not changed:
            return set()
        finder = ahocorasick.Automaton()
        for key in changed:
            finder.add_word(key, key)
        finder.make_automaton()
        return {cid for cid, norms in self._texts.items()
                if any(next(finder.iter(norm), None) is not None for norm in norms)}

    def mentions(self, concept: Concept) -> list[Relation]:
        """The concept's mention relations: one per other concept its texts name (the first
        text that names it is the evidence)."""
        return self.mentions_many([concept])[0]

    def mentions_many(self, concepts: list[Concept]) -> list[list[Relation]]:
        """`mentions` of each concept, with one call to the segmenter for all their texts
        (`MentionMatcher.find_many`: it may be in another process)."""
        texts: list[Text] = []
        norms: list[str] = []
        for concept in concepts:
            self.forget(concept.id)
            mine = []
            for text in (*concept.definitions, *concept.notes):
                norm = folded(text.text).casefold()
                texts.append(text)
                norms.append(norm)
                mine.append(text.text if norm == text.text else norm)
            if mine:
                self._texts[concept.id] = tuple(mine)
        found = iter(zip(texts, self.matcher.find_many(norms)))
        out = []
        for concept in concepts:
            seen: set[str] = {concept.id}
            rels: list[Relation] = []
            for _ in range(len(concept.definitions) + len(concept.notes)):
                text, mentions = next(found)
                for target, key, start in mentions:
                    if target in seen:
                        continue
                    seen.add(target)
                    rels.append(MentionRelation(concept.id, target, text, start, len(key)))
            out.append(rels)
        return out

    def forget(self, cid: str) -> None:
        """A concept is gone (or about to be scanned again): drop what it held."""
        self._texts.pop(cid, None)
