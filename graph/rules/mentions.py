"""Which concept labels does a text mention? One Aho–Corasick automaton over every label,
so the cost grows with the length of the text, not with text × concepts.

Latin labels match case-insensitively on word boundaries; CJK labels match longest first, and
only where the segmenter reads them as words (兴趣 is not mentioned in 感兴趣, see
`graph.segment`). Very short labels (one CJK character, under three Latin letters), everyday
words (`graph.termhood`: 可以, 选择, general) and `Config.stop_labels` are never targets.

>>> m = MentionMatcher({"rag": "rag", "检索增强生成": "rag", "向量": "vector", "llm": "llm",
...                     "兴趣": "interest", "选择": "choice"})
>>> [(cid, label) for cid, label, _ in m.find("RAG 用向量检索, not a fragment, LLMs")]
[('rag', 'rag'), ('vector', '向量')]
>>> [cid for cid, _, _ in m.find("我对向量感兴趣，可以选择")]    # 兴趣 in 感兴趣; 选择 is everyday
['vector']
"""

from __future__ import annotations

import ahocorasick

from ..segment import ahead, boundary_checks, cut_at_many
from ..termhood import is_everyday
from ..text import fold_chinese, has_cjk, normalize


def _word_char(ch: str) -> bool:
    """Part of a Latin word; CJK characters are not (so `与RAG，` mentions RAG)."""
    return (ch.isalnum() or ch == "_") and (ch < "\u2e80" or not has_cjk(ch))


def mentionable(key: str, stop: set[str] | frozenset[str] = frozenset(),
                glossed: set[str] | frozenset[str] = frozenset()) -> bool:
    """May `key` be a mention target? Not a stop label nor an everyday word, unless it is
    `glossed` (a caller's own evidence that it is a term here, see `MentionMatcher`)."""
    if key in stop or (is_everyday(key) and key not in glossed):
        return False
    if has_cjk(key):
        return len(key) >= 2
    return len(key) >= 3 and any(ch.isalpha() for ch in key)


# An edit changes a few labels of tens of thousands: they go to a small automaton beside the
# big one, which is made again (`make_automaton` walks every label: seconds at 10k notes) only
# once the changes since it was made pass FOLD_AT plus a sixteenth of its size.
FOLD_AT = 512


