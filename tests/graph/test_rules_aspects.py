"""`X的定义与性质`, `X及其应用`: a heading or an outline item that names aspects of a thing is
about the thing (graph/rules/heading.py `strip_aspects`); each test failed before the rule."""

from tests.conftest import names_of


def test_a_heading_of_aspects_names_the_thing():
    names = names_of("# 数据结构\n\n## 红黑树的概念及特性\n\n一种自平衡二叉查找树。\n\n"
                     "## 布隆过滤器及其应用\n\n判断元素是否在集合中。\n")
    assert {"红黑树", "布隆过滤器"} <= names
    assert not names & {"红黑树的概念及特性", "布隆过滤器及其应用"}


def test_an_outline_of_aspects_names_the_things():
    names = names_of("# 信号与系统\n\n## 知识点\n\n- 拉普拉斯变换的定义与性质\n"
                     "- 卷积定理\n- 离散傅里叶变换的计算\n- 采样定理及其应用\n")
    assert {"拉普拉斯变换", "卷积定理", "离散傅里叶变换", "采样定理"} <= names


def test_its_second_topic_is_a_topic_too():
    names = names_of("# 数学分析\n\n## 知识点\n\n- 交错级数及其判别法\n- 函数项级数\n")
    assert {"交错级数", "判别法"} <= names


def test_no_thing_no_topic():
    names = names_of("# 笔记\n\n- 知道它的作用\n- 了解Web应用\n")
    assert "知道它" not in names and "它" not in names


def test_a_comparison_is_about_both_things():
    names = names_of("# RPC\n\n## gRPC与Thrift的对比\n\n两者都用接口描述语言。\n")
    assert {"gRPC", "Thrift"} <= names and "Thrift的对比" not in names
