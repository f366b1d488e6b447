"""Mention edges: a concept's definition or notes naming another concept's label or synonym.

`MentionIndex` keeps the labels (`TrieMatcher`: Latin ones in a trie, the others in an
Aho–Corasick automaton; changed label by label) and each concept's texts (normalized). When
labels change, only the concepts whose texts hold a changed label (found by one pass of an
automaton of those labels alone) are scanned again. What a scan found is not kept: a text is
scanned again only when its concept is (14 MB of lists of matches on the author's notebook,
for scans that cost little). A mention's snippet is made when read (`MentionRelation`).

>>> from graph.model import Concept, Label, Source, Text
>>> index = MentionIndex(set())
>>> index.set_labels({"rag": "rag", "向量": "vector"})
set()
>>> c = Concept("db", [Label("DB", "en")], [], [Text("用向量做 RAG", Source("a.md", 3), "zh")])
>>> [(r.target, r.text) for r in index.mentions(c)]
[('vector', '用向量做 RAG'), ('rag', '用向量做 RAG')]
>>> sorted(index.set_labels({"做": "do", "rag": None}))   # 做 is one character: not a label
['db']
"""

from __future__ import annotations

import re

import ahocorasick
import marisa_trie

from .model import MENTION, Concept, Relation, Source, Text
from .rules.mentions import MentionMatcher, _word_char, mentionable, snippet
from .text import _CJK, folded, has_cjk

# A run of Latin word characters (`_word_char`: \w, CJK excepted).
_WORD = re.compile(r"[^\W" + _CJK.pattern[1:-1] + "]+")
# What the trie cannot hold (it holds UTF-8, and its lookups stop at a NUL): a label with a lone
# surrogate (a YAML "\udc80" makes one) or a NUL stays in the automaton.
_UNTRIED = re.compile("[\x00\ud800-\udfff]")


def _in_trie(key: str) -> bool:
    return not has_cjk(key) and not _UNTRIED.search(key)


def _shown(text: str) -> str:
    """A text as its mentions are shown: folded, casefolded too when that changes its length
    (ß → ss: the positions found are in the casefolded text)."""
    shown = folded(text)
    norm = shown.casefold()
    return norm if len(norm) != len(shown) else shown


class MentionRelation:
    """A mention relation, read as a `Relation` (kind MENTION, no rule, confidence 1) and
    equal to, shown and pickled as the `Relation` with its text. The text, the snippet around
    the mention, is made when read from the concept's text it was found in (the concept keeps
    it anyway) and where; the evidence is that text's source. As Relations with their
    snippets the author's notebook's 79,000 mentions were 17 MB.

    >>> rel = MentionRelation("db", "rag", Text("用向量做 RAG", Source("a.md", 3), "zh"), 5, 3)
    >>> rel.text, rel == Relation("db", "rag", MENTION, Source("a.md", 3), "用向量做 RAG")
    ('用向量做 RAG', True)
    """

    __slots__ = ("source", "target", "_found_in", "_start", "_length")
    kind = MENTION
    rule = ""
    confidence = 1.0

    def __init__(self, source: str, target: str, found_in: Text, start: int, length: int):
        self.source, self.target = source, target
        self._found_in, self._start, self._length = found_in, start, length

    @property
    def evidence(self) -> Source:
        return self._found_in.source

    @property
    def text(self) -> str:
        return snippet(_shown(self._found_in.text), self._start, self._length)

    def plain(self) -> Relation:
        """The `Relation` this one reads as."""
        return Relation(self.source, self.target, self.kind, self.evidence, self.text,
                        self.rule, self.confidence)

    def __eq__(self, other):
        if isinstance(other, MentionRelation):
            other = other.plain()
        return self.plain() == other if isinstance(other, Relation) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self.plain())

    def __reduce__(self):
        return self.plain().__reduce__()


