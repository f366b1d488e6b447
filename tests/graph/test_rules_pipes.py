"""Pipes separate items, emphasis glued to words still parts them, a series number is no
part of a title (graph/rules/shapes.py `is_name`, graph/markdown.py, graph/extract.py
`title_shape`)."""

from tests.conftest import names_of


def test_items_a_pipe_separates_are_no_name():
    """Failed before: `Astronomy | Botany | Zoology` and `Opera MOC |` were concepts."""
    names = names_of("# Index\n\n## Sciences\n\nSee also: Astronomy | Botany | Zoology\n\n"
                     "## Arts\n\n- Opera MOC |[[Ballet MOC]]| Theatre |\n- Poetry |[[Sonnet MOC]]\n")
    assert {"Ballet MOC", "Sonnet MOC"} <= names
    assert not [n for n in names if "|" in n]


def test_one_pipe_between_two_scripts_parts_a_name_from_its_translation():
    names = names_of("# 消息中间件\n\n> Message Queue | 消息队列\n\n异步通信的组件。\n")
    assert "消息队列" in names


def test_emphasis_glued_to_english_words_still_parts_them():
    """Failed before: `withQuick`/`Capturebefore` glued into names (`the**LYT System**is`)."""
    names = names_of("# Workflow\n\nStart with**Quick Capture**before sorting the inbox.\n\n"
                     "Then use the**Weekly Review**to clean up.\n")
    assert names == {"Workflow"}  # (`Capturebefore` before)


def test_a_series_number_is_no_part_of_a_title():
    """Failed before: the concept was `12 - The Garden and the Stream`."""
    names = names_of("---\ntitle: 12 - The Garden and the Stream\n---\n\n"
                     "An essay on two ways of writing online.\n")
    assert "The Garden and the Stream" in names
    assert not [n for n in names if n.startswith("12")]


def test_review_other_names_a_number_in_a_title_and_a_stressed_part_of_a_word():
    """The review of the rules above: a pipe between a name and its abbreviation, a title
    that opens with its own number, a part of a word in bold."""
    names = names_of("# 编排\n\n## Terraform | TF\n\n一个编排工具。\n\nWe write Type**Script** daily "
                     "and **Power**Shell at night.\n")
    assert "Terraform" in names
    assert not [n for n in names if n in ("Type", "Script", "Power", "Shell")]
    titled = names_of("---\ntitle: 10 Rules for Remote Teams\n---\n\nA list.\n")
    assert "10 Rules for Remote Teams" in titled
