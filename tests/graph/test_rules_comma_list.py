"""Names listed with commas and closed by 等 in Chinese prose (graph/rules/enumerations.py
`comma_list`); the first test failed before the rule."""

from tests.conftest import names_of


def test_a_comma_list_closed_by_deng_lists_names():
    names = names_of("# 卤味\n\n卤汤里还放了八角，桂皮，香叶等香料，小火慢炖。\n")
    assert {"八角", "桂皮", "香叶"} <= names


def test_clauses_before_deng_are_no_list():
    names = names_of("# 评测\n\n界面易于上手，文件传输时，速度等都还不错。\n\n"
                     "要考虑像Rust，C++ 一样的语言等。\n")
    assert not names & {"易于上手", "文件传输时", "速度", "像Rust", "C++ 一样"}

