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


def on_word_boundaries(text: str, start: int, end: int, skip_start: bool = False,
                       skip_end: bool = False) -> bool:
    """Whether `text[start:end]` starts and ends on word boundaries (`skip_start` /
    `skip_end`: that end is Latin and checked by the caller).

    Only a window around the match is segmented, so the cost does not grow with the text.
    The match itself is kept whole when the window is cut, as a glossary term is a word."""
    lo, hi = max(0, start - WINDOW), min(len(text), end + WINDOW)
    left, middle, right = text[lo:start], text[start:end], text[end:hi]
    if not skip_start and left and has_cjk(left[-1]) and not _cut_between(left, middle):
        return False
    if not skip_end and right and has_cjk(right[0]) and not _cut_between(middle, right):
        return False
    return True


def _cut_between(a: str, b: str) -> bool:
    """Does the segmenter put a word boundary between `a` and `b` when it reads `a + b`?"""
    return len(a) in boundaries(a + b)


_CLOSERS = ("等等", "等")


def list_closed_at(text: str) -> int:
    """Where a 等 (等等) closing a Chinese list starts in `text`, or -1: the first one the
    segmenter reads as a word of its own after two characters or more (not in 高等数学, 等值
    连接, 平等, nor 对等, which would leave one character).

    >>> list_closed_at("配置管理等。"), list_closed_at("授权等功能"), list_closed_at("高等数学")
    (4, 2, -1)
    >>> list_closed_at("对等"), list_closed_at("负载均衡、平等。")
    (-1, -1)
    """
    if "等" not in text:
        return -1
    at = 0
    for word in words(text):
        at = text.find(word, at)
        if at < 0:
            return -1
        if word in _CLOSERS and len(text[:at].strip()) >= 2:
            return at
        at += len(word)
    return -1


def drop_list_close(text: str) -> str | None:
    """`text` without the 等 (等等) that closes it as a list, and without its final stop;
    None when it is not closed so (`平等`, `授权等功能`: something follows the 等).

    >>> drop_list_close("配置管理等。"), drop_list_close("平等"), drop_list_close("授权等功能")
    ('配置管理', None, None)
    """
    text = text.strip().rstrip("。.;； ")
    at = list_closed_at(text)
    return text[:at].rstrip() if at >= 0 and not text[at:].strip("等 ") else None
