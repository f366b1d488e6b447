"""What the review of this round's rules found (each failed before its fix)."""

from graph.config import Config
from graph.extract import extract_text
from graph.model import BROADER, MENTION


def records(text: str):
    return extract_text("n.md", text, Config()).terms


def names_of(text: str) -> set[str]:
    return {x.text for t in records(text) if t.confidence > 0 for x in (*t.names, *t.synonyms)}


def test_an_acronym_named_by_its_category_does_not_join_another_thing_of_that_acronym(notes):
    r = notes({"a.md": "# 单点登录\n\n## CAS协议\n\n耶鲁大学的单点登录方案。\n",
               "b.md": "# 并发\n\n## 比较并交换（CAS）\n\n一种无锁算法。\n"})
    assert r.concept_by_label("CAS协议") is not r.concept_by_label("比较并交换")


def test_the_ze_of_a_principle_is_no_adverb_before_a_list_marker():
    from graph.rules.enumerations import enumerations

    found = enumerations("设计原则包括单一职责原则、开闭原则和迪米特法则。")
    assert [t.names for t in found] == [("设计原则",)]


def test_he_opening_a_word_is_kept_in_a_field_and_a_description_is_no_english_name():
    names = names_of("# 乐理\n\n相关概念：旋律、节奏、和声\n\n- 雅思（英语考试）：一种考试\n")
    assert "和声" in names and "声" not in names and "考试" not in names


def test_a_marker_inside_a_name_after_another_marker_is_kept():
    assert "即时通讯" in names_of("# 通讯\n\nIM（又称即时通讯）是一种服务。\n")


def test_a_verb_after_a_purpose_verb_may_open_the_name():
    pair = [t for t in records("# 训练\n\n余弦退火用于学习率衰减（learning rate decay）。\n")
            if "learning rate decay" in [x.text for x in t.names]]
    assert pair and pair[0].names[0].text == "学习率衰减"


def test_claims_counted_in_a_field_are_no_names():
    names = names_of("# 方案\n\n两个缺点：成本高，维护难\n")
    assert "成本高" not in names and "维护难" not in names


def test_a_related_field_lists_no_kinds_and_a_kinds_field_keeps_its_kinds():
    terms = records("# 库\n\n## 分布式数据库\n\n相关概念：分析型数据库、内存数据库\n\n"
                    "## 锁\n\n三种锁类型：共享锁、互斥锁、意向锁\n")
    name = {t.key: t.names[0].text for t in terms}
    rel = {t.names[0].text: (t.parent_relation, name.get(t.parent)) for t in terms}
    assert rel["内存数据库"] == (MENTION, "分布式数据库")
    assert rel["共享锁"] == (BROADER, "锁") and rel["意向锁"] == (BROADER, "锁")


def test_hyphenated_english_words_in_chinese_text_must_come_back_to_be_names():
    from graph.rules.name_runs import latin_terms

    found = {t.names[0]: t.confidence for t in latin_terms(
        "这个服务是single-threaded的，整体是fault-tolerant的设计，文档在docs.python.org")}
    assert all(c < 0.5 for c in found.values())


def test_a_topic_of_everyday_characters_before_a_section_word_is_still_the_topic():
    assert "小程序" in names_of("# 微信\n\n## 小程序概述\n\n不需要下载安装即可使用。\n")


def test_a_long_line_of_keys_gives_no_names():
    from graph.rules.name_runs import latin_terms

    line = "，".join(f"密钥K{i}xQ9wErTyUiOpAsDf{i}zXcVbNm" for i in range(3000))
    assert latin_terms(line) == []
