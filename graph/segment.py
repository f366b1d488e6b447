"""Chinese word boundaries (rjieba, a Rust port of jieba) and the words of short labels.

A label is mentioned only where the text has it as a word: 兴趣 is not mentioned in
我对机器学习感兴趣, because the segmenter reads 感兴趣 there.

>>> on_word_boundaries("我对机器学习感兴趣", 7, 9)    # 兴趣 inside 感兴趣
False
>>> on_word_boundaries("我对机器学习感兴趣", 2, 6)    # 机器学习
True
>>> words("DevOps与CICD")
['DevOps', '与', 'CICD']
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import has_cjk

_RUNS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[^\s\u3400-\u9fff\uf900-\ufaff]+")
WINDOW = 12  # characters of context on each side of a match that the segmenter sees


def _cut(text: str) -> list[str]:
    import rjieba

    return rjieba.cut(text)


@lru_cache(maxsize=1 << 14)
def words(text: str) -> list[str]:
    """The words of a short text: CJK runs segmented, other runs split at spaces."""
    out: list[str] = []
    for run in _RUNS.findall(text):
        if has_cjk(run):
            out.extend(_cut(run))
        else:
            out.append(run)
    return out


def boundaries(text: str) -> set[int]:
    """Offsets in `text` where a word starts or ends (by the segmenter)."""
    cuts = {0, len(text)}
    pos = 0
    for word in _cut(text):
        pos += len(word)
        cuts.add(pos)
    return cuts


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` (CJK at its ends) starts and ends on word boundaries.

    Only a window around the match is segmented, so the cost does not grow with the text."""
    lo, hi = max(0, start - WINDOW), min(len(text), end + WINDOW)
    cuts = boundaries(text[lo:hi])
    return (start - lo) in cuts and (end - lo) in cuts
