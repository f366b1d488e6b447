"""Other names of one concept, and no chains: spellings, dash and slash pairs, acronyms and
their expansions, the title's names in an opening callout."""

from graph.rules.term_item import parse_term, spells_initials, split_bilingual_names
from graph.text import Squeezed


def labels(concept):
    return {x.text for x in (*concept.labels, *concept.synonyms)}


def test_a_name_written_elsewhere_with_other_separators_gets_that_spelling(notes):
    r = notes({"a.md": """
        # Links

        ## Wiki Links

        Use wikilinks to link notes; a residential IP (住宅 IP) is not one.

        - **住宅IP**: 家庭宽带的 IP
        - dendron.topic.wiki-links is a path, not a spelling
        """})
    wiki = r.concept_by_label("Wiki Links")
    assert "wikilinks" in labels(wiki) and "wiki-links" not in labels(wiki)
    assert "住宅 IP" in labels(r.concept_by_label("住宅IP"))


def test_squeezed_text_finds_spellings_across_separators():
    s = Squeezed("docker compose 常用命令, and VS Code.")
    assert [s.text[a:b] for a, b in s.spans("dockercompose")] == ["docker compose"]
    assert [s.text[a:b] for a, b in s.spans("vscode")] == ["VS Code"]


def test_a_dash_pair_with_two_translations_is_one_term():
    shape = parse_term("face restoration——面部修复, 人脸复原")
    assert shape.names == ["face restoration"] and shape.aliases == ["面部修复", "人脸复原"]
    assert split_bilingual_names("换装-clothes changer, outfit change") == \
        ("换装", ["clothes changer", "outfit change"])
    # products or a mixed phrase after the dash are not translations
    assert split_bilingual_names("数据库 - MySQL, Redis") is None
    assert split_bilingual_names("mac - bob 自带好用, 无广告") is None


def test_two_slash_names_one_translation_gives_are_one_term():
    shape = parse_term("endpoint/route: 路由, 单一的API")
    assert shape.names == ["endpoint"] and shape.aliases == ["route"]
    assert shape.after_colon == ["路由"] and not shape.siblings
    pair = parse_term("开始/结束: start/end")
    assert pair is None or pair.names != ["开始"] or "结束" not in pair.aliases


def test_acronym_joins_the_expansion_that_spells_its_initials(notes):
    r = notes({"a.md": """
        # DevOps

        - CICD
          - Continuous Integration, Continuous Deployment
          - 持续集成（CI）是自动构建和测试的过程。
        """})
    ci = r.concept_by_label("CI")
    assert ci is r.concept_by_label("持续集成") is r.concept_by_label("Continuous Integration")
    assert ci is not r.concept_by_label("Continuous Deployment")
    assert spells_initials("CI", "Continuous Integration")
    assert not spells_initials("PID", "print work directory")
    assert not spells_initials("LOB", "load balancer")


def test_an_acronym_with_its_own_expansion_never_joins_another_concept(notes):
    r = notes({"a.md": "# Words\n\n- 程序计数器(PC)\n- Personal Computer (PC)\n",
               "b.md": "# More\n\n- 程序计数器(Program Counter): 寄存器\n"
                       "- PC(个人计算机, Personal Computer)\n"})
    assert r.concept_by_label("程序计数器") is not r.concept_by_label("Personal Computer")
    assert r.concept_by_label("Program Counter") is not r.concept_by_label("个人计算机")


def test_an_acronym_is_not_joined_to_a_phrase_that_contains_it(notes):
    r = notes({"a.md": """
        # AMQP

        - AMQP(高级消息队列协议): 一个网络协议
        - entity/实体: 队列和交换机统称为AMQP实体（AMQP entities）。
        """})
    assert r.concept_by_label("AMQP entities") is not r.concept_by_label("高级消息队列协议")


def test_an_or_between_two_translated_names_joins_nothing(notes):
    r = notes({
        "a.md": "# Rust\n\n它类似于其他编程语言中的接口（interface）或抽象类（abstract class）。\n",
        "b.md": "# Java\n\n- 接口: interface\n- 抽象类: abstract class\n",
    })
    assert r.concept_by_label("接口") is not r.concept_by_label("抽象类")


