"""Bold and italic names in running text (graph/rules/emphasis.py)."""

from graph.markdown import parse_blocks
from graph.rules.emphasis import bold_terms


def bold(text: str) -> list[tuple[str, ...]]:
    return [t.names for t in bold_terms(parse_blocks(text + "\n")[0].inline.segments)]


def test_a_name_and_its_translation_joined_by_a_dash_are_one_term():
    """`**surveying-测绘**` in a sentence, as a `中文-English` heading is read: two names of one
    thing, in the order written (it gave one label, dash and all)."""
    assert bold("系统应具备 **surveying-测绘** 和 **漂移·drift** 的监测。") == [
        ("surveying", "测绘"), ("漂移", "drift")]


def test_a_product_beside_a_topic_is_no_translation():
    """The English side must be words of the language: a product and what is done with it is
    a topic (no pair), as before."""
    assert bold("本节讲 **Postfix-邮件转发** 的配置。") == [("Postfix-邮件转发",)]


def test_a_product_or_a_letter_before_a_dash_is_no_translation():
    """Review (failed before): `**Elixir-管道操作**` paired a product with a topic of it and
    joined every `Elixir-…` into one concept; `**B-树**` lost its letter; `**资料-Links**` are
    section words."""
    assert bold("**Elixir-管道操作** 很常用，**B-树** 用于索引，见 **资料-Links**。") == [
        ("Elixir-管道操作",), ("B-树",)]
