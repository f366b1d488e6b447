"""Names set in quotation marks: a quoted name with its translation after a slash
(`quoted_pairs`: `进行『锁定/pin』操作`), a short Chinese noun phrase in quotes inside a sentence
(`quoted_terms`: `会透过「系统呼叫」向核心提出请求`), unless it is a quotation or a figure of speech.

>>> [t.names for t in quoted_pairs("进行『锁定/pin』操作")]
[('锁定', 'pin')]
"""

from __future__ import annotations

import re

from ..segment import words
from ..termhood import is_everyday
from ..text import clean_label, has_cjk
from .names import good_name, noun_like
from .prose_term import PAIR, PAIR_COMMON, ProseTerm
from .shapes import _pos, is_claim, is_name, is_sentence, is_verb_phrase

_QUOTED = re.compile(r"[『「“]([^』」”\n]{2,40})[』」”]")


def quoted_pairs(text: str) -> list[ProseTerm]:
    """`进行『锁定/pin』操作`: a quoted name written with its translation after a slash is
    one term with both names (an everyday word too: the author glossed it)."""
    out: list[ProseTerm] = []
    for match in _QUOTED.finditer(text):
        parts = [clean_label(p) for p in re.split(r"\s*[/／]\s*", match.group(1))]
        if len(parts) != 2 or not all(parts) or has_cjk(parts[0]) == has_cjk(parts[1]):
            continue
        if has_cjk(parts[0] + parts[1]) and not all(is_name(p) and not is_sentence(p)
                                                    for p in parts):
            continue
        common = any(is_everyday(p) for p in parts)
        out.append(ProseTerm(tuple(parts), "quoted-pair", PAIR_COMMON if common else PAIR))
    return out


QUOTED_TERM, QUOTED_WORD, QUOTED_NAMED = 0.5, 0.35, 0.8
# `“X”这个概念`, `所谓的“X”`: words that say the quoted name is a term, even an everyday one.
_NAMED_BEFORE = re.compile(r"(?:所谓的?|称为|称之为|叫做|叫作|被称作|名为)\s*$")
_NAMED_AFTER = re.compile(r"^\s*(?:这个|这一|這個|這一|一)?(?:概念|术语|術語|名词|名詞|词|詞)")


def quoted_terms(text: str) -> list[ProseTerm]:
    """`易出现严重的“幻觉”`, `会透过「系统呼叫」向核心提出请求`: a short Chinese noun phrase
    set in quotation marks inside a sentence is the author naming a term. Not a quotation
    (a clause, a verb or adjective on its own, an idiom, a person's name: `“诡异”`,
    `“后悔”`, `“歪打正着”`, `“软件交付”`), nor an everyday word unless the sentence says it is a term
    (`所谓的“X”`, `“X”这个概念`).

    >>> [t.names for t in quoted_terms("在复杂的应用中可能导致所谓的“回调地狱”，难以维护")]
    [('回调地狱',)]
    >>> [[(t.names, t.confidence) for t in quoted_terms(s)] for s in ("易出现严重的“幻觉”", "他说“后悔”了")]
    [[(('幻觉',), 0.35)], []]
    """
    if "“" not in text and "「" not in text and "『" not in text:
        return []
    out: list[ProseTerm] = []
    for match in _QUOTED.finditer(text):
        inner = clean_label(match.group(1))
        if inner == text.strip() or not has_cjk(inner) or not 2 <= len(inner) <= 10 \
                or re.search(r"[\s，,。：:；;！？!?、/／]", inner):
            continue
        # (what tells a name or a list is next to the quote: windows, not the whole text,
        # which made a paragraph of many quotes quadratic)
        before = text[max(0, match.start() - 200):match.start()]
        after = text[match.end():match.end() + 200]
        named = bool(_NAMED_BEFORE.search(before) or _NAMED_AFTER.match(after))
        if not named and (_QUOTED_LIST.search(before) or _QUOTED_LIST_NEXT.match(after)
                          or _figurative(before, after)):
            continue
        if _quoted_name(inner, named):
            # one word in quotes is as often a figure of speech (`“大脑”`, `“盒子”`) as a
            # term: weak alone; a compound (`回调地狱`, `容器运行时`) is the author's term
            one_word = len([w for w in words(inner) if w.strip()]) == 1
            confidence = QUOTED_NAMED if named else QUOTED_WORD if one_word else QUOTED_TERM
            out.append(ProseTerm((inner,), "quoted-term", confidence))
    return out


# `“用户”、“订单”、“产品”`, `“良性”或者“恶性”`: quoted values listed, not terms
_QUOTED_LIST = re.compile(r"[』」”]\s*(?:、|和|与|或者|或|及|以及|,|，)\s*$")
_QUOTED_LIST_NEXT = re.compile(r"^\s*(?:、|和|与|或者|或|及|以及|,|，)\s*[『「“]")
_SIMILE_BEFORE = re.compile(r"(?:像|好像|如同|好比|犹如|宛如|仿佛|充当|扮演|当作|比作|比喻为)[^，,。；;]{0,8}$")
_SIMILE_AFTER = re.compile(r"^\s*(?:一样|一般|似的|般)")
_PREDICATE = re.compile(r"(?:是|成了|成为|坐上了)[^，,。；;：:]{0,16}$")


def _figurative(before: str, after: str) -> bool:
    """A quoted word as a figure of speech: after `像` / `充当` or before `一样` (a simile),
    or closing a `是…` clause (`负载均衡器是路由流量的“交通警察”。`, `它本质上是一个“中间人”，`):
    what the subject is likened to, not a term the sentence names.

    >>> _figurative("负载均衡器是路由流量的", "。"), _figurative("易出现严重的", "")
    (True, False)
    """
    if _SIMILE_BEFORE.search(before) or _SIMILE_AFTER.match(after):
        return True
    return bool(_PREDICATE.search(before)) and bool(re.match(r"\s*(?:[，,。；;！!]|$)", after))


# Tags (jieba) of a word that, alone, is no name: adjective, adverb, verb, idiom, set phrase,
# person's name, time word, distinguishing word.
_NOT_NAME_TAGS = ("a", "ad", "d", "v", "i", "l", "nr", "nrt", "t", "b", "z", "m", "r")


def _quoted_name(inner: str, named: bool) -> bool:
    """A quoted span that names something (`quoted_terms`)."""
    if not good_name(inner, strict=True) and not (named and is_everyday(inner)):
        return False
    if not noun_like(inner) or is_verb_phrase(inner) or is_claim(inner):
        return False
    tags = [(w, t) for w, t in _pos(inner) if w.strip()]
    if not tags:
        return False
    if len(tags) == 1:
        return named or tags[0][1] not in _NOT_NAME_TAGS
    # on a noun: `回调地狱`, `命名冲突` (a verbal noun); `自动化“软件交付”和“架构变更”的流程`
    # quotes actions
    return tags[-1][1][:1] not in ("a", "d", "u", "p", "c", "f", "m", "q", "r", "v") \
        or tags[-1][1] == "vn"
