"""Other names a sentence gives with a marker: `CNAME 即指别名记录，也被称为规范名字`
(`marked_synonyms`), `Data ingestion is also referred to as planting` (`marked_synonyms_en`),
a sentence that is only a marker and a name (`opening_other_names`: `也叫入链。`), and the name
after a marker (`after_marker`: `以下简称RLHF` → RLHF).

>>> [t.names for t in marked_synonyms("Kubernetes 又称 K8s，是一个容器编排系统")]
[('Kubernetes', 'K8s')]
"""

from __future__ import annotations

import re

from .. import lexicon
from ..termhood import is_acronym, is_everyday
from ..text import clean_label, has_cjk
from .names import CJK, LEADING_ADVERB, after_marker, function_word, good_name, trim_leading
from .prose_term import PAIR, PAIR_COMMON, ProseTerm
from .shapes import _pos, is_name, is_sentence


# `CNAME 即指别名记录，也被称为规范名字`: words that say the next name is another name of the
# one before (not bare 即, which opens 即使, 即可 …).
_MARKED = re.compile(r"(?:也被称为|又被称为|被称为|又称为|也称为|也叫做|又叫做|即指|又称|亦称|也称|"
                     r"也叫|又叫|又名|别称|俗称|简称)(?:为|作|做)?")
_NAME_AFTER = re.compile(r"\s*[“\"「]?([^，,。；;：:！!？?（）()“”\"「」\n]{1,30})")


def marked_synonyms(text: str) -> list[ProseTerm]:
    """`CNAME 即指别名记录，也被称为规范名字。`: a name, then other names each introduced by a
    word that says so (即指, 也被称为, 又称, 俗称 …), in one sentence: one concept, all its
    names (the issue's true other names, written in running text rather than in a
    parenthesis). The first name is the one right before the first marker.

    >>> [t.names for t in marked_synonyms("CNAME 即指别名记录，也被称为规范名字。一般用来…")]
    [('CNAME', '别名记录', '规范名字')]
    >>> [t.names for t in marked_synonyms("命名管道又叫FIFO，是一种进程间通信方式")]
    [('命名管道', 'FIFO')]
    >>> marked_synonyms("这个方法被称为一种很好的做法，因为它简单")
    []
    """
    if not has_cjk(text) or not _MARKED.search(text):
        return []
    out = []
    for sentence in re.split(r"[。！？!?；;\n]", text):
        markers = list(_MARKED.finditer(sentence))
        if not markers:
            continue
        subject = _name_before(sentence[:markers[0].start()])
        if not subject:
            continue
        names = [subject]
        for marker in markers:
            between = sentence[:marker.start()]
            if marker is not markers[0] and not re.search(r"[，,]\s*$", between):
                break  # another clause: only `X 即指 Y，也被称为 Z` chains
            found = _NAME_AFTER.match(sentence, marker.end())
            name = clean_label(found.group(1)) if found else ""
            if not name or not good_name(name, strict=False) or is_sentence(name) \
                    or (has_cjk(name) and len(name) > 10) or len(name.split()) > 5:
                break
            names.append(name)
        if len(names) >= 2:
            out.append(ProseTerm(tuple(dict.fromkeys(names)), "marked-synonym", PAIR))
    return out


# `事务在英文中是 transaction`, `提拉米苏，英文是Tiramisu`, `SOTA 的英文全称是 State of the Art`:
# words that say the English name of what was just named follows.
_ENGLISH_NAMED = re.compile(r"\s*[，,]?\s*(?:的|在)?英文(?:中|里)?(?:的)?(?:名字?|全称|全稱|名称|名稱|叫法)?"
                            r"(?:就|也)?(?:是|为|為|叫做|叫作|叫|称为|稱為)\s*[“\"「]?")
_LATIN_NAME = re.compile(r"[A-Za-z][\w.+#-]*(?: [A-Za-z][\w.+#-]*){0,5}")


def english_named(text: str) -> list[ProseTerm]:
    """`事务在英文中是 transaction，它有如下四个特性`: a name, then words that say its English
    name (`在英文中是`, `的英文全称是`, `，英文是`) and a Latin name of at most six words right
    after them: one concept, both names. The English name must follow at once (`英文是主语言`
    names nothing).

    >>> [t.names for t in english_named("事务在英文中是 transaction，和现实世界中的交易很类似")]
    [('事务', 'transaction')]
    >>> [t.names for t in english_named("SOTA 的英文全称是 State of the Art，意思是最先进的")]
    [('SOTA', 'State of the Art')]
    >>> [t.names for t in english_named("提拉米苏，英文是Tiramisu，一种甜点")]
    [('提拉米苏', 'Tiramisu')]
    >>> english_named("这样的问题在英文是主语言时才会出现"), english_named("我的英文是自学的")
    ([], [])
    >>> [t.names for t in english_named("Redis集群的英文是 Redis Cluster")], english_named("它的英文是 InnoDB")
    ([('Redis集群', 'Redis Cluster')], [])
    """
    if "英文" not in text:
        return []
    from .term_item import is_abbreviation

    out = []
    for sentence in re.split(r"[。！？!?；;\n]", text):
        for marker in _ENGLISH_NAMED.finditer(sentence):
            before = sentence[:marker.start()].rstrip()
            found = _LATIN_NAME.match(sentence, marker.end())
            if not found:
                continue
            name = clean_label(found.group(0))
            run = re.search(f"(?:[A-Za-z][A-Za-z0-9+#.-]* ?)?[{CJK}]+$", before)
            if run:  # the pair is the evidence: an everyday word may have its English name
                # (a Latin word run into the Chinese is the name's: `Redis集群的英文是 …`)
                subject = run.group(0) if re.match("[A-Za-z]", run.group(0)) \
                    else trim_leading(run.group(0))
                if not subject or not is_name(subject) or is_sentence(subject) \
                        or any(tag == "r" for _, tag in _pos(subject)):
                    continue  # `它的英文是 InnoDB`: a pronoun names nothing
            else:  # `SOTA 的英文全称是 State of the Art`: an acronym spelled out
                subject = _name_before(before)
                if not is_acronym(subject) or not is_abbreviation(subject, name):
                    continue
            if not name or function_word(name.split()[-1]) or not is_abbreviation(subject, name) \
                    and (not is_name(name) or is_sentence(name)):
                continue
            common = is_everyday(subject) or not good_name(subject)
            out.append(ProseTerm((subject, name), "named-in-english", PAIR_COMMON if common else PAIR))
    return out