class MentionMatcher:
    def __init__(self, labels: dict[str, str], stop: set[str] | frozenset[str] = frozenset(),
                 glossed: set[str] | frozenset[str] = frozenset()):
        """`labels`: normalized label → concept id; `glossed`: labels that are targets even
        when everyday words (one note's own glossary entries, for its co-mentions)."""
        self.stop = stop
        self.glossed = glossed
        self._base = ahocorasick.Automaton()  # the labels as they were at the last fold
        self._extra = ahocorasick.Automaton()  # labels added or moved since, made each update
        # Since the last fold: label → what it finds now (None: no longer a label).
        self._changed: dict[str, tuple | None] = {}
        self.update(labels)

    def update(self, changes: dict[str, str | None]) -> None:
        """Labels added or moved to another concept (`key → id`) or gone (`key → None`)."""
        self._note_changes(changes)
        if len(self._changed) > FOLD_AT + self._size() // 16:
            self._fold()
        self._extra = ahocorasick.Automaton()
        for key, value in self._changed.items():
            if value is not None:
                self._extra.add_word(key, value)
        for automaton in (self._base, self._extra):
            if len(automaton):
                automaton.make_automaton()  # a no-op on the big one when nothing was added
        self.empty = self._size() == 0 and len(self._extra) == 0

    def _size(self) -> int:
        """How many labels the last fold holds."""
        return len(self._base)

    def _note_changes(self, changes: dict[str, str | None]) -> None:
        """Record in `_changed` what each mentionable changed label finds now, unless it is
        what the last fold holds (`_held`)."""
        changed = self._changed
        # The words of CJK labels in one call (`mentionable` reads their frequency by them).
        with ahead(fold_chinese(key.strip()) for key in changes if has_cjk(key)):
            targets = [key for key in changes if mentionable(key, self.stop, self.glossed)]
        for key in targets:
            cid = changes[key]
            # Whether each end of the label is Latin (then it must sit on a word boundary).
            value = None if cid is None else (cid, key, not has_cjk(key[0]),
                                              not has_cjk(key[-1]))
            if value == self._held(key):
                changed.pop(key, None)  # back to what the last fold says
            else:
                changed[key] = value

    def _held(self, key: str) -> tuple | None:
        """What `key` finds as of the last fold."""
        return self._base.get(key, None)

    def _fold(self) -> None:
        """One automaton of every label again (the changes folded into the big one)."""
        changed = self._changed
        fresh = ahocorasick.Automaton()
        for key, value in self._base.items():
            if key not in changed:
                fresh.add_word(key, value)
        for key, value in changed.items():
            if value is not None:
                fresh.add_word(key, value)
        self._base, self._changed = fresh, {}

    def __len__(self) -> int:
        """How many labels are targets."""
        gone = sum(1 for key in self._changed if key in self._base)
        return len(self._base) - gone + len(self._extra)

    def find(self, text: str):
        """Yield (concept id, label, offset in the normalized text) for each mention."""
        for cid, key, start, _norm in self.find_in(normalize(text) if text else ""):
            yield cid, key, start

    def _spans(self, norm: str) -> list[tuple[int, int, tuple]]:
        """Every label occurrence in `norm` as (start, -end, value), leftmost first and the
        longest first among those that start together."""
        changed = self._changed
        spans = []
        if len(self._base):
            for end, value in self._base.iter(norm):
                if value[1] not in changed:
                    spans.append((end - len(value[1]) + 1, -end, value))
        if len(self._extra):
            for end, value in self._extra.iter(norm):
                spans.append((end - len(value[1]) + 1, -end, value))
        spans.sort()  # one label per (start, end): the values are never compared
        return spans

    def find_in(self, norm: str):
        """Like `find`, over text already normalized; also yields that text (for snippets).
        Mentions do not overlap: the leftmost label wins, the longest of those starting
        there (机器学习, not 学习 inside it)."""
        for cid, key, start in self.find_many([norm])[0]:
            yield cid, key, start, norm

    def find_many(self, norms: list[str]) -> list[list[tuple[str, str, int]]]:
        """(concept id, label, offset) of each mention in each of `norms` (normalized
        texts), as `find_in` finds them; what the segmenter must say of CJK ends is asked
        in one call for all of them."""
        found: list[list[tuple]] = []
        checks: dict[tuple[str, int], int] = {}  # (window, offset) → its place in the call
        for norm in norms:
            here: list[tuple] = []
            found.append(here)
            if self.empty or not norm:
                continue
            last = len(norm) - 1
            taken = -1  # the last character of the label taken before (kept or not)
            for start, neg_end, (cid, key, latin_start, latin_end) in self._spans(norm):
                if start <= taken:
                    continue
                end = taken = -neg_end
                if latin_start and start > 0 and _word_char(norm[start - 1]):
                    continue
                if latin_end and end < last and _word_char(norm[end + 1]):
                    continue
                asks = () if latin_start and latin_end else \
                    boundary_checks(norm, start, end + 1, latin_start, latin_end)
                here.append((cid, key, start, [checks.setdefault(a, len(checks)) for a in asks]))
        said = cut_at_many(list(checks))
        # 兴趣 inside 感兴趣: not a mention where the segmenter does not cut at an end.
        return [[(cid, key, start) for cid, key, start, asks in here if all(said[i] for i in asks)]
                for here in found]


def snippet(norm: str, start: int, length: int, width: int = 30) -> str:
    """The text around a mention (`norm`: the text as matched, or the same with its case)."""
    lo, hi = max(0, start - width), min(len(norm), start + length + width)
    return ("…" if lo else "") + norm[lo:hi] + ("…" if hi < len(norm) else "")
