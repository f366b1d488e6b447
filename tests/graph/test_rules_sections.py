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


def test_a_part_of_a_series_is_about_its_topic():
    """Failed before: `坐骑篇` and `Pulumi篇` were concepts; a 篇 heading is the part (chapter) of
    a guide about what precedes it, and a part about an everyday word is a section."""
    names = names_of("# 攻略\n\n### 坐骑篇\n\n坐骑可以提升移动速度。\n\n"
                     "### Pulumi篇\n\nPulumi是基础设施即代码工具。\n\n"
                     "### 入门篇\n\n先完成新手任务。\n\n### 开篇\n\n写在前面。\n")
    assert {"坐骑", "Pulumi"} <= names
    assert not names & {"坐骑篇", "Pulumi篇", "入门篇", "入门", "开篇"}
