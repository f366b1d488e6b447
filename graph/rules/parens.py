"""`X（Y）` in a sentence (`paren_terms`): Y another name of X (`熔断器（Circuit Breaker）`,
`持续集成（CI）`, `X（Y，俗称Z）`), or examples / parts of X (`缓存（如Redis或Memcached）`,
`LAMP（Linux + Apache）`). X is the name just before the parenthesis (`_subject_before`).

>>> [(t.names, t.examples) for t in paren_terms("使用分布式缓存（如Redis或Memcached）来提高性能")]
[(('分布式缓存',), ('Redis', 'Memcached'))]
>>> [t.names for t in paren_terms("例如熔断器（Circuit Breaker）模式和重试策略")]
[('熔断器', 'Circuit Breaker')]
"""

from __future__ import annotations

import re

from .. import lexicon
from ..termhood import is_acronym, is_everyday, zipf
from ..text import clean_label, has_cjk
from .enumerations import split_items
from .names import (CJK, GENERIC, NAME_EDGE_WORDS, SYNONYM_LINKS, after_marker, example_name,
                    good_name, is_generic_heading, led_by_function_word, trim_leading)
from .prose_term import PAIR, PAIR_COMMON, ProseTerm
from .shapes import _pos, has_url, is_name, is_sentence
from .term_item import is_abbreviation, is_other_name, singular_acronym, spells_initials

EXAMPLE = 0.55


_PAREN = re.compile(r"[(（]([^()（）]{1,80})[)）]")
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+", re.I)


_GLUED_PREPOSITIONS = "由为被把将从向对于"


def _after_glued_preposition(name: str) -> str:
    """`Java程序由类(class)`, `对象归纳为类(class)`: the segmenter glues a preposition to a
    one-character name after it (`由类`, `为类`, words it does not know); the name is what
    follows the preposition, not the clause. A word it knows stays whole (`行为树`).

    >>> _after_glued_preposition("Java程序由类"), _after_glued_preposition("对象归纳为类")
    ('类', '类')
    >>> _after_glued_preposition("行为树"), _after_glued_preposition("对象")
    ('行为树', '对象')
    """
    if not has_cjk(name) or len(name) < 3:
        return name
    last, tag = _pos(name)[-1]
    if tag == "x" and 2 <= len(last) <= 3 and last[0] in _GLUED_PREPOSITIONS \
            and has_cjk(last[1:]):
        return last[1:]
    return name


def _subject_before(text: str, end: int, short: str = "") -> str:
    """The name that ends at `end` in a sentence: a Latin run, or the last words of the
    Chinese run there without what leads into them (`例如熔断器` → 熔断器). With an acronym
    `short` in the parenthesis, the Latin words it abbreviates."""
    head = text[max(0, end - 400):end].rstrip()  # (the name is in the last words: reading
    # all before each parenthesis was quadratic in a paragraph of many `X（Y）`)
    latin = re.search(r"([A-Za-z][A-Za-z0-9+#.\- ]{0,80})$", head)
    if latin and not re.search(f"[{CJK}]$", head):
        tokens = latin.group(1).strip().split()
        if short and is_acronym(short):
            for n in range(1, min(len(tokens), 9) + 1):
                candidate = " ".join(tokens[-n:])
                if candidate[0].lower() == short[0].lower() and \
                        is_abbreviation(short, candidate):
                    return candidate
        if short and tokens and _initials_of(tokens[-1], short):
            return tokens[-1]  # `known as CRDs (Custom Resource Definition)`: the acronym
        while tokens and tokens[0].lower() in NAME_EDGE_WORDS:
            tokens.pop(0)
        return " ".join(tokens[-4:])
    run = re.search(f"([{CJK}A-Za-z0-9®™]+)$", head)
    if not run:
        return ""
    name = _after_glued_preposition(trim_leading(run.group(1)))
    if name and re.match(r"[A-Za-z]", name) and has_cjk(name):
        # `NVIDIA CUDA®深度神经网络库`: a Chinese name opened by a brand keeps the capitalised
        # words written before it
        before = head[:len(head) - len(name)]
        brand = re.search(r"(?:^|(?<=[\s>*_]))((?:[A-Z][A-Za-z0-9]*[®™]? )+)$", before)
        if brand and len(brand.group(1).split()) <= 3:
            name = brand.group(1) + name
    return name.rstrip("®™")


