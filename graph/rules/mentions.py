"""Which concept labels does a text mention? One Aho–Corasick automaton over every label,
so the cost grows with the length of the text, not with text × concepts.

Latin labels match case-insensitively on word boundaries; CJK labels match as substrings,
longest first. Very short labels (one CJK character, under three Latin letters) and common
words (`Config.stop_labels`) are left out.

>>> m = MentionMatcher({"rag": "rag", "检索增强生成": "rag", "向量": "vector", "llm": "llm"})
>>> [(cid, label) for cid, label, _ in m.find("RAG 用向量检索, not a fragment, LLMs")]
[('rag', 'rag'), ('vector', '向量')]
"""

from __future__ import annotations

import ahocorasick

from ..text import has_cjk, normalize


def _word_char(ch: str) -> bool:
    """Part of a Latin word; CJK characters are not (so `与RAG，` mentions RAG)."""
    return (ch.isalnum() or ch == "_") and not has_cjk(ch)


def mentionable(key: str, stop: set[str] | frozenset[str] = frozenset()) -> bool:
    if key in stop:
        return False
    if has_cjk(key):
        return len(key) >= 2
    return len(key) >= 3 and any(ch.isalpha() for ch in key)


class MentionMatcher:
    def __init__(self, labels: dict[str, str], stop: set[str] | frozenset[str] = frozenset()):
        """`labels`: normalized label → concept id."""
        self.automaton = ahocorasick.Automaton()
        count = 0
        for key, cid in labels.items():
            if mentionable(key, stop):
                self.automaton.add_word(key, (cid, key))
                count += 1
        self.empty = count == 0
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str):
        """Yield (concept id, label, offset in the normalized text) for each mention."""
        if self.empty or not text:
            return
        norm = normalize(text)
        for end, (cid, key) in self.automaton.iter_long(norm):
            start = end - len(key) + 1
            if not has_cjk(key[0]) and start > 0 and _word_char(norm[start - 1]):
                continue
            if not has_cjk(key[-1]) and end + 1 < len(norm) and _word_char(norm[end + 1]):
                continue
            yield cid, key, start


def snippet(text: str, start: int, length: int, width: int = 30) -> str:
    norm = normalize(text)
    lo, hi = max(0, start - width), min(len(norm), start + length + width)
    return ("…" if lo else "") + norm[lo:hi] + ("…" if hi < len(norm) else "")