# `Data ingestion is also referred to as planting`, `Vertical scaling, also known as "scaling
# up and down", is …`: a sentence that opens with a name, then says its other name.
_MARKED_EN = re.compile(
    r"^\s*(?:(?:the|a|an)\s+)?(?P<subject>[A-Za-z][\w.+#-]*(?: [A-Za-z][\w.+#-]*){0,3})"
    r"(?:,\s*| (?:is|are) )(?:also |often |sometimes |commonly )?"
    r"(?:referred to as|known as|called)\s+(?:(?:the|a|an)\s+)?"
    r"[\"“]?(?P<other>[A-Za-z][\w.+#-]*(?: [A-Za-z][\w.+#-]*){0,4})[\"”]?\s*(?:[,.;:)]|$)")


_DETERMINERS_EN = frozenset("it this that which they other others some such each every many "
                            "most all any several".split())


def marked_synonyms_en(text: str) -> list[ProseTerm]:
    """`Data ingestion is also referred to as planting.`, `Vertical scaling, also known as
    "scaling up and down", is a technique …`: an English sentence that opens with a name (at
    most four words, none a function word) and says, with `(is) also referred to / known as`
    or `called`, the other name of it (at most five words, up to the end of the clause): one
    concept with both names.

    >>> [t.names for t in marked_synonyms_en("Data ingestion is also referred to as planting.")]
    [('Data ingestion', 'planting')]
    >>> marked_synonyms_en("Data from previous interactions is referred to as state since …")
    []
    """
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        found = _MARKED_EN.match(sentence)
        if not found:
            continue
        subject, other = found.group("subject"), found.group("other").rstrip(".")
        if not other or any(function_word(w) for w in subject.split()) or \
                any(function_word(w) for w in (other.split()[0], other.split()[-1])):
            continue
        if not (good_name(subject, strict=False) or is_name(subject)) \
                or not is_name(other) or is_sentence(other):
            continue
        if subject.split()[0].lower() in _DETERMINERS_EN:
            continue  # `Other domain specific constructs are sometimes called charts`
        out.append(ProseTerm((subject, other), "marked-synonym-en", PAIR_COMMON))
    return out


_OPENING_EN = re.compile(r"(?:also known as|also called|a\.?k\.?a\.?)\s+", re.I)


def opening_other_names(text: str) -> tuple[str, ...]:
    """`也叫入链。反向链接是…`: a sentence that is only a marker of another name and the name
    (no subject before it) names what the text is about: the names it gives, else ().

    >>> opening_other_names("也叫入链。反向链接是一个页面的入口"), opening_other_names("Also known as RLHF.")
    (('入链',), ('RLHF',))
    >>> opening_other_names("反向链接也叫入链。"), opening_other_names("也叫它一声，再说")
    ((), ())
    """
    sentence = re.split(r"[。！？!?；;\n]|\.(?:\s|$)", text.strip(), maxsplit=1)[0].strip()
    names: list[str] = []
    at = 0
    while at < len(sentence):
        rest = sentence[at:]
        marker = _MARKED.match(rest) or _OPENING_EN.match(rest)
        if marker is None:  # `通常简称 K8s`: an adverb before the marker
            bare = LEADING_ADVERB.sub("", rest)
            marker = _MARKED.match(bare)
            if marker is None:
                return ()
            at += len(rest) - len(bare)
        found = _NAME_AFTER.match(sentence, at + marker.end())
        name = clean_label(found.group(1)) if found else ""
        if not name or not good_name(name, strict=False) or is_sentence(name) \
                or (has_cjk(name) and len(name) > 10) or len(name.split()) > 5:
            return ()
        names.append(name)
        at = found.end()
        gap = re.match(r"[\s”\"」]*(?:[，,、]\s*|$)", sentence[at:])
        if gap is None:
            return ()  # the sentence goes on: not a name alone
        at += gap.end()
    return tuple(dict.fromkeys(names))


def _name_before(text: str) -> str:
    """The name a clause ends with: a Latin run (`CNAME `) or the last Chinese name."""
    text = text.rstrip()
    latin = re.search(r"([A-Za-z][A-Za-z0-9+#.\-]*(?: [A-Za-z][A-Za-z0-9+#.\-]*){0,3})$", text)
    if latin:
        name = latin.group(1)
        return name if good_name(name, strict=False) or is_acronym(name) else ""
    run = re.search(f"[{CJK}]+$", text)
    if not run:
        return ""
    name = trim_leading(run.group(0))
    return name if name and good_name(name) else ""