def drop_numeral(run: str) -> str:
    """`一行` → 行: a numeral run into its measure word (one word to jieba) counts the
    thing the measure word names."""
    tags = _pos(run.strip()) if run and has_cjk(run[0]) else ()
    if len(tags) == 1 and tags[0][1] == "m" and len(run) == 2 and run[0] in "一两每":
        return run[1]
    return run


def split_examples(inner: str) -> tuple[str, list[str]]:
    """("example", items) for `如A、B或C` / `e.g. A, B`; ("parts", items) for `A + B`;
    ("names", items) otherwise."""
    text = inner.strip()
    rest = lexicon.after_example_marker(text)
    if rest is not None:
        return "example", split_items(rest)
    if "+" in text and not text.endswith("+"):
        return "parts", [i for p in re.split(r"\s*\+\s*", text) for i in split_items(p)]
    return "names", split_items(text)


# `缩写：ARP`: a short field name and a colon before an item of a parenthesis
_FIELD = re.compile(r"^[^:：]{1,6}[:：]")


def paren_terms(text: str) -> list[ProseTerm]:
    """`X（Y）` in a sentence: Y another name of X (translation, acronym, expansion), or
    examples / parts of X (`如A、B`, `A + B`). X is the name just before the parenthesis."""
    out: list[ProseTerm] = []
    last_end = 0
    for match in _PAREN.finditer(text):
        inner = match.group(1).strip()
        if has_url(inner):
            # `URL paths (www.example-url.com/path)`: an address names nothing; the names
            # beside it still count (`（如Nginx、Traefik，参见 https://x.io）`)
            inner = _URL.sub("", inner).strip(" ,，、;；:：")
            if not inner:
                continue
        kind, items = split_examples(inner)
        short = items[0] if kind == "names" and len(items) == 1 else ""
        if short:
            short = after_marker(short) or short  # （以下简称RLHF）: the name is RLHF
        marked = after_marker(inner) if kind == "names" else None
        if kind == "names" and not short:
            short = marked or ""
        subject = drop_numeral(clean_label(_subject_before(text, match.start(), short)))
        items = [i for i in items if i and good_name(i, strict=False)]
        if kind == "names":
            marked_term = _marked_in_paren(subject, inner)
            if marked_term:
                # 成人注意缺陷多动障碍（成人 ADHD，俗称“成人多动症”）: the names after a
                # marker are other names of the subject, whatever their script
                out.append(marked_term)
                last_end = match.end()
                continue
            # `（英语：Address Resolution Protocol，缩写：ARP）`: each name may have its marker
            names = [i for i in (after_marker(i) or i if _FIELD.match(i) else i
                                 for i in split_items(after_marker(inner) or inner))
                     if i and is_name(i, strict=False)]
            if len(names) == 2 and has_cjk(subject) and not any(has_cjk(n) for n in names) \
                    and (is_abbreviation(names[1], names[0])
                         or is_abbreviation(names[0], names[1])) \
                    and is_name(subject) and not is_sentence(subject):
                # 持久卷（Persistent Volume，PV）: a translation and its acronym
                common = is_everyday(subject) or not good_name(subject)
                out.append(ProseTerm((subject, *names), "paren-pair",
                                     PAIR_COMMON if common else PAIR))
                last_end = match.end()
                continue
            if len(names) == 1 and subject and led_by_function_word(subject):
                # 任何数据库(mysql), 一张表(table): a phrase before the parenthesis is no
                # name; what the parenthesis names still is one, if it is a good name
                if good_name(names[0], strict=False):
                    out.append(ProseTerm((names[0],), "paren-pair", PAIR_COMMON))
                last_end = match.end()
                continue
            # `Reinforcement Learning from Human Feedback（以下简称RLHF）`: a name spelled out
            # before its acronym may have the small words a title would have
            spelled = len(names) == 1 and subject and is_acronym(names[0]) \
                and is_abbreviation(names[0], subject) and is_name(subject, strict=False)
            # `Babel（原来叫 6to5）`: a marker says the name is another one, whatever its shape
            # (not 即, which mostly explains: `完整训练一遍（即数据已经迭代一轮）`)
            marked_one = len(names) == 1 and marked and names[0] == marked \
                and not inner.lstrip().startswith("即") and good_name(subject) \
                and (good_name(marked, strict=False) or not has_cjk(marked)) \
                and not led_by_function_word(subject)
            if len(names) == 1 and _remark(names[0]):
                last_end = match.end()
                continue  # SQLAlchemy（对于 Python）, ajv (a JSON schema validator)
            if len(names) == 1 and subject and not marked_one \
                    and _instance_of_kind(subject, names[0]):
                # `打印机（Epson）`: a product of that kind, not its translation; the kind no
                # concept when it is a section word (`方案(Kafka)`: the one for this note)
                kind = () if is_generic_heading(subject, GENERIC) else (subject,)
                out.append(ProseTerm(kind, "paren-example", EXAMPLE, examples=(names[0],)))
                last_end = match.end()
                continue
            if len(names) == 1 and subject and (is_name(subject) or spelled) \
                    and (is_other_name(subject, names[0]) or marked_one) \
                    and not is_sentence(subject):
                # An everyday word with its translation is weaker evidence (目标(goal)).
                common = is_everyday(subject) or not good_name(subject)
                named = (subject, names[0])
                translated = _translated_acronym(text[:match.start()], subject, names[0])
                if translated:
                    named = (translated, names[0], subject)
                term = ProseTerm(named, "paren-pair", PAIR_COMMON if common else PAIR)
                between = text[last_end:match.start() - len(subject)].strip(" ,，")
                if out and last_end and between in SYNONYM_LINKS:
                    # 发布者（publishers）亦称生产者（producers）: one thing, four names, which
                    # the text itself says are one (`marked-pair`, trusted by the merge)
                    out[-1] = ProseTerm(out[-1].names + term.names, "marked-pair",
                                        max(out[-1].confidence, term.confidence))
                else:
                    out.append(term)
                last_end = match.end()
            continue
        if not items:
            continue
        if subject and not example_name(subject):
            subject = ""
        out.append(ProseTerm((subject,) if subject else (), "paren-example", EXAMPLE,
                             examples=tuple(items)))
    return out


