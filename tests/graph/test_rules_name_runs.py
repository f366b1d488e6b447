"""Latin names in Chinese text (graph/rules/name_runs.py `latin_terms`)."""

from graph.rules.name_runs import latin_terms
from tests.conftest import names_of


def test_a_link_written_after_a_name_is_not_part_of_it():
    """Failed before: `Flux-Kontext https` was the name."""
    names = [t.names[0] for t in latin_terms("模型见 Flux-Kontext https://example.org/x 。")]
    assert names == ["Flux-Kontext"]


def test_a_hash_in_an_address_is_no_english_name():
    text = ("# 流程\n\nblock://7108939962997997572?from=docs_block&"
            "id=b8dc4c0794718603ad9c64b551dc2526a933f84e\n\n本周的流程。\n")
    assert not {n for n in names_of(text) if n.startswith("b8dc")}, names_of(text)


def test_a_commit_hash_in_chinese_text_is_no_name():
    text = "# 部署\n\n回滚到提交 b8dc4c0794718603ad9c64b551dc2526a933f84e 之后再用 Kubernetes 部署。\n"
    assert "Kubernetes" in names_of(text)
    assert not {n for n in names_of(text) if n.startswith("b8dc")}, names_of(text)