class TrieMatcher(MentionMatcher):
    """A `MentionMatcher` (the same mentions) that keeps its Latin labels in a succinct trie
    (`marisa_trie`) instead of the automaton: the 59,000 Latin labels of 2,000 synthetic notes
    were 54 MB as automaton paths, are 1.2 MB so. Labels with a CJK character stay in it.

    The automaton finds every occurrence of a label, and the first (leftmost, longest) one
    is taken even when a Latin end is not on a word boundary, so it hides those it overlaps.
    The trie is asked only where that can matter: where a word starts (after a character
    that is not a word character), and within a word (and the character after it) only when
    a label found there could reach past it. An occurrence that starts inside a word never
    is a mention, and one that ends within the word only hides others that start inside it.

    >>> m = TrieMatcher({"graph": "g", "graph db": "db", "ph d": "phd", "d engine": "e"})
    >>> [(cid, key) for cid, key, _ in m.find("graph db; a graph, graph dbx")]
    [('db', 'graph db'), ('g', 'graph')]
    >>> [key for _, key, _ in m.find("d engine, triumph d engine")]  # ph d hides d engine
    ['d engine']
    """

    def __init__(self, labels: dict[str, str], stop: set[str] | frozenset[str] = frozenset(),
                 glossed: set[str] | frozenset[str] = frozenset()):
        self._latin_as_of_fold({})  # (the automaton holds the other labels)
        super().__init__(labels, stop, glossed)

    def _latin_as_of_fold(self, latin: dict[str, str]) -> None:
        """Hold the Latin labels (label → concept) of a fold."""
        self._latin = trie = marisa_trie.Trie(latin)
        self._cids: list[str] = [""] * len(trie)  # by the trie's key id
        heads = []
        self._odd_firsts = set()  # first characters of labels that are not word characters
        for key, cid in latin.items():
            self._cids[trie.key_id(key)] = cid
            if not _word_char(key[0]):
                self._odd_firsts.add(key[0])
                continue
            head = _WORD.match(key).end()
            if head < len(key):
                heads.append(key[head - 1::-1])
        # The first words of labels that go on past them, reversed: a word that ends with one
        # (past its first character) may start a label that reaches out of it.
        self._heads = marisa_trie.Trie(heads)
        self._odd = re.compile("[" + "".join(map(re.escape, sorted(self._odd_firsts))) + "]") \
            if self._odd_firsts else None
        self._longest_key = max(map(len, latin), default=0)
        self._words: dict[str, tuple] = {}  # `_word` of words seen in one `find_many` call

    def _held(self, key: str) -> tuple | None:
        """What `key` finds as of the last fold."""
        if not _in_trie(key):
            return self._base.get(key, None)
        kid = self._latin.get(key)
        return None if kid is None else (self._cids[kid], key, True, True)

    def update(self, changes: dict[str, str | None]) -> None:
        self._words.clear()
        super().update(changes)

    def _size(self) -> int:
        return len(self._base) + len(self._latin)

    def _fold(self) -> None:
        changed = self._changed
        fresh = ahocorasick.Automaton()
        latin = {}
        for key, value in self._base.items():
            if key not in changed:
                fresh.add_word(key, value)
        for key, kid in self._latin.iteritems():
            if key not in changed:
                latin[key] = self._cids[kid]
        for key, value in changed.items():
            if value is None:
                pass
            elif not _in_trie(key):
                fresh.add_word(key, value)
            else:
                latin[key] = value[0]
        if len(fresh):
            fresh.make_automaton()
        self._base, self._changed = fresh, {}
        self._latin_as_of_fold(latin)

    def __len__(self) -> int:
        gone = sum(1 for key in self._changed if self._held(key) is not None)
        return len(self._base) + len(self._latin) - gone + len(self._extra)

    def _spans(self, norm: str) -> list[tuple[int, int, tuple]]:
        changed = self._changed
        spans = []
        for automaton, mine in ((self._base, False), (self._extra, True)):
            if len(automaton):
                for end, value in automaton.iter(norm):
                    if mine or value[1] not in changed:
                        spans.append((end - len(value[1]) + 1, -end, value))
        if len(self._latin):
            self._latin_spans(norm, spans)
        spans.sort()  # one label per (start, end): the values are never compared
        return spans

    def find_many(self, norms: list[str]) -> list[list[tuple[str, str, int]]]:
        try:
            return super().find_many(norms)
        finally:
            self._words.clear()  # held for one call only

    def _longest(self, text: str) -> tuple | None:
        """What the longest label at the start of `text` finds (None: no label there)."""
        if (not text.isascii() or "\x00" in text) and (cut := _UNTRIED.search(text)):
            text = text[:cut.start()]  # no label of the trie goes on past it
        best = None
        for key, kid in self._latin.iter_prefixes_with_ids(text):
            if key not in self._changed and (best is None or len(key) > len(best[0])):
                best = key, kid
        return None if best is None else (self._cids[best[1]], best[0], True, True)

    def _word(self, word: str) -> tuple[tuple | None, tuple[int, ...], bool]:
        """Of a word of a text: what the longest label at its start that ends within it
        finds, where a label may start within it and go on out of it (offsets from its
        end), whether one may start with it and go on past it."""
        ends = [len(head) for head in self._heads.prefixes(word[::-1])]
        return (self._longest(word), tuple(n for n in ends if n < len(word)),
                len(word) in ends)

    def _latin_spans(self, norm: str, spans: list) -> None:
        """Add the longest Latin label of the trie at each place it may matter."""
        last = len(norm) - 1
        words, odd = self._words, self._odd_firsts

        def run_end(at: int) -> int:
            """The last place hidden behind a Latin character `at` after a word character:
            the end of its word, and the character after that unless it is CJK."""
            if _word_char(norm[at]):
                at = _WORD.match(norm, at).end()
                if at > last or _CJK.match(norm, at):
                    return at - 1
            return at

        # Where an occurrence of a CJK label, or one changed since the fold, starts behind a
        # word character and reaches past what it can hide: that stretch is looked at whole.
        whole = {run_end(start) for start, neg_end, value in spans
                 if value[2] and start and _word_char(norm[start - 1])
                 and -neg_end > run_end(start)}
        places: list[int] = []  # where to ask the trie about the whole rest of the text
        for match in _WORD.finditer(norm):
            start, after = match.span()
            word = match.group()
            seen = words.get(word)
            if seen is None:
                seen = words[word] = self._word(word)
            found, inner, head = seen
            if head:
                places.append(start)
            elif found is not None:
                spans.append((start, 1 - start - len(found[1]), found))
            if not (inner or whole or after <= last and norm[after] in odd):
                continue  # nothing within the word may reach out of it
            end = after if after <= last and not _CJK.match(norm, after) else after - 1
            if end > start and (end in whole or end == after and (
                    norm[after] in odd or any(self._reach(norm, after - n) > end
                                              for n in inner))):
                places.extend(range(start + 1, end + 1))
        if self._odd:  # labels that start with a character that is not a word character
            places.extend(at for at in (m.start() for m in self._odd.finditer(norm))
                          if not at or not _word_char(norm[at - 1]))
        for at in places:
            found = self._longest(norm[at:at + self._longest_key])
            if found is not None:
                spans.append((at, 1 - at - len(found[1]), found))

    def _reach(self, norm: str, at: int) -> int:
        """Where the longest label at `at` in `norm` ends (`at - 1`: none)."""
        found = self._longest(norm[at:at + self._longest_key])
        return at - 1 + (len(found[1]) if found else 0)


