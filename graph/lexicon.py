"""Closed word lists the rules share: function words of headings and sentences, not topics.

Nothing here names a topic of any note: these are the grammatical and structural words of
Chinese and English writing (question words, "example" markers, section words such as
优点/Pros), the kind of list a style guide or a grammar gives. Open-class words are judged by
`graph.termhood` (word frequency) instead of being listed.
"""

from __future__ import annotations

import re

# English function words: what sentences are made of, never a name's (shapes.is_sentence
# weighs them; emphasis glued to one is parted from it, graph.markdown).
FUNCTION_WORDS_EN = frozenset("""
a an the is are was were be been being of to for in on at by with from as that this these
those it its and or but not no if then than so which who what when where how why can could
will would should may might must do does did have has had into over about your you we our
""".split())

# Headings and items that ask something: 什么是RAG, RAG是什么？, How does X work, Is X …
QUESTION_PREFIXES_ZH = ("什么是", "什么叫", "何为", "何谓", "如何", "怎么", "怎样", "为什么",
                        "为何", "是否", "能否", "可否", "有没有", "哪些", "哪个", "谁是")
QUESTION_SUFFIXES_ZH = ("是什么", "是啥", "吗", "呢", "么", "有哪些", "是哪些", "怎么办",
                        "为什么", "如何实现", "怎么用", "的区别", "的异同")
# Words that ask anywhere in a Chinese heading (`设计模式怎样解决设计问题`, `为何要用缓存`);
# 何时 too, not inside 任何时候 (shapes.is_question).
QUESTION_WORDS_ZH = ("怎样", "怎么", "如何", "为什么", "什么是", "是什么", "为何")
QUESTION_WORDS_EN = frozenset("""
how what why when where which who whom whose is are was were do does did can could should
would will shall may might must has have
""".split())

# Section words whose items are claims about the owner (灵活性高：…), not terms.
CLAIM_SECTIONS = frozenset("""
优点 缺点 优缺点 优势 劣势 好处 坏处 弊端 特点 特征 特性 问题 面临的问题 存在的问题 挑战 风险 注意
注意事项 总结 小结 结论 观点 要点 原则 目标 目的 作用 用途 意义 价值 影响 原因 现状 趋势 建议 心得 体会
pros cons advantages disadvantages benefits drawbacks features characteristics problems issues
challenges risks notes summary conclusion conclusions principles goals takeaways tips
""".split())

# A heading made of a generic head word and a modifier of no content: 个人总结, 我的理解,
# 相关词汇, 其他资料, 示例一, My notes, Other resources.
EMPTY_MODIFIERS = frozenset("""
个人 我的 我们的 相关 其他 其它 更多 一些 常用 常见 基本 基础 简单 主要 重要 核心 关键 通用 具体 官方
推荐 补充 附加 额外 延伸 扩展 进阶 高级 初级 中级 最新 历史 全部 所有 部分 一 二 三 四 五 六 七 八 九 十
my our other more some common basic main key core general further additional extra official
recommended useful related latest old new full all personal quick simple
""".split())

# Suffixes that make a heading about X a section of X: 微服务概述 → 微服务.
SECTION_SUFFIXES_ZH = ("概述", "简介", "介绍", "概览", "综述", "入门", "基础", "基础知识", "基本概念",
                       "核心概念", "概念", "总结", "小结", "笔记", "学习笔记", "详解", "原理", "实践",
                       "教程", "指南", "使用", "用法", "的用法", "的使用", "的定义", "定义",
                       "的优缺点", "优缺点", "的特点", "特点", "的原理", "案例解析", "案例分析",
                       "案例", "解析", "实战", "示例", "举例", "说明", "最佳实践", "的最佳实践",
                       "文档", "官方文档", "参考文档", "文件中", "注意点", "注意事项", "要点",
                       "技巧", "小技巧", "进阶", "进阶篇", "高级篇", "新特性",
                       "篇")  # a part of a series: `英灵篇` (the part on 英灵), `使用篇`
