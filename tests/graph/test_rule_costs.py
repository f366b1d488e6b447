"""The rules stay linear on hostile text: long runs of one character where their patterns
look for signs (found by review and by a sweep of characters × places; each failed before)."""

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


def test_a_long_run_of_spaces_in_a_paragraph_is_linear():
    """67 s before: the definition and bilingual-pair patterns split the run every way."""
    from graph.config import Config
    from graph.extract import extract_text

    text = "# T\n\n甘油" + " " * 20_000 + "x甘油，甘油等补剂。\n\n- 意图" + " " * 20_000 + "- intent\n"
    assert seconds(extract_text, "n.md", text, Config()) < 3


S = " " * 20_000
HOSTILE = {
    "spaces in a heading": f"# T\n\n## 甘油{S}x甘油与补剂\n\nx\n",
    "spaces in an English sentence": f"# T\n\nThe{S}Kubernetes{S}cluster is a set{S}of nodes.\n",
    "spaces in a wikilink": f"# T\n\n[[甘油{S}y]]\n",
    "spaces in a bilingual pair": f"# T\n\n漫游{S}Roaming{S}中文\n",
    "a long Latin word": "# T\n\n甘油" + "a" * 20_000 + "是补剂\n",
    "a long hyphenated word": "# T\n\n甘油" + "A-" * 10_000 + "是补剂\n",
    "a wikilink joining 7,000 topics": "# T\n\n- [[" + "甲与乙" * 7000 + "]]\n",
}


def test_hostile_runs_cost_little():
    """Before: 3.8 s (heading), 106 s (English), 1.9 s (wikilink), 3.9 s (a long word)."""
    from graph.config import Config
    from graph.extract import extract_text

    slow = {name: round(seconds(extract_text, "n.md", text, Config()), 2)
            for name, text in HOSTILE.items()}
    assert all(t < 1 for t in slow.values()), slow


REPEATED = {  # found by a fuzzing helper; CPU seconds before the fix in the comment
    "1,500 glossary items with acronyms": "# G\n\n" + "".join(
        f"- Foo Bar{i} (FB{i})\n" for i in range(1500)),  # 15 s
    "5,000 English sentences in one paragraph": "# C\n\n" + "".join(
        f"Foo{i} is a bar{i}.\n" for i in range(5000)),  # 7.5 s
    "10,000 quoted words in one paragraph": "# 概念\n\n" + "".join(
        f"“词{i}”" for i in range(10_000)),  # 6 s
    "5,000 front-matter synonyms": "---\nsynonyms:\n" + "".join(
        f"  - syn{i}\n" for i in range(5000)) + "---\n# Concept\n\ntext\n",  # 7 s
}


def test_structures_repeated_in_one_note_cost_little():
    from graph.config import Config
    from graph.extract import extract_text

    slow = {name: round(seconds(extract_text, "n.md", text, Config()), 2)
            for name, text in REPEATED.items()}
    assert all(t < 3 for t in slow.values()), slow


def test_emphasis_after_a_long_word_is_linear():
    """Seconds before (the check for emphasis glued to a word looked for the word with a
    pattern anchored at the end: every start tried, 4 s for 40,000 letters)."""
    from graph.markdown import parse_blocks

    assert seconds(parse_blocks, "a" * 40_000 + "!**b**" + "c" * 40_000 + "**d**") < 1


def test_a_long_run_of_capitals_in_english_prose_is_linear():
    """1.5 s for 20,000 capitals before (the humps of a product-like name were counted with a
    pattern that tried every start)."""
    from graph.rules.name_runs import english_names

    assert seconds(english_names, "We use " + "A" * 40_000 + " daily.") < 1