def test_an_opening_callout_gives_the_title_its_other_names(notes):
    r = notes({"a.md": "# CV\n\n> [!note]\n>\n> 计算机视觉, Computer Vision\n>\n> AI Vision\n\n"
                       "# Glossary\n\n- VAE\n"})
    cv = r.concept_by_label("CV")
    assert {"计算机视觉", "Computer Vision", "AI Vision"} <= labels(cv)


def test_a_list_cut_off_after_a_slash_is_no_name(notes):
    r = notes({"a.md": "# 笔记\n\n- 系统必须支持有多入口 (TOC 入口/daily 入口/)\n"})
    assert r.concept_by_label("TOC 入口/daily 入口/") is None


def test_a_title_opened_by_a_mark_is_named_by_what_follows_it(notes):
    # `∑ 金句库`, `🧑王小波`: the sum sign or emoji classes the note; the note names 金句库 and
    # 王小波, which other notes write without the mark. The title as written stays a label,
    # and what follows the mark is not split (`∑ DB - 运动与健康` does not name DB).
    r = notes({"∑ 金句库.md": "收集的句子。\n",
               "🧑王小波.md": "作家。\n",
               "∑ DB - 运动与健康.md": "运动记录。\n",
               "读书.md": """
                   # 读书

                   - 金句库: 摘抄的句子
                   - 王小波: 《黄金时代》的作者
                   """})
    quotes = r.concept_by_label("金句库")
    assert {"金句库", "∑ 金句库"} <= labels(quotes)
    assert r.concept_by_label("🧑王小波") is r.concept_by_label("王小波")
    assert r.concept_by_label("DB") is None


def test_two_glossed_names_the_text_says_are_one_join_their_glossary_entries(notes):
    # `X（x）亦称Y（y）` is marked in words (`marked-pair`): the entries `发布者(publisher)` and
    # `生产者(producer)` are then one concept; `或` between two glossed names joins nothing
    r = notes({"a.md": """
        # Messaging

        - 消息代理从发布者（publishers）亦称生产者（producers）那儿接收消息。
        - 发布者(publisher)
        - 生产者(producer)
        - 可以实现接口（interface）或抽象类（abstract class）。
        - 接口(interface)
        - 抽象类(abstract class)
        """})
    producer = r.concept_by_label("producer")
    assert {"publisher", "发布者", "生产者"} <= labels(producer)
    assert r.concept_by_label("interface") is not r.concept_by_label("abstract class")


def test_a_field_of_other_names_opening_a_section_names_its_concept(notes):
    # `> 别名-synonym: …` under `# 技术组件`, `> 英文名: …` under the title: other names of the
    # heading's (the note's) concept; under a heading that names no concept (a section) it
    # names nothing, and `书名:` is no field of other names.
    r = notes({"a.md": """
        # 《领域驱动设计》

        > 书名: 领域驱动设计：软件核心复杂性应对之道
        >
        > 英文名: Domain-Driven Design

        ## 技术组件

        > 别名-synonym: 后端组件, Python技术组件

        组件的说明。

        ## 概述

        > 别名: 总览
        """})
    assert "Domain-Driven Design" in labels(r.concept_by_label("领域驱动设计"))
    assert {"后端组件", "Python技术组件"} <= labels(r.concept_by_label("技术组件"))
    assert r.concept_by_label("总览") is None
    assert r.concept_by_label("领域驱动设计：软件核心复杂性应对之道") is None


def test_a_heading_that_is_a_book_title_names_the_book_as_a_title_does(notes):
    # `## 《领域驱动设计》` in one note, a note titled `# 《领域驱动设计》` (or `领域驱动设计`
    # elsewhere): one concept, the marked form a label of it
    r = notes({"a.md": """
        # 读书

        ## 《领域驱动设计》

        > 英文名: Domain-Driven Design

        书的笔记。
        """,
               "b.md": """
        # 架构

        - 领域驱动设计: 一种设计方法
        """})
    book = r.concept_by_label("领域驱动设计")
    assert {"《领域驱动设计》", "Domain-Driven Design"} <= labels(book)
    assert r.concept_by_label("《领域驱动设计》") is book


