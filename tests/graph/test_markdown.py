"""Markdown structure (graph/markdown.py): what reaches the rules and what never does."""

from graph.config import Config
from graph.extract import extract_text
from graph.markdown import parse_blocks


def labels(text: str) -> set[str]:
    return {label.text for t in extract_text("note.md", text, Config()).terms
            for label in (*t.names, *t.synonyms)}


def test_tex_math_gives_no_names():
    """Inline and display math as Obsidian and Typora render it: its command words
    (`\\oplus`, `\\mathcal`) were read as Latin names in Chinese prose."""
    note = ("# 张量积\n\n"
            "设 $\\mathcal{V} \\otimes \\mathcal{W}$ 为两个空间的张量积，且 $\\dim V \\geq 2$。\n\n"
            "$$\n\\bigoplus_{i} V_i \\cong \\mathcal{W}\n$$\n\n"
            "外积记作 $$a \\wedge b$$，读作 wedge。\n")
    found = {x.casefold() for x in labels(note)}
    assert not found & {"mathcal", "otimes", "geq", "dim v", "bigoplus", "cong", "wedge"}, found
    assert "张量积" in found


def test_a_formula_stays_in_the_text_it_belongs_to():
    """Read as code is: the paragraph keeps its formula (a definition shows it)."""
    [section] = parse_blocks("# 模长\n\n向量的模记作 $|\\vec{v}|$，是它的长度。\n")
    [para] = section.children
    assert para.inline.text == "向量的模记作 $|\\vec{v}|$，是它的长度。"
    assert [s.kind for s in para.inline.segments] == ["text", "code", "text"]


def test_dollars_that_are_not_math_stay_text():
    """No space inside the dollars and no digit after the closing one, as the editors read
    them: prices and shell variables in prose are not formulas."""
    for line in ("The plan costs $5 and the team plan $10 a month.",
                 "Set $ HOME $ to the folder.", "Use $PATH and $HOME here."):
        [para] = parse_blocks(line + "\n")
        assert [s.kind for s in para.inline.segments] == ["text"], line


def test_shell_variables_in_chinese_prose_are_no_formula():
    """Review (failed before): Chinese runs on without spaces, so `$JAVA_HOME和$` read as a
    formula and hid the names between two variables; a formula before a kind word is no
    name (`the $alpha$ option` gave `alpha$`)."""
    found = labels("# 环境\n\n安装JDK后设置$JAVA_HOME指向安装目录，再在MariaDB和Cassandra的"
                   "配置中引用$JAVA_HOME即可。\n\nTune the $alpha$ option first.\n")
    assert {"MariaDB", "Cassandra"} <= found, found
    assert not any("$" in x for x in found), found


def test_a_formula_before_what_it_stands_for_is_no_label():
    """Review (failed before): `- $\\kappa$：条件数` in one note and `- $\\kappa$：基尼系数` in
    another were one concept labelled `$\\kappa$`; a symbol is no name, what it stands for is."""
    found = labels("# 矩阵\n\n- $\\kappa$：条件数\n- $\\rho$ 谱半径：矩阵特征值的最大模\n")
    assert {"条件数", "谱半径"} <= found, found
    assert not any("$" in x for x in found), found
