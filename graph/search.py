"""Concept search over labels, synonyms, pinyin, initials, typo-tolerant Latin and definitions.

`SearchIndex(result.concepts)` is built once per graph build and then queried many times. A query
is folded with `graph.text.normalize` (case, full/half width, spaces) and each concept keeps only
its best match. Scores fall in strict tiers, so a better tier always ranks first:

==========  ======  ===========================================================================
tier        score   what matched the query
==========  ======  ===========================================================================
exact       ≥ 100   a label or synonym, its full pinyin ("shenjingwangluo") or initials ("sjwl")
prefix      80–99   the start of one of those ("shenjing", "sjw", "retrieval")
substring   60–79   inside a label ("增强"), or pinyin/initials from a syllable on ("wangluo")
fuzzy       40–59   a Latin label, word or pinyin within a few typos (queries of ≥ 4 letters)
definition  20–39   a definition's text
==========  ======  ===========================================================================

Within a tier: a larger share of the matched text covered by the query ranks higher, a match at
a word start above one inside a word, preferred labels slightly above synonyms, and the text itself
above its pinyin above its initials. Ties go by concept id. For "pinyin" and "initials" hits `matched` is the Chinese label they spell; for
"definition" hits it is a snippet of the definition.

>>> from graph.model import Concept, Label
>>> nn = Concept("神经网络", [Label("神经网络", "zh"), Label("Neural Network", "en")], [])
>>> index = SearchIndex({nn.id: nn})
>>> [(h.concept_id, h.field, h.matched) for h in index.search("sjwl")]
[('神经网络', 'initials', '神经网络')]
>>> index.search("ｎｅｕｒａｌ")[0]
SearchHit(concept_id='神经网络', score=87.429, matched='Neural Network', field='label')
>>> index.search("nueral network")[0].field, index.search("  ")
('label', [])
"""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .model import Concept, Text
from .tables import pinyin_readings
from .text import fold_chinese, has_cjk, normalize


@lru_cache(maxsize=1)
def _hans() -> re.Pattern:
    """pypinyin's pattern of a run of characters it reads (kept in its table)."""
    return re.compile(pinyin_readings()["r"][0].decode())


def _segment(text: str) -> list[str]:
    """pypinyin's segmentation (`pypinyin.seg.simpleseg.seg`), over its table: runs of Han
    and of other characters, each Han run cut into the longest phrases of its dictionary from
    the left (`mmseg`, strict: what is no phrase is cut into characters)."""
    hans = _hans()
    runs: list[str] = []
    run, han = "", False
    for n, ch in enumerate(text):  # as simpleseg._seg: a new run where Han starts or stops
        is_han = bool(hans.match(ch))
        if n and is_han != han:
            runs.append(run)
            run = ""
        run += ch
        han = is_han
    runs.append(run)
    out: list[str] = []
    for run in runs:
        if hans.match(run):
            out.extend(_cut(run))
        else:
            out.append(run)
    return out


def _cut(text: str) -> list[str]:
    """pypinyin.seg.mmseg `seg.cut` (no_non_phrases=True) over the table's phrases ("p"+…)."""
    trie = pinyin_readings()
    out: list[str] = []
    remain = text
    while remain:
        last, last_at = "", 0
        for index in range(len(remain)):
            word = remain[:index + 1]
            if next(trie.iterkeys("p" + word), None) is not None:  # a phrase starts so
                if "p" + word in trie:
                    last, last_at = word, index + 1
            else:
                if last:
                    out.append(last)
                    remain = remain[last_at:]
                else:
                    out.append(remain[0])
                    remain = remain[1:]
                break
        else:
            if last:
                out.append(last)
                remain = remain[last_at:]
            else:  # not a phrase (it would be `last`): its characters
                out.extend(remain)
                break
    return out


LABEL, SYNONYM, PINYIN, INITIALS, DEFINITION = "label", "synonym", "pinyin", "initials", "definition"
MAX_FIRST = 100  # most hits one query returns
MAX_QUERY = 300  # longer queries are cut to this many characters

# Tier floors; within a tier a hit adds at most _COVER + _MAX_BONUS (< the 20 between tiers).
_EXACT, _PREFIX, _SUBSTRING, _FUZZY, _DEFINITION = 100.0, 80.0, 60.0, 40.0, 20.0
_COVER = 8.0  # times the share of the matched text the query covers
_PREFERRED = 2.0  # a preferred label over a synonym
_FIELD_BONUS = {LABEL: 2.0, SYNONYM: 2.0, PINYIN: 1.0, INITIALS: 0.0}
_WORD_START = 4.0  # a substring or definition match at the start of a word
_WHOLE = 1.0  # a fuzzy match of a whole label rather than one of its words
_MAX_BONUS = _PREFERRED + 2.0 + _WORD_START
_FUZZY_MIN = 4  # shortest query tried with fuzzy matching