def _instance_of_kind(kind: str, name: str) -> bool:
    """`打印机（Epson）`: a Chinese word the dictionary translates, and in the parenthesis a
    product's name (one capitalised word, no English word, not an acronym) that is none of
    its translations: an instance of the kind, not another name of it.

    >>> _instance_of_kind("打印机", "Epson"), _instance_of_kind("打印机", "Printer")
    (True, False)
    >>> _instance_of_kind("打印机", "LaserJet"), _instance_of_kind("基础设施即服务", "IaaS")
    (True, False)
    """
    from .dictionary_pairs import english_keys, glosses

    if not has_cjk(kind) or has_cjk(name) or " " in name.strip() or is_acronym(name) \
            or not name[:1].isupper() or zipf(name.lower()) >= 3.0 \
            or sum(ch.isupper() for ch in name) > 1 and len(name) <= 6 and name.isalpha():
        return False  # (`IaaS`, `SaaS`: short, capitals inside: they spell something out)
    found = glosses(kind)
    return bool(found) and not (english_keys(name) & found)


def _translated_acronym(head: str, acronym: str, expansion: str) -> str:
    """The Chinese name written right before an acronym whose expansion follows in
    parentheses (`由指令寄存器IR（Instruction Register）组成` → 指令寄存器), or "": a name as long
    as a translation of the expansion would be, taken as its translation. The name is what
    ends there without what leads into it (由).

    >>> [_translated_acronym(h, a, e) for h, a, e in (
    ...     ("命令行接口CLI", "CLI", "Command Line Interface"),
    ...     ("阿里云ECS", "ECS", "Elastic Compute Service"), ("国产GPU", "GPU", "Graphics Processing Unit"))]
    ['命令行接口', '', '']
    """
    before = head.rstrip()
    if not before.endswith(acronym) or not _initials_of(acronym, expansion):
        return ""
    before = before[:-len(acronym)].rstrip()
    if not re.search(f"[{CJK}]$", before):
        return ""
    name = clean_label(_subject_before(before, len(before)))
    # A translation of an expansion of n words has about 2n characters (指令寄存器, Instruction
    # Register; 统一资源定位符, Uniform Resource Locator); a shorter word is a vendor, a
    # modifier or a category before the acronym (阿里云ECS, 国产GPU, 容器CRI, 存入OSR).
    if not name or not has_cjk(name) or re.search("[A-Za-z]", name) or len(name) > 10 \
            or 2 * len(name) < 3 * len(expansion.split()) \
            or not is_name(name) or is_everyday(name) or is_sentence(name) \
            or led_by_function_word(name):
        return ""
    return name


