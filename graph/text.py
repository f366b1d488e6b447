"""Small text helpers shared by the rules: label normalization, language, ids.

>>> normalize("  ＣｕＤＮＮ ")
'cudnn'
>>> lang_of("神经网络"), lang_of("neural network")
('zh', 'en')
>>> slug("Chain-of-Thought"), slug("神经网络"), slug("it/s")
('chain-of-thought', '神经网络', 'it-s')
>>> merge_key("VS Code") == merge_key("vscode"), merge_key("持續交付") == merge_key("持续交付")
(True, True)
>>> merge_key("WAR 包") == merge_key("WAR包"), merge_key("Next.js") == merge_key("next js")
(True, True)
"""

from __future__ import annotations

import bisect
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


# Separators that variants of one name differ by: `VS Code` / `VSCode`, `next.js` / `next js`,
# `docker-compose` / `docker compose`, `WAR 包` / `WAR包`. A dot only between letters.
_SEPARATORS = re.compile(r"[\s_\-‐‑–·・]+|(?<=[^\W\d_])\.(?=[^\W\d_])")


@lru_cache(maxsize=1 << 18)
def merge_key(label: str) -> str:
    """The key under which labels are one concept: `normalize`, Traditional Chinese folded to
    Simplified, and the separators that spellings of one name vary by removed."""
    key = normalize(label)
    if has_cjk(key):
        key = fold_chinese(key)
        # 高可用性 / 高可用, 安全性 / 安全: the quality noun and its adjective name one idea.
        if len(key) >= 3 and key.endswith("性") and has_cjk(key[-3:-1]):
            key = key[:-1]
    dunder = _DUNDER.fullmatch(key)
    if dunder:  # `__enter__` (and `__enter__()`) is not `enter`
        return f"__{_SEPARATORS.sub('', dunder.group(1))}__"
    stripped = _SEPARATORS.sub("", key)
    return stripped or key


_T2S = None


@lru_cache(maxsize=1 << 16)
def fold_chinese(text: str) -> str:
    """Traditional Chinese → Simplified (OpenCC `t2s`), so 持續交付 and 持续交付 are one."""
    global _T2S
    if _T2S is None:
        import opencc

        _T2S = opencc.OpenCC("t2s")
    return _T2S.convert(text)


