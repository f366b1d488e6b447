"""A Chinese name and its English name written apart in one note: the dictionary pairs them.

Notes often name one thing in both languages without writing the two side by side: a heading
`## 死锁` and later `a deadlock` in an English quote, `**位图**` in one list and `Bitmap`
in another. When the note names a Chinese word and an English word that a bilingual dictionary
(CC-CEDICT, `graph.tables.dictionary`) gives as its translation, they are one concept.

Only where it cannot mean two things: each side has no name in the other language in this note
yet (`行(row)` and `列(column)` are paired by the author; the dictionary's `列` = row must not
undo that), and each has exactly one match among the note's names (a note naming 表 and 表格
beside `table` pairs neither). Acronyms are left to the acronym rules.

>>> dictionary_pairs([["死锁"], ["deadlock"], ["位图", "bitmap"], ["Caddy"]])
[(0, 1)]
>>> dictionary_pairs([["表"], ["表格"], ["table"]])   # which one is the table?
[]
>>> dictionary_pairs([["行", "row"], ["列"], ["column"]])   # 行 (also column) has its own
[(1, 2)]
>>> dictionary_pairs([["Web服务"], ["Web Services"], ["Web"]])
[(0, 1)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..tables import dictionary, gloss_key
from ..termhood import is_acronym
from ..text import has_cjk, plain_singular


_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*)*")


def dictionary_pairs(groups: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """(Chinese group, English group) index pairs the dictionary pairs, among a note's names
    grouped as the note joins them (each group the names of one thing)."""
    chinese, english = [], []
    for i, names in enumerate(groups):
        cjk = [has_cjk(n) for n in names]
        if all(cjk):
            chinese.append(i)
        elif not any(cjk):
            english.append(i)
    if not chinese or not english:
        return []
    keys = {i: set().union(*(english_keys(n) for n in groups[i])) for i in english}
    matches: dict[int, list[int]] = {}
    for z in chinese:
        glossed = set().union(*(name_glosses(n) for n in groups[z]))
        if glossed:
            matches[z] = [e for e in english if keys[e] & glossed]
    taken: dict[int, int] = {}
    for found in matches.values():
        for e in found:
            taken[e] = taken.get(e, 0) + 1
    return sorted((z, found[0]) for z, found in matches.items()
                  if len(found) == 1 and taken[found[0]] == 1)


@lru_cache(maxsize=1 << 12)
def glosses(word: str) -> frozenset[str]:
    """The dictionary's English glosses of a Chinese word (gloss keys), over all its entries.

    >>> sorted(glosses("死锁"))
    ['deadlock']
    """
    word = word.replace(" ", "")
    return frozenset(k for value in dictionary().get(word, ())
                     for k in value.decode().split("\x1f"))


# `Web服务`, `HTTP 方法`: a Latin word before a Chinese one.
_LATIN_THEN_WORD = re.compile(r"([A-Za-z][A-Za-z0-9]*)\s?([\u3400-\u9fff]{2,4})")


def name_glosses(name: str) -> frozenset[str]:
    """The gloss keys of a Chinese name: the dictionary's, or for a Latin word before a
    Chinese word the Latin word before each gloss of the Chinese (`Web服务` is `web
    service`, `HTTP方法` is `HTTP method`).

    >>> sorted(name_glosses("HTTP方法"))
    ['httpmeans', 'httpmethod', 'httpway']
    """
    found = glosses(name)
    mixed = _LATIN_THEN_WORD.fullmatch(name.strip())
    if found or not mixed:
        return found
    head = gloss_key(mixed.group(1))
    return frozenset(head + k for k in glosses(mixed.group(2))) if head else found


def english_keys(name: str) -> set[str]:
    """An English name as gloss keys, singular too (`Deadlocks` → deadlock); none for an
    acronym or a name of fewer than three letters.

    >>> sorted(english_keys("Home Pages")), english_keys("API"), english_keys("__slots__")
    (['homepage', 'homepages'], set(), set())
    """
    if is_acronym(name) or sum(ch.isalpha() for ch in name) < 3 or not _WORDS.fullmatch(name):
        return set()  # `$HOME`, `__slots__`, `v1.2`: code, not an English word
    words = name.split()
    singular = " ".join([*words[:-1], plain_singular(words[-1])]) if words else name
    return {k for k in (gloss_key(name), gloss_key(singular)) if k}
