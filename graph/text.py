"""Small text helpers shared by the rules: label normalization, language, ids.

>>> normalize("  ＣｕＤＮＮ ")
'cudnn'
>>> lang_of("神经网络"), lang_of("neural network")
('zh', 'en')
>>> slug("Chain-of-Thought"), slug("神经网络"), slug("it/s")
('chain-of-thought', '神经网络', 'it-s')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
# Han, Hiragana/Katakana, Hangul and the CJK punctuation/compatibility blocks.
_CJK = re.compile(r"[\u2e80-\u2fff\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
                  r"\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]")
_SLUG_DROP = re.compile(r"[^\w\u4e00-\u9fff.+-]+")


@lru_cache(maxsize=1 << 18)
def normalize(label: str) -> str:
    """The merge key of a label: NFKC (folds full/half width), case-folded, spaces collapsed.

    Cached: the same labels are normalized again and again across merge, links and graph."""
    return folded(label).casefold()


def folded(text: str) -> str:
    """NFKC (full/half width) with spaces collapsed, case kept: `normalize` before casefold."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def lang_of(label: str) -> str:
    return "zh" if has_cjk(label) else "en"


def clean_label(text: str) -> str:
    """Tidy a label for display: NFKC-folded width of Latin, single spaces, no edge punctuation."""
    text = _SPACE.sub(" ", text).strip()
    return text.strip(" \t*_`~\"'“”‘’:：;；,，、.。•·-—")


def slug(label: str) -> str:
    """A readable id for a label: lower case, spaces and slashes to '-', CJK kept."""
    text = unicodedata.normalize("NFKC", label).casefold()
    text = _SLUG_DROP.sub("-", text).strip("-.")
    return text or "x" + hashlib.sha1(label.encode()).hexdigest()[:8]


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:6]