def _initials_of(acronym: str, expansion: str) -> bool:
    """`acronym` (maybe plural: CRDs) spells the initials of the words of `expansion`
    (`Custom Resource Definition`); not one of its words (API in `Web Browsable API`), not
    letters of one word (`ID` of `cust_id`)."""
    if not is_acronym(acronym) or len(expansion.split()) < 2:
        return False
    return spells_initials(singular_acronym(acronym) or acronym, expansion)


def _remark(text: str) -> bool:
    """What a parenthesis says about the name before it, not another name of it: a Chinese
    preposition or the like before a Latin name (`对于 Python`: what it is for; not
    `基于人类反馈的强化学习`, a name), an English phrase opened by an indefinite article
    (`a JSON schema validator`: what it is)."""
    text = text.strip()
    if has_cjk(text):
        return bool(re.fullmatch(f"[{CJK}]{{1,3}}\\s*[A-Za-z][^{CJK}]*", text)) \
            and led_by_function_word(text)
    first = text.split()[0].lower() if text.split() else ""
    return first in ("a", "an") and len(text.split()) > 1


def _marked_in_paren(subject: str, inner: str) -> ProseTerm | None:
    """`X（Y，俗称Z）`: Z, named by a marker of another name, is another name of X; Y, written
    first, is one too if it is X's other name (a translation, an acronym, or X with a part in
    the other script: 成人 ADHD / 成人注意缺陷多动障碍). Only where a later item carries a
    marker: a parenthesis of plain items is read by the rules after this one."""
    raw = split_items(inner)
    if len(raw) < 2 or not subject or not is_name(subject) or is_sentence(subject) \
            or led_by_function_word(subject):
        return None
    marked = [clean_label(after_marker(i) or "") for i in raw[1:]]
    if not all(m and good_name(m, strict=False) for m in marked):
        return None
    first = clean_label(after_marker(raw[0]) or raw[0])
    names = [subject]
    if first and is_name(first, strict=False) and _paren_other_name(subject, first):
        names.append(first)
    names.extend(m for m in marked if m not in names)
    common = is_everyday(subject) or not good_name(subject)
    return ProseTerm(tuple(names), "paren-pair", PAIR_COMMON if common else PAIR)


def _paren_other_name(name: str, other: str) -> bool:
    """is_other_name, or the two share a Chinese word at their start or end and differ in the
    rest by script (`成人 ADHD` beside `成人注意缺陷多动障碍`)."""
    if is_other_name(name, other):
        return True
    a, b = name.replace(" ", ""), other.replace(" ", "")
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n] and has_cjk(a[n]):
        n += 1
    m = 0
    while m < min(len(a), len(b)) - n and a[-1 - m] == b[-1 - m] and has_cjk(a[-1 - m]):
        m += 1
    if n + m < 2:
        return False
    ra, rb = a[n:len(a) - m], b[n:len(b) - m]
    return bool(ra and rb) and has_cjk(ra) != has_cjk(rb)