# Aspects of a thing that a heading or an outline item names after a particle (`端口的作用`,
# `事务的概念及特性`, `格林公式及其应用`): the line is about the thing. Only after the particle:
# 应用 alone ends names (Web应用), 特性 too (语言特性).
ASPECTS_ZH = ("概念", "基本概念", "定义", "性质", "基本性质", "特性", "特点", "主要特点", "计算",
              "应用", "应用场景", "作用", "分类", "运算", "基本运算", "用法", "原理", "意义", "含义",
              # a comparison's: `TCP与UDP的区别` is about TCP and UDP
              "区别", "不同点", "异同", "异同点", "对比", "比较", "联系", "差异")
SECTION_WORDS_EN = ("overview", "introduction", "intro", "basics", "fundamentals", "tutorial",
                    "tutorials", "tips", "guide", "notes", "summary", "cheat sheet", "cheatsheet",
                    "primer")
# Of those, the ones that never end a name (`Style Guide`, `Task Notes` are names): after
# everyday words alone the heading is a section (`Network Tips`, `Go Tutorials`).
SECTION_ONLY_WORDS_EN = frozenset(("tips", "tutorial", "tutorials"))
# Words that say what kind of thing a name is: `the SWOT model`, `the \`dryRun\` modifier`,
# `SWOT 模型` are that name itself (a `Zephyr controller` is a part of Zephyr, no kind of it).
# Not words for a part or an aspect of a thing (`a Java class`, `Python函数`, `Linux命令`,
# `the Docker architecture` are things of their own).
KIND_WORDS_EN = frozenset((
    "model", "modifier", "method", "pattern", "principle", "theory", "framework", "protocol",
    "algorithm", "library", "package", "option", "flag", "law", "effect", "rule", "approach",
    "technique", "paradigm", "format", "language", "notation", "mode", "keyword"))
KIND_WORDS_ZH = ("模型", "模式", "框架", "协议", "算法", "理论", "原则", "方法论", "方法", "分析法",
                 "法则", "定律", "效应", "选项", "语言", "范式", "格式", "关键字")
# Traits of a thing that a name may end with, no particle between (`Redis特性`): in the note
# on that thing, a section of it (heading.aspect_head).
TRAITS_ZH = ("主要特点", "基本性质", "特性", "特点", "性质")

# Table headers of a column that names things: the word for a name (`名称`, `Term`), and
# (NAME_COLUMNS) the language it names them in too (`中文`, `English`). The first ones name the things themselves (`| 符号 | 名称 |`), not the language they are in
# (`| 英文 | 音标 |` lists words to learn) nor `Name`, the header of parameters, files and
# people (`| Name | Type | Default |`): a column under them lists names wherever the table is.
NAME_HEADERS = frozenset("""
名称 名字 术语 概念 中文名 英文名 中文名称 英文名称 中文名字 英文名字 中文术语 英文术语 译名 全称
name(s) term terms concept concepts
""".split())
NAME_COLUMNS = NAME_HEADERS | frozenset("""
中文 英文 汉语 英语 中译 英译 缩写 english chinese en cn zh eng name names abbr abbreviation
""".split())

# Table headers of a column that describes rather than names (`| Name | 描述 |`).
DESCRIPTION_COLUMNS = frozenset("""
描述 说明 作用 用途 含义 解释 备注 介绍 定义 释义 功能 示例 例子 用法 场景 特点 注释
description descriptions desc usage meaning notes note comment comments remark remarks details
example examples purpose definition function
""".split())

# Words that introduce examples: what follows are instances, not other names.
EXAMPLE_MARKERS_ZH = ("例如", "比如", "譬如", "诸如", "如", "像是", "像", "包括", "包含", "例子", "例")
EXAMPLE_MARKERS_EN = ("e.g.", "eg.", "e.g", "for example", "for instance", "such as",
                      "including", "like", "ex.", "i.e.")
# Words that announce a list of kinds or parts (`它们分别是：`, `分为三类：`, `consists of:`).
ENUMERATION_CUES = ("分别是", "分别为", "分为", "分成", "包括", "包含", "组成", "构成", "几种", "几类",
                    "种类", "类型有", "consists of", "composed of", "made up of", "kinds of",
                    "types of", "categories", "components")
