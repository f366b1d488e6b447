"""What a prose rule returns (`ProseTerm`: names, rule, confidence, examples, definition), and
the confidences shared by several prose rules.

>>> ProseTerm(("持续集成", "CI"), "paren-pair", PAIR).names
('持续集成', 'CI')
"""

from __future__ import annotations

from dataclasses import dataclass


# Confidence of each rule when it fires (a concept needs 0.5; evidence adds up): each rule
# module keeps its own; these two are shared by several.
PAIR = 0.75  # a name glossed with its other name (translation, acronym)
PAIR_COMMON = 0.5  # an everyday word glossed with its translation: the author's evidence


@dataclass(frozen=True)
class ProseTerm:
    names: tuple[str, ...]  # the name as written first, then its other names
    rule: str
    confidence: float
    examples: tuple[str, ...] = ()  # instances or parts of it (narrower)
    definition: str = ""  # the sentence that defines it
