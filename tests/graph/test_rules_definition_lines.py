"""A later line of a paragraph that defines a thing the English way (graph/extract.py
`_ARTICLE_DEFINES`)."""

from tests.conftest import names_of


def test_an_article_definition_on_a_later_line_defines_a_concept():
    """Failed before: only the paragraph's first line was read as a definition."""
    names = names_of("# Concurrency\n\nConcurrency is about structure.\n"
                     "A livelock is a state in which threads keep reacting to each other.\n"
                     "A lot is the thing to avoid here.\n")
    assert "livelock" in names
    assert "lot" not in names