# Words that introduce a former name of the same thing (`Babel（原来叫 6to5）`): another name.
FORMER_NAME_MARKERS_ZH = ("原来叫", "原来叫做", "原来称为", "以前叫", "以前叫做", "以前称为", "原名",
                          "旧称", "曾用名", "曾称", "曾叫", "曾名", "前称")
# Words that introduce another name of the same thing.
SYNONYM_MARKERS_ZH = ("亦称", "又称", "也称", "也叫", "又叫", "简称", "全称", "俗称", "别称", "又名",
                      "也称为", "也叫做", "也被称为", "被称为", "以下简称", "下称", "英文",
                      "英文名", "英文缩写", "缩写", "即", *FORMER_NAME_MARKERS_ZH)
# Markers that say the language of the name after them (`（英语：Address Resolution Protocol，
# 缩写：ARP）`): a name only after a colon or in Latin letters (`雅思（英语考试）` describes).
LANGUAGE_MARKERS_ZH = ("英语", "英文全称", "英文名称", "英语全称")
SYNONYM_MARKERS_EN = ("aka", "a.k.a.", "also called", "also known as", "short for",
                      "abbreviated", "abbr.", "or")

# Chinese predicates that close a claim: 灵活性高, 部署工作量大, 线上发布变慢, 成本增加.
CLAIM_ENDINGS_ZH = ("高", "低", "差", "好", "大", "小", "多", "少", "快", "慢", "难", "易", "强",
                    "弱", "变慢", "变快", "变大", "变小", "增加", "减少", "提高", "降低", "提升",
                    "下降", "低下", "不足", "不够", "过多", "过大", "困难", "复杂", "简单", "方便",
                    "麻烦", "太多", "太大", "很大", "很高", "较高", "较低", "更高", "更低",
                    # praise (强大, 良好 end in 大, 好): `读写性能优异`, `数据类型丰富`
                    "优异", "丰富", "出色", "优秀", "卓越", "完善", "便捷")

# A count of things of one kind (`三种工作模式`, `几个时期`, `4大特性`; 三层架构 is a name): the
# count, then the counted noun (a heading announcing kinds, a field listing them).
COUNTED_KINDS = re.compile(r"^(几|[0-9]{1,2}|[一二三四五六七八九十两]+)\s*(?:种|类|个|大)"
                           r"([\u4e00-\u9fff]{2,4})$")

# Signs of equivalence between two names or topics: `(Round Robin)↔轮询`, `进程 ↔ 线程`.
EQUIVALENCE_SIGNS = r"[↔⇔]|<->|<=>"
# Conjunctions that join two topics in one heading: 容器化与编排, DevOps与CICD, A and B, 进程 ↔ 线程,
# 正项级数及其审敛法 ("and its").
# (Parts keep the spaces around a sign; callers strip them. A `\s*` before the sign would be
# tried from every space of a long run: quadratic, 20,000 spaces in a heading took 3 s.)
CONJUNCTIONS = re.compile(r"(?:与|和|及其|及|以及|跟|&|＆|" + EQUIVALENCE_SIGNS + r")"
                          r"|(?<!\s)\s+(?:and|vs\.?|versus)\s+")

# Particles and function words that are never a name on their own.
# Acronyms of standards, formats and paradigms: `CSS 框架`, `JSON库`, `ORM工具` are things made
# for them, where `DRF框架`, `NLTK库` are the product itself.
STANDARDS = frozenset("""
css html xml json yaml toml csv sql http https rest rpc tcp udp ip dns smtp ssh tls ssl
mvc mvvm orm oop api ui ux svg pdf markdown md
""".split())

PARTICLES_ZH = frozenset("的 了 是 和 与 或 在 中 等 及 之 其 把 被 对 从 向 于 以 为 将".split())

# Folder names of languages (BCP 47 tags as doc sites write them).
LANGUAGE_FOLDERS = frozenset("""
en en-us en-gb zh zh-cn zh-tw zh-hk zh-hans zh-hant ja ko fr de es pt pt-br ru it nl pl tr uk
vi id th ar he hi fa sv da fi no nb cs hu ro bn ta ms
""".split())


