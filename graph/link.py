"""Mention edges: a concept's definition or notes naming another concept's label or synonym.

`MentionIndex` keeps the labels (one Aho–Corasick automaton, changed label by label) and each
concept's texts (normalized). When labels change, only the concepts whose texts hold a changed
label (found by one pass of an automaton of those labels alone) are scanned again. What a scan
found is not kept: a text is scanned again only when its concept is (14 MB of lists of matches
on the author's notebook, for scans that cost little).

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

from .model import MENTION, Concept, Relation
from .rules.mentions import MentionMatcher, mentionable, snippet
from .text import folded


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
        changed = [key for key in changes if mentionable(key, self.stop)]
        if not changed or not self._texts:
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
        self.forget(concept.id)
        norms: list[str] = []
        seen: set[str] = {concept.id}
        out: list[Relation] = []
        for text in (*concept.definitions, *concept.notes):
            shown = folded(text.text)
            norm = shown.casefold()
            if len(norm) != len(shown):  # casefold changed lengths (ß → ss): show it folded
                shown = norm
            norms.append(text.text if norm == text.text else norm)
            for target, key, start, _ in self.matcher.find_in(norm):
                if target in seen:
                    continue
                seen.add(target)
                out.append(Relation(concept.id, target, MENTION, text.source,
                                    snippet(shown, start, len(key))))
        if norms:
            self._texts[concept.id] = tuple(norms)
        return out

    def forget(self, cid: str) -> None:
        """A concept is gone (or about to be scanned again): drop what it held."""
        self._texts.pop(cid, None)
