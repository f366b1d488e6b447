"""Rules that keep junk out (precision round): each alone on plain strings or one small note."""

from graph.config import Config
from graph.extract import extract_text


def names_of(text: str) -> set[str]:
    out = extract_text("n.md", text, Config())
    return {label.text for t in out.terms if t.confidence > 0 for label in t.names}


def test_a_subject_that_names_an_aspect_defines_no_term():
    from graph.rules.prose import aspect_subject, defined_term

    assert aspect_subject("大模型本质") and aspect_subject("消息队列的本质功能")
    assert aspect_subject("基本含义")
    assert not aspect_subject("功能测试") and not aspect_subject("核心")
    assert defined_term("大模型本质是概率模型，易出现严重的幻觉") is None
    assert defined_term("过滤器的本质是函数。") is None
    assert defined_term("持续集成是一种软件开发实践。").names == ("持续集成",)


def test_a_restating_word_after_a_space_leaves_the_subject():
    from graph.rules.prose import defined_term

    assert defined_term("CNAME 即指别名记录，也被称为规范名字。").names[0] == "CNAME"


def test_an_example_marker_heading_an_item_is_no_term():
    from graph.rules.shapes import is_example_marker

    assert is_example_marker("eg") and is_example_marker("E.g.") and is_example_marker("例如")
    assert not is_example_marker("Example") and not is_example_marker("EGL")
    names = names_of("# 技术成熟度曲线\n\n- 萌芽期\n\t- eg：当前 元宇宙？\n")
    assert "eg" not in names


def test_a_dated_remark_is_no_name():
    from graph.rules.shapes import is_name

    assert not is_name("当前 区块链") and not is_name("14 年左右 VR/AR")
    assert not is_name("2015年 大数据")
    assert is_name("区块链") and is_name("当前页") and is_name("2015年")
    names = names_of("# 曲线\n\n- 泡沫期\n\t- 当前 区块链\n\t- 14 年左右 VR/AR\n\t- 元宇宙\n")
    assert not names & {"当前 区块链", "14 年左右 VR/AR"}
