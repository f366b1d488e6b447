"""Name tests and name splitting shared by the rule modules (heading, term_item and the prose
rules): is a text worth a concept as a name (`good_name`), a generic section word
(`is_generic_heading`), a name a list may hold (`listable_name`, `example_name`); where the name
at the end of a Chinese run starts (`trim_leading`); `TERM(a, b)` and `张量Tensor` split into
their names (`split_parens`, `split_cjk_latin`).

They sit below every rule module: this module imports no other rule module but `shapes`.

>>> good_name("持续集成"), good_name("应用场景"), good_name("拆分出的服务")
(True, False, False)
>>> trim_leading("例如熔断器"), split_parens("RAG(Retrieval-Augmented Generation)")
('熔断器', ('RAG', ['Retrieval-Augmented Generation']))
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon
from ..config import Config
from ..segment import words
from ..termhood import is_everyday, zipf
from ..text import has_cjk
from .shapes import (_pos, is_advice, is_claim, is_key_press, is_name, is_question, is_sentence,
                     is_verb_phrase)

OPEN, CLOSE = "(（", ")）"
CJK = r"\u3400-\u9fff\uf900-\ufaff"
# English words that end no name (`function_word`); shapes.FUNCTION_WORDS weighs sentences.
NAME_EDGE_WORDS = frozenset("""
a an the of to in on at by for with from as is are was were be and or not no it this that
these those if then else via per vs etc e g i ie eg ok yes e.g i.e e.g. i.e. etc.
""".split())
# What may stand before a name in a Chinese sentence and is not part of it.
_LEADING = ("例如", "比如", "譬如", "诸如", "包括", "使用", "采用", "利用", "通过", "基于", "借助",
            "以及", "还有", "一个", "一种", "这个", "这种", "那个", "称为", "叫做", "作为", "实现",
            "提供", "支持", "具有", "具备", "拥有", "包含", "包括", "涉及", "有", "即", "如",
            "用", "是", "的", "和", "与", "或", "及", "在", "对",
            "将", "把", "被", "从", "向", "由", "其", "各", "每", "这", "那", "了", "等", "也", "都",
            "到", "单个", "多个", "每个", "某个", "整个", "所有", "一些",
            # verbs of place and reference that lead a noun in (`位于域名系统 (DNS) 中`)
            "位于", "处于", "属于", "来自", "关于", "对于", "根据", "按照",
            # verbs of purpose and replacement (`用于代替地址解析协议（ARP）`)
            "用于", "用来", "用以", "代替", "取代")


# Words between two glossed names that make them one thing: `发布者（publishers）亦称生产者
# （producers）`. Not 或 / or (`接口（interface）或抽象类（abstract class）`: two choices), nor 即,
# which in a run of Chinese is mostly part of a name (`函式即服務`, `基础设施即服务`).
SYNONYM_LINKS = {"亦称", "又称", "也称", "也叫", "又叫", "或称", "也称为", "又称为",
                 "aka", "also called", "also known as"}
# Words after which the name glossed by a parenthesis starts (trim_leading): those links, the
# markers of other names of two characters or more, and the conjunctions of a choice.
_NAME_STARTS_AFTER = frozenset({*SYNONYM_LINKS, "或", "或者",
                                *(m for m in lexicon.SYNONYM_MARKERS_ZH if len(m) > 1)})
GENERIC = Config()  # the default settings: the generic section words of every notes folder


# Markers that say the language of the name after them: a name follows after a colon, or in
# Latin letters (`英语：Address Resolution Protocol`, `英文 ORM`).
_LANGUAGE_MARKERS = frozenset({*lexicon.LANGUAGE_MARKERS_ZH, "英文"})

LEADING_ADVERB = re.compile(r"^(?:通常|一般|常常|经常|常|也|又|亦|往往|多)(?=[简又也亦被称叫])")


def after_marker(inner: str) -> str | None:
    """`以下简称RLHF` → `RLHF`: the name after a synonym marker, or None."""
    # `通常简称为 K8s`: an adverb before the marker; but 又 of 又称 is the marker's own
    for text in dict.fromkeys((inner.strip(), LEADING_ADVERB.sub("", inner.strip()))):
        for marker in lexicon.SYNONYM_MARKERS:
            if marker != "or" and text.lower().startswith(marker) and len(text) > len(marker):
                rest = text[len(marker):]
                if has_cjk(marker):
                    rest = re.sub(r"^[为作做]", "", rest)
                if marker in _LANGUAGE_MARKERS and not re.match(r"\s*[:：]|\s*[A-Za-z]", rest):
                    return None  # `雅思（英语考试）`: a description, no name in English
                return rest.strip(" :：,，") or None
    return None


def split_parens(head: str) -> tuple[str, list[str]]:
    """`TERM(a, b)` → ("TERM", ["a, b"]); several groups `T(a)(b)` are all read."""
    head = head.strip()
    groups: list[str] = []
    while head and head[-1] in CLOSE:
        depth, start = 0, -1
        for i in range(len(head) - 1, -1, -1):
            if head[i] in CLOSE:
                depth += 1
            elif head[i] in OPEN:
                depth -= 1
                if depth == 0:
                    start = i
                    break
        if start <= 0:
            break
        groups.insert(0, head[start + 1:-1])
        head = head[:start].rstrip()
    return head, groups


# `对象(objects)`: a name and its other name in parentheses, the whole text.
PAREN_PAIR = re.compile(r"^([^()（）]{1,30})\s*[(（]([^()（）]{1,40})[)）]$")


# 张量Tensor: a CJK run directly followed by a capitalised Latin word (a translation pair).
_CJK_THEN_LATIN = re.compile(r"^([\u3400-\u9fff]{2,})([A-Z][A-Za-z][A-Za-z -]*"
                             r"|[a-z]{2,}(?: [a-z]+)+)$")  # 吸附到网格snap to grid
# `萌芽期 innovation trigger`, `复苏期 Slope of Enlightenment`: a Chinese name, one space and an
# English name of two or more words, all lower case or in title case (not `部署 Kubernetes
# cluster`, where a product name opens a phrase).
_CJK_SPACE_LATIN = re.compile(r"^([\u3400-\u9fff]{2,}) ([a-z]+(?: [a-z]+)+|[A-Z][a-z]+"
                              r"(?: (?:[A-Z][a-z]+|of|the|and|to|for|in|on|a|an|as))+)$")


def split_cjk_latin(text: str) -> list[str] | None:
    """`张量Tensor` → [张量, Tensor], `吸附到网格snap to grid` → [吸附到网格, snap to grid]: a
    Chinese name run into its English one (a capitalised word, or lower-case words), or
    followed by it after a space when the English has two or more words and the Chinese ends
    on a noun. Not when the Chinese ends on a particle or conjunction (`效率与UI` is 效率 and
    UI).

    >>> split_cjk_latin("萌芽期 innovation trigger"), split_cjk_latin("复苏期 Slope of Enlightenment")
    (['萌芽期', 'innovation trigger'], ['复苏期', 'Slope of Enlightenment'])
    >>> split_cjk_latin("学习 machine learning"), split_cjk_latin("部署 Kubernetes cluster")
    (None, None)
    """
    match = _CJK_THEN_LATIN.match(text.strip())
    if not match:
        match = _CJK_SPACE_LATIN.match(text.strip())
        # With a space the Chinese may be a verb and the English its object (`学习 machine
        # learning`): a name ends on a noun.
        if not match or not _ends_on_noun(match.group(1)):
            return None
    if match.group(1)[-1] in lexicon.PARTICLES_ZH:
        return None
    return [match.group(1), match.group(2).strip()]


def _ends_on_noun(text: str) -> bool:
    """A Chinese name: it ends on a noun and opens with no verb or preposition (`按名称排序`
    is a setting, not a name)."""
    tags = _pos(text)
    return bool(tags) and tags[-1][1].startswith("n") and not is_verb_phrase(text)


_CJK_MODIFIERS = sorted((w for w in lexicon.EMPTY_MODIFIERS if has_cjk(w)), key=len, reverse=True)


# Section words that make no term of an everyday word before them: 开发记录, 问题记录, 项目简介,
# 使用说明 (笔记, 实践, 列表 do: 文献笔记 is a kind of note, 任务列表 one of Markdown's lists).
_RECORD_SUFFIXES = ("记录", "简介", "介绍", "概述", "概览", "总结", "小结", "说明", "注意事项",
                    "注意点", "篇")
# … and the plans, implementations, needs, recommendations, views, effects and thoughts of an
# everyday word (`技术方案`, `代码实现`, `项目需求`, `整体效果`), when the segmenter reads two
# words there: 自我实现 and 解决方案 are words of their own.
_PLAN_SUFFIXES = ("方案", "实现", "需求", "推荐", "观点", "效果", "思考")
# A prefix before a section word or an everyday word that makes a section of it: `参考项目`,
# `参考笔记` (what to read), as 我的 and 个人 do; a word of its own it opens is not (参考系).
_REFERENCE_ZH = "参考"  # (not 推荐: 推荐系统 is a name)
_MORE_OF = ("other ", "others ", "more ", "其他", "其它", "更多",
            # an example of what the note covers (`Example Configuration`, `Sample repo`)
            "example ", "examples ", "sample ", "samples ")


def is_generic_heading(text: str, config: Config) -> bool:
    """A section name (`参考资料`, `Next`), or a generic word with an empty modifier
    (`个人总结`, `我的理解`, `相关词汇`, `示例一`, `Other resources`)."""
    if config.is_generic(text) or config.is_generic(split_parens(text)[0]):
        return True
    if text.lower() in lexicon.CLAIM_SECTIONS:
        return True
    if any(text.lower().startswith(w) and len(text) > len(w) for w in _MORE_OF):
        return True  # `Other Browser Extensions`, `其他并发问题`, `Example queries`: more of,
        # or an example of, what the note covers
    if has_cjk(text) and text.endswith(("相关", "方面", "部分", "汇总", "合集", "集合", "角度",
                                         "视角", "层面")) and len(text) > 2:
        return True  # 视频相关, 性能方面, 本库工作流汇总, Go角度: a section about X, not X
    if has_cjk(text) and len(text) <= 48:  # (a longer text is no section heading)
        for suffix in (*_RECORD_SUFFIXES, *_PLAN_SUFFIXES):
            head = text[:-len(suffix)].rstrip("的之 ")
            if text.endswith(suffix) and len(head) >= 2 and has_cjk(head) and is_everyday(head) \
                    and (suffix in _RECORD_SUFFIXES or len(heading_words(text)) > 1):
                return True  # 开发记录, 项目简介: a section of an everyday word (微服务概述 is
                # about 微服务, though 微 and 服务 are everyday words each)
    for word in (*_CJK_MODIFIERS, _REFERENCE_ZH):
        if text.startswith(word) and len(text) > len(word) and (
                word != _REFERENCE_ZH or heading_words(text)[0] == word):
            rest = text[len(word):].lstrip("的")
            if rest and (config.is_generic(rest) or rest in lexicon.CLAIM_SECTIONS
                         or is_everyday(rest)):
                return True  # 我的理解, 个人总结, 相关词汇
    words = heading_words(text)
    if len(words) >= 2:
        head_generic = config.is_generic(words[-1]) or config.is_generic("".join(words[1:])) \
            or words[-1].lower() in lexicon.CLAIM_SECTIONS
        if head_generic and all(w.lower() in lexicon.EMPTY_MODIFIERS for w in words[:-1]):
            return True
        if head_generic and words[-1] != "笔记" and all(config.is_generic(w) for w in words[:-1]):
            return True  # 参考链接: a section word before a section word (实践笔记 is a
            # kind of note, as 文献笔记 is)
        if config.is_generic(words[0]) and all(w.lower() in lexicon.EMPTY_MODIFIERS
                                               for w in words[1:]):
            return True  # 示例一, Example 2
    return False


def heading_words(text: str) -> list[str]:
    """Words of a short heading: Latin words by spaces, CJK runs segmented."""
    return [w for w in words(text) if w.strip()]


@lru_cache(maxsize=1 << 16)
def good_name(text: str, *, strict: bool = True) -> bool:
    """A name worth a concept on prose evidence: name-shaped, not a sentence, question,
    claim or everyday word."""
    text = text.strip()
    if not text or len(text) > 48 or not is_name(text, strict=strict):
        return False
    if is_sentence(text) or is_question(text) or is_claim(text) or is_everyday(text) \
            or is_key_press(text) or is_advice(text):
        return False  # … or a key (`cmd`, `Esc`): pressed, not looked up
    if GENERIC.is_generic(text) or is_generic_heading(text, GENERIC):
        return False  # 应用场景, Overview, 基本概念: section words
    if is_verb_phrase(text):
        return False  # 减少冲突: does something, names nothing
    if has_cjk(text):
        parts = words(text)
        if any(p in lexicon.PARTICLES_ZH for p in parts[1:-1]) or parts[0] in _LEADING \
                or parts[-1] in lexicon.PARTICLES_ZH:
            return False  # 拆分出的服务, 的方法: phrases, not names
        if modifier_tagged(text):
            return False
        if strict and len([p for p in parts if has_cjk(p)]) > 3:
            return False  # 自动分析获得模型: a clause, not a name
        return len(text) >= 2
    tokens = text.split()
    return not (function_word(tokens[0]) or function_word(tokens[-1]))


def function_word(token: str) -> bool:
    """`the`, `of`, `vs`: not an end of a name; written in capitals it is an acronym (`VS Code`,
    `IT Service`)."""
    if len(token) >= 2 and token.isupper():
        return False
    return token.lower() in NAME_EDGE_WORDS


# Leading words that inside a run of Chinese are part of a name (`函式即服務`, `基础设施即服务`:
# "as a service"); they lead into the name only where the run starts with them (`即高级消息队列`).
_INSIDE_NAMES = frozenset({"即"})

_CONNECTIVES = lexicon.CONNECTIVES_ZH


_MARKERS = sorted({m for m in (*lexicon.SYNONYM_MARKERS_ZH, *lexicon.EXAMPLE_MARKERS_ZH,
                               "称为", "叫做", "例如", "比如") if len(m) >= 2}, key=lambda m: (-len(m), m))


def trim_leading(run: str) -> str:
    """The name at the end of a Chinese run, without what leads into it."""
    # Cut after the marker that ends last (the segmenter may cut 亦称 into 亦 / 称): in
    # `FIFO又叫做命名管道` 叫做 ends after 又叫, whichever of them is looked at first.
    ends = [run.rfind(m) + len(m) for m in _MARKERS if run.rfind(m) >= 0]
    ends = [end for end in ends if len(run) - end >= 2]
    if ends:
        run = run[max(ends):]
    parts = words(run)
    starts, at = [], 0  # where each word starts in `run` (spaces between Latin words kept)
    for part in parts:
        at = run.find(part, at)
        starts.append(at)
        at += len(part)
    first = 0
    # Cut after the last particle or leading verb: 的并发模型 → 并发模型.
    for i in range(len(parts) - 1, -1, -1):
        if parts[i] in _INSIDE_NAMES and i > 0:
            continue  # 函式即服務: part of the name
        if parts[i] in lexicon.PARTICLES_ZH or parts[i] in _LEADING \
                or parts[i] in _NAME_STARTS_AFTER:
            first = i + 1
            break
    while first < len(parts) and parts[first] in _CONNECTIVES:
        first += 1
    name = run[starts[first]:].strip() if first < len(parts) else ""
    return name if len(name) <= 12 or " " in name and len(name) <= 30 else ""


# jieba's tags of words that never open a name: numerals with their measure word (一张, 一条),
# pronouns and determiners (任何, 这些), prepositions (对于, 从), conjunctions (要么),
# localizers (之间).
_FUNCTION_TAGS = ("m", "r", "p", "c", "f")


def led_by_function_word(run: str) -> bool:
    """`一张表`, `任何数据库`, `之间建立连接`, `对于 Python`: a Chinese run that opens with a
    numeral, determiner, preposition, conjunction or localizer is the tail of a phrase, not a
    name (part-of-speech tags by jieba's dictionary)."""
    if not run or not has_cjk(run[0]):
        return False
    tags = _pos(run.strip())
    return len(tags) >= 2 and tags[0][1] in _FUNCTION_TAGS  # a word alone is what it is


def noun_like(name: str) -> bool:
    """Ends like a name: not on a verb, adverb or particle (`租户可以`, `软件系统通常`); an
    English name does not start with an adverb (`Additionally …`) and has at most 4 words."""
    if has_cjk(name):
        tags = _pos(name)  # (a verb may end a name: 持续集成, 负载均衡)
        if tags and tags[-1][1][:1] in ("d", "p", "c", "u", "m", "q", "r", "f"):
            return False
        if ends_in_when(tags):
            return False
        if len(tags) == 2 and tags[0][0] in _PREFIXES and tags[1][1][:1] == "n":
            return True  # 多进程, 单实例: multi-, single- (the tagger reads 多 as a numeral)
        return not (tags and tags[0][1][:1] in ("d", "p", "c", "u", "m", "q", "r"))
    words_ = name.split()
    return len(words_) <= 4 and not words_[0].lower().endswith("ly")


_PREFIXES = frozenset("多单双")


_AFTER_CLAUSE = ("之后", "以后", "之前", "以前", "之时")
_CLAUSE_ENDS = frozenset({"到", "在", "把", "被", "给"})


def modifier_tagged(text: str) -> bool:
    """A Chinese phrase that qualifies rather than names, by jieba's tags: an adverb of degree
    first (`最便宜`, `更灵活`), only adjectives (`轻便耐用`), or a clause closed by
    "after/before/when" (`安装完成之后`, `启动服务时`).

    >>> [modifier_tagged(x) for x in ("最便宜", "更灵活", "轻便耐用", "安装完成之后", "启动服务时")]
    [True, True, True, True, True]
    >>> [modifier_tagged(x) for x in ("快速傅里叶变换", "同步阻塞", "直接寻址", "编译时", "最小生成树")]
    [False, False, False, False, False]
    """
    tags = _pos(text)
    if not tags or not all(has_cjk(w) for w, _ in tags):
        return False
    flags = [flag for _, flag in tags]
    # jieba tags 快速, 直接, 同步 adverbs too (快速排序, 直接后继 are names): only a
    # one-character adverb of degree opens a phrase that qualifies; 最 and 再 only before
    # one word that is no noun (最常, 最便宜; 最左前缀, 再哈希 are names)
    if flags[0] == "d" and tags[0][0] in _ADVERBS and len(tags) >= 2:
        return True
    if tags[0][0] in "最再" and len(tags) == 2 and flags[1] in ("a", "ad", "d", "v"):
        return True
    if len(tags) == 1 and len(text) == 2 and text[0] in "更很太" and flags[0] in ("x", "a"):
        return True  # `更高`, `很大` (one word to the segmenter; 更新, 更迭 are not: `d`)
    if len(tags) >= 2 and all(f in ("a", "ad") for f in flags):
        return True
    return text.endswith(_AFTER_CLAUSE) and len(text) > 3 or ends_in_when(tags)


_ADVERBS = frozenset("更很太又才就都也还")


def ends_in_when(tags) -> bool:
    """`报文时`, `客户端通信时`: a clause closed by 时 ("when …"), not a name; `运行时`, `编译时`,
    `容器运行时` (a verb and 时: runtime, compile time) are names. By jieba's tags of the word
    before 时: a noun, or anything but a plain verb after two words (so `用户登录时`, a verb,
    stays, and `恒星时`, a time standard, goes). `tags`: jieba's words and tags.

    >>> from graph.rules.shapes import _pos
    >>> [ends_in_when(_pos(x)) for x in ("报文时", "客户端通信时", "运行时", "容器运行时", "实时")]
    [True, True, False, False, False]
    """
    return len(tags) >= 2 and tags[-1][0] == "时" and (tags[-2][1][:1] == "n"
                                                       or len(tags) >= 3 and tags[-2][1] != "v")


def title_name(text: str) -> bool:
    """`Google Mail`, `Microsoft Office 365`: two to four words each capitalised (or digits),
    listed as an example: a product's name, however everyday its words are in English.

    >>> title_name("Google Mail"), title_name("Microsoft Office 365"), title_name("google mail")
    (True, True, False)
    >>> title_name("The Best"), title_name("Mail")
    (False, False)
    """
    words_ = text.split()
    if has_cjk(text) or not 2 <= len(words_) <= 4 or not is_name(text):
        return False
    if words_[0].lower() in NAME_EDGE_WORDS or words_[-1].lower() in NAME_EDGE_WORDS:
        return False
    return all(re.fullmatch(r"[A-Z][\w.+#-]*|\d[\w.]*", w) for w in words_) and \
        not words_[0].isdigit()


def listable_name(text: str) -> bool:
    """A name an enumeration may list: an example's name or a product's (`Google Mail`)."""
    return example_name(text) or title_name(text)


def example_name(text: str) -> bool:
    """An example worth a concept: a name, not a phrase (`x containers`, `deployed`,
    `start new instances`, `y 个 Pod`)."""
    if not good_name(text) or not noun_like(text):
        return False
    if has_cjk(text):
        tags = _pos(text)
        if any(tag in ("d", "r") and len(word) >= 2 and word[0] != "最" for word, tag in tags) \
                or tags[-1][0] in _CLAUSE_ENDS:
            return False  # `gdb一律单步调试`, `存取某些设备`, `8 到` (最近最少使用 is a name)
        return not re.search(r"[A-Za-z]\s*个|^\w\s", text)
    words_ = text.split()
    return len(words_) <= 3 and len(words_[0]) > 1 and \
        not any(w.lower().endswith(("ed", "ing")) and zipf(w.lower()) >= 3.0 for w in words_)
