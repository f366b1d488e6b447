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
