"""Definition sentences: `X（Y）是…`, `X is a …`, `X也称为Y，是…` — the subject they define
(`defined_term`, `defined_subject`) and the kind they put it in (`definition_genus`,
`definition_kind`: `etcd 是一个分布式的键值存储系统` → 键值存储系统).

>>> d = defined_term("持续集成（CI）是在源代码变更后自动构建和测试的过程。"); d.names, d.rule
(('持续集成', 'CI'), 'definition')
>>> defined_term("VSCode is an open source IDE from Microsoft.").names
('VSCode',)
"""

from __future__ import annotations

import re

from .. import lexicon
from ..segment import words
from ..text import clean_label, has_cjk
from .names import CJK, NAME_EDGE_WORDS, good_name, noun_like, trim_leading
from .parens import split_examples
from .prose_term import ProseTerm
from .shapes import _pos, is_sentence
from .term_item import CATEGORY_SUFFIXES, is_other_name

DEFINITION = 0.8


# (One run of spaces before the verb, not two adjacent `\s*`: those split a long run of spaces
# every way there is, and a line of 20,000 spaces took a minute.)
_DEFINES_ZH = re.compile(r"^(.{1,40}?)(?:\s*[(（]([^()（）]{1,60})[)）])?\s*"
                         r"(?:是一种|是一个|是一套|是一门|是指|指的是|是|指)(?!否|因为|由于|为了)(.+)$")
_DEFINES_EN = re.compile(r"^(?:(?:A|An|The)\s++)?(.{1,60}?)(?:\s*\(([^()]{1,60})\))?,?\s+"
                         r"(?:is|are|refers to|means|stands for)\s+(?:an?\s+|the\s+)?(.+)$")


# A later line of a paragraph that defines a thing the English way (`Debugging is …` /
# `A bug is a defect …`, a sentence a line as the CNCF glossary writes): a definition as much
# as the paragraph's first line is (`_DEFINES_EN` reads the line; this says it is one).
_ARTICLE_DEFINES = re.compile(r"(?:A|An) [A-Za-z][\w-]*(?: [A-Za-z][\w-]*){0,3} "
                              r"(?:is|are) (?:a|an|the) ")


def defines_by_article(line: str) -> bool:
    """`A bug is a defect …`: a line that opens by defining a thing with an article.

    >>> defines_by_article("A bug is a defect."), defines_by_article("It is a defect.")
    (True, False)
    """
    return _ARTICLE_DEFINES.match(line) is not None


def _definition_match(text: str):
    sentence = text.strip().split("\n")[0]
    if not is_sentence(sentence):
        return None, sentence
    match = _DEFINES_ZH.match(sentence) if has_cjk(sentence[:12]) else \
        _DEFINES_EN.match(sentence)
    return match, sentence


def defined_subject(text: str) -> str | None:
    """The subject of a definition sentence, whatever it is (`A launch task is …` →
    `launch task`), to compare with a heading."""
    match, _ = _definition_match(text)
    return clean_label(match.group(1)) if match else None


# `X也称为Y，是…`, `X, also known as Y, is …`: a subject that gives its other name itself.
_AKA_SUBJECT = re.compile(
    r"^(.+?)\s*[,，]?\s*(?:也称为|又称为|也称作|又称作|也被称为|亦称|又称|也称|也叫做|也叫|又叫|"
    r"简称为|简称|或称|also known as|also called|a\.k\.a\.?|aka)\s*(.+?)\s*[,，]?$", re.I)


def aka_subject(subject: str) -> tuple[str, str] | None:
    """`Kubernetes也称为K8s` → (`Kubernetes`, `K8s`): a definition's subject and the other
    name a synonym marker gives it.

    >>> aka_subject("Kubernetes也称为K8s，"), aka_subject("Kubernetes, also known as K8s,")
    (('Kubernetes', 'K8s'), ('Kubernetes', 'K8s'))
    >>> aka_subject("Kubernetes")
    """
    match = _AKA_SUBJECT.match(subject.strip())
    if not match:
        return None
    first, other = clean_label(match.group(1)), clean_label(match.group(2))
    if not first or not other or re.search(r"[,，、;；:：]", first + other):
        return None
    return first, other


