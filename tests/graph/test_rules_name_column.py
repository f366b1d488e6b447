"""A table column headed as names lists names (graph/rules/term_item.py `name_column_terms`);
the first two tests failed before the rule."""

from graph.config import Config
from graph.extract import extract_text
from graph.rules.term_item import name_column_terms


def concepts_of(text: str) -> list[list[str]]:
    return [[x.text for x in (*t.names, *t.synonyms)]
            for t in extract_text("n.md", text, Config()).terms if t.confidence > 0]


def names_of(text: str) -> set[str]:
    return {name for names in concepts_of(text) for name in names}


def test_a_names_column_lists_names():
    names = names_of("# 数学符号\n\n| 符号 | 名称 | 读法 |\n|---|---|---|\n| ∑ | 求和符号 | sigma |\n"
                     "| ∏ | 连乘符号 | pi |\n| ∮ | 环路积分符号 | |\n")
    assert {"求和符号", "连乘符号", "环路积分符号"} <= names


def test_names_in_one_row_are_one_thing():
    concepts = concepts_of("# 风格\n\n| 写法 | Name(s) |\n|---|---|\n| `a-b` | spinal-case, lisp-case |\n"
                           "| `a.b` | dot.case |\n| `A_B` | ADA_CASE |\n")
    assert any({"spinal-case", "lisp-case"} <= set(c) for c in concepts)


def test_actions_and_names_told_apart_by_case_alone_are_not_listed():
    names = names_of("# 快捷键\n\n| 中文名 | 快捷键 |\n|---|---|\n| 关闭窗口 | Alt + F4 |\n"
                     "| 终端模拟器 | Ctrl + T |\n| 截图工具 | Print |\n")
    assert "关闭窗口" not in names and {"终端模拟器", "截图工具"} <= names
    rows = [["Name(s)", "Example"], ["fooCase", "fooBar"], ["FooCase", "FooBar"], ["wombat-case", "a-b"],
            ["baz_case", "a_b"], ["quux_case", "q_q"]]
    assert [s.names for _, s in name_column_terms(rows)] == [["wombat-case"], ["baz_case"], ["quux_case"]]


def test_a_table_of_parameters_is_no_list_of_names():
    rows = [["Name", "Type", "Description"], ["timeout_ms", "int", "how long"],
            ["max_retries", "int", "how often"], ["verbose_log", "bool", "say more"]]
    assert name_column_terms(rows) == []
