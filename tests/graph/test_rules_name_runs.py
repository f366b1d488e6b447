"""Latin names in Chinese text (graph/rules/name_runs.py `latin_terms`)."""

from graph.rules.name_runs import latin_terms


def test_a_link_written_after_a_name_is_not_part_of_it():
    """Failed before: `Flux-Kontext https` was the name."""
    names = [t.names[0] for t in latin_terms("模型见 Flux-Kontext https://example.org/x 。")]
    assert names == ["Flux-Kontext"]
