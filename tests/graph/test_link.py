"""graph.link's matcher (Latin labels in a trie) finds what `MentionMatcher` (one automaton
of every label) finds, overlaps and hidden occurrences included."""

import random

import pytest

from graph.link import TrieMatcher
from graph.rules import mentions
from graph.rules.mentions import MentionMatcher

# Few letters, so that labels overlap, start and end inside words and go on past them.
PIECES = ["ab", "ba", "abc", "c", "x", "ca", "bx", " ", " ", " ", "-", ".", "+", "$", "_",
          "1", "数据", "据库", "库", "向量", "Ab", "ß", "ﬁ"]


def _label(rnd: random.Random) -> str:
    return "".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 4))).strip()


def _text(rnd: random.Random) -> str:
    return "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 30)))


@pytest.mark.parametrize("seed", range(40))
def test_trie_matcher_finds_what_the_automaton_finds(monkeypatch, seed):
    monkeypatch.setattr(mentions, "FOLD_AT", 4)  # fold now and then, to test both paths
    rnd = random.Random(seed)
    labels: dict[str, str] = {}
    trie = TrieMatcher({}, stop=set())
    for step in range(25):
        changes = {}
        for _ in range(rnd.randint(1, 12)):
            key = _label(rnd)
            if key:
                changes[key] = None if rnd.random() < 0.3 else f"c{rnd.randrange(6)}"
        trie.update(changes)
        labels.update(changes)
        automaton = MentionMatcher({k: v for k, v in labels.items() if v is not None},
                                   stop=set())
        texts = [_text(rnd) for _ in range(40)]
        assert trie.find_many(texts) == automaton.find_many(texts), step
        assert len(trie) == len(automaton)


def test_an_occurrence_inside_a_word_hides_what_it_overlaps():
    labels = {"ph d": "phd", "d engine": "e", "hd zets": "s", "zets": "t"}
    texts = ["triumph d engine", "d engine", "hd zets", "ahd zets", "a zets"]
    assert TrieMatcher(labels).find_many(texts) == MentionMatcher(labels).find_many(texts) == [
        [], [("e", "d engine", 0)], [("s", "hd zets", 0)], [], [("t", "zets", 2)]]


@pytest.mark.parametrize("fold_at", [0, 512])  # in the trie (folded) or not yet
def test_a_lone_surrogate_or_a_nul_in_a_label_or_a_text(monkeypatch, fold_at):
    """(A YAML "\\udc80" makes one; the trie holds UTF-8, so such a label stays in the
    automaton.)"""
    monkeypatch.setattr(mentions, "FOLD_AT", fold_at)
    labels = {"ab\udc80cd": "s", "abx": "a", "cd ef": "c", "\udc80cd ef": "t"}
    texts = ["ab\udc80cd ef", "x abx \udc80cd ef", "abx\udc80 cd ef", "cd ef\udc80"]
    found = MentionMatcher(labels).find_many(texts)
    assert TrieMatcher(labels).find_many(texts) == found
    assert found[1] == [("a", "abx", 2), ("t", "\udc80cd ef", 6)]
    labels = {"ab\x00cd": "n", "abc": "x", "cd\x00 e": "y"}  # a NUL, the same
    texts = ["ab\x00cd e", "abc\x00cd\x00 e", "\x00abc"]
    assert TrieMatcher(labels).find_many(texts) == MentionMatcher(labels).find_many(texts)