def test_a_line_giving_a_name_its_english_phrase_is_one_term(notes):
    # `案例学习 : Learning by Examples` on a line of its own: the English, small words and
    # all, is the name's translation; a command after the colon is not (`格式: set key value`)
    r = notes({"a.md": """
        # 英语

        案例学习 : Learning by Examples

        格式: set key value
        """})
    assert {"案例学习", "Learning by Examples"} <= labels(r.concept_by_label("案例学习"))
    assert r.concept_by_label("set key value") is None


def test_an_acronym_written_before_its_expansion_and_a_comma_is_one_term(notes):
    r = notes({"a.md": "# 网络管理\n\n- SNMP, Simple Network Management Protocol: 网络管理协议\n"
                       "- Redis, MySQL: 两种存储\n"})
    snmp = r.concept_by_label("SNMP")
    assert snmp is r.concept_by_label("Simple Network Management Protocol")
    assert r.concept_by_label("Redis") is not r.concept_by_label("MySQL")


def test_a_wikipedia_lead_gives_the_english_name_and_the_acronym_each_after_its_marker(notes):
    r = notes({"a.md": "# 网络\n\n**简单网络管理协议**（英语：**S**imple **N**etwork **M**anagement "
                       "**P**rotocol，缩写：**SNMP**）是一种网络管理协议。\n"})
    c = r.concept_by_label("简单网络管理协议")
    assert c is r.concept_by_label("Simple Network Management Protocol")
    assert "SNMP" in labels(c)
    from graph.config import Config
    from graph.extract import extract_text

    out = extract_text("n.md", "# 网络\n\n简单网络管理协议（英语：Simple Network Management "
                       "Protocol，缩写：SNMP）是一种协议。\n", Config())
    pair = next(t for t in out.terms if t.rule == "paren-pair")
    assert [x.text for x in (*pair.names, *pair.synonyms)] == [
        "简单网络管理协议", "Simple Network Management Protocol", "SNMP"]


def test_a_heading_naming_an_acronym_by_its_category_joins_the_acronym_defined_under_it(notes):
    r = notes({"a.md": "# 网络\n\n## SNMP协议\n\n**简单网络管理协议**（英语：Simple Network "
                       "Management Protocol，缩写：SNMP）是一种网络管理协议。\n\n"
                       "SNMP 用于监控网络设备。\n"})
    c = r.concept_by_label("SNMP")
    assert c is r.concept_by_label("SNMP协议") is r.concept_by_label("简单网络管理协议")


def test_a_verb_of_replacement_before_a_parenthesis_is_no_part_of_the_name(notes):
    r = notes({"a.md": "# 加密\n\n传输层安全协议（Transport Layer Security）用于取代安全套接层"
                       "（Secure Sockets Layer）。\n"})
    assert r.concept_by_label("安全套接层") is r.concept_by_label("Secure Sockets Layer")
    assert r.concept_by_label("用于取代安全套接层") is None


def test_a_slash_between_short_capitals_is_inside_a_name_and_spells_an_acronym(notes):
    r = notes({"a.md": "# 架构\n\n## Linux C/S模型\n\n客户端和服务器分开。\n\n"
                       "## B/S - Browser/Server\n\n浏览器和服务器。\n"})
    assert r.concept_by_label("Linux C/S模型") is not None
    assert r.concept_by_label("Linux C") is None and r.concept_by_label("S模型") is None
    bs = r.concept_by_label("B/S")
    assert bs is not None and bs is r.concept_by_label("Browser/Server")


def test_a_subject_defined_under_a_heading_is_its_other_name_only_when_it_holds_its_whole_words(notes):
    r = notes({"a.md": "# 文件\n\n## 文件锁 - Lock\n\n"
                       "**`flock`** is a system call that applies an advisory lock on a file.\n"})
    lock = r.concept_by_label("文件锁")
    assert lock is not None and lock is not r.concept_by_label("flock")
