"""A sentence that says a short name abbreviates a longer one: `HIIT是"High-intensity Interval
Training"的缩写，意为"高强度间歇训练"`, `su 是 substitute user 的缩写`: the short name, what it
abbreviates and the Chinese meaning the sentence gives it are names of one thing.

>>> [t.names for t in abbreviation_of('HIIT是"High-intensity Interval Training"的缩写，意为：”高强度间歇训练“')]
[('HIIT', 'High-intensity Interval Training', '高强度间歇训练')]
>>> [t.names for t in abbreviation_of("「NAS」是Network Attached Storage 三个英文单词的缩写，中文意思是「网络附属存储器」")]
[('NAS', 'Network Attached Storage', '网络附属存储器')]
>>> abbreviation_of("不要用没多少人使用的缩写，简称或者压根儿搜索不到的自造词")
[]
"""

from __future__ import annotations

import re

from ..text import clean_label, has_cjk
from .names import good_name
from .prose_term import PAIR, ProseTerm
from .term_item import is_abbreviation

_QUOTE = "\"'`“”‘’「」『』"
_ABBREVIATES = re.compile(
    rf"(?:^|[\s，,。;；:：*])[{_QUOTE}]?(?P<short>[A-Za-z][A-Za-z0-9.+\-]{{0,15}})[{_QUOTE}]?\s*"
    rf"(?:就是|也就是|是)\s*(?:英文|英语)?\s*[{_QUOTE}]?"
    rf"(?P<long>[A-Za-z][A-Za-z0-9 '\-]{{1,80}}?)[{_QUOTE}]?\s*"
    r"(?:(?:三|四|五|几)?个英文单词)?的(?:英文)?(?:缩写|简称|首字母缩写)"
    rf"(?:[，,]?\s*(?:中文意思是|中文意思为|中文名为|中文名是|意思是|意为|译为)[：:]?\s*"
    rf"[{_QUOTE}]?(?P<zh>[\u3400-\u9fff]{{2,12}})[{_QUOTE}]?)?")


def abbreviation_of(text: str) -> list[ProseTerm]:
    """The short name, what it abbreviates (its initials or letters in order, see
    `term_item.is_abbreviation`) and the Chinese meaning given, from each `X是Y的缩写`."""
    out = []
    for match in _ABBREVIATES.finditer(text):
        short, long = clean_label(match.group("short")), clean_label(match.group("long"))
        if not short or not long or short.lower() == long.lower() \
                or not is_abbreviation(short, long):
            continue
        names = [short, long]
        zh = clean_label(match.group("zh") or "")
        if zh and has_cjk(zh) and good_name(zh):
            names.append(zh)
        out.append(ProseTerm(tuple(names), "abbreviation", PAIR))
    return out
