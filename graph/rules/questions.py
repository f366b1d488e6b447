"""What a question heading asks about: `什么是聚簇索引？`, `RPC是什么`, `What is a Dendron?`.

A question is no concept, but one that asks what something is names the thing its answer
defines. Only that form counts: `X的作用是什么`, `X和Y的区别`, `如何…` ask about something
else (a role, a difference, a method) and give nothing; each clause of a heading that asks
several questions is read on its own.

>>> question_subjects("什么是聚簇索引？何时使用聚簇索引与非聚簇索引？")
['聚簇索引']
>>> question_subjects("问题4：什么是消费者组？"), question_subjects("cgroups 是什么")
(['消费者组'], ['cgroups'])
>>> question_subjects("What is a Dendron?"), question_subjects("What are pods?")
(['Dendron'], ['pods'])
>>> question_subjects("What are database isolation levels? What are they used for?")
['database isolation levels']
>>> question_subjects("问题45：什么是复制工具及其类型？")
['复制工具']
>>> question_subjects("什么叫做依赖注入？"), question_subjects("什么是死锁，如何避免？")
(['依赖注入'], ['死锁'])
>>> question_subjects("Spring Boot：什么是自动配置？"), question_subjects("什么是JVM：Java虚拟机？")
(['自动配置'], ['JVM：Java虚拟机'])
>>> question_subjects("What is a pod, exactly?"), question_subjects("哪吒是什么")
(['pod'], ['哪吒'])
>>> question_subjects("ZooKeeper在Kafka中的作用是什么？"), question_subjects("你的缺点是什么？")
([], [])
>>> question_subjects("What is the difference between this and Dendron's graph view?")
[]
"""

from __future__ import annotations

import re

from .. import lexicon
from ..segment import words
from ..text import clean_label, has_cjk, split_outside_parens

_CLAUSE_ENDS = re.compile(r"[？?。;；!！，,]")
# `问题 4：`, `12Q：`, `Spring Boot：`, `A.`: a label before the question itself
_LEAD = re.compile(r"^(?:[^：:？?]{0,12}[：:]|[A-Za-z][.、]|❓)\s*")
_ASKS_ZH = re.compile(r"^(?:说出|解释|请问|请解释)?(?:什么是|什么叫(?:做|作)?|何为|何谓)\s*(?P<x>.+)$")
_IS_WHAT_ZH = re.compile(
    r"^(?:说出|解释|请解释)?(?P<x>.+?)\s*(?:到底|究竟)?是(?:什么|啥|个啥)(?:意思|东西)?$")
_ASKS_EN = re.compile(r"^what(?:\s+is|\s+are|'s|’s)\s+(?:an?\s+|the\s+)?(?P<x>.+)$",
                      re.IGNORECASE)
# Words that make the subject a phrase about something (its role, a person, a comparison)
_NOT_A_SUBJECT_ZH = frozenset("的 你 我 他 她 它 这 那 这个 那个 一个 一种 哪 哪个 哪些".split())
_NOT_A_SUBJECT_EN = frozenset("""
difference differences deal point purpose use role meaning best top main different some not
this that these those it they them we you your my our
""".split())
_ENDS_EN = frozenset("for of to with about in on from by like".split())
# `复制工具及其类型`: the thing, then what about it is asked
_AND_ITS = re.compile(r"(?:及其|以及).*$")


def question_subjects(text: str) -> list[str]:
    """The things a heading asks "what is …" about, as written (none when it asks nothing
    of that form)."""
    subjects = []
    for clause in split_outside_parens(text, _CLAUSE_ENDS):
        clause = clause.strip()
        if not clause:
            continue
        lead = _LEAD.match(clause)
        if lead and not (_ASKS_ZH.search(lead.group()) or "what" in lead.group().lower()):
            clause = clause[lead.end():].strip()  # not `什么是JVM：Java虚拟机？`
        subject = _subject(clause)
        if subject and subject not in subjects:
            subjects.append(subject)
    return subjects


def _subject(clause: str) -> str | None:
    if has_cjk(clause):
        match = _ASKS_ZH.match(clause) or _IS_WHAT_ZH.match(clause)
        if match is None:
            return None
        subject = clean_label(_AND_ITS.sub("", match.group("x").replace("`", "")))
        if not subject or any(w in _NOT_A_SUBJECT_ZH for w in words(subject)) \
                or subject.startswith(lexicon.QUESTION_PREFIXES_ZH):
            return None
        return subject
    match = _ASKS_EN.match(clause)
    if match is None:
        return None
    subject = clean_label(match.group("x").replace("`", ""))
    tokens = subject.split()
    if not tokens or len(tokens) > 4 or any(w.lower() in _NOT_A_SUBJECT_EN for w in tokens) \
            or tokens[0].lower() in lexicon.QUESTION_WORDS_EN or tokens[-1].lower() in _ENDS_EN:
        return None
    return subject
