"""The traits of a note's subject are a section of its title (graph/extract.py
`_is_title_aspect`, graph/rules/heading.py `aspect_head`)."""

from tests.conftest import names_of


def test_traits_of_the_subject_are_a_section_of_the_title():
    """Failed before: `Kafka特性` was a concept of its own."""
    names = names_of("---\ntitle: Infra-Kafka\n---\n\n## Kafka特性\n\n- 吞吐量高\n- 持久化到磁盘\n\n"
                     "## 分区副本\n\n每个分区有多个副本。\n")
    assert "Kafka特性" not in names
    assert "分区副本" in names


def test_traits_of_something_else_stay_a_name():
    names = names_of("# 编程语言\n\n## 语言特性\n\n语言本身提供的功能，如闭包。\n")
    assert "语言特性" in names


def test_only_traits_make_a_section_of_the_title():
    """The review: `量子计算` in the note 量子 is a name (计算 is an aspect, no trait)."""
    names = names_of("# 量子\n\n## 量子计算\n\n用量子比特计算。\n")
    assert "量子计算" in names
