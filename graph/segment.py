"""Chinese word boundaries (rjieba, a Rust port of jieba) and the words of short labels.

A label is mentioned only where the text has it as a word: 兴趣 is not mentioned in
我对机器学习感兴趣, because the segmenter reads 感兴趣 there.

>>> on_word_boundaries("我对机器学习感兴趣", 7, 9)    # 兴趣 inside 感兴趣
False
>>> on_word_boundaries("我对机器学习感兴趣", 2, 6)    # 机器学习
True
>>> words("DevOps与CICD")
['DevOps', '与', 'CICD']

The segmenter's dictionary is 33 MB of a process. A serving process leaves it to its
extraction worker (`elsewhere`, set by `graph.build.Builder.follow`), which loads it anyway:
mention boundaries are asked of it in batches (`cut_at_many`), the words of labels a few
calls at a time (`ahead`). The answers are the same segmenter's, only read in another process.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from functools import lru_cache

from .text import fold_chinese, has_cjk

_RUNS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[^\s\u3400-\u9fff\uf900-\ufaff]+")
WINDOW = 12  # characters of context on each side of a match that the segmenter sees


# Where the segmenter runs when not here: `run(function, argument)` calls one of this
# module's `_local_*` functions in that process (None: in this one).
_elsewhere: Callable | None = None
_ahead: dict[str, list[str]] = {}  # CJK runs cut in one call for the words asked next


def elsewhere(run: Callable | None) -> None:
    """Segment in another process from now on: `run(function, argument)` returns what
    `function(argument)` returns there (None: here again)."""
    global _elsewhere
    _elsewhere = run


def _here(text: str) -> list[str]:
    """The segmenter's words of `text`, in this process. Traditional Chinese is cut as its
    Simplified spelling (the dictionary's: 筆記型電腦 is one word only as 笔记型电脑), the
    words given back as written."""
    import rjieba

    simple = fold_chinese(text)
    if simple == text or len(simple) != len(text):
        return rjieba.cut(text)
    out, at = [], 0
    for word in rjieba.cut(simple):
        out.append(text[at:at + len(word)])
        at += len(word)
    return out


def _local_cut_many(texts: list[str]) -> list[list[str]]:
    return [_here(text) for text in texts]


def _local_cut_at_many(checks: list[tuple[str, int]]) -> list[bool]:
    return [_cut_at(window, at) for window, at in checks]


@lru_cache(maxsize=1 << 15)
def _cut_at(window: str, at: int) -> bool:
    # Remembered: a note names its terms in the same few contexts again and again (the
    # author's notebook asks 578,000 windows, 202,000 of them different).
    return at in _boundaries(_here(window), len(window))


def _cut(text: str) -> list[str]:
    if _elsewhere is None:
        return _here(text)
    done = _ahead.get(text)
    return done if done is not None else _elsewhere(_local_cut_many, [text])[0]


@contextmanager
def ahead(texts: Iterable[str]):
    """While in this block, `words` of `texts` costs no call to the segmenter's process:
    their CJK runs are cut in one call now (nothing to do when the segmenter is here)."""
    if _elsewhere is None:
        yield
        return
    runs = list({run for text in texts for run in _RUNS.findall(text)
                 if run not in _ahead and has_cjk(run)})
    if runs:
        _ahead.update(zip(runs, _elsewhere(_local_cut_many, runs)))
    try:
        yield
    finally:
        _ahead.clear()


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
    return _boundaries(_cut(text), len(text))


def _boundaries(words: list[str], length: int) -> set[int]:
    cuts = {0, length}
    pos = 0
    for word in words:
        pos += len(word)
        cuts.add(pos)
    return cuts


def on_word_boundaries(text: str, start: int, end: int, skip_start: bool = False,
                       skip_end: bool = False) -> bool:
    """Whether `text[start:end]` starts and ends on word boundaries (`skip_start` /
    `skip_end`: that end is Latin and checked by the caller).

    Only a window around the match is segmented, so the cost does not grow with the text.
    The match itself is kept whole when the window is cut, as a glossary term is a word."""
    return all(at in boundaries(window)
               for window, at in boundary_checks(text, start, end, skip_start, skip_end))


def boundary_checks(text: str, start: int, end: int, skip_start: bool = False,
                    skip_end: bool = False) -> list[tuple[str, int]]:
    """What `on_word_boundaries` asks of the segmenter, in its order: (window, offset) for
    each end of `text[start:end]` that needs a cut there (a boundary between `a` and `b` is
    one where the segmenter reads `a + b`)."""
    lo, hi = max(0, start - WINDOW), min(len(text), end + WINDOW)
    left, middle, right = text[lo:start], text[start:end], text[end:hi]
    checks = []
    if not skip_start and left and has_cjk(left[-1]):
        checks.append((left + middle, len(left)))
    if not skip_end and right and has_cjk(right[0]):
        checks.append((middle + right, len(middle)))
    return checks


def cut_at_many(checks: list[tuple[str, int]]) -> list[bool]:
    """For each (window, offset): does the segmenter cut `window` there? All in one call
    to the segmenter's process when it is elsewhere."""
    if not checks:
        return []
    if _elsewhere is None:
        return _local_cut_at_many(checks)
    return _elsewhere(_local_cut_at_many, checks)


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
