"""Is a heading a concept, and what does it name?

Generic section headings (see `graph.config`) and sentence-like headings (questions, tasks)
are not concepts. Numbering (`1.2`, `一、`) and qualifiers (`(可选)`) are dropped, and a
Chinese name run into its English one (`张量Tensor`) gives both names.

>>> from graph.config import Config
>>> heading_term("知识图谱(knowledge graph)", Config()).aliases
['knowledge graph']
>>> heading_term("张量Tensor", Config()).names, heading_term("张量Tensor", Config()).aliases
(['张量'], ['Tensor'])
>>> heading_term("参考资料", Config()) is None, heading_term("如何在脚本中激活虚拟环境?", Config()) is None
(True, True)
"""

from __future__ import annotations

import re

from ..config import Config
from .shapes import is_question, is_sentence, is_task
from .term_item import TermShape, parse_term, split_parens

_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.、)]?\s+|\d+(?:\.\d+)*[、)]\s*|[一二三四五六七八九十]+[、.]\s*"
                        r"|第[一二三四五六七八九十\d]+[章节部分]\s*)")
# 张量Tensor: a CJK run directly followed by a capitalised Latin word (a translation pair).
_CJK_THEN_LATIN = re.compile(r"^([\u3400-\u9fff]{2,})([A-Z][A-Za-z][A-Za-z -]*)$")


def strip_numbering(text: str) -> str:
    return _NUMBERING.sub("", text.strip(), count=1)


def heading_term(text: str, config: Config) -> TermShape | None:
    text = strip_numbering(text)
    if not text or config.is_generic(split_parens(text)[0]) or config.is_generic(text):
        return None
    if is_question(text) or is_task(text) or is_sentence(text):
        return None
    shape = parse_term(text)
    if shape is None or shape.definition and not shape.aliases:
        return None  # "X: something long" as a heading is a statement, not a name
    pair = _CJK_THEN_LATIN.match(shape.names[0]) if len(shape.names) == 1 else None
    if pair:
        shape.names = [pair.group(1)]
        shape.aliases.insert(0, pair.group(2).strip())
    shape.definition = ""
    return shape
