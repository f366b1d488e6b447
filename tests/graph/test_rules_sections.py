"""Section headings that name no concept (graph/rules/names.py `is_generic_heading`)."""

from tests.conftest import names_of


def test_more_of_what_the_note_covers_is_a_section():
    """Failed before: `Other Editor Plugins` was a concept."""
    names = names_of("# Editors\n\n## Other Editor Plugins\n\n"
                     "There are many plugins for the editor that help with writing.\n\n"
                     "## 其他并发模型\n\n协程和Actor也可以用来写并发程序。\n\n"
                     "## 更多缓存策略\n\n写回和写穿之外还有别的做法。\n\n"
                     "## Otherside\n\nOtherside is a game studio.\n")
    assert not names & {"Other Editor Plugins", "其他并发模型", "更多缓存策略"}
    assert "Otherside" in names