def defined_term(text: str) -> ProseTerm | None:
    """The subject a definition sentence defines: `X（Y）是…`, `X is a …` (Y: another name
    when it is one, see `term_item.is_other_name`), `X也称为Y，是…`, `X, aka Y, is …` (Y:
    another name, see `aka_subject`)."""
    match, sentence = _definition_match(text)
    if not match:
        return None
    subject, other = clean_label(match.group(1)), (match.group(2) or "").strip()
    aka = aka_subject(match.group(1)) if not other else None
    if aka is not None:
        subject, aka_name = aka
        if good_name(aka_name) and len(aka_name) <= 40:
            names = defined_term_names(subject, (aka_name,))
            return ProseTerm(names, "definition", DEFINITION, definition=sentence) \
                if names else None
    extra = ()
    if other:
        kind, items = split_examples(other)
        if kind == "names" and len(items) == 1 and is_other_name(clean_label(subject), items[0]):
            extra = (items[0],)
    names = defined_term_names(subject, extra)
    return ProseTerm(names, "definition", DEFINITION, definition=sentence) if names else None


# Nouns that name an aspect of something (its nature, meaning, purpose), not a thing:
# `大模型本质是概率模型` says what LLMs are, `基本含义是…` what the heading above means.
ASPECT_NOUNS_ZH = frozenset("本质 含义 意思 意义 定义 作用 目的 用途 功能 特点 原理 核心 关键 优势 区别".split())


def aspect_subject(subject: str) -> bool:
    """A Chinese subject that ends on an aspect noun (`大模型本质`, `消息队列的本质功能`,
    `基本含义`): the sentence says something about X's nature or meaning, it defines no term
    called `X本质`. A compound the segmenter keeps whole is a name (`功能测试`, `关键字`).

    >>> [aspect_subject(s) for s in ("大模型本质", "消息队列的本质功能", "基本含义", "功能测试", "核心")]
    [True, True, True, False, False]
    """
    if not has_cjk(subject):
        return False
    parts = [w for w in words(subject) if w.strip()]
    return len(parts) >= 2 and parts[-1] in ASPECT_NOUNS_ZH


def modified_subject(subject: str) -> bool:
    """A Chinese subject of `…是…` that is a phrase ending in a name, not a name: it runs on
    from an earlier clause (`每时每刻都在诞生和殒灭. 想要都捉住是不可能的`) or describes its
    noun with 的 (`常见的工作模式是 ORM`, `发布新的软件版本是一个…过程`): the sentence says
    something about that phrase, it defines no term called by its last word.

    >>> modified_subject("常见的工作模式"), modified_subject("诞生和殒灭. 想要都捉住")
    (True, True)
    >>> modified_subject("持续集成"), modified_subject("例如Kubernetes")
    (False, False)
    """
    return bool(re.search(r"[,，.。]|的", subject))


_TRAILING_ADVERB = re.compile(f"(?<=[A-Za-z0-9{CJK}])\\s*(?:一般来说|一般而言|一般|通常来说|通常|往往|"
                              f"其实|主要|默认|就|也|都|则|才|即|便|正|还|又)$")


def _without_trailing_adverb(subject: str) -> str:
    """`数据库通常` → 数据库, `变量默认` → 变量: an adverb before 是 is no part of the subject,
    when it is a word of its own (the 则 of 原则 is none: `设计原则是…` defines 设计原则)."""
    found = _TRAILING_ADVERB.search(subject)
    if not found:
        return subject
    adverb = found.group().strip()
    last = words(subject)[-1]
    if len(adverb) == 1 and last != adverb and _pos(last)[-1][1].startswith("n"):
        return subject  # a noun that ends on the adverb's character (原则), not the adverb
    return subject[:found.start()]


_LEADING_ADVERB = re.compile(r"^(?:【[^【】]{1,4}】|其实|所谓的|所谓|实际上|事实上|简单来说|简单地说|"
                             r"通常情况下|一般来说|一般而言)\s*")  # (`【强制】`: a rule's weight)