def _longest_first(*words) -> tuple[str, ...]:
    """Markers in the order to try them: a longer one first (`也称为` before `也称`)."""
    return tuple(sorted((w for group in words for w in group), key=len, reverse=True))


SYNONYM_MARKERS = _longest_first(SYNONYM_MARKERS_ZH, LANGUAGE_MARKERS_ZH, SYNONYM_MARKERS_EN)
EXAMPLE_MARKERS = _longest_first(EXAMPLE_MARKERS_ZH, EXAMPLE_MARKERS_EN)
# Words that open with a marker's characters but are no marker: 如果 (if), 如何 (how) …
_NOT_MARKERS_ZH = ("如果", "如何", "如此", "如今", "如下", "如同", "如实", "如期", "包括在",
                   "例外", "例题", "例子里", "例子中")


def after_example_marker(text: str) -> str | None:
    """What follows the example marker that opens `text` (`如 Horovod、DeepSpeed`, `e.g. A, B`),
    or None when no marker opens it (`如果p则r`: "if", no marker).

    >>> after_example_marker("如 Flink、Spark"), after_example_marker("如果p则r")
    ('Flink、Spark', None)
    """
    lower = text.lower()
    if lower.startswith(_NOT_MARKERS_ZH):
        return None
    for marker in EXAMPLE_MARKERS:  # longest first: `例如` alone is a marker, not 例 and 如
        if not lower.startswith(marker):
            continue
        if len(text) == len(marker):
            return ""
        if any("\u4e00" <= ch <= "\u9fff" for ch in marker) or not text[len(marker)].isalpha():
            return text[len(marker):].lstrip(" :：,，")
    return None
SECTION_SUFFIXES = _longest_first(SECTION_SUFFIXES_ZH)


# Keys of a keyboard, modifiers first: `Fn-退格`, `可视模式（Esc）` press a key, they do not
# translate a name (`shapes.is_key_press`).
KEYBOARD_KEYS = frozenset("""
fn command cmd ctrl control shift option opt alt win super meta hyper
esc escape tab enter return delete del backspace space spacebar home end pageup pagedown
insert ins capslock caps ⌘ ⌥ ⇧ ⌃ ↩ ⌫
""".split())
# … of which these are pressed alone and are no word of their own (Delete, Insert, Command
# and Return translate 删除, 插入, 命令, 返回),
LONE_KEYS = frozenset("fn esc ctrl cmd alt shift opt ⌘ ⌥ ⇧ ⌃".split())
# … and these hold down while another is pressed (`Command-左箭头`).
MODIFIER_KEYS = frozenset("fn command cmd ctrl control shift option opt alt win super meta "
                          "⌘ ⌥ ⇧ ⌃".split())
# Chinese words for kinds of key, no key's own name (`Ctrl：组合键` does not name Ctrl).
KEY_KINDS_ZH = frozenset("键 按键 组合键 快捷键 修饰键 热键 功能键区".split())
# Connectives that open a clause, not a name (`因为数据库…`: names.trim_leading drops them).
CONNECTIVES_ZH = ("由于", "因为", "所以", "因此", "而且", "而", "但是", "但", "如果", "其中", "此外",
                  "另外", "同时", "然后", "这里", "那么", "首先", "其次", "最后", "总之", "通常",
                  "一般", "一般来说", "于是", "并且", "并")
# … and with adverbs of degree and quantity, the words that open a point rather than name
# something (`**非常重要**`, `**首先需要**`).
LEADING_ADVERBS_ZH = frozenset((*CONNECTIVES_ZH, *"非常 很多 许多 一些 特别 尤其 十分 比较 相当 极其".split()))


# Words that label a numbered point of a list or an outline (`方法二`, `建议1：…`, `原则一`): the
# label and its number are numbering, not a name (graph.rules.heading, graph.rules.term_item).
POINT_LABELS_ZH = ("方式", "方法", "方案", "步骤", "阶段", "选项", "途径", "做法", "建议", "原则",
                   "法则", "规则", "技巧", "要点", "策略", "习惯", "秘诀", "心得")
