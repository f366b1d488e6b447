"""Capitalised words after an article in English prose name a product or a feature
(graph/rules/name_runs.py `_add_title_case`)."""

from tests.conftest import names_of


def test_capitalised_words_after_an_article_are_a_name():
    """Failed before: neither was a concept (common words each, once in the note)."""
    names = names_of("# Editor\n\nYou can pin a note in the Reading Pane while you type. "
                     "Exports go through a Batch Exporter that runs at night.\n")
    assert {"Reading Pane", "Batch Exporter"} <= names


def test_people_and_longer_titles_are_not_taken_apart():
    names = names_of("# Credits\n\nThe first version was written by Jane Roe. "
                     "We read the Garden of Forking Paths together. Open the Daily Planner "
                     "to begin.\n")
    assert "Daily Planner" in names
    assert not names & {"Jane Roe", "Garden"}


def test_review_that_and_a_title_in_capitals_are_no_lead():
    """The review: `that` is a conjunction as often, a title's small words are capitalised."""
    names = names_of("# News\n\nShe said that Jane Roe came. We read the Garden Is Growing "
                     "today.\n")
    assert not names & {"Jane Roe", "Garden Is Growing"}


def test_a_name_written_as_products_are_is_a_concept_in_a_sentence(notes):
    """Failed before: once in a sentence, `DevPod` and `OAuth2` were too weak for a concept
    (not raised: a function's or command's name, `BuildCache`; a class's, three humps; a
    table's cells; words quoted from someone else)."""
    r = notes({"a.md": "# Tools\n\nWe moved our builds to DevPod last year.\n\n"
                       "Everyone signs in with OAuth2 now.\n\nThe bug was in BuildCache again.\n\n"
                       'She wrote: "it all runs on ZapDeck".\n'})
    assert r.concept_by_label("DevPod") is not None and r.concept_by_label("OAuth2") is not None
    assert r.concept_by_label("BuildCache") is None and r.concept_by_label("ZapDeck") is None