def defined_term_names(subject: str, others: tuple[str, ...]) -> tuple[str, ...] | None:
    """The subject of a definition as a name (None when it is a clause, a function word, a
    verb phrase), and its other names.

    >>> defined_term_names("数据库一般", ()), defined_term_names("其实斜杠青年", ())
    (('数据库',), ('斜杠青年',))
    >>> defined_term_names("数据库通常也", ()), defined_term_names("所谓的容器", ())
    (('数据库',), ('容器',))
    >>> defined_term_names("设计原则", ()), defined_term_names("变量默认", ())
    (('设计原则',), ('变量',))
    """
    if has_cjk(subject) or re.search(f"[{CJK}]$", subject):
        # `CNAME 即指别名记录`: CNAME; `数据库通常也是…`: 数据库; `所谓的容器是…`: 容器
        before = None
        while before != subject:
            before = subject
            subject = _without_trailing_adverb(subject)
            subject = _LEADING_ADVERB.sub("", subject).strip("“”\"「」")
        if aspect_subject(subject) or modified_subject(subject):
            return None
        subject = trim_leading(subject)
    if not subject or re.search(r"[,，、;；:：「」『』“”\"']", subject):
        return None  # `Traditionally, application servers`: a clause, not a name
    if not good_name(subject) or subject.lower() in NAME_EDGE_WORDS or not noun_like(subject):
        return None
    if has_cjk(subject) and len(subject) > 12:
        return None
    return (subject, *others)


_GENUS_CUT = re.compile(r"[，,。；;：:（(！!？?\n]")
_QUANTIFIER = re.compile(r"^(?:一个|一种|一套|一门|一款|一类|一项|一组|一家|一位|个|种)")


def _classifying_head(text: str) -> str | None:
    """The noun phrase closing the first clause of a Chinese `X 是…` definition, after its
    last 的 (`etcd 是一个分布式的键值存储系统，…` → 键值存储系统); None for other sentences and
    for `X 指…` (which describes, it does not classify)."""
    match, sentence = _definition_match(text)
    if not match or not has_cjk(sentence[:12]):
        return None
    link = sentence[match.end(2) if match.group(2) else match.end(1):match.start(3)]
    if "指" in link or "是" not in link:
        return None
    clause = _GENUS_CUT.split(match.group(3).strip(), 1)[0].strip()
    clause = _QUANTIFIER.sub("", clause)
    return clean_label(clause.rsplit("的", 1)[-1])


def definition_genus(text: str) -> str | None:
    """The kind a definition puts its subject in: `etcd 是一个分布式的键值存储系统，…` →
    `键值存储系统` (the noun phrase closing the first clause, after its last 的). Only for
    `是` definitions (`X 指…` describes, it does not classify), and only a compound name that
    is no everyday word (`是一个工具` says nothing)."""
    head = _classifying_head(text)
    if not head or not has_cjk(head) or not 3 <= len(head) <= 10:
        return None
    if re.search(r"[A-Za-z0-9]", head) or not good_name(head) or not noun_like(head):
        return None
    parts = [w for w in words(head) if w.strip()]
    if len(parts) < 2 or any(p in lexicon.PARTICLES_ZH for p in parts):
        return None  # one word (`工具`, `方法`) is too general a kind
    if not head.endswith(GENUS_HEADS):
        return None  # `抽象表示`, `综合解决方案`: a description, not a kind of thing
    return head


# Head nouns of a kind of thing (a class of systems, algorithms, languages …).
GENUS_HEADS = (*CATEGORY_SUFFIXES, "组件", "容器", "集群", "算法", "模型", "结构")


def definition_kind(text: str) -> str | None:
    """The kind any `X 是一种…Y` definition names, without `definition_genus`'s checks that
    it is a kind of thing worth a concept (`金丝雀部署是一种部署策略` → 部署策略): for a
    relation that holds only when Y is a concept anyway.

    >>> definition_kind("金丝雀部署是一种部署策略，开始时有两个环境")
    '部署策略'
    >>> definition_kind("etcd 是一个分布式的键值存储系统") is None   # definition_genus has it
    True
    """
    if definition_genus(text) is not None:
        return None
    head = _classifying_head(text)
    if not head or not 2 <= len(head) <= 12 or not good_name(head, strict=False) \
            or not noun_like(head):
        return None
    return head