_JOINERS = re.compile(r"(?<=\w)[^\w\s]+(?=\w)")  # "it/s", "chain-of-thought", "dall·e3"
_NON_WORD = re.compile(r"[\W_]+")
_LATIN_WORD = re.compile(r"[a-z0-9]{%d,}" % _FUZZY_MIN)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# An index entry: (concept id, field, matched text, bonus, syllable starts or ()).
_Entry = tuple[str, str, str, float, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A concept's best match for a query. `field`: label|synonym|pinyin|initials|definition."""

    concept_id: str
    score: float
    matched: str
    field: str


def _loose(text: str) -> str:
    """Normalized text with punctuation between word characters read as a space, and
    Traditional Chinese read as Simplified (持續交付 finds 持续交付)."""
    text = normalize(text)
    if has_cjk(text):
        text = fold_chinese(text)
    return _JOINERS.sub(" ", text).replace("  ", " ")


_label_key = lru_cache(maxsize=65536)(_loose)  # rebuilds see mostly the same labels


def _fold_definition(text: str) -> str:
    """A definition's text to search: normalized, Chinese folded. Not memoized: folding every
    definition of the author's notebook takes 0.05 s, and a memo kept a second copy of each
    folded text beside the index's own."""
    folded = normalize(text)
    return fold_chinese(folded) if has_cjk(folded) else folded


def _shown_definition(text: str) -> str:
    """A definition's text to show: spaces collapsed."""
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def _word_pinyin(word: str) -> tuple[str, ...]:
    """pypinyin's default toneless reading (`lazy_pinyin`) of one segmented Han word, one
    syllable each: a phrase or a character of its table (graph.tables.pinyin_readings)."""
    trie = pinyin_readings()
    found = trie.get("p" + word) or trie.get("c" + word)
    if found:
        reading = found[0].decode()
        return tuple(reading.split("\x1f")) if reading else ()
    from pypinyin import lazy_pinyin  # a character pypinyin has no reading for

    return tuple(lazy_pinyin(word))


@lru_cache(maxsize=65536)
def _phonetic(label: str) -> tuple[str, tuple[int, ...], str, tuple[int, ...]]:
    """(full pinyin, its syllable starts, initials, their starts) of a label with Han in it.

    Han syllables give their pinyin and first letter; other runs ("AI", "NFS") are kept whole in
    both, so "AI助教" → ("aizhujiao", (0, 2, 5), "aizj", (0, 2, 3)). Punctuation and spaces drop.
    """
    tokens: list[tuple[str, bool]] = []  # (text, from a Han character)
    for segment in _segment(label):
        if _hans().match(segment):
            tokens.extend((syllable, True) for syllable in _word_pinyin(segment))
        else:
            tokens.append((segment, False))
    full, full_starts, initials, initial_starts = [], [], [], []
    full_len = initials_len = 0
    for text, han in tokens:
        if not han:  # pinyin syllables are lower-case letters already
            text = _NON_WORD.sub("", normalize(text))
            if not text:
                continue
        initial = text[0] if han else text
        full_starts.append(full_len)
        initial_starts.append(initials_len)
        full.append(text)
        initials.append(initial)
        full_len += len(text)
        initials_len += len(initial)
    return "".join(full), tuple(full_starts), "".join(initials), tuple(initial_starts)


def _entries(found: _Entry | tuple[_Entry, ...]) -> tuple[_Entry, ...]:
    """The entries under one key of a `_Table`: an entry alone (its first item is a concept
    id) or a tuple of them."""
    return (found,) if found and type(found[0]) is str else found


class _Table:
    """Keys (normalized strings) → entries, answering exact, prefix and substring lookups.

    Substring scans run over one newline-joined string of the keys, shortest first, so a scan can
    stop once no longer key could beat the hits already found. In a `syllabic` table (pinyin,
    initials) a substring counts only where an entry's syllable starts.
    """

    __slots__ = ("entries", "keys", "ordered", "blob", "starts", "syllabic")

    def __init__(self, entries: dict[str, list[_Entry]], syllabic: bool) -> None:
        # Kept as long as the index: under each key its entry alone (most keys have one:
        # 43,000 of 44,000 on the author's notebook), else a tuple of them (`_entries`); the
        # starts as machine integers, not an int object each.
        self.entries = {key: found[0] if len(found) == 1 else tuple(found)
                        for key, found in entries.items()}
        self.keys = sorted(entries)
        self.ordered = sorted(entries, key=len)
        self.blob = "\n".join(self.ordered)
        self.starts = array("q")
        position = 0
        for key in self.ordered:
            self.starts.append(position)
            position += len(key) + 1
        self.syllabic = syllabic

    def exact(self, query: str, best: dict, skip: frozenset) -> None:
        for entry in _entries(self.entries.get(query, ())):
            _offer(best, entry, _EXACT + _COVER + entry[3], skip)

    def prefix(self, query: str, best: dict, skip: frozenset) -> None:
        keys, size = self.keys, len(query)
        for i in range(bisect_left(keys, query), len(keys)):
            key = keys[i]
            if not key.startswith(query):
                break
            if len(key) > size:
                base = _PREFIX + _COVER * size / len(key)
                for entry in _entries(self.entries[key]):
                    _offer(best, entry, base + entry[3], skip)

    def substring(self, query: str, best: dict, first: int, skip: frozenset) -> None:
        blob, starts, ordered, size = self.blob, self.starts, self.ordered, len(query)
        recheck, floor = first, 0.0  # floor: a lower bound of the first-th best score so far
        at = blob.find(query)
        while at != -1:
            k = bisect_right(starts, at) - 1
            start, key = starts[k], ordered[k]
            end = start + len(key) + 1
            if len(best) >= recheck:
                floor = heapq.nlargest(first, (value[0] for value in best.values()))[-1]
                recheck = 2 * len(best)
            base = _SUBSTRING + _COVER * size / len(key)
            if base + _MAX_BONUS < floor:
                break  # keys only get longer from here
            offset = at - start
            if offset == 0:  # an exact or prefix match, scored already
                at = blob.find(query, end)
                continue
            if self.syllabic:
                entries = _entries(self.entries[key])
                hits = [entry for entry in entries if offset in entry[4]]
                for entry in hits:
                    _offer(best, entry, base + entry[3], skip)
                if len(hits) < len(entries):  # mid-syllable for some: look further along the key
                    at = blob.find(query, at + 1)
                    continue
            else:
                word = _WORD_START if not key[offset - 1].isalnum() else 0.0
                for entry in _entries(self.entries[key]):
                    _offer(best, entry, base + entry[3] + word, skip)
            at = blob.find(query, end)


class _FuzzyChoices:
    """Strings for rapidfuzz, shortest first, so a query only meets those of a workable length.

    Under each choice its entry alone or a tuple of them (as `_Table`); what a match of the
    whole label adds is worked out when found (`whole`), not kept beside each entry: 32,000
    (entry, bonus) pairs on the author's notebook."""

    __slots__ = ("choices", "lengths", "entries", "whole")

    def __init__(self, choices: dict[str, list[_Entry]], whole) -> None:
        self.choices = sorted(choices, key=len)
        self.lengths = [len(choice) for choice in self.choices]
        self.entries = [found[0] if len(found) == 1 else tuple(found)
                        for found in map(choices.__getitem__, self.choices)]
        self.whole = whole  # (choice, entry) → the bonus of matching `choice` for `entry`

    def extract(self, needle: str, cutoff: float, limit: int):
        """(similarity, entry, bonus) for the `limit` choices most like `needle` (fuzz.ratio).

        fuzz.ratio ≤ 200·min(a, b)/(a + b) for lengths a, b, which bounds the lengths worth trying.
        """
        share = cutoff / 100.0
        low = bisect_left(self.lengths, len(needle) * share / (2.0 - share))
        high = bisect_right(self.lengths, len(needle) * (2.0 - share) / share)
        if low >= high:
            return
        for choice, similarity, i in process.extract(needle, self.choices[low:high],
                                                     scorer=fuzz.ratio, score_cutoff=cutoff,
                                                     limit=limit):
            for entry in _entries(self.entries[low + i]):
                yield similarity, entry, self.whole(choice, entry)


def _whole_latin(choice: str, entry: _Entry) -> float:
    """A Latin choice is an entry's whole label when it is the entry's key in the direct
    table (`_label_key` of its text), else one of its words."""
    return _WHOLE if _loose(entry[2]) == choice else 0.0


def _whole(choice: str, entry: _Entry) -> float:
    return _WHOLE


def _offer(best: dict, entry: _Entry, score: float, skip: frozenset) -> None:
    if entry[0] in skip:  # changed since this part of the index was made
        return
    current = best.get(entry[0])
    if current is None or score > current[0]:
        best[entry[0]] = (score, entry[1], entry[2])


_BONUSES: dict[float, float] = {}


def _bonus(value: float) -> float:
    """One float object per bonus value (a few values; an entry each: 47,000 floats)."""
    return _BONUSES.setdefault(value, value)


class _Part:
    """The tables of one set of concepts (see `SearchIndex`)."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        direct: dict[str, list[_Entry]] = {}
        pinyin: dict[str, list[_Entry]] = {}
        initials: dict[str, list[_Entry]] = {}
        definitions: list[tuple[str, str, Text]] = []  # (concept id, normalized, the text)
        self.size = 0
        for concept in concepts:
            self.size += 1
            number = concept.id
            seen: set[str] = set()
            for field, labels, preferred in ((LABEL, concept.labels, _PREFERRED),
                                             (SYNONYM, concept.synonyms, 0.0)):
                for label in labels:
                    key = _label_key(label.text)
                    if not key or key in seen:
                        continue
                    seen.add(key)
                    bonus = _bonus(preferred + _FIELD_BONUS[field])
                    direct.setdefault(key, []).append((number, field, label.text, bonus, ()))
                    if has_cjk(label.text):
                        full, full_starts, short, short_starts = _phonetic(label.text)
                        if full:
                            pinyin.setdefault(full, []).append(
                                (number, PINYIN, label.text,
                                 _bonus(preferred + _FIELD_BONUS[PINYIN]), full_starts))
                            if len(short_starts) > 1:  # "s" alone should not find 三
                                initials.setdefault(short, []).append(
                                    (number, INITIALS, label.text,
                                     _bonus(preferred + _FIELD_BONUS[INITIALS]), short_starts))
            for text in concept.definitions:
                folded = _fold_definition(text.text)
                if folded:
                    definitions.append((number, folded, text))
        self._direct = _Table(direct, syllabic=False)
        self._pinyin = _Table(pinyin, syllabic=True)
        self._initials = _Table(initials, syllabic=True)
        self._init_fuzzy(direct, pinyin)
        self._init_definitions(definitions)

    def _init_fuzzy(self, direct: dict[str, list[_Entry]], pinyin: dict[str, list[_Entry]]) -> None:
        """Latin choices for rapidfuzz: whole labels and their words; full pinyin of Han labels."""
        latin: dict[str, list[_Entry]] = {}
        for key, entries in direct.items():
            if not has_cjk(key):
                latin.setdefault(key, []).extend(entries)
            for word in set(_LATIN_WORD.findall(key)):
                if word != key:
                    latin.setdefault(word, []).extend(entries)
        self._latin = _FuzzyChoices(latin, _whole_latin)
        self._spelled = _FuzzyChoices({key: entries for key, entries in pinyin.items()
                                       if len(key) >= _FUZZY_MIN}, _whole)

    def _init_definitions(self, definitions: list[tuple[str, str, Text]]) -> None:
        """One newline-joined string of all definitions; a concept's definitions are adjacent.
        A definition's normalized text is read back from that string, its text to show from
        its `Text` (the concept's): neither is kept apart (4 MB on the author's notebook)."""
        self._def_blob = "\n".join(folded for _, folded, _ in definitions)
        self._def_owner = [number for number, _, _ in definitions]
        self._def_source = [text for _, _, text in definitions]
        self._def_starts = array("q")
        position = 0
        for _, folded, _ in definitions:
            self._def_starts.append(position)
            position += len(folded) + 1
        self._def_next = array("q", bytes(8 * len(definitions)))  # where the next concept's begin
        following = position
        for i in range(len(definitions) - 1, -1, -1):
            if i + 1 < len(definitions) and self._def_owner[i + 1] != self._def_owner[i]:
                following = self._def_starts[i + 1]
            self._def_next[i] = following

    def _def_folded(self, d: int) -> str:
        """Definition `d`'s normalized text (its stretch of the newline-joined string)."""
        start = self._def_starts[d]
        end = self._def_starts[d + 1] - 1 if d + 1 < len(self._def_starts) else len(self._def_blob)
        return self._def_blob[start:end]

    def _fuzzy(self, query: str, spelled: str, best: dict, first: int, skip: frozenset) -> None:
        cutoff = 85.0 if len(query) < 5 else 80.0  # 4 letters: one letter more or less
        for needle, choices in ((query, self._latin), (spelled, self._spelled)):
            if len(needle) >= _FUZZY_MIN:
                for similarity, entry, whole in choices.extract(needle, cutoff, first + 10):
                    base = _FUZZY + _COVER * (similarity - cutoff) / (100.0 - cutoff)
                    _offer(best, entry, base + entry[3] + whole, skip)

    def _definitions(self, query: str, best: dict, skip: frozenset) -> None:
        blob, starts, owners = self._def_blob, self._def_starts, self._def_owner
        at = blob.find(query)
        while at != -1:
            d = bisect_right(starts, at) - 1
            if owners[d] not in best and owners[d] not in skip:
                offset = at - starts[d]
                word = _WORD_START if offset == 0 or not blob[at - 1].isalnum() else 0.0
                score = _DEFINITION + _COVER / (1.0 + offset / 40.0) + word
                best[owners[d]] = (score, DEFINITION, (self, d, offset, len(query)))
            at = blob.find(query, self._def_next[d])



class SearchIndex:
    """A search index over a build's concepts; immutable, safe to share between threads.

    `patched(changes)` gives the index of the next build without indexing everything again:
    the concepts that changed since this index's base are indexed apart (a small second part)
    and their entries in the base are skipped, so answers are those of a fresh index. Once the
    changed part grows past an eighth of the base, the next patch indexes everything again.
    """

    def __init__(self, concepts: dict[str, Concept], *,
                 _parts: tuple[_Part, ...] | None = None,
                 _changed: dict[str, Concept | None] | None = None) -> None:
        self._changed = _changed or {}
        if _parts is None:
            _parts = (_Part(concepts.values()),)
        self._parts = _parts
        skip = frozenset(self._changed)
        # The base skips every changed concept; the second part holds them as they are now.
        self._skips = (skip,) + (frozenset(),) * (len(_parts) - 1)
        self._size = len(concepts)

    def patched(self, concepts: dict[str, Concept], changed: Iterable[str]) -> SearchIndex:
        """The index of `concepts`, where only the ids in `changed` differ from this one's."""
        merged = dict(self._changed)
        for cid in changed:
            merged[cid] = concepts.get(cid)
        base = self._parts[0]
        if len(merged) > max(256, base.size // 8):
            return SearchIndex(concepts)
        live = [c for c in merged.values() if c is not None]
        return SearchIndex(concepts, _parts=(base, _Part(live)), _changed=merged)

    def __len__(self) -> int:
        return self._size

    def search(self, text: str, first: int = 10) -> list[SearchHit]:
        """The best `first` (at most MAX_FIRST) concepts for `text`, best first."""
        first = max(0, min(int(first), MAX_FIRST))
        query = _loose(_CONTROL.sub(" ", text or "")[:MAX_QUERY])
        if not query or not first:
            return []
        # pinyin ignores spaces and apostrophes ("xi'an"); "c++" or "学习" is not pinyin at all
        spelled = query.replace(" ", "").replace("'", "")
        if not spelled.isalnum() or has_cjk(spelled):
            spelled = ""
        best: dict[str, tuple[float, str, object]] = {}  # concept id → (score, field, matched)
        parts = list(zip(self._parts, self._skips))
        tables = [("_direct", query)]
        if spelled:
            tables += [("_pinyin", spelled), ("_initials", spelled)]
        for name, needle in tables:
            for part, skip in parts:
                getattr(part, name).exact(needle, best, skip)
        for name, needle in tables:
            for part, skip in parts:
                getattr(part, name).prefix(needle, best, skip)
        if len(best) < first:
            for part, skip in parts:
                part._direct.substring(query, best, first, skip)
            if len(spelled) >= 2:
                for part, skip in parts:
                    part._pinyin.substring(spelled, best, first, skip)
            if len(spelled) >= 3:
                for part, skip in parts:
                    part._initials.substring(spelled, best, first, skip)
        if len(best) < first and len(query) >= _FUZZY_MIN and not has_cjk(query):
            for part, skip in parts:
                part._fuzzy(query, spelled, best, first, skip)
        if len(best) < first and (len(query) >= 2 or has_cjk(query)):
            for part, skip in parts:
                part._definitions(query, best, skip)
        ranked = heapq.nsmallest(first, ((-round(score, 3), concept_id, field, matched)
                                         for concept_id, (score, field, matched) in best.items()))
        return [SearchHit(concept_id, -score, _matched(matched), field)
                for score, concept_id, field, matched in ranked]


def _matched(matched: object) -> str:
    """Labels are stored as text; a definition hit as (part, definition, offset, length) →
    a snippet."""
    if isinstance(matched, str):
        return matched
    part, d, offset, size = matched  # type: ignore[misc]
    folded, display = part._def_folded(d), _shown_definition(part._def_source[d].text)
    text = display if len(display) == len(folded) else folded
    start, end = max(0, offset - 20), min(len(text), offset + size + 40)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
