"""Mention edges: a concept's definition or notes naming another concept's label or synonym."""

from __future__ import annotations

from .merge import Merged
from .model import MENTION, Relation
from .rules.mentions import MentionMatcher, snippet
from .text import folded


def link_mentions(merged: Merged, stop: set[str]) -> int:
    """Add RELATED_TO(mention) relations to `merged`; returns how many were added."""
    matcher = MentionMatcher(merged.label_index, stop)
    added = 0
    for cid in sorted(merged.concepts):
        concept = merged.concepts[cid]
        seen: set[str] = set()
        own = {cid}
        for text in (*concept.definitions, *concept.notes):
            shown = folded(text.text)
            norm = shown.casefold()
            if len(norm) != len(shown):  # casefold changed lengths (ß → ss): show it folded
                shown = norm
            for target, key, start, _ in matcher.find_in(norm):
                if target in own or target in seen:
                    continue
                seen.add(target)
                merged.relations.append(Relation(cid, target, MENTION, text.source,
                                                 snippet(shown, start, len(key))))
                added += 1
    return added
