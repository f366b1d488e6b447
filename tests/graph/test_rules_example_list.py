"""The names a sentence of prose gives as examples are terms
(graph/rules/enumerations.py `example_list`)."""

from tests.conftest import names_of


def test_examples_in_prose_are_terms():
    """Failed before: neither example was a concept."""
    names = names_of("# 网盘\n\n这个客户端支持诸如断点续传、版本历史等功能，速度也不错。\n")
    assert {"断点续传", "版本历史"} <= names


def test_a_closing_kind_is_no_part_of_the_last_example():
    names = names_of("# 状态管理\n\n可以使用诸如 Vuex、Portal Vue 等库来共享状态。\n")
    assert {"Vuex", "Portal Vue"} <= names
    assert not [n for n in names if "等" in n]


def test_review_a_name_and_the_clause_after_it_is_no_example():
    """The review: `比如 Alice 和 Bob 都能登录` listed `Bob 都能登录`."""
    names = names_of("# 账号\n\n比如 Alice 和 Bob 都能登录。\n")
    assert not [n for n in names if "登录" in n]