def folded(text: str) -> str:
    """NFKC (full/half width) with spaces collapsed, case kept: `normalize` before casefold."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def lang_of(label: str) -> str:
    return "zh" if has_cjk(label) else "en"


def clean_label(text: str) -> str:
    """Tidy a label for display: NFKC-folded width of Latin, single spaces, no edge punctuation.

    >>> clean_label("**布谷鸟过滤 ¶**"), clean_label("`__enter__`："), clean_label("_draft_")
    ('布谷鸟过滤', '__enter__', 'draft')
    >>> clean_label("构造方法__enter__")
    '构造方法__enter__'
    >>> clean_label("__len__()"), clean_label("obj.__call__(x)"), clean_label("__exit__ 方法")
    ('__len__()', 'obj.__call__(x)', '__exit__ 方法')
    >>> clean_label("__Pod__"), clean_label("a__b__"), merge_key("__enter__") != merge_key("enter")
    ('Pod', 'a__b', True)
    >>> merge_key("__enter__()") == merge_key("__enter__")
    True
    """
    text = _SPACE.sub(" ", text).strip()
    # ¶ and § are a page's anchors (`缓存击穿 ¶` copied from a web page), no part of a name
    text = text.strip(_EDGE_BUT_UNDERSCORE)
    # `__enter__`, `__exit__ 方法`: Python's special names keep their underscores
    if not _DUNDER_FIRST.match(text):
        text = text.lstrip("_")
    if not _DUNDER_LAST.search(text):
        text = text.rstrip("_")
    return text.strip(_EDGE_BUT_UNDERSCORE)


_EDGE_BUT_UNDERSCORE = " \t*`~\"'“”‘’:：;；,，、.。•·-—¶§"
_DUNDER_FIRST = re.compile(r"__[a-z][a-z0-9_]*?__(?![A-Za-z0-9_])")
_DUNDER_LAST = re.compile(r"(?<![A-Za-z0-9_])__[a-z][a-z0-9_]*?__(?:\([^()]*\))?$")
_DUNDER = re.compile(r"__([a-z][a-z0-9_]*?)__(?:\(\))?")


def slug(label: str) -> str:
    """A readable id for a label: lower case, spaces and slashes to '-', CJK kept."""
    text = unicodedata.normalize("NFKC", label).casefold()
    text = _SLUG_DROP.sub("-", text).strip("-.")
    return text or "x" + hashlib.sha1(label.encode()).hexdigest()[:8]


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:6]


class Squeezed:
    """A text folded as `merge_key` folds a label (NFKC, case, separators dropped; no
    Traditional folding), with the position in the text of each folded character, to find
    where a label is written in another spelling (`wiki links` for `wikilinks`, `IP 地址`
    for `IP地址`, `task note` for `Task Notes`).

    >>> s = Squeezed("Use wiki links, or VS Code.")
    >>> [s.text[a:b] for a, b in s.spans("wikilinks")], [s.text[a:b] for a, b in s.spans("vscode")]
    (['wiki links'], ['VS Code'])
    >>> s = Squeezed("ＣｕＤＮＮ, ﬁ and ß, then VS-Code")
    >>> [s.text[a:b] for a, b in s.spans("cudnn")], [s.text[a:b] for a, b in s.spans("vscode")]
    (['ＣｕＤＮＮ'], ['VS-Code'])
    """

    def __init__(self, text: str):
        self.text = text
        folded = unicodedata.normalize("NFKC", text).casefold()
        if len(folded) != len(text):  # a character folds to several (ﬁ, ß): one by one
            folded = "".join(map(_fold_char, text))
        pieces: list[str] = []
        self._starts: list[int] = []  # where each piece starts in `text`
        self._offsets: list[int] = []  # … and in `folded`
        at = length = 0
        for sep in _SEPARATORS.finditer(folded):
            if sep.start() > at:
                pieces.append(folded[at:sep.start()])
                self._starts.append(at)
                self._offsets.append(length)
                length += sep.start() - at
            at = sep.end()
        if at < len(folded):
            pieces.append(folded[at:])
            self._starts.append(at)
            self._offsets.append(length)
        self.folded = "".join(pieces)

    def _where(self, i: int) -> int:
        piece = bisect.bisect_right(self._offsets, i) - 1
        return self._starts[piece] + i - self._offsets[piece]

    def spans(self, key: str, limit: int = 64):
        """(start, end) in `text` of each place `key` (a folded label, separators dropped)
        is written, at most `limit`."""
        return self.spans_of([key], limit).get(key, [])

    def spans_of(self, keys, limit: int = 64) -> dict[str, list[tuple[int, int]]]:
        """`spans` of many keys at once: one pass over the text (Aho–Corasick), not one per
        key (a long note has thousands of labels).

        >>> Squeezed("wiki links, Wiki-Links; VS Code").spans_of(["wikilinks", "vscode"])
        {'wikilinks': [(0, 10), (12, 22)], 'vscode': [(24, 31)]}
        """
        import ahocorasick

        finder = ahocorasick.Automaton()
        for key in keys:
            if key:
                finder.add_word(key, key)
        out: dict[str, list[tuple[int, int]]] = {}
        if not len(finder):
            return out
        finder.make_automaton()
        for end, key in finder.iter(self.folded):
            found = out.setdefault(key, [])
            if len(found) < limit:
                at = end - len(key) + 1
                found.append((self._where(at), self._where(end) + 1))
        return out


@lru_cache(maxsize=1 << 14)
def _fold_char(ch: str) -> str:
    """One character folded, kept one character long (ﬁ → f), so positions stay."""
    return unicodedata.normalize("NFKC", ch).casefold()[:1] or ch


def spelling_key(label: str) -> str:
    """A label folded as `Squeezed` folds text: `normalize`, separators dropped."""
    key = normalize(label)
    return _SEPARATORS.sub("", key) or key


def plain_singular(word: str) -> str:
    """A Latin word without a plural's `s` (`agents` → `agent`; not `class`, nor a word of
    three letters): a crude singular for comparing heads and other names, not a merge key
    (see `merge.form_key`).

    >>> plain_singular("agents"), plain_singular("class"), plain_singular("gas")
    ('agent', 'class', 'gas')
    """
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") \
        else word


def split_outside_parens(text: str, separator: re.Pattern) -> list[str]:
    """`text` cut where `separator` matches outside parentheses (ASCII or full-width).

    >>> split_outside_parens("排序算法（快速排序、归并排序）、动态规划", re.compile("、"))
    ['排序算法（快速排序、归并排序）', '动态规划']
    """
    parts, start, depth = [], 0, 0
    for match in re.finditer(r"[(（)）]|" + separator.pattern, text):
        sep = match.group()
        if sep in "(（":
            depth += 1
        elif sep in ")）":
            depth = max(depth - 1, 0)
        elif depth == 0:
            parts.append(text[start:match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts
