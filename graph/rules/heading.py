"""Is a heading a concept, and what does it name?

Generic section headings (see `graph.config`), headings of everyday words (`Community`,
`观点`), questions, tasks and sentences are not concepts. Numbering (`1.2`, `一、`, `①`, `【1】`,
`(3.2)` at the end), bold markers and trailing colons are dropped; a section suffix goes
(`微服务概述` names 微服务); a bilingual heading gives both names (`中文-English`,
`中文·English`, `English - 中文`, `张量Tensor`); two topics joined by a conjunction give two
concepts (`容器化与编排`, `分布式-高可用-高并发`).

>>> from graph.config import Config
>>> heading_term("知识图谱(knowledge graph)", Config()).aliases
['knowledge graph']
>>> t = heading_term("2.生成器·Builder", Config()); t.names, t.aliases
(['生成器'], ['Builder'])
>>> heading_term("参考资料", Config()) is None, heading_term("什么是设计模式", Config()) is None
(True, True)
>>> [t.names[0] for t in heading_terms("6. **容器化与编排**：", Config())]
['容器化', '编排']
>>> heading_term("微服务概述", Config()).names, heading_term("个人总结", Config())
(['微服务'], None)
"""

from __future__ import annotations

import re
import unicodedata

from .. import lexicon
from ..config import Config
from ..segment import words
from ..termhood import is_everyday, zipf
from ..text import clean_label, has_cjk
from .questions import question_subjects
from .names import good_name, heading_words, is_generic_heading, split_cjk_latin, split_parens
from .shapes import (COUNT_WORDS, _pos, is_claim, is_name, is_question, is_sentence, is_task,
                     piped_names)
from .term_item import TermShape, drop_remark, parse_term, split_bilingual

_NUMBERING = re.compile(
    r"^(?:(?:step|part|chapter|section|lesson|day|week)\s*\d+[.:：)\s-]*"
    r"|\d+(?:\.\d+)*(?:[.、)）:：．]\s*|\s+)"
    r"|[\u2460-\u2473\u2776-\u277f\u2780-\u2793]\s*"
    r"|[【\[(（]\s*\d+(?:\.\d+)*\s*[】\])）]\s*"
    r"|[一二三四五六七八九十百]+\s*[、.．)）]\s*"
    r"|[一二三四五六七八九十]{1,3}\s+(?=[\u4e00-\u9fffA-Za-z])"  # `五 计算机网络`, `六 FTP`
    r"|第[一二三四五六七八九十百零两\d]+(?:部分(?![布类析配区组])|[章节部篇课讲回步])\s*[:：.、]?\s*"
    r"|(?:" + "|".join(lexicon.POINT_LABELS_ZH) + r")[一二三四五六七八九十\d]+\s*[:：.、]?\s*"
    r"|(?:19|20)\d\d-(?=[A-Za-z])"
    r"|[a-zA-Z][.)]\s+"
    r"|(?-i:[A-Z])[.．、](?=[\u4e00-\u9fff])"  # `D.在MySQL内部存储代码`, `J.全文索引`: lettered
    r"|[IVX]+\.\s+)", re.I)
_TRAILING_NUMBER = re.compile(r"\s*(?:[(（]\s*\d+(?:\.\d+)*\s*[)）]|\s\d+(?:\.\d+)*"
                              r"|\s+\d+\s*[\u4e00-\u9fff]{1,2}"
                              r"|(?<=[\u4e00-\u9fff])\d)$")  # (3.2), ` 2`, ` 1课时`, `快速开始2`
_DASHES = re.compile(r"\s*[-–—]\s*")


# `3虚词`, `1汉字理论`: a number glued to the name; numbering only where a note numbers its
# headings so (`glued_numbering`): alone it is mostly the name's own (`16进制`, `2阶段提交`,
# `8皇后问题`, `12生肖`), and never a count (`5个要素`, `0号进程`).
_GLUED_NUMBER = re.compile(
    r"^\d{1,2}(?=[\u4e00-\u9fff])(?!(?:" + COUNT_WORDS +
    r"|号|人|的|年|月|日|天|周|点|分|秒|次|倍|级|位|期|岁|元|小时|分钟|大|万|千|百|亿))")


def glued_numbering(titles: list[str]) -> bool:
    """Does a note number its headings with a number glued to the name (`2字法`, `3虚词`,
    `4连词`): three or more such headings, with three or more different numbers.

    >>> glued_numbering(["1汉字理论", "2字法", "3虚词", "概述"]), glued_numbering(["16进制", "2阶段提交"])
    (True, False)
    """
    numbers = {m.group(0) for t in titles if (m := _GLUED_NUMBER.match(t.strip()))}
    return len(numbers) >= 3


def strip_glued_number(text: str) -> str:
    """`3虚词` → `虚词` (in a note that numbers its headings so: `glued_numbering`)."""
    return _GLUED_NUMBER.sub("", text.strip(), count=1)


_ITEM_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*[.、)）．]|[\u2460-\u2473\u2776-\u277f\u2780-\u2793])\s*"
                          r"(?=[^\d\s.])")


def drop_item_number(text: str) -> str:
    """`3.The openark kit`, `4．绪论`, `②索引`: a number a list item or a bold point was
    written with, no part of the name (a number with no mark after it is: `5 Whys`, and so is
    one that goes on: `1.5倍速`, `2.0版本`).

    >>> drop_item_number("3.The openark kit"), drop_item_number("4．绪论")
    ('The openark kit', '绪论')
    >>> drop_item_number("5 Whys"), drop_item_number("1.5倍速"), drop_item_number("2.0版本")
    ('5 Whys', '1.5倍速', '2.0版本')
    """
    return _ITEM_NUMBER.sub("", text, count=1)


def strip_numbering(text: str) -> str:
    """`1.2 Name`, `2.命令`, `①名称`, `【1】名称`, `第一章 名称`, `五 名称`, `方式二 miniconda`,
    `1974-structured-design` (a year before a slug), `Name (3.2)` → the name.

    >>> strip_numbering("五 计算机网络体系结构"), strip_numbering("三 停-等协议")
    ('计算机网络体系结构', '停-等协议')
    >>> strip_numbering("第三部分 古典密码学"), strip_numbering("第3部 古典密码学")
    ('古典密码学', '古典密码学')
    >>> strip_numbering("pymssql文档(推荐)"), strip_numbering("drawio[Recommended]")
    ('pymssql文档', 'drawio')
    """
    text = strip_marker(clean_label(text.strip()))
    stripped = _NUMBERING.sub("", text, count=1)
    if stripped and stripped != text and not stripped[0].isdigit():
        text = stripped
    text = drop_remark(_TRAILING_NUMBER.sub("", text))
    return clean_label(text)


def strip_marker(text: str, title: bool = False) -> str:
    """A pictograph that marks a heading or a note (`🌐面试-个人问题`, `🚀 Features`), not
    part of the name; in a note's title (`title=True`) a lone letter of another script before
    a hyphen too (`ψ-概率论与数理统计`), which in a heading is a name's own (`α-螺旋`).

    >>> [strip_marker(t) for t in ("🌐面试-个人问题", "🚀 Features", "α-螺旋", "^ 运算符")]
    ['面试-个人问题', 'Features', 'α-螺旋', '^ 运算符']
    >>> [strip_marker(t, title=True) for t in ("ψ-概率论", "α-β剪枝", "λ演算", "🌐")]
    ['概率论', 'α-β剪枝', 'λ演算', '🌐']
    """
    i = 0
    if text and unicodedata.category(text[0]) == "So":
        while i < len(text) and unicodedata.category(text[i]) in ("So", "Sk", "Mn", "Cf"):
            i += 1  # an emoji with its skin tone, variation selector or joiner
    elif title and len(text) > 2 and text[1] in "-·" and has_cjk(text[2]) \
            and text[0].isalpha() and not text[0].isascii() and not has_cjk(text[0]):
        i = 2
    return clean_label(text[i:]) or text if i else text


# A changelog's or newsletter's section of news about X: `TIL Highlights`, `Community Updates`.
NEWS_WORDS_EN = ("highlights", "updates", "news", "announcements", "reminders", "recap",
                 "roundup")


_COUNTED = re.compile(r"[\d一二三四五六七八九十几两]+[大种个类项点条]$")


# (No optional 基本 before the list, which holds 基本概念: two ways to match one aspect make a
# failing match try 2^n of them.)
_ASPECT = "(?:" + "|".join(sorted(lexicon.ASPECTS_ZH, key=len, reverse=True)) + ")"
_ASPECT_TAIL = re.compile(rf"(?:的|之|及其){_ASPECT}(?:(?:与|和|及其|及|以及|、){_ASPECT})*$")


def strip_aspects(text: str) -> str:
    """`端口的作用` → `端口`, `事务的概念及特性` → `事务`, `格林公式及其应用` → `格林公式`: the thing
    whose aspects a heading or an outline item names, when it is a name.

    >>> strip_aspects("二重积分和三重积分的定义与性质"), strip_aspects("Web应用")
    ('二重积分和三重积分', 'Web应用')
    >>> strip_aspects("栈的定义及其运算"), strip_aspects("知道它的作用")
    ('栈', '知道它的作用')
    """
    match = _ASPECT_TAIL.search(text)
    if match is None:
        return text
    head = text[:match.start()].strip()
    parts = [p.strip() for p in lexicon.CONJUNCTIONS.split(head) if p.strip()]  # 二重积分和三重积分的定义
    return head if parts and all(_topic(p) for p in parts) else text


_GLUED_TRAIT = re.compile(r"^(\S(?:.{0,40}\S)?)\s*(?:" + "|".join(lexicon.TRAITS_ZH) + ")$")


def aspect_head(name: str) -> str:
    """`Redis特性` → `Redis`, `Shell 特性` → `Shell`: what a name of traits without a
    particle names the traits of ('' for any other name). Alone such a name may be a term
    (语言特性); in the note on Redis, `Redis特性` is a section of the title. Only traits:
    `量子计算`, `Web应用` are names whatever the note.

    >>> aspect_head("Redis特性"), aspect_head("Vue 特性"), aspect_head("特性"), aspect_head("量子计算")
    ('Redis', 'Vue', '', '')
    """
    match = _GLUED_TRAIT.match(name.strip())
    return match.group(1).strip() if match else ""


def _topic(text: str) -> bool:
    """A name, or nouns only: an everyday word stays the topic (`事务的概念`), whether it is a
    concept is the caller's question, as for any heading of one (not `知道它`)."""
    return good_name(text, strict=False) or is_name(text) and all(
        tag.startswith("n") for _, tag in _pos(text))  # `栈的定义`: 栈


def strip_section_suffix(text: str) -> str:
    """`微服务概述` → `微服务`, `Docker Overview` → `Docker`: the topic of a section heading
    (`Caddy使用技巧` → `Caddy`: section words stack).

    >>> strip_section_suffix("Caddy使用技巧"), strip_section_suffix("排障技巧")
    ('Caddy', '排障')
    >>> strip_section_suffix("Caddy的三大新特性")
    'Caddy'
    """
    text = strip_aspects(text)
    for suffix in lexicon.SECTION_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            head = text[: -len(suffix)].rstrip(" 的之-·:：及和与")
            head = _COUNTED.sub("", head).rstrip(" 的之")  # `InnoDB引擎四大特性`: counts them
            if head and is_name(head) and not is_everyday(head):
                return strip_section_suffix(head)
    lower = text.lower()
    for word in (*lexicon.SECTION_WORDS_EN, *NEWS_WORDS_EN):
        if lower.endswith(" " + word) and len(text) > len(word) + 2:
            head = text[: -len(word)].strip(" -:")
            if is_name(head) and not is_everyday(head):
                return head
        for prefix in (f"{word} to ", f"{word} of "):
            if lower.startswith(prefix):
                head = text[len(prefix):].strip()
                if is_name(head) and not is_everyday(head):
                    return head
    return text


def news_of_everyday(text: str) -> bool:
    """A changelog's or newsletter's section of news about an everyday matter: `Event
    Reminders`, `Community Highlights`, `Feature highlights` (a news word after everyday
    words). Like an everyday word, it names a concept only when the text below defines it;
    `Starboard Highlights` is about Starboard (a name).

    >>> news_of_everyday("Event Reminders"), news_of_everyday("Starboard Highlights")
    (True, False)
    """
    return not has_cjk(text) and _after_everyday(text, NEWS_WORDS_EN)


def _after_everyday(text: str, last_words) -> bool:
    """English everyday words, then one of `last_words` (`Event Reminders`, `Network Tips`)."""
    head, _, last = text.strip().rpartition(" ")
    return last.lower() in last_words and bool(head.strip()) and is_everyday(head)


# Modifiers that, before one word, make a heading an aspect of the note's topic (`基础语义`,
# `核心思路`, `基本认知`): not 高级 / 通用 / 推荐 / 关键, which open names (高级语言, 通用人工智能,
# 推荐系统, 关键路径).
ASPECT_MODIFIERS_ZH = ("基础", "基本", "核心", "主要", "常用", "常见", "重要", "简单", "具体",
                       "其他", "其它", "一些", "更多", "补充", "零散", "实用")


def aspect_of_topic(text: str) -> bool:
    """`基础语义`, `核心思路`, `基本认知`, `实用命令`: a modifier that says how central or common
    (`ASPECT_MODIFIERS_ZH`) before a single word of the language. A heading so shaped is an
    aspect of what the note is about, a section; like an everyday word, it names a concept
    only when the text below defines it. One word of the dictionary (基础设施) is not so
    shaped, nor a modifier before a name of several words (基础模型架构).

    >>> aspect_of_topic("基础语义"), aspect_of_topic("核心思路"), aspect_of_topic("基础设施")
    (True, True, False)
    >>> aspect_of_topic("核心"), aspect_of_topic("Core Concepts")
    (False, False)
    """
    if not has_cjk(text):
        return False
    parts = heading_words(text)
    return len(parts) == 2 and parts[0] in ASPECT_MODIFIERS_ZH and has_cjk(parts[1]) \
        and len(parts[1]) >= 2


def _section_of_everyday(text: str) -> bool:
    """A section suffix after an everyday word: `配置详解` (配置 + 详解), `用途示例`;
    in English tips and tutorials only. The section is about the note's topic, not a concept
    of its own.

    >>> _section_of_everyday("配置详解"), _section_of_everyday("Network Tips")
    (True, True)
    >>> _section_of_everyday("微服务概述"), _section_of_everyday("Style Guide")
    (False, False)
    """
    if not has_cjk(text):
        # English section words are also nouns of names (`Task Notes`, `Style Guide`); tips
        # and tutorials name none (`Performance Tips`, `Go Tutorials`)
        return _after_everyday(text, lexicon.SECTION_ONLY_WORDS_EN)
    for suffix in lexicon.SECTION_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            head = text[: -len(suffix)].rstrip(" 的之-·:：及和与")
            return bool(head) and (len(head) >= 2 or suffix != "篇") and has_cjk(head) \
                and is_everyday(head)  # (诗篇, 长篇: words of their own)
    return False


def section_of_claims(text: str) -> bool:
    """A section whose items are statements about the owner, not terms: a claims word
    (`优点`, `作用`, `用途`, `Pros`), alone or before a section suffix (`用途示例`,
    `特点总结`: examples of the uses, a summary of the traits).

    >>> section_of_claims("用途示例"), section_of_claims("优点"), section_of_claims("微服务示例")
    (True, True, False)
    >>> section_of_claims("优点（Pros）"), section_of_claims("优点分析")
    (True, False)
    """
    key = split_parens(text.strip().lower())[0].strip()  # `优点（Pros）`
    if key in lexicon.CLAIM_SECTIONS:
        return True
    if not has_cjk(key):
        return False
    for suffix in lexicon.SECTION_SUFFIXES_ZH:
        if key.endswith(suffix) and key[: -len(suffix)].rstrip(" 的之-·") in lexicon.CLAIM_SECTIONS:
            return True
    return False


def config_generic(text: str) -> bool:
    return _DEFAULT.is_generic(text) or text.lower() in lexicon.CLAIM_SECTIONS


_DEFAULT = Config()


def split_topics(text: str) -> list[str]:
    """`容器化与编排` → [容器化, 编排]; `分布式-高可用-高并发` → three. One topic: [text].

    Only when every part is a name and none is an everyday word (服务注册与发现 stays one:
    发现 is not a topic on its own)."""
    parts = [clean_label(p) for p in lexicon.CONJUNCTIONS.split(text)]
    if len(parts) < 2 and has_cjk(text) and _DASHES.search(text):
        parts = [clean_label(p) for p in _DASHES.split(text)]
        if not all(has_cjk(p) for p in parts):
            return [text]
    if len(parts) < 2 or not all(parts):
        return [text]
    for part in parts:
        if len(part) < 2 or not is_name(part) or is_everyday(part):
            return [text]
        if config_generic(part):
            return [text]  # 微服务核心模式及原理: a topic and a section of it
        if has_cjk(part) and len(words(part)) == 1 and zipf(part) >= 4.0:
            return [text]  # 服务注册与发现: a common word (发现) is no topic of its own
    return parts


def _joins_everyday(text: str) -> bool:
    """`效率与UI`, `安全和隐私`: a Chinese heading that joins an everyday word to something
    else by a conjunction is a section, not a name (`服务注册与发现` opens with a term)."""
    parts = [clean_label(p) for p in lexicon.CONJUNCTIONS.split(text)]
    return len(parts) >= 2 and all(parts) and has_cjk(parts[0]) and is_everyday(parts[0])


_ORDINAL_PART = re.compile(r"第[一二三四五六七八九十百零两\d]+[天日周月年章节课讲篇部回期卷册]")


def heading_terms(text: str, config: Config, topic: bool = True) -> list[TermShape]:
    """The concepts a heading names: none (a section), one, or several joined topics.
    `topic=False` keeps section words and joined topics (a note's title)."""
    text = strip_numbering(text)
    if not text or _generic(text, config) or _ORDINAL_PART.fullmatch(text) \
            or _NUMBERING.fullmatch(text):
        return []  # … or `第十八天`, `第三章`: a part of a course or a book, counted; or a
        # point's number alone (`#### 方法一`, `## 建议二`)
    if "|" in text or "｜" in text:  # `## 消息队列 | Message Queue | MQ`: one thing's names
        names = piped_names(text)
        if not names or not all(is_name(n) for n in names):
            return []  # (`## Politics | Society | Law`: a row of sections)
        first = next((n for n in names if has_cjk(n)), names[0])
        return [TermShape(names=[first], aliases=[n for n in names if n != first], strong=True)]
    if is_question(text) or is_task(text) or is_claim(text) or grouped_by(text):
        return []
    pair = split_bilingual(text)  # (`中文-English`: read once, for the checks here and below)
    if topic and (_section_of_everyday(text) or section_of_claims(text)
                  or any(_section_of_everyday(part) for part in _bilingual_parts(text, pair)
                         if not has_cjk(part))):
        return []  # `配置详解`, `用法示例`: a section about something too common to be a term
        # (`基础教程(Basical Tutorials)`: its English says so; a Chinese section word in a
        # pair names a thing more often: `服务定义-Service definition`)
    topics = split_topics(strip_section_suffix(text)) if topic else [text]
    if len(topics) == 1 and is_sentence(text) and not (
            strip_aspects(text) != text and len(words(topics[0])) == 1):
        return []  # (`栈的定义及其运算` reads as a clause; what it is about, 栈, does not)
    if topic and len(topics) == 1 and _joins_everyday(text):
        return []  # `效率与UI`: a section on an everyday matter and something else
    if pair is not None:
        zh, en = pair
        if is_generic_heading(zh, config) or is_generic_heading(en, config):
            return []
        if topic:
            zh, en = strip_section_suffix(zh), strip_section_suffix(en)
        return [TermShape(names=[zh], aliases=[en], strong=True)]
    shapes = []
    for part in topics:
        shape = _one(part, config)
        if shape is not None:
            # An everyday word alone (`Community`, `观点`) is a section unless the note
            # defines it: the caller looks at what follows the heading.
            shape.weak = not shape.aliases and all(is_everyday(n) for n in shape.names) \
                or topic and news_of_everyday(part) \
                or topic and not shape.aliases and aspect_of_topic(shape.names[0])
            shapes.append(shape)
    return shapes


def grouped_by(text: str) -> bool:
    """`按数据类型`, `按交换方式`: "by data type", a heading that sorts what follows, naming
    nothing (`按需加载`, loading on demand, and `按键映射`, with 按键 a word, are names).

    >>> grouped_by("按数据类型"), grouped_by("按交换方式"), grouped_by("按需加载"), grouped_by("按需实例")
    (True, True, False, False)
    """
    parts = words(text.strip())
    if len(parts) < 2 or parts[0] != "按" or len(parts[1]) < 2:
        return False  # (`按需实例`: 按需 read as 按 / 需)
    tags = _pos("".join(parts[1:]))
    return bool(tags) and tags[-1][1].startswith("n")


def _bilingual_parts(text: str, pair: tuple[str, str] | None) -> tuple[str, ...]:
    """The two names of `中文(English)`, `中文·English` (`pair`: `split_bilingual(text)`);
    () for anything else."""
    if pair is not None:
        return pair
    head, groups = split_parens(text)
    if len(groups) != 1 or not head.strip() or has_cjk(head) == has_cjk(groups[0]):
        return ()  # (`Kubernetes (Video Tutorial)`: a remark, no translation)
    return head.strip(), groups[0]


def question_terms(text: str, config: Config) -> list[TermShape]:
    """The concepts a question heading asks "what is …" about (`rules.questions`), read as
    headings of their own.

    >>> [t.names + t.aliases for t in question_terms("3.1 什么是协议(protocol)？", Config())]
    [['协议', 'protocol']]
    """
    return [shape for subject in question_subjects(strip_numbering(text))
            for shape in heading_terms(subject, config)]


def _generic(text: str, config: Config) -> bool:
    """A section heading; `命令(Command)` with a translation that is not a section word names
    a concept (the Command pattern), `概述(Overview)` does not."""
    head, groups = split_parens(text)
    if groups and not config.is_generic(text):
        return is_generic_heading(head, config) and \
            all(is_generic_heading(g, config) or config.is_generic(g.rstrip("s"))
                for g in groups)
    return is_generic_heading(text, config)


def _one(text: str, config: Config) -> TermShape | None:
    shape = parse_term(text)
    if shape is None or shape.definition and not shape.aliases:
        return None  # "X: something long" as a heading is a statement, not a name
    if config.is_generic(shape.names[0]) and not shape.aliases:
        return None
    pair = split_cjk_latin(shape.names[0]) if len(shape.names) == 1 else None
    if pair:
        shape.names = [pair[0]]
        shape.aliases.insert(0, pair[1])
    shape.definition = ""
    return shape


def heading_term(text: str, config: Config) -> TermShape | None:
    """The one concept a heading names (the first of joined topics), or None."""
    shapes = heading_terms(text, config)
    return shapes[0] if shapes else None


def title_names_concept(title: str, config: Config) -> bool:
    """Is a note's title the name of one concept (`Kubernetes`, `大五人格理论`, `Tasks`,
    `PWA - Progressive Web Apps`), so that the terms the note lists at its top level are
    narrower than it — rather than the title of a document about something
    (`数据库系统原理`, `pv和pvc`, `笔记系统的定义，目的和应用场景`, `专业术语`, `0.84`)?

    A title names a concept when, read as a heading, it names exactly one concept with
    nothing cut off (no section word such as 原理 / 笔记 / Overview, no second topic), and it
    is not a list of terms itself (`专业术语`, `Glossary`).

    >>> c = Config()
    >>> title_names_concept("大五人格理论", c), title_names_concept("Tasks", c)
    (True, True)
    >>> title_names_concept("数据库系统原理", c), title_names_concept("pv和pvc", c)
    (False, False)
    >>> title_names_concept("专业术语", c), title_names_concept("2023-08-13整理给老妹的必备macos软件", c)
    (False, False)
    >>> title_names_concept("Git参考文档", c), title_names_concept("Python模块参考", c)
    (False, False)
    """
    text = clean_label(title)
    if not text or strip_numbering(text) != text:
        return False
    shapes = heading_terms(text, config)
    if len(shapes) != 1:
        return False
    whole = heading_terms(text, config, topic=False)
    if len(whole) != 1 or [n.casefold() for n in shapes[0].names] != \
            [n.casefold() for n in whole[0].names]:
        return False  # `数据库系统原理`: a section (原理) of a concept, not the concept
    name = shapes[0].names[0]
    if not is_name(name) or is_sentence(name) or any(
            ch in name for ch in "，,；;。!！?？∑#"):
        return False
    lower = name.casefold()
    for word in config.container_headings:
        if has_cjk(word) and len(word) >= 2 and lower.endswith(word) \
                or not has_cjk(word) and lower.split()[-1:] == [word]:
            return False  # `专业术语`: a list of terms, not one
    if has_cjk(name) and any(w in lexicon.PARTICLES_ZH for w in words(name)):
        return False  # `本库obsidian基本配置及原因`: a phrase
    if has_cjk(name) and name.endswith(REFERENCE_SUFFIXES_ZH) and len(name) > 4:
        return False  # `Git参考文档`, `少数派创作手册`: a reference document about something
    return True


