"""Advice and shares are no names (graph/rules/shapes.py `is_advice`)."""

from tests.conftest import names_of


def test_advice_and_shares_are_not_concepts():
    """Failed before: each of these headings and items was a concept."""
    names = names_of("# 备份\n\n## 快照不要超过 30% 磁盘\n\n快照多了会拖慢磁盘。\n\n"
                     "## 尽量异地存放\n\n机房失火时还有一份。\n\n"
                     "- 避免手工拷贝：容易漏掉文件\n- 压缩率40%：常见的文本数据\n\n"
                     "## 增量备份\n\n只备份上次之后改变的数据。\n\n"
                     "## 最小权限原则\n\n备份账号只给读权限。\n")
    assert {"增量备份", "最小权限原则"} <= names
    assert not names & {"快照不要超过 30% 磁盘", "尽量异地存放", "避免手工拷贝", "压缩率40%"}


def test_a_remark_or_a_word_that_holds_an_advice_word_is_no_advice():
    """The review of the rule above: a share in a heading's parentheses lost the heading
    (`红茶（100%发酵）`), and 不应期 (a refractory period), 千万级 (ten-million-scale) and an
    algorithm's name are names."""
    names = names_of("# 茶\n\n## 红茶（100%发酵）\n\n全发酵茶。\n\n## 不应期\n\n兴奋后的时期。\n\n"
                     "## 千万级并发\n\n很多连接。\n\n## 避免碰撞算法\n\n路径规划。\n")
    assert {"红茶", "不应期", "千万级并发", "避免碰撞算法"} <= names
    assert "100%发酵" not in names


def test_praise_is_a_claim_not_a_name():
    """Failed before: both headings were concepts (lexicon.CLAIM_ENDINGS_ZH)."""
    names = names_of("# 框架\n\n## 插件生态丰富\n\n很多插件。\n\n## 文档质量优秀\n\n写得清楚。\n\n"
                     "## 热重载\n\n改代码后不用重启。\n")
    assert "热重载" in names
    assert not names & {"插件生态丰富", "文档质量优秀"}
