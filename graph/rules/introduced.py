"""Words that introduce the name after them as a term: `the principle of X`, `is an
implementation of X`, `known as X`, `is called X` (`introduced_en`); `所谓X是…`, `什么叫X？`
(`so_called_zh`); `…称为X` (`called_zh`).

>>> [t.names for t in so_called_zh("所谓缓存穿透，就是查询一个不存在的数据")]
[('缓存穿透',)]
"""

from __future__ import annotations

import re

from ..termhood import is_everyday
from ..text import clean_label, has_cjk
from .definitions import aspect_subject
from .names import CJK, NAME_EDGE_WORDS, GENERIC, good_name, noun_like
from .prose_term import ProseTerm
from .shapes import is_name, is_sentence, is_verb_phrase

INTRODUCED_EN = 0.5
# `the principle of X`, `an implementation of the X`, `known as X`, `is called X`: English
# words that introduce the name after them as a term.
_INTRODUCES_EN = re.compile(
    r"\b(?:(?:the|a|an)\s+(?:principle|concept|notion|paradigm|discipline|philosophy)\s+of"
    r"|(?:is|are)\s+(?:an?|the)\s+(?:kind|type|form|implementation|instance|variant|subset|"
    r"extension|specialization)\s+of"
    r"|(?:also\s+|often\s+|sometimes\s+|commonly\s+)?(?:known|referred\s+to)\s+as"
    r"|(?:is|are)\s+(?:also\s+|often\s+|sometimes\s+)?(?:called|termed|dubbed)"
    r"|so-called)\s+(?:the\s+|an?\s+)?", re.I)
_NP_STOP_EN = frozenset("""that which who whose where when for to in on with from by as and or
but than into within across at about between via so if because while is are was were be can
will would should may might has have had do does it its this these those since unless here
there now""".split())


def introduced_en(text: str) -> list[ProseTerm]:
    """`It enforces the principle of separation of concerns`, `The Sidecar Container is an
    implementation of the sidecar pattern.`, `a technique known as salting`: the noun phrase
    English introduces with `the principle / concept of`, `is a kind / an implementation of`,
    `known as`, `referred to as`, `is called`, `so-called` is a term (one to four words, up to
    the next function word or mark; `X of Y` when Y closes it). A phrase that opens with a
    gerund is an activity (`the practice of storing the definition`), and one everyday word
    alone is no term (`called nodes`).

    >>> [t.names for t in introduced_en("It enforces the principle of separation of concerns and more.")]
    [('separation of concerns',)]
    >>> [t.names for t in introduced_en("The Sidecar Container is an implementation of the sidecar pattern.")]
    [('sidecar pattern',)]
    >>> introduced_en("Infrastructure as code is the practice of storing the definition of it.")
    []
    >>> introduced_en("Chaos Engineering is the discipline of experimenting on a system.")
    []
    """
    if has_cjk(text):
        return []
    out, seen = [], set()
    for match in _INTRODUCES_EN.finditer(text):
        rest = text[match.end():]
        name = _noun_phrase_en(rest)
        after = rest[len(name):].split()[:1]
        if name.endswith("ing") and name[:1].islower() and after \
                and after[0].lower() in _NP_STOP_EN | NAME_EDGE_WORDS:
            continue  # `the discipline of experimenting on a system`: an activity
        if name and name.lower() not in seen and _introduced_name(name):
            seen.add(name.lower())
            out.append(ProseTerm((name,), "introduced-en", INTRODUCED_EN))
    return out


def _noun_phrase_en(rest: str) -> str:
    """The words of a noun phrase at the start of `rest` (`separation of concerns and …` →
    `separation of concerns`): up to a function word or a mark, one inner `of` allowed when a
    single word follows it and closes the phrase."""
    words_ = re.match(r"[A-Za-z0-9 '’-]*", rest).group(0).split()
    phrase: list[str] = []
    i = 0
    while i < len(words_) and len(phrase) < 4:
        word = words_[i]
        low = word.lower()
        if low == "of" and phrase and i + 1 < len(words_):
            after = words_[i + 2].lower() if i + 2 < len(words_) else ""
            closes = i + 2 == len(words_) or after in _NP_STOP_EN or after in NAME_EDGE_WORDS
            if closes and words_[i + 1].lower() not in NAME_EDGE_WORDS:
                return " ".join([*phrase, word, words_[i + 1]])
            break
        if low in _NP_STOP_EN or low in NAME_EDGE_WORDS or "'" in word or "’" in word:
            break
        phrase.append(word)
        i += 1
    if i < len(words_) and len(phrase) == 4 and words_[i].lower() not in _NP_STOP_EN \
            and words_[i].lower() not in NAME_EDGE_WORDS:
        return ""  # runs on: a clause, not a name
    return " ".join(phrase)


def _introduced_name(name: str) -> bool:
    """A term, as `introduced_en` finds one."""
    words_ = name.split()
    if not words_ or not good_name(name, strict=False) and len(words_) == 1:
        return False
    if not is_name(name) or is_sentence(name) or GENERIC.is_generic(name):
        return False
    if len(words_) > 1 and words_[0].lower().endswith("ing") and words_[0][:1].islower():
        return False  # storing the definition: an activity
    if len(words_) == 1:
        return len(name) >= 3 and not is_everyday(name)
    return not words_[-1].lower().endswith(("ly", "ed"))


