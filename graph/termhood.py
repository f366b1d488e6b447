"""Termhood: is a label the name of a concept, or an everyday word?

The signal is how common the label is in general language: the Zipf frequency of the
`wordfreq` lists (log10 of occurrences per billion words; 可以 6.3, 选择 5.5, 数据库 4.4,
检索增强生成 1.8). An everyday word is a poor concept and a worse mention target; a note can
still make one a concept with its own evidence (a definition, a translation, a glossary
entry), which the rules weigh against this signal.

>>> is_everyday("选择"), is_everyday("数据库"), is_everyday("检索增强生成")
(True, False, False)
>>> is_everyday("General Updates"), is_everyday("Tool"), is_everyday("Kubernetes")
(True, True, False)
>>> is_everyday("API"), is_everyday("CI/CD")   # acronyms are names
(False, False)
>>> is_everyday("https"), is_everyday("html")   # lower case too: no vowel, no word
(False, False)
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .tables import frequencies
from .text import fold_chinese, has_cjk


# Zipf frequency at and above which a word is everyday language (per language). Chinese words
# of two characters sit higher than their English counterparts for the same commonness.
EVERYDAY_ZH = 4.5
EVERYDAY_EN = 4.3
# Below this, a word is rare enough to be a term on weak evidence (a bold span, a link text).
RARE = 3.5

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&+.-]*[A-Z0-9+]s?$")  # API, CI/CD, K8S, LLMs


@lru_cache(maxsize=1 << 17)
def zipf(label: str) -> float:
    """Zipf frequency of a label in its language (Chinese is folded to Simplified first);
    0.0 for words the lists do not know. Several words combine as wordfreq combines them:
    1/f = Σ 1/fᵢ, and for Chinese each inferred word break divides by 10."""
    text = label.strip()
    if not text:
        return 0.0
    lang = "zh" if has_cjk(text) else "en"
    text = fold_chinese(text) if lang == "zh" else text.lower()
    freqs = frequencies(lang)
    freq = freqs.get(text)
    breaks = 0
    if freq is None:
        if lang == "zh":
            from .segment import words

            # every word counts: Leader选举 is no everyday word because 选举 is one
            tokens = [w for w in words(text) if any(ch.isalnum() for ch in w)]
        else:
            tokens = _EN_TOKENS.findall(text)
        if not tokens or any(t not in freqs for t in tokens):
            return 0.0
        freq = 1.0 / sum(1.0 / freqs[t] for t in tokens)
        if lang == "zh":
            breaks = len(tokens) - 1  # (a power of ten each, counted in the log: 10 ** 320
            # overflows a float, and a heading of 320 words is no reason to lose a note)
    return round(math.log10(freq) + 9 - breaks, 2) if freq > 0 else 0.0


_EN_TOKENS = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def is_acronym(label: str) -> bool:
    """`API`, `CI/CD`, `K8S`, `A2A`, `LLMs`: upper-case letters (and digits), 2 to 8
    characters, perhaps a plural s."""
    text = label.strip()
    return 2 <= len(text) <= 8 and bool(_ACRONYM.match(text)) and \
        sum(ch.isalpha() for ch in text) >= 1


def is_everyday(label: str) -> bool:
    """A word (or phrase of words) of everyday language: not, on its own, a concept.

    English phrases are everyday when every word is; acronyms never are.
    """
    text = label.strip()
    if not text or is_acronym(text):
        return False
    if has_cjk(text):
        return zipf(text) >= EVERYDAY_ZH
    words = _LATIN_WORD.findall(text)
    if not words or len(words) != len(text.split()):
        return False  # digits, symbols, dotted names (next.js): not plain words
    # A word without a vowel letter is an abbreviation however it is written (https, html,
    # sql): frequent on the web, but no word of everyday language.
    return all(zipf(w.lower()) >= EVERYDAY_EN and _VOWEL.search(w) for w in words)


def is_rare(label: str) -> bool:
    """Rare in general language: a likely term on weak evidence."""
    text = label.strip()
    if has_cjk(text):
        return zipf(text) < RARE
    words = _LATIN_WORD.findall(text)
    return bool(words) and min(zipf(w.lower()) for w in words) < RARE
