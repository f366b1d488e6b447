"""Mention edges: a concept's definition or notes naming another concept's label or synonym.

`MentionLinker` keeps, between rebuilds, what it found in each text. After an edit only new
texts are scanned, and the texts that hold a label that was added, removed or moved to another
concept (found by one Aho–Corasick pass of those labels alone); the rest keep their matches.
"""

from __future__ import annotations

from .merge import Merged
from .model import MENTION, Relation
from .rules.mentions import MentionMatcher, snippet
from .text import folded, normalize


def mention_labels(merged: Merged) -> dict[str, str]:
    """Each label as text shows it (normalized, spaces kept) → its concept; a preferred label
    wins over another concept's synonym."""
    labels: dict[str, str] = {}
    ordered = sorted(merged.concepts.values(), key=lambda c: c.id)
    for concept in ordered:
        for label in concept.labels:
            labels.setdefault(normalize(label.text), concept.id)
    for concept in ordered:
        for label in concept.synonyms:
            labels.setdefault(normalize(label.text), concept.id)
    return labels


class MentionLinker:
    def __init__(self, stop: set[str]):
        self.stop = stop
        self._labels: dict[str, str] | None = None
        self._matcher: MentionMatcher | None = None
        self._found: dict[str, list[tuple[str, str, int]]] = {}

    def _matches(self, norm: str) -> list[tuple[str, str, int]]:
        found = self._found.get(norm)
        if found is None:
            found = [(cid, key, start) for cid, key, start, _ in self._matcher.find_in(norm)]
            self._found[norm] = found
        return found

    def link(self, merged: Merged) -> int:
        """Add RELATED_TO(mention) relations to `merged`; returns how many were added."""
        labels = mention_labels(merged)
        if labels != self._labels:
            self._forget_changed(labels)
            self._labels = labels
            self._matcher = MentionMatcher(labels, self.stop)
        used: dict[str, list[tuple[str, str, int]]] = {}
        added = 0
        for cid in sorted(merged.concepts):
            concept = merged.concepts[cid]
            seen: set[str] = {cid}
            for text in (*concept.definitions, *concept.notes):
                shown = folded(text.text)
                norm = shown.casefold()
                if len(norm) != len(shown):  # casefold changed lengths (ß → ss): show it folded
                    shown = norm
                found = used[norm] = self._matches(norm)
                for target, key, start in found:
                    if target in seen:
                        continue
                    seen.add(target)
                    merged.relations.append(Relation(cid, target, MENTION, text.source,
                                                     snippet(shown, start, len(key))))
                    added += 1
        self._found = used  # forget texts that are gone
        return added

    def _forget_changed(self, labels: dict[str, str]) -> None:
        """Drop the kept matches of texts that hold a label that changed (is new, is gone or
        names another concept now): only those are scanned again."""
        old = self._labels or {}
        changed = {k for k in labels.keys() | old.keys() if labels.get(k) != old.get(k)}
        if not old or len(changed) * 4 > len(labels):
            self._found = {}  # most labels changed: scan everything again
            return
        import ahocorasick

        finder = ahocorasick.Automaton()
        for key in changed:
            finder.add_word(key, key)
        finder.make_automaton()
        self._found = {norm: found for norm, found in self._found.items()
                       if next(finder.iter(norm), None) is None}

