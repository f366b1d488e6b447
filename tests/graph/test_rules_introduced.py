"""Words that introduce a term (graph/rules/introduced.py)."""

from tests.conftest import names_of


def test_what_a_textbook_sentence_says_a_thing_is_called_is_a_term():
    """Failed before: `称为稀疏图` named nothing (`X称为Y` defines Y by what precedes it); what
    is done (`称为上浮`) and another name of a named thing (`也称为`) are not read so."""
    names = names_of("# 图\n\n边数很少的图称为稀疏图，反之称为稠密图。\n\n"
                     "若任意两个顶点间都有边，则称这种图为完全图。\n\n"
                     "节点向上移动的过程称为上浮。\n")
    assert {"稀疏图", "稠密图", "完全图"} <= names, names
    assert "上浮" not in names
