"""Tips and tutorials of an everyday word are sections, in either language of a bilingual
heading (graph/rules/heading.py `_section_of_everyday`)."""

from tests.conftest import names_of


def test_tips_and_tutorials_are_sections():
    """Failed before: 日常技巧 (Daily Tips) was a concept."""
    names = names_of("# 网络\n\n## 日常技巧(Daily Tips)\n\n多用抓包。\n\n"
                     "## Network Tips\n\nUse ping first.\n\n## Network Tutorial\n\nRead RFCs.\n\n"
                     "## 服务发现-Service Discovery\n\n找到服务的地址。\n")
    assert "服务发现" in names
    assert not names & {"日常技巧", "Daily Tips", "Network Tips", "Network Tutorial"}