# A note that is a reference document about something: `Git参考文档`, `Python模块参考`.
REFERENCE_SUFFIXES_ZH = ("参考文档", "参考手册", "参考", "手册", "大全")


# Section headings whose content describes the concept above: its features, parts, kinds,
# examples. Terms listed there stay narrower than that concept (`## Docker` › `### 特性` ›
# `- 镜像`); under other sections (Resources, 安装, FAQ) they are only listed in the note.
DESCRIBING_SECTIONS = frozenset("""
overview introduction intro description definition definitions features feature examples
example components parts types kinds categories
概述 简介 介绍 概要 总览 定义 说明 描述 特性 特点 特征 功能 核心功能 示例 例子 举例 案例 组成 组件 构成
分类 类型 种类
""".split())


def describes_owner(heading: str) -> bool:
    """Is a section heading one whose content describes the concept above it
    (`Features`, `特性`, `组成`, `示例`), not an aside (`Resources`, `安装`, `FAQ`)?

    >>> describes_owner("特性"), describes_owner("Features"), describes_owner("参考资料")
    (True, True, False)
    >>> describes_owner("视频相关")
    True
    """
    key = strip_numbering(clean_label(heading)).casefold().rstrip(":：")
    if has_cjk(key) and len(key) > 2 and key.endswith(("相关", "方面", "部分")):
        return True  # `## 视频相关` under `# Node`: a group of the owner's things
    return key in DESCRIBING_SECTIONS


def announces_kinds(heading: str) -> bool:
    """Does a heading count the kinds or parts of the concept above it (`## 几个时期` under
    科技成熟度发展曲线, `## 三种工作模式` under vi, `## 八大思维工具`)? What it lists is
    narrower than that concept. The counted word is a noun (`几个案例试着分析其成熟度曲线` is a
    task, `两点说明` a remark: 点 counts points, not kinds).

    >>> announces_kinds("几个时期"), announces_kinds("三种工作模式"), announces_kinds("八大思维工具")
    (True, True, True)
    >>> announces_kinds("几个案例试着分析其成熟度曲线"), announces_kinds("两点说明"), announces_kinds("三层架构")
    (False, False, False)
    """
    match = lexicon.COUNTED_KINDS.match(strip_numbering(clean_label(heading)).rstrip(":："))
    if not match:
        return False
    tags = [t for _w, t in _pos(match.group(2))]
    return bool(tags) and tags[-1].startswith("n") and "v" not in tags


_LISTING_TITLE = re.compile(r"^(.{2,16}?)的([一二三四五六七八九十百两几]+|\d+)"
                            r"(?:条|个|大|种|项|点|类|步|招|款|层)([\u4e00-\u9fff]{1,6})$")


def title_topic(title: str) -> str | None:
    """The topic a title lists things of: `结构化思维的二十条军规` → 结构化思维, `格式化字符串的三种
    方式` → 格式化字符串 (`X的<number><classifier><noun>`: the note lists the rules, ways,
    kinds of X, which are narrower than X). Only when X is a name (not everyday, not a phrase
    such as `和结构化思维相悖`).

    >>> title_topic("结构化思维的二十条军规"), title_topic("格式化字符串的三种方式")
    ('结构化思维', '格式化字符串')
    >>> title_topic("和结构化思维相悖的七大常见错误"), title_topic("结构化思维")
    (None, None)
    >>> title_topic("好文档的8大秘籍"), title_topic("obsidian组织笔记的5个要素")
    (None, None)
    """
    match = _LISTING_TITLE.match(clean_label(title))
    if not match:
        return None
    topic = clean_label(match.group(1))
    if not has_cjk(topic) or not good_name(topic) or is_everyday(topic):
        return None
    tags = [tag for _word, tag in _pos(topic)]
    if not tags or tags[0].startswith("a") or any(t.startswith("v") and t != "vn" for t in tags) \
            or not tags[-1].startswith("n"):
        return None  # `好文档`, `obsidian组织笔记`: a description or a clause, not a name
    return topic
