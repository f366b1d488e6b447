"""Rules of this round (each test failed before its rule)."""

from tests.conftest import names_of


def test_a_change_in_release_notes_names_the_feature_it_changes():
    names = names_of("# Release 1.4\n\n## Enhancements\n\n"
                     "- faster image cache ([[docs|app.topic.cache]])\n"
                     "- Slack notifications support ([[docs|app.topic.slack]])\n")
    assert {"image cache", "Slack notifications"} <= names
    assert not names & {"faster image cache", "Slack notifications support"}


def test_a_section_word_before_a_section_word_is_a_section():
    names = names_of("# 沙箱\n\n沙箱是一种隔离的运行环境。\n\n## 分卷\n\n### 文档链接\n\n"
                     "- https://example.org/docs/best-practices/\n")
    assert "沙箱" in names and "文档链接" not in names
