"""Real notes written by other people, used as they are: every corpus builds, with warnings
for the broken files and a sane number of concepts; two builds agree."""

import pytest

from graph import build
from tests.conftest import CORPORA, CORPUS_NAMES, built

# (min, max) concepts: wide bands, to catch a rule that suddenly finds nothing or everything.
SANE = {"cncf-glossary": (150, 500), "dendron-vault": (1000, 6000),
        "oldwinter-garden": (1700, 6000), "wwfyde-notes": (3000, 20000)}


@pytest.fixture(scope="module", params=CORPUS_NAMES)
def corpus(request):
    return request.param, built(request.param)  # built once per session, shared


def test_builds_with_sane_counts(corpus):
    name, result = corpus
    lo, hi = SANE.get(name, (1, 10**6))
    assert lo <= len(result.concepts) <= hi
    assert len(result.notes) >= 100
    assert not [w for w in result.warnings if w.code == "internal"], "a rule crashed"
    for w in result.warnings:
        assert w.file and w.message


def test_known_broken_files_are_reported(corpus):
    name, result = corpus
    codes = {w.code for w in result.warnings}
    if name == "wwfyde-notes":
        assert "empty" in codes and "yaml" in codes  # 0-byte notes; techdocs/Go技术组件.md
        assert any(w.file == "techdocs/Go技术组件.md" for w in result.warnings)
    if name in ("dendron-vault", "oldwinter-garden"):
        assert "link" in codes  # links into notes that were not copied


def test_corpus_specifics(corpus):
    name, result = corpus
    if name == "cncf-glossary":
        container = result.concept_by_label("容器")
        assert container is not None and "content/zh-cn/container.md" in container.note_paths
        cd = [w for w in result.warnings if w.code == "collision"]
        assert any("'cd'" in w.message for w in cd)  # Continuous Delivery vs Deployment
    if name == "dendron-vault":
        wiki = result.concept_by_label("Wiki Link")
        assert wiki is not None
        kinds = {d.get("kind") for *_, d in result.graph.out_edges(f"term:{wiki.id}", data=True)}
        assert "link" in kinds


def test_two_builds_identical(corpus):
    name, result = corpus
    if name != "cncf-glossary":
        pytest.skip("checked on the smallest corpus to keep the suite fast")
    again = build(CORPORA / name)
    assert sorted(again.concepts) == sorted(result.concepts)
    assert sorted(map(repr, again.graph.edges(data=True))) == \
        sorted(map(repr, result.graph.edges(data=True)))
    assert again.warnings == result.warnings


def test_hubs_are_topics_not_everyday_words(corpus):
    """The 50 concepts with the most relations are real topics: none is an everyday word
    (可以, 选择, 作用, general) unless it is a note's own title (a note called 数学 is about
    mathematics)."""
    from graph.termhood import zipf

    name, result = corpus
    neighbours: dict[str, set[str]] = {}
    for rel in result.relations:
        if rel.source != rel.target:
            neighbours.setdefault(rel.source, set()).add(rel.target)
            neighbours.setdefault(rel.target, set()).add(rel.source)
    titles = {note.concept for note in result.notes.values()}
    top = sorted(neighbours, key=lambda c: (-len(neighbours[c]), c))[:50]

    def everyday(label: str) -> bool:  # one common word, not a phrase or a name
        # http, html: frequent in web text (wordfreq counts URLs) but no word of prose
        vowelless = label.isascii() and label.isalpha() and not set(label.lower()) & set("aeiouy")
        return (" " not in label.strip() and zipf(label) >= 4.8 and not vowelless) or \
            label.lower() in ("general", "other", "misc")

    bad = [result.concepts[c].label for c in top
           if c not in titles and everyday(result.concepts[c].label)]
    assert bad == [], f"everyday words among the hubs of {name}: {bad}"
