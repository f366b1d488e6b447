"""This round's rules stay linear on hostile text (found by review; each failed before)."""

import time

from graph.rules.enumerations import comma_list
from graph.rules.heading import strip_aspects
from graph.rules.term_item import name_column_terms


def seconds(fn, *args) -> float:
    start = time.process_time()
    fn(*args)
    return time.process_time() - start


def test_aspects_do_not_backtrack():
    # 2^26 ways to fail before: minutes
    assert seconds(strip_aspects, "栈的" + "、".join(["主要特点"] * 26) + "吗") < 1


def test_runs_of_spaces_in_cells_and_lists_are_linear():
    rows = [["名称", "说明"], ["a" + " " * 40_000 + "b", ""], ["c", ""], ["d", ""]]
    assert seconds(name_column_terms, rows) < 1
    assert seconds(comma_list, "甲" + " " * 40_000 + "，乙，丙等") < 1
