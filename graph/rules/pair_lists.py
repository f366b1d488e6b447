"""A line that lists bilingual pairs (`pair_list`): `设计师-designer, 创作者—creator`,
`收集collect, search搜索` (a Chinese word glued to its translation, `glued_translation`). Each pair
is one term with both names.

>>> [t.names for t in pair_list("设计师-designer, 创作者—creator")]
[('设计师', 'designer'), ('创作者', 'creator')]
"""

from __future__ import annotations

import re

from ..text import clean_label
from .names import CJK
from .prose_term import PAIR, ProseTerm
from .shapes import _pos, is_name, is_qualifier
from .term_item import split_bilingual, split_names

_CJK_LATIN = re.compile(f"^([{CJK}]{{2,}})\\s*([A-Za-z][A-Za-z ]{{2,}})$|"
                        f"^([A-Za-z][A-Za-z ]{{2,}}+)\\s*([{CJK}]{{2,}})$")  # (possessive:
# else the letters' spaces and `\s*` split a long run of spaces every way)


def pair_list(text: str) -> list[ProseTerm]:
    """A line that lists bilingual pairs: `设计师-designer, 创作者—creator, 素材-asset`,
    `收集collect, search搜索`. Each pair is a term with its translation."""
    parts = [p.strip() for p in re.split(r"[,，、;；]", text) if p.strip()]
    if len(parts) < 2 or "\n" in text.strip():
        return []
    pairs = []
    for part in parts:
        part, other = _inner_name(part)
        pair = split_bilingual(part)
        if pair is None:
            m = _CJK_LATIN.match(part)
            if m and m.group(1):
                pair = (m.group(1), m.group(2))
                ok = glued_translation(*pair)
            elif m:
                pair = (m.group(4), m.group(3))
                ok = glued_translation(*pair, latin_first=True)
            if pair is not None and not ok:
                return []  # `参考Postgres, MySQL数据库`: a verb's object, a product's kind
        if pair is None:
            return []  # not a list of pairs: prose
        zh, en = pair
        pairs.append((zh, *split_names(en), *other))  # `素材-asset/element`: two names
    return [ProseTerm(names, "pair-list", PAIR) for names in pairs]


def glued_translation(zh: str, latin: str, latin_first: bool = False) -> bool:
    """Whether a Chinese word glued to a Latin one (`收集collect`, `search搜索`) reads as a
    name and its translation. Not a capitalised name before a Chinese word: that is a product
    and its kind (`MySQL数据库`, `Docker容器`); not a verb before a capitalised name: that is a
    verb and its object (`参考Postgres`, `使用Redis`).

    >>> glued_translation("收集", "collect"), glued_translation("搜索", "search", latin_first=True)
    (True, True)
    >>> glued_translation("数据库", "MySQL", latin_first=True), glued_translation("参考", "Postgres")
    (False, False)
    """
    if not latin[:1].isupper():
        return True
    if latin_first:
        return False
    tags = _pos(zh)
    return not (len(tags) == 1 and tags[0][1] == "v")


_INNER_NAME = re.compile(r"[(（]([^()（）]{1,20})[)）]")


def _inner_name(part: str) -> tuple[str, tuple[str, ...]]:
    """`插画(图形)—Graphics`: a pair whose name carries another name in parentheses. The
    parenthesis goes (the pair is read without it) and is kept as a further name when it is
    one; anything else in it (`(可选)`) is dropped."""
    groups = _INNER_NAME.findall(part)
    if len(groups) != 1:
        return part, ()
    rest = clean_label(_INNER_NAME.sub("", part, count=1))
    inner = clean_label(groups[0])
    return rest, ((inner,) if inner and is_name(inner) and not is_qualifier(inner) else ())