SO_CALLED_ZH = 0.5
# `所谓原子操作是指…`, `所谓的缓存穿透，…`, `什么叫做野生规范？`: the name such a sentence
# is about, up to the verb or mark that closes it.
_SO_CALLED_ZH = re.compile(
    f"(?:所谓的?\\s*([{CJK}A-Za-z0-9][{CJK}A-Za-z0-9 +#.\\-]{{1,11}}?)\\s*"
    f"(?=[，,]?\\s*(?:一般|通常|其实)?(?:就是指|就是|是指|指的是|即是|即|是|指))"
    f"|(?:什么叫做?|何谓)\\s*([{CJK}A-Za-z0-9][{CJK}A-Za-z0-9 +#.\\-]{{1,11}}?)\\s*(?=[？?]))")


def so_called_zh(text: str) -> list[ProseTerm]:
    """`所谓原子操作是指不会被线程调度机制打断的操作`, `什么叫做野生规范？`: the name a Chinese
    sentence says it explains, with `所谓X（，）是 / 就是 / 指…` (so-called X is …) or asks
    about with `什么叫X？` (what is called X?), is a term. `所谓` without a definition after
    the name is as often scorn (`所谓生产力专家，不太值得学习`).

    >>> [t.names for t in so_called_zh("所谓原子操作是指不会被线程调度机制打断的操作")]
    [('原子操作',)]
    >>> [t.names for t in so_called_zh("什么叫做野生规范？即这些规范是社区自己草拟的规则")]
    [('野生规范',)]
    >>> so_called_zh("所谓生产力专家，不太值得学习。")
    []
    """
    if "所谓" not in text and "什么叫" not in text and "何谓" not in text:
        return []
    out = []
    for match in _SO_CALLED_ZH.finditer(text):
        name = clean_label(match.group(1) or match.group(2))
        if name and has_cjk(name) and good_name(name) and noun_like(name) \
                and not is_verb_phrase(name) and not aspect_subject(name):
            out.append(ProseTerm((name,), "so-called", SO_CALLED_ZH))
    return out


CALLED_ZH = 0.5
# `当n为零时称为空表。`, `前者称为单点树，后者称为斜堆`, `称这种图为欧拉图`: the name a
# sentence gives what it has just described (a textbook's way of defining), up to the mark
# that closes it. Not `也称为` / `又称` / `简称` / `被称为` (another name of a named thing:
# graph.rules.other_names), nor `统称为` (what a list is called: graph.rules.enumerations).
_CALLED_ZH = re.compile(
    f"(?<![也又亦或简统被俗并总名])(?<!也可以)"
    f"(?:称为|称作|叫做|称之为|称其为|称它为|称此为|称(?:这种|这类|此类?)[{CJK}]{{0,6}}?(?<![行作因认成])为)"
    f"\\s*[\"“「『]?([{CJK}A-Za-z0-9][{CJK}A-Za-z0-9 +#.\\-]{{1,15}}?)[\"”」』]?"
    f"\\s*(?=[，,。；;、：:！!？?)）(（]|\\.(?:\\s|$|[{CJK}])|$)")

_NAME_THEN_LATIN = re.compile(f"([{CJK}]{{2,}})\\s*([A-Za-z][A-Za-z -]*[A-Za-z])")


def called_zh(text: str) -> list[ProseTerm]:
    """`不含元素的空表称为空栈。`, `前者称为单点树，后者称为斜堆`: what a Chinese sentence
    says a thing it describes is called (`称为 / 称作 / 叫做 / 称之为 X`, `称这种排序为 X`) is a
    term, when the name closes the clause (`称为一个好习惯的做法是…` names nothing); a name and
    the English after it are two names (`租户 tenant`).

    >>> [t.names for t in called_zh("若只有一个节点，称为单点树；后者叫做斜堆。")]
    [('单点树',), ('斜堆',)]
    >>> [t.names for t in called_zh("则称这种图为欧拉图(一种特殊的图)")]
    [('欧拉图',)]
    >>> called_zh("Kubernetes也称为K8s。"), called_zh("这种做法称为好的。"), called_zh("名称为testdb。")
    ([], [], [])
    >>> called_zh("这一版称为v1.2版本。")
    []
    """
    if "称" not in text and "叫做" not in text:
        return []
    out = []
    for match in _CALLED_ZH.finditer(text):
        name = clean_label(match.group(1))
        if not name or re.search(r"\s[A-Za-z]$|\d\.\d", name):
            continue  # (`匿名函数 A`: one of the examples; `v1.2版本`: a version)
        pair = _NAME_THEN_LATIN.fullmatch(name)  # `用户称为租户 tenant`: with its translation
        names = (pair.group(1), pair.group(2)) if pair and not pair.group(2).isupper() \
            else (name,)  # (`消费者API` is one name)
        if good_name(names[0]) and not is_verb_phrase(names[0]) \
                and not is_sentence(names[0]) and not is_everyday(names[0]):
            out.append(ProseTerm(names, "called", CALLED_ZH))
    return out
