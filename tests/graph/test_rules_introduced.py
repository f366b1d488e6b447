"""Words that introduce a term (graph/rules/introduced.py)."""

from tests.conftest import names_of


def test_what_a_textbook_sentence_says_a_thing_is_called_is_a_term():
    """Failed before: `称为稀疏图` named nothing (`X称为Y` defines Y by what precedes it), nor
    `称这种行为为死循环` (the 为 of 行为 is no 为 of naming); an everyday word is no term
    (`称为好的`)."""
    names = names_of("# 图\n\n边数很少的图称为稀疏图，反之称为稠密图。\n\n"
                     "若任意两个顶点间都有边，则称这种图为完全图。\n\n"
                     "程序永远不停地执行，称这种行为为死循环。这种写法称为好的。\n")
    assert {"稀疏图", "稠密图", "完全图", "死循环"} <= names, names
    assert "好的" not in names


def test_a_called_name_keeps_its_points_and_its_translation():
    """Review (failed before): a point ended the name (`Bun.sh` gave `Bun`), `称此为X` never
    matched, `名称为testdb` read as naming, and `承租人 lessee` was one label."""
    from graph.rules.introduced import called_zh

    assert [t.names for t in called_zh("这种运行时称为 Bun.sh，它很快。")] == [("Bun.sh",)]
    assert [t.names for t in called_zh("我们称此为影子页表。")] == [("影子页表",)]
    assert called_zh("数据库名称为testdb，") == []
    assert [t.names for t in called_zh("租房的人称为承租人 lessee。")] == [("承租人", "lessee")]