class MentionIndex:
    def __init__(self, stop: set[str]):
        self.stop = stop
        self.matcher = TrieMatcher({}, stop)
        # concept → its texts, normalized (the text itself when that changes nothing); none
        # for a concept without texts. No table by text: a set of concepts for each text was
        # 6 MB on the author's notebook, to spare looking twice at a text two concepts share.
        self._texts: dict[str, tuple[str, ...]] = {}

    def set_labels(self, changes: dict[str, str | None]) -> set[str]:
        """Apply label changes (normalized label → concept id, None when gone); returns the
        concepts whose texts hold a changed label: their mentions must be found again."""
        self.matcher.update(changes)
        if not self._texts:  # a first build: no text is held yet (and `mentionable` segments)
            return set()
        changed = [key for key in changes if mentionable(key, self.stop)]
        if not changed:
            return set()
        finder = ahocorasick.Automaton()
        for key in changed:
            finder.add_word(key, key)
        finder.make_automaton()
        return {cid for cid, norms in self._texts.items()
                if any(next(finder.iter(norm), None) is not None for norm in norms)}

    def mentions(self, concept: Concept) -> list[Relation]:
        """The concept's mention relations: one per other concept its texts name (the first
        text that names it is the evidence)."""
        return self.mentions_many([concept])[0]

    def mentions_many(self, concepts: list[Concept]) -> list[list[Relation]]:
        """`mentions` of each concept, with one call to the segmenter for all their texts
        (`MentionMatcher.find_many`: it may be in another process)."""
        texts: list[Text] = []
        norms: list[str] = []
        for concept in concepts:
            self.forget(concept.id)
            mine = []
            for text in (*concept.definitions, *concept.notes):
                norm = folded(text.text).casefold()
                texts.append(text)
                norms.append(norm)
                mine.append(text.text if norm == text.text else norm)
            if mine:
                self._texts[concept.id] = tuple(mine)
        found = iter(zip(texts, self.matcher.find_many(norms)))
        out = []
        for concept in concepts:
            seen: set[str] = {concept.id}
            rels: list[Relation] = []
            for _ in range(len(concept.definitions) + len(concept.notes)):
                text, mentions = next(found)
                for target, key, start in mentions:
                    if target in seen:
                        continue
                    seen.add(target)
                    rels.append(MentionRelation(concept.id, target, text, start, len(key)))
            out.append(rels)
        return out

    def forget(self, cid: str) -> None:
        """A concept is gone (or about to be scanned again): drop what it held."""
        self._texts.pop(cid, None)
