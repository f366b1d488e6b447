"""Term-shaped text: `术语(English)`, `TERM (Expansion)`, `TERM: definition`, `TERM：定义`,
`**TERM**(alias)`, full-width `（）`, aliases separated by `,` `，` `、` or `/`.

`parse_term(text)` reads the plain text of a list item's first line (Markdown emphasis is
already gone) and returns a `TermShape`, or None when the text is not a term.

>>> t = parse_term("RAG(Retrieval-Augment Generation): 检索增强生成")
>>> t.names, t.aliases, t.after_colon, t.definition
(['RAG'], ['Retrieval-Augment Generation'], ['检索增强生成'], '')
>>> parse_term("it/s(iterations per second, 每秒完成的迭代次数)").aliases
['iterations per second', '每秒完成的迭代次数']
>>> parse_term("CUDA (Compute Unified Device Architecture): CUDA是NVIDIA推出的一个并行计算平台。").definition
'CUDA是NVIDIA推出的一个并行计算平台。'
>>> parse_term("Nvidia Driver(可选)").qualifiers
['可选']
>>> parse_term("机器学习的三个核心概念: 数据、模型和学习") is None
True
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .. import lexicon
from ..segment import drop_list_close, words
from ..termhood import is_acronym, is_everyday
from ..text import clean_label, has_cjk, lang_of, split_outside_parens
from .names import CLOSE, OPEN, after_marker, good_name, noun_like, split_cjk_latin, split_parens
from .shapes import (_pos, is_command, is_key_combination, is_key_press, is_name, is_qualifier,
                     is_sentence, is_task, is_url)

COLONS = ":："
ALIAS_SEPARATORS = ",，、;；"
COMMIT_TYPES = {"fix", "feat", "enhance", "chore", "docs", "refactor", "perf", "test", "tests",
                "build", "ci", "style", "revert", "spike", "qa"}


@dataclass
class TermShape:
    names: list[str]  # the term as written (several when written `A, B(…)`)
    aliases: list[str] = field(default_factory=list)  # from the parentheses
    after_colon: list[str] = field(default_factory=list)  # a short name after the colon
    definition: str = ""  # a sentence after the colon
    qualifiers: list[str] = field(default_factory=list)
    strong: bool = False  # has parentheses or a colon: a clear term, not just a bare word
    weak: bool = False  # everyday words only: a concept only with more evidence
    examples: list[str] = field(default_factory=list)  # `X(如 A、B)`: instances or parts of X
    related: list[str] = field(default_factory=list)  # `Docker(podman)`: a neighbour of X
    siblings: bool = False  # `A, B, C`: several terms in one line, not names of one

    @property
    def label(self) -> str:
        return self.names[0]


def split_colon(text: str) -> tuple[str, str | None]:
    """Split at the first colon outside parentheses that is not part of a URL or time."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch in COLONS and depth == 0:
            if text.startswith("//", i + 1):
                continue  # scheme://
            if ch == ":" and i + 1 < len(text) and text[i + 1].isdigit() and text[i - 1:i].isdigit():
                continue  # 10:30, host:8080
            return text[:i], text[i + 1:]
    return text, None


def split_aliases(group: str) -> list[str]:
    """Aliases inside one pair of parentheses. `/` separates too, except inside short tokens
    (`I/O`, `TCP/IP`, `it/s`)."""
    parts = [group]
    for sep in ALIAS_SEPARATORS:
        parts = [p for part in parts for p in part.split(sep)]
    out = []
    for part in parts:
        part = part.strip()
        shared = _SHARED_HEAD.match(part)
        if "/" in part and " " not in part and not _is_short_slash(part):
            out.extend(p.strip() for p in part.split("/"))
        elif shared and not _is_short_slash(f"{shared.group(2)}/{shared.group(3)}"):
            # `Deep Learning Researcher/Scientist`: the words before the slash are both's
            out.extend((shared.group(1) + shared.group(2), shared.group(1) + shared.group(3)))
        else:
            out.append(part)
    return [clean_label(p) for p in out if clean_label(p)]


_SHARED_HEAD = re.compile(r"^((?:[A-Za-z][\w.+#-]* )+)([A-Za-z][a-z]{2,})/([A-Za-z][a-z]{2,})$")


def _is_short_slash(token: str) -> bool:
    """Is the slash inside one name: short runs of letters or capitals on both sides of it
    (`I/O`, `TCP/IP`, `Unix I/O模型`, `A/B测试`), not two names (`endpoint/route`)?

    >>> _is_short_slash("Unix I/O模型"), _is_short_slash("TCP/IP协议"), _is_short_slash("entity/实体")
    (True, True, False)
    """
    pieces = token.split("/")
    if all(len(p) <= 3 for p in pieces) or token.isupper():
        return True
    around = re.search(r"(?<![A-Za-z0-9])([A-Za-z0-9]+)/([A-Za-z0-9]+)(?![A-Za-z0-9])", token)
    return bool(around) and all(len(x) <= 3 or x.isupper() for x in around.groups())


def split_names(head: str) -> list[str]:
    """`马尔科夫模型, 马尔科夫链` → two names; `endpoint/route`, `entity/实体` → two names; a
    slash inside a short token stays (`it/s`, `I/O`, `TCP/IP`)."""
    parts = [head]
    for sep in ",，、":
        parts = [p for part in parts for p in part.split(sep)]
    out = []
    for part in parts:
        part = clean_label(part)
        pieces = [clean_label(p) for p in part.split("/")]
        if len(pieces) == 2 and all(pieces) and not _is_short_slash(part) \
                and all(len(p) >= 2 for p in pieces):
            out.extend(pieces)
        elif part:
            out.append(part)
    if len(out) >= 2:  # `A、B、配置管理等`: the 等 closing the list is no part of its last name
        out[-1] = clean_label(drop_list_close(out[-1]) or "") or out[-1]
    return out


def _comma_phrases(term: str, names: list[str]) -> bool:
    """`策略制定, 录入资料`, `容易调试, 易于扩展`, `去大自然, 发呆, 跑步`: Chinese phrases
    separated by commas, with nothing else on the line. Chinese lists names with the
    enumeration comma 、 (`集合、序列`); a comma separates clauses and thoughts: an outline
    line, not a list of terms.

    >>> _comma_phrases("策略制定, 录入资料", ["策略制定", "录入资料"])
    True
    >>> _comma_phrases("集合、序列", ["集合", "序列"]), _comma_phrases("Docker, 容器", ["Docker", "容器"])
    (False, False)
    """
    return len(names) >= 2 and "、" not in term and any(sep in term for sep in ",，") and \
        all(_script(n) == "zh" for n in names)


def _name_and_acronym(names: list[str]) -> tuple[list[str], list[str]] | None:
    """(names, aliases) when two comma-separated names are a name and its acronym: the
    second an acronym of the first's Latin words (their initials, or their letters in
    order), the first maybe written with its translation (`中文-English`).

    >>> _name_and_acronym(["算术逻辑部件-Arithmetic Logic Unit", "ALU"])
    (['算术逻辑部件'], ['Arithmetic Logic Unit', 'ALU'])
    >>> _name_and_acronym(["Virtual Private Cloud", "VPC"])
    (['Virtual Private Cloud'], ['VPC'])
    >>> _name_and_acronym(["Docker", "K8S"]), _name_and_acronym(["数据库", "SQL"])
    (None, None)

    The acronym may come first (`ODBC, Open Database Connectivity: …`): the names stay in
    the order written.

    >>> _name_and_acronym(["VPC", "Virtual Private Cloud"])
    (['VPC'], ['Virtual Private Cloud'])
    """
    if len(names) == 2 and is_acronym(names[0]) and not is_acronym(names[1]) \
            and not has_cjk(names[1]) and len(names[1].split()) >= 2 \
            and is_abbreviation(names[0], names[1]):
        return [names[0]], [names[1]]
    if len(names) != 2 or not is_acronym(names[1]):
        return None
    first, acronym = names
    pair = split_bilingual(first)
    latin = pair[1] if pair else first
    if has_cjk(latin) or len(latin.split()) < 2 or not is_abbreviation(acronym, latin):
        return None  # (its letters in order, initials included)
    return ([pair[0]], [latin, acronym]) if pair else ([first], [acronym])


# `walkthrough走查`, `software requirement 软件需求`: Latin words, then a Chinese name.
_LATIN_THEN_CJK = re.compile(r"^([A-Za-z][A-Za-z0-9.+#/'’\- ]*?[A-Za-z0-9])\s*"
                             r"([\u3400-\u9fff]{2,16})$")


def bilingual_list(heads: list[TermShape | None]) -> list[TermShape | None]:
    """The heads of a list of English terms each followed by its Chinese name, in one run
    (`- walkthrough走查: …`, `- software requirement 软件需求: …`), with each split into its
    two names: three such heads or more, half of the list's terms at least, nearly every
    Chinese name different. One head alone says nothing (`Python安装`, `Docker容器` name a
    topic or a kind; `Python基础`, `Java基础` repeat theirs).

    >>> heads = [parse_term(t) for t in ("walkthrough走查: 评审", "state 状态: 状况",
    ...                                   "RMI registry RMI 注册表: 服务", "SQL: 查询语言")]
    >>> [(h.names, h.aliases) for h in bilingual_list(heads)]
    [(['walkthrough'], ['走查']), (['state'], ['状态']), (['RMI registry'], ['RMI 注册表']), (['SQL'], [])]
    """
    pairs = {}
    for i, head in enumerate(heads):
        if head is None or len(head.names) != 1 or head.aliases or head.siblings:
            continue
        match = _LATIN_THEN_CJK.match(head.names[0])
        if match and not category_name(head.names[0]) and is_name(match.group(2)) \
                and noun_like(match.group(2)):  # (not `home目录下`: a place, not a name)
            en, zh = match.group(1).strip(), match.group(2)
            words_ = en.split()
            if len(words_) >= 2 and words_[-1] in words_[:-1]:
                # `RMI registry RMI 注册表`: the Chinese name keeps a Latin word of the English
                en, zh = " ".join(words_[:-1]), f"{words_[-1]} {zh}"
            pairs[i] = (en, zh)
    terms = sum(1 for h in heads if h is not None)
    chinese = [zh for _, zh in pairs.values()]
    if len(pairs) < 3 or 2 * len(pairs) < terms or 10 * len(set(chinese)) < 9 * len(chinese):
        return heads  # (a long glossary may give one Chinese word to two English terms)
    out = list(heads)
    for i, (en, zh) in pairs.items():
        out[i] = replace(heads[i], names=[en], aliases=[zh, *heads[i].aliases], strong=True)
    return out


def _slash_pair(term: str, names: list[str]) -> bool:
    """`entity/实体`, `实体/entity`: two names of two scripts joined by a slash (and nothing
    else) are one term written in both languages, not two terms.

    >>> _slash_pair("entity/实体", ["entity", "实体"]), _slash_pair("输入/输出", ["输入", "输出"])
    (True, False)
    """
    return len(names) == 2 and term.count("/") == 1 and \
        not any(sep in term for sep in ",，、") and \
        sorted(_script(n) for n in names) == ["latin", "zh"]


def _slash_alternatives(term: str, names: list[str], groups: list[str],
                        tail: str | None) -> bool:
    """`endpoint/route: 路由, …`: two names of one script joined by a slash, and after the
    colon one name in the other script (then, maybe, what it is): the translation names
    both, so they are two names of one thing.

    >>> _slash_alternatives("endpoint/route", ["endpoint", "route"], [], " 路由, 单一的API")
    True
    >>> _slash_alternatives("开始/结束", ["开始", "结束"], [], " start/end")
    False
    """
    if len(names) != 2 or groups or tail is None or term.count("/") != 1 \
            or any(sep in term for sep in ",，、") or _script(names[0]) != _script(names[1]) \
            or _script(names[0]) == "mixed":
        return False
    first, _sep, _rest = _first_part(tail.strip())
    first = clean_label(first)
    return bool(first) and "/" not in first and _is_short_name(first) \
        and all(has_cjk(first) != has_cjk(n) for n in names) \
        and (not has_cjk(first) or len(first) <= 8)


def split_bilingual_names(text: str) -> tuple[str, list[str]] | None:
    """`face restoration——面部修复, 人脸复原`, `换装-clothes changer, outfit change`: a name,
    a dash, and its translations, two or three, separated by commas: one term with all its
    names. (Latin ones must read as translations, not products, see `translations`.)

    >>> split_bilingual_names("face restoration——面部修复, 人脸复原")
    ('face restoration', ['面部修复', '人脸复原'])
    >>> split_bilingual_names("换装-clothes changer, outfit change")
    ('换装', ['clothes changer', 'outfit change'])
    >>> split_bilingual_names("数据库 - MySQL, Redis"), split_bilingual_names("意图-intent")
    (None, None)
    """
    if not any(sep in text for sep in ",，、"):
        return None
    match = _BILINGUAL.match(text.strip())
    if not match:
        return None
    first = clean_label(match.group(1))
    others = [clean_label(p) for p in re.split(r"\s*[,，、]\s*", match.group(2))]
    if not first or not 2 <= len(others) <= 3 or not all(others) \
            or any(_script(x) == "mixed" for x in (first, *others)) \
            or any(has_cjk(o) == has_cjk(first) for o in others) \
            or not is_name(first) or is_sentence(first):
        return None
    if not all(_is_short_name(o) and not is_sentence(o) and (not has_cjk(o) or len(o) <= 8)
               for o in others) or not translations(first, others):
        return None
    return first, others


def _script(name: str) -> str:
    """`zh` for Chinese alone, `latin` for no Chinese, `mixed` for both (`持续集成 CI`)."""
    if not has_cjk(name):
        return "latin"
    return "mixed" if re.search(r"[A-Za-z]", name) else "zh"


_TRAILING_REMARK = re.compile(r"\s*[(（\[【]\s*([^()（）\[\]【】]{1,12}?)\s*[)）\]】]$")


def drop_remark(text: str) -> str:
    """`drawio[Recommended]`, `pymssql文档(推荐)` → `drawio`, `pymssql文档`: the author's
    remark on a heading or an item (`shapes.is_qualifier`), in brackets at the end, is no
    part of the name. (An item's remark in parentheses is kept as its `qualifiers` by
    `parse_term`; a heading's and a bracketed one went into the name.)

    >>> drop_remark("pymssql文档(推荐)"), drop_remark("Canvas (beta)"), drop_remark("Python(3.8)")
    ('pymssql文档', 'Canvas', 'Python(3.8)')
    """
    found = _TRAILING_REMARK.search(text)
    return text[:found.start()] if found and is_qualifier(found.group(1)) else text


def parse_term(text: str, *, bare_ok: bool = True) -> TermShape | None:
    """The term in `text`, or None when `text` is a sentence, URL, command or empty.
    (A copy of the shape remembered for this text: callers change the shapes they get.)"""
    shape = _parse_term(text, bare_ok)
    return None if shape is None else replace(
        shape, names=[*shape.names], aliases=[*shape.aliases],
        after_colon=[*shape.after_colon], qualifiers=[*shape.qualifiers],
        examples=[*shape.examples], related=[*shape.related])


# A label that numbers a point of a list (`建议1`, `原则二`, `Tip 3`), no name of its own.
_NUMBERED_LABEL = re.compile(
    r"(?:" + "|".join(lexicon.POINT_LABELS_ZH) + r"|tip|rule|step|principle|lesson|law|habit|"
    r"method|option)\s*[一二三四五六七八九十\d]{1,3}", re.I)


@lru_cache(maxsize=4096)
def _parse_term(text: str, bare_ok: bool) -> TermShape | None:
    """`parse_term`'s work, remembered: a note edited again is read again mostly unchanged.

    Parenthesised names are other names of the term only when they are (a translation, an
    acronym or its expansion, see `is_other_name`, or introduced by 又称 / aka); examples
    (`如A、B`), parts (`A + B`) and other things listed there are `examples` / `related`.
    Three or more names before the colon are a list of terms (`siblings`), not one term."""
    text = " ".join(text.split())
    if not text or is_url(text) or is_command(text):
        return None
    head, tail = split_colon(text)
    if tail and _NUMBERED_LABEL.fullmatch(head.strip()):
        # `建议1：角色化法则`, `原则1：单一职责原则：一个类只负责一件事`: the label numbers the
        # point; what follows the colon is its name (a sentence there is only a point made)
        named = _parse_term(tail, True)
        return named if named is not None and not named.siblings else None
    if head.endswith(("]", "】")):  # `drawio[Recommended]`
        head = drop_remark(head)
    term, groups = split_parens(head)
    term = clean_label(term)
    names = split_names(term) if term else []
    if not names and not groups and tail is None:
        pair = split_bilingual(text)
        if pair:
            return TermShape(names=[pair[0]], aliases=[pair[1]], strong=True)
    if not groups and tail is None:
        alternates = split_bilingual_names(term)
        if alternates:  # `face restoration——面部修复, 人脸复原`
            return TermShape(names=[alternates[0]], aliases=alternates[1], strong=True)
    if not names or not all(is_name(n) for n in names) or is_task(term):
        return None
    if _described(names[0]):
        return None  # `一个网络协议: …`: a description, not a name
    if groups and names[0].lower() in COMMIT_TYPES:
        return None  # `fix(cli): …` is a changelog line (Conventional Commits), not a term
    if not groups and tail is None and _comma_phrases(term, names):
        return None
    if not groups and tail is None and len(names) == 1:
        pair = split_bilingual(names[0]) or split_cjk_latin(names[0]) \
            or split_acronym_pair(names[0])
        if pair:
            return TermShape(names=[pair[0]], aliases=[pair[1]], strong=True)
    if groups and len(names) == 1 and "·" in names[0]:
        names = [person_name(names[0])]  # `作者埃里克·埃文斯（Eric Evans）`
    shape = TermShape(names=names, strong=bool(groups) or tail is not None)
    pair = split_bilingual(names[0]) or split_acronym_pair(names[0]) if len(names) == 1 \
        else None
    with_acronym = None if pair else _name_and_acronym(names)
    if pair:
        # `意图-intent: 用户想做的事`, `Vaults - 参考资料（知识库）`: the head is a pair of names
        # before its definition or parenthesis, as it is alone
        shape.names, shape.aliases = [pair[0]], [pair[1]]
    elif with_acronym:
        # `算术逻辑部件-Arithmetic Logic Unit, ALU: …`: a name (maybe with its translation)
        # and, after a comma, the acronym of it: one term with all its names
        shape.names, shape.aliases = with_acronym
    elif _slash_pair(term, names):
        # `entity/实体`: a name and its translation, one term
        shape.names, shape.aliases, shape.strong = names[:1], names[1:], True
    elif _slash_alternatives(term, names, groups, tail):
        # `endpoint/route: 路由, 单一的API`: two names the translation after the colon gives
        # both, one term (`开始/结束: start/end` is two)
        shape.names, shape.aliases = names[:1], names[1:]
    elif len(names) >= 3 or (len(names) == 2 and not groups):
        shape.siblings = True
    for group in groups:
        read_group(shape, group)
    if tail is not None:
        tail = tail.strip()
        first, sep, rest = _first_part(tail)
        listed = _listed_names(tail)
        # Three names or more after a name are instances (`操作系统: Windows, Linux, UNIX`):
        # a term has one or two translations (`分类: classification, classify`).
        many = len(listed) >= 3 and good_name(names[0])
        if listed and (many or not (all(is_other_name(names[0], x) for x in listed)
                                    and translations(names[0], listed))):
            # `优化器（torch.optim）：SGD、Adam 等。`: instances, not other names
            shape.examples.extend(listed)
        elif tail and _is_short_name(tail) and is_other_name(names[0], clean_label(tail)) \
                and not any(lang_of(a) == lang_of(tail) for a in shape.aliases
                            if not is_acronym(a)):
            # (`entity/实体: 队列` has its Chinese name: 队列 is what it is, or an example)
            shape.after_colon.append(clean_label(tail))
        elif sep and _is_short_name(first) and is_other_name(names[0], first) \
                and len(first) <= 12 and not _described(first) \
                and not any(lang_of(a) == lang_of(first) for a in shape.aliases):
            # `schema: 模式, 整个API纲要`: a translation, then what it is
            shape.after_colon.append(first)
            shape.definition = rest
        elif tail:
            shape.definition = tail
    if not shape.strong and not bare_ok:
        return None
    return shape


_DETERMINERS = ("一个", "一种", "一些", "一套", "这个", "这种", "那个", "某个", "某种", "整个",
                "每个", "各种")


def _described(text: str) -> bool:
    """`整个API纲要`, `一种协议`: a phrase opened by a determiner describes, it names nothing."""
    return text.startswith(_DETERMINERS)


def _listed_names(tail: str) -> list[str]:
    """`SGD、Adam 等。`, `Docker, Kubernetes`, `如 Horovod、DeepSpeed`: two or more names and
    nothing else. Chinese items only in a list closed by 等 (`技能调用, 模块化, 一次输入` is a
    list of phrases)."""
    text = tail.strip()
    text = lexicon.after_example_marker(text) or text
    closed = re.search(r"(?:等等|等|etc\.?|…+|\.\.\.)\s*[。.;；]?\s*$", text) is not None
    text = re.sub(r"\s*(?:等等|等|etc\.?|…+|\.\.\.)?\s*[。.;；]?\s*$", "", text)
    parts = [clean_label(p) for p in re.split(r"\s*[、,，;；]\s*", text)]
    if len(parts) < 2 or not all(parts):
        return []
    for part in parts:
        if not _is_short_name(part) or len(part.split()) > 3 or \
                (has_cjk(part) and (len(part) > 10 or not closed or not good_name(part))):
            return []
    return parts


def _first_part(tail: str) -> tuple[str, str, str]:
    for i, ch in enumerate(tail):
        if ch in ",，、;；":
            return clean_label(tail[:i]), ch, tail[i + 1:].strip()
    return tail, "", ""


# Category nouns after a Latin name: `FastAPI框架` is FastAPI, `MySQL数据库` is MySQL. Not
# nouns for parts or instances of the thing: a `Docker容器` is a container, `Redis集群` a
# cluster, `Docker组件` its components (joined through `Docker`, 容器, 集合 and Docker were one).
CATEGORY_SUFFIXES = ("框架", "数据库", "中间件", "语言", "编程语言", "协议", "工具", "平台", "系统",
                     "服务", "库", "引擎", "编辑器", "插件", "命令", "软件")
_LATIN_THEN_CATEGORY = re.compile(r"^([A-Za-z][A-Za-z0-9.+#\- ]*?)\s*(" +
                                  "|".join(CATEGORY_SUFFIXES) + ")$")
# After a standard's acronym these name things made for it (`CSS 框架`, `JSON库`, `SQL数据库`,
# `Markdown编辑器`, `HTTP服务`), not it (`HTTP协议`, `SQL语言` are the standard).
_MADE_FOR = ("框架", "库", "工具", "插件", "组件", "数据库", "服务", "引擎", "编辑器", "软件", "平台",
             "中间件")


def category_name(name: str) -> str | None:
    """`FastAPI框架` → `FastAPI`: a Latin name followed by a category noun.

    >>> category_name("FastAPI框架"), category_name("Python并发编程"), category_name("Web框架")
    ('FastAPI', None, None)

    Not a standard's acronym before what is made for it: `CSS 框架`, `JSON库` are things made
    for a standard (`lexicon.STANDARDS`), `DRF框架` is DRF.

    >>> category_name("HTTP协议"), category_name("DRF框架"), category_name("CSS 框架")
    ('HTTP', 'DRF', None)
    >>> category_name("SQL数据库"), category_name("MySQL数据库")
    (None, 'MySQL')
    """
    match = _LATIN_THEN_CATEGORY.match(name.strip())
    if not match:
        return None
    latin = match.group(1).strip()
    if is_everyday(latin) or latin.lower() in lexicon.STANDARDS and match.group(2) in _MADE_FOR:
        return None  # `Web框架` is a kind of framework, not something named Web
    return latin


def read_group(shape: TermShape, group: str) -> None:
    """One parenthesis after a term: other names, qualifiers, examples or a remark."""
    text = group.strip()
    rest = after_marker(text)  # `又称 X`, `aka X`, `英文：X`
    if rest and is_name(rest, strict=False):
        shape.aliases.append(clean_label(rest))
        return
    rest = lexicon.after_example_marker(text)
    if rest is not None:
        items = [a for a in split_aliases(rest) if is_name(a, strict=False)]
        shape.examples.extend(items)
        return
    if "+" in text.strip("+"):
        shape.examples.extend(clean_label(p) for p in text.split("+") if clean_label(p))
        return
    if shape.names and is_clipped(text, shape.names[0]):
        shape.aliases.append(text)  # `Noun(n.)`: its period is part of it
        return
    aliases = _rejoin_expansion(split_aliases(text))
    if any(is_sentence(a, strict=False) for a in aliases) \
            or not all(is_name(a, strict=False) for a in aliases):
        shape.definition = text  # a parenthetical remark, not names
        return
    names = [a for a in aliases if not is_qualifier(a)]
    shape.qualifiers.extend(a for a in aliases if is_qualifier(a))
    if not names:
        return
    main = shape.names[0]
    other = [a for a in names if is_other_name(main, a)]
    if len(other) == len(names) and (len(names) == 1 or translations(main, names)):
        shape.aliases.extend(names)
    elif len(names) == 1:
        shape.related.append(names[0])  # `Docker(podman)`: a neighbour, not another name
    else:
        shape.examples.extend(names)  # `应用镜像(redis, mysql)`: instances


def _rejoin_expansion(aliases: list[str]) -> list[str]:
    """`Java 2 Platform, Standard Edition, J2SE`: a name with a comma of its own, the acronym
    after it spelling the whole (and no one part): one name and its acronym.

    >>> _rejoin_expansion(["Java 2 Platform", "Standard Edition", "J2SE"])
    ['Java 2 Platform, Standard Edition', 'J2SE']
    >>> _rejoin_expansion(["Large Language Models", "LLM"])
    ['Large Language Models', 'LLM']
    >>> _rejoin_expansion(["Model", "View", "Controller", "MVC"])
    ['Model', 'View', 'Controller', 'MVC']
    """
    if len(aliases) < 3 or not is_acronym(aliases[-1]):
        return aliases
    acronym, parts = aliases[-1], aliases[:-1]
    if any(has_cjk(p) for p in parts) or any(is_abbreviation(acronym, p) for p in parts) \
            or all(len(p.split()) == 1 for p in parts):
        return aliases  # `(Create, Read, Update, Delete, CRUD)`: the words it spells, listed
    whole = ", ".join(parts)
    return [whole, acronym] if is_abbreviation(acronym, whole) else aliases


def translations(main: str, names: list[str]) -> bool:
    """Several other names in one parenthesis are translations (`分类(classification,
    classify)`) or an acronym with its expansion, not a list of products (`(redis, mysql)`).

    >>> translations("分类", ["classification", "classify"]), translations("库", ["redis"])
    (True, False)
    """
    from ..termhood import zipf

    for name in names:
        if has_cjk(name) != has_cjk(main) and not has_cjk(name):
            if is_abbreviation(name, main) or is_abbreviation(main, name) or \
                    any(is_abbreviation(name, o) or is_abbreviation(o, name)
                        for o in names if o != name):
                continue  # LLM beside Large Language Models
            if any(zipf(w.lower()) < 3.0 for w in re.findall(r"[A-Za-z]+", name)):
                return False
    return True


def is_other_name(name: str, other: str) -> bool:
    """Is `other` another name of `name`: a translation (the other script), an acronym and
    its expansion, or a numeronym (k8s)?

    >>> is_other_name("检索增强生成", "RAG"), is_other_name("KNN", "K-Nearest Neighbor")
    (True, True)
    >>> is_other_name("Docker", "podman"), is_other_name("Kubernetes", "K8s")
    (False, True)
    """
    a, b = name.strip(), other.strip()
    if not a or not b:
        return False
    if has_cjk(a) != has_cjk(b):
        # `可视模式（Esc）`: the key to press; `Esc：退出键` names the key in Chinese
        zh = a if has_cjk(a) else b
        return not is_key_press(b if has_cjk(a) else a) or _names_a_key(zh)
    if has_cjk(a) and (a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a)) \
            and abs(len(a) - len(b)) <= 2 and min(len(a), len(b)) >= 2:
        return True  # 提示 / 提示词: a variant of the same word
    if has_cjk(a) and has_cjk(b) and len(a) == len(b) >= 3 and \
            sum(x != y for x, y in zip(a, b)) == 1:
        return True  # 思维链 / 思路链: one character differs (持续交付 / 持续部署 are two)
    return is_abbreviation(a, b) or is_abbreviation(b, a) or _numeronym(a, b) \
        or _numeronym(b, a)


def _names_a_key(zh: str) -> bool:
    """`退出键`, `上档键`: the Chinese name of a key (not a kind of key: 组合键, 快捷键)."""
    return zh.endswith("键") and zh not in lexicon.KEY_KINDS_ZH


def is_abbreviation(short: str, long: str) -> bool:
    """Schwartz & Hearst: the letters of `short` appear in order in `long`, the first one at
    the start of a word of `long`, which has more words than `short` has letters' words.

    >>> is_abbreviation("it/s", "iterations per second"), is_abbreviation("Redis", "Remote Dictionary Server")
    (True, True)
    >>> is_abbreviation("CD", "Continuous Delivery"), is_abbreviation("API", "Application")
    (True, False)

    An acronym in the plural abbreviates its expansion in either number (`CRDs (Custom
    Resource Definition)`, `LLMs (Large Language Models)`):

    >>> is_abbreviation("CRDs", "Custom Resource Definition"), is_abbreviation("Cs", "Cat")
    (True, False)
    """
    if _letters_match(short, long):
        return True
    single = singular_acronym(short)
    return single is not None and _letters_match(single, long)


def singular_acronym(short: str) -> str | None:
    """`CRDs` → CRD, `LLMs` → LLM: an acronym written in the plural, without its `s`."""
    single = short[:-1]
    return single if short.endswith("s") and len(single) >= 2 and single.isupper() else None


def _letters_match(short: str, long: str) -> bool:
    """The Schwartz & Hearst test of `is_abbreviation`, on `short` as written."""
    chars = [c.lower() for c in short if c.isalnum()]
    long_words = re.findall(r"[A-Za-z0-9]+", long)
    if len(chars) < 2 or len(long_words) < 2 or len(short) >= len(long) or has_cjk(long):
        return False
    text = long.lower()
    li = len(text) - 1
    for si in range(len(chars) - 1, -1, -1):
        c = chars[si]
        while li >= 0 and (text[li] != c or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
    return True


def is_clipped(short: str, long: str) -> bool:
    """A word cut short with a period, as dictionaries abbreviate (`n.` for noun, `adj.` for
    adjective, `prep.` for preposition).

    >>> is_clipped("adj.", "Adjective"), is_clipped("n.", "Noun"), is_clipped("n", "Noun")
    (True, True, False)
    >>> is_clipped("ad.", "Docker"), is_clipped("noun.", "Noun")
    (False, False)
    """
    head = short[:-1]
    return short.endswith(".") and 1 <= len(head) < len(long) and head.isascii() \
        and head.isalpha() and long.isascii() and long.isalpha() \
        and long.lower().startswith(head.lower())


def _numeronym(short: str, long: str) -> bool:
    """k8s = k + 8 letters + s; i18n, a11y."""
    m = re.fullmatch(r"([A-Za-z])(\d+)([A-Za-z])", short)
    return bool(m) and len(long) == int(m.group(2)) + 2 and \
        long[0].lower() == m.group(1).lower() and long[-1].lower() == m.group(3).lower()


# 中文-English, 中文·English, English - 中文, 中文 | English, 中文/English, and the signs of
# equivalence: English↔中文, 中文 ⇔ English, 中文 <-> English.
_BILINGUAL = re.compile(r"^(.+?)\s*(?:" + lexicon.EQUIVALENCE_SIGNS + r"|\s[-–—/|]\s|[·・|]|(?<=[\u3400-\u9fff])[-–—_/]"
                        r"|[-–—_/](?=[\u3400-\u9fff]))\s*(.+)$")


_UNWRAPPED = re.compile(r"^[(（]([^()（）]+)[)）]$")


def split_bilingual(text: str) -> tuple[str, str] | None:
    """(中文, English) of `中文-English`, `中文·English`, `English - 中文`; None otherwise.

    >>> split_bilingual("意图-intent"), split_bilingual("模块 - module"), split_bilingual("a-b")
    (('意图', 'intent'), ('模块', 'module'), None)
    >>> split_bilingual("(Round Robin)↔轮询"), split_bilingual("最小连接数 ⇔ Least Connections")
    (('轮询', 'Round Robin'), ('最小连接数', 'Least Connections'))
    >>> split_bilingual("字符串 ↔ bytes"), split_bilingual("JSON <-> 字典")
    (None, None)
    """
    text = text.strip()
    if len(text) > 160:
        return None  # no pair of names (and the pattern's lazy first half is quadratic on a
        # long run of spaces: 20,000 took 7 s)
    match = _BILINGUAL.match(text)
    if not match:
        return None
    a, b = (match.group(i).strip() for i in (1, 2))
    arrow = re.search(lexicon.EQUIVALENCE_SIGNS, text[match.end(1):match.start(2)])
    if arrow:  # `(Round Robin)↔轮询`: a side may be in parentheses
        wrapped = bool(_UNWRAPPED.match(a) or _UNWRAPPED.match(b))
        a, b = _UNWRAPPED.sub(r"\1", a), _UNWRAPPED.sub(r"\1", b)
    a, b = clean_label(a), clean_label(b)
    if not a or not b or has_cjk(a) == has_cjk(b):
        return None
    zh, en = (a, b) if has_cjk(a) else (b, a)
    if is_key_press(en) and not _names_a_key(zh) or is_key_combination(text):
        return None  # `Fn-退格`, `Command-左箭头`: a key combination (`选项-Option` is none)
    if arrow and not wrapped and len(en.split()) < 2:
        return None  # `字符串 ↔ bytes`, `JSON <-> 字典`: one converts to the other
    # beside its English name, the Chinese one may be a short description of it
    # (`Pillars - 人生的经营领域`)
    if not (is_name(en) and (is_name(zh) or len(zh) <= 10 and is_name(zh, strict=False))) \
            or is_sentence(a) or is_sentence(b):
        return None
    return zh, en


_SPACED_DASH = re.compile(r"(?<!\s)\s+[-–—]\s+")  # (from a run's first space only: linear)


def split_acronym_pair(text: str) -> tuple[str, str] | None:
    """`PWA - Progressive Web Apps`, `Continuous Delivery – CD`: an acronym and its spelling
    out (its initials, or a numeronym such as K8s) on either side of a spaced dash are
    two names of one thing, the first as written first. Anything else joined by a dash
    (`ELK - Elastic Stack`, `Redis - cache`) is not read as such.

    >>> split_acronym_pair("PWA - Progressive Web Apps"), split_acronym_pair("ELK - Elastic Stack")
    (('PWA', 'Progressive Web Apps'), None)
    >>> split_acronym_pair("Kubernetes - K8s"), split_acronym_pair("I/O - Input/Output")
    (('Kubernetes', 'K8s'), ('I/O', 'Input/Output'))
    """
    parts = _SPACED_DASH.split(text.strip())
    if len(parts) != 2:
        return None
    a, b = clean_label(parts[0]), clean_label(parts[1])
    if not a or not b or has_cjk(a) or has_cjk(b) or not (is_name(a, strict=False)
                                                           and is_name(b, strict=False)):
        return None
    for short, long in ((a, b), (b, a)):
        if _numeronym(short, long) or (is_acronym(short) or _SLASHED_LETTERS.fullmatch(short)) \
                and spells_initials(short, long):
            return a, b
    return None


# `I/O`, `C/S`: capitals one by one between slashes, an acronym written so.
_SLASHED_LETTERS = re.compile(r"[A-Z](?:/[A-Z])+")


_MINOR_WORDS = {"of", "and", "the", "for", "from", "to", "in", "on", "a", "an", "as", "with"}


def initials_of(long: str) -> set[str]:
    """The initials `spells_initials` compares an acronym's letters with: of every word, and
    of the words that are not small ones.

    >>> sorted(initials_of("Reinforcement Learning from Human Feedback"))
    ['rlfhf', 'rlhf']
    """
    words_ = re.findall(r"[A-Za-z]+", long)
    return {"".join(w[0].lower() for w in words_),
            "".join(w[0].lower() for w in words_ if w.lower() not in _MINOR_WORDS)}


def acronym_letters(short: str) -> str:
    """The letters an acronym spells (`I/O` → io), lower case."""
    return "".join(c.lower() for c in short if c.isalpha())


@lru_cache(maxsize=1 << 14)
def spells_initials(short: str, long: str) -> bool:
    """The letters of `short` are the initials of the words of `long` (small words may be
    skipped): PWA, Progressive Web Apps; RLHF, Reinforcement Learning from Human Feedback."""
    letters = acronym_letters(short)
    return len(letters) >= 2 and letters in initials_of(long)


def _is_short_name(text: str) -> bool:
    if any(sep in text for sep in "、，,;；") or is_sentence(text):
        return False
    return is_name(text) and len(text) <= 40 and len(text.split()) <= 5


_LIST_FIELD_SEPARATORS = re.compile(r"[,，、;；]|\t|\s{2,}")


def term_list_field(text: str, is_term_list) -> list[TermShape]:
    """`相关概念: 主从同步, 集群, 负载均衡`, `> 核心概念: DDD, 领域建模, 领域模型`, `Keywords:
    RAG, embedding`: one line, a field whose name is a word that heads a list of terms
    (`is_term_list`: the term-list headings, 关键词 / 相关术语 / Keywords …), and a value of
    names separated by `,` `，` `、` (or tabs). Each name (with its parenthesised other names,
    `云原生(Cloud Native)`) is a term; a value that is not all names (a sentence, `#tags`)
    gives none.

    >>> [s.names for s in term_list_field("相关概念: 主从同步, 集群, 负载均衡", {"相关概念"}.__contains__)]
    [['主从同步'], ['集群'], ['负载均衡']]
    >>> [s.names for s in term_list_field("相关术语: 状态、事件和状态转移", {"相关术语"}.__contains__)]
    [['状态'], ['事件'], ['状态转移']]
    >>> term_list_field("作用: 存储数据, 检索数据", {"相关概念"}.__contains__)
    []
    """
    text = text.strip()
    if "\n" in text:
        return []
    head, value = split_colon(text)
    if value is None or not head.strip() or not is_term_list(head.strip()):
        return []
    return _field_names(value)


# `服务类型: 应用服务, 领域服务`, `设计模式分类: 创建型模式, 结构型模式`: a field that lists kinds.
_KINDS_FIELD = re.compile(r"^([^\s:：]{1,10})(?:类型|分类|种类|类别)$")


def kinds_field(text: str) -> list[TermShape]:
    """`服务类型: 应用服务, 领域服务`, `节点分类: 根节点, 非叶子节点, 叶子节点`: one line, a field
    whose name says its value lists the kinds of something (…类型, …分类, …种类, …类别), and a
    value of names only (as `term_list_field` reads it): each is a term, a kind of what the
    text is about.

    >>> [s.names for s in kinds_field("节点分类: 根节点, 非叶子节点, 叶子节点.")]
    [['根节点'], ['非叶子节点'], ['叶子节点']]
    >>> kinds_field("字符串类型: '' > null 优先使用空字符串")
    []
    """
    text = text.strip()
    head, value = split_colon(text)
    if "\n" in text or value is None or not _KINDS_FIELD.match(head.strip()):
        return []
    return _field_names(value)


_NUMERALS = {ch: i for i, ch in enumerate("零一二三四五六七八九十")} | {"两": 2}


def counted_field(text: str) -> list[TermShape]:
    """`三个阶段：热身阶段，交替运动阶段，和运动恢复阶段。`: one line, a field whose name counts
    things of a kind and a value listing exactly that many names, none an everyday word:
    each is a term, a part of what the text is about. A count the value does not match, or
    an everyday item (`三个步骤：安装，配置，运行`), gives none.

    >>> [s.names for s in counted_field("三个阶段：热身阶段，交替运动阶段，和运动恢复阶段。")]
    [['热身阶段'], ['交替运动阶段'], ['运动恢复阶段']]
    >>> [s.names for s in counted_field("四大特性：原子性，一致性，隔离性，持久性")]
    [['原子性'], ['一致性'], ['隔离性'], ['持久性']]
    >>> counted_field("三个步骤：安装，配置，运行"), counted_field("两种模式：同步阻塞，异步非阻塞，轮询")
    ([], [])
    >>> counted_field("二维矩阵: 列式特征, 行是样本")   # 二维 counts no things
    []
    >>> counted_field("两个缺点：成本高，维护难"), counted_field("相关概念：旋律、节奏、和声")
    ([], [])
    """
    text = text.strip()
    head, value = split_colon(text)
    found = lexicon.COUNTED_KINDS.match(head.strip()) if value is not None \
        and "\n" not in text else None
    if not found:
        return []
    count = found.group(1)
    count = int(count) if count.isdigit() else _NUMERALS.get(count)
    shapes = _field_names(value)
    if count is None or count < 2 or len(shapes) != count \
            or any(is_everyday(n) or re.search(r"\d", n)
                   or has_cjk(n) and _pos(n)[-1][1][:1] in ("a", "v", "d", "u", "y")
                   for s in shapes for n in s.names):
        return []  # (`两个缺点：成本高，维护难`: claims, not names)
    return shapes


def kinds_field_subject(text: str) -> str:
    """What a kinds field lists the kinds of: its name without 类型 / 分类 / 种类 / 类别 ('' when
    the line is no kinds field).

    >>> kinds_field_subject("节点分类: 根节点, 叶子节点"), kinds_field_subject("相关概念: A, B")
    ('节点', '')
    """
    found = _KINDS_FIELD.match(split_colon(text.strip())[0].strip())
    return found.group(1) if found else ""


# `别名: A, B`, `alias: [A, B]`, `英文名: Domain-Driven Design`, `别名-synonym: …`, `别名alias: …`:
# a field whose name says its value is other names (a bare 中文 / 英文 may be a font or a link).
_OTHER_NAMES_FIELD = re.compile(
    r"^(?:别名|又名|别称|英文名|中文名|英文全称|中文全称|aliases|alias|aka|synonyms?|also known as)"
    r"(?:\s*[-_/(（]?\s*(?:aliases|alias|synonyms?|aka)\s*[)）]?)?$", re.I)


def other_names_field(text: str) -> list[str]:
    """`> 别名-synonym: 技术组件, 后端组件`, `> 英文名: Domain-Driven Design`, `> alias: [A, B]`:
    one line, a field whose name says its value is other names (别名, 英文名, alias, synonym,
    aka) and a value of names only (as `term_list_field` reads it, a `[…]` list too): the
    names, each with its parenthesised other names. None of a value that is not all names.

    >>> other_names_field("别名-synonym: 技术组件, 后端组件, Python技术组件")
    ['技术组件', '后端组件', 'Python技术组件']
    >>> other_names_field("alias: [Go标准库, 标准库, Go standard library]")
    ['Go标准库', '标准库', 'Go standard library']
    >>> other_names_field("别名: 随机存取存储器(Random Access Memory)\t主存")
    ['随机存取存储器', 'Random Access Memory', '主存']
    >>> other_names_field("书名: 领域驱动设计"), other_names_field("别名: 某模式在书中的其他名称是什么。")
    ([], [])
    """
    text = text.strip()
    head, value = split_colon(text)
    if "\n" in text or value is None or not _OTHER_NAMES_FIELD.match(head.strip()):
        return []
    value = value.strip()
    if value[:1] in "[【" and value[-1:] in "]】":
        value = value[1:-1]
    names: list[str] = []
    for shape in _field_names(value):
        names.extend(n for n in (*shape.names, *shape.aliases) if n not in names)
    return names


def _field_names(value: str) -> list[TermShape]:
    """The names a field's value lists (`, ， 、`, a last pair joined by 和 / 及), or none
    when one part is no name or starts giving examples (`分离横切关注点，如日志、事务管理`: a
    sentence). A separator inside parentheses is the item's own: `排序算法（快速排序、归并排序）`
    is one name with its examples.

    >>> [(s.names, s.examples) for s in _field_names("排序算法（快速排序、归并排序）、动态规划")]
    [(['排序算法'], ['快速排序', '归并排序']), (['动态规划'], [])]
    >>> _field_names("分离横切关注点，如日志、事务管理")
    []
    """
    parts = split_outside_parens(value.strip(), _LIST_FIELD_SEPARATORS)
    if len(parts) >= 2 and has_cjk(parts[-1]):
        # `状态、事件和状态转移`: the last two joined by 和 / 及 (`A，B，和C`: after a comma too)
        opener = re.match(r"^\s*(以及|和|及)(?=[\u3400-\u9fff])", parts[-1])
        before = value.rstrip()[:len(value.rstrip()) - len(parts[-1].rstrip())].rstrip()
        if opener and before.endswith(("，", ",")) \
                and words(parts[-1].strip())[0] == opener.group(1):  # (not 、和声, 和而不同)
            parts[-1] = parts[-1][opener.end():]
        parts[-1:] = re.split(r"(?<=[\u3400-\u9fff])(?:以及|和|及)(?=[\u3400-\u9fff])", parts[-1])
    shapes = []
    for part in parts:
        part = part.strip().rstrip("。.")
        if not part:
            continue
        if part.startswith("#") or len(part) > 40 or _gives_examples(part):
            return []
        shape = parse_term(part)
        if shape is None or shape.siblings or shape.definition or shape.after_colon \
                or is_sentence(part):
            return []
        shapes.append(shape)
    return shapes


def _gives_examples(part: str) -> bool:
    """`如日志`, `例如Redis`: a list item that starts giving examples (the marker a word of its
    own: 像素, 例外 and 例程 start with one's character and are names).

    >>> [_gives_examples(t) for t in ("如日志", "例如Redis", "像素", "例外", "日志")]
    [True, True, False, False, False]
    """
    marker = next((m for m in lexicon.EXAMPLE_MARKERS_ZH if part.startswith(m)), None)
    return marker is not None and words(part)[0] == marker


def _cell_script(text: str) -> str:
    return "" if not text.strip() else ("zh" if has_cjk(text) else "en")


def table_terms(rows: list[list[str]]) -> list[TermShape]:
    """The terms of a table that lists terms (one under a `Keywords` / `术语` heading), by its
    cells' text (a `<br>` a line break):

    - a grid of names, its header row written like its body (`| 决策树 | 心智模型 |` over
      `| 第一性原理 | 流程图 |`): every cell that is a name is a term, the header's too; a
      cell of two lines that slash the same number of names in two scripts
      (`分层/分组<br>layer/group`) pairs them (分层 = layer, 分组 = group);
    - a glossary, its header naming the columns (`| 英文 | 中文 | 描述 |` over `| object |
      对象 | … |`: a column's script differs from its header's): the first cell of each row is
      the term, the next one its other name when it is a name in the other script.

    >>> [s.names + s.aliases for s in table_terms([["决策树", "心智模型"], ["流程图", ""]])]
    [['决策树'], ['心智模型'], ['流程图']]
    >>> [s.names + s.aliases for s in table_terms([["英文", "中文", "描述"], ["object", "对象", "一个实例"]])]
    [['object', '对象']]
    """
    rows = [[c.strip() for c in row] for row in rows if row]
    if len(rows) < 2:
        return []
    header, body = rows[0], rows[1:]
    labels = any(_cell_script(h) and any(_cell_script(r[c]) not in ("", _cell_script(h))
                                         for r in body if c < len(r))
                 for c, h in enumerate(header))
    shapes: list[TermShape] = []
    if labels:
        for row in body:
            shape = _table_name(row[0]) if row else None
            if shape is None or len(shape) != 1:
                continue
            other = _table_name(row[1]) if len(row) > 1 else None
            if other is not None and len(other) == 1 and not other[0].aliases \
                    and _cell_script(row[1]) != _cell_script(row[0]):
                shape[0].aliases.append(other[0].names[0])
            shapes.append(shape[0])
        return shapes
    for row in rows:
        for cell in row:
            shapes.extend(_table_name(cell) or [])
    return shapes


_NAMES_IN_CELL = re.compile(r"[,，、;；\n]| / ")  # (parts stripped after: `\s*` around
# the separator is quadratic on a cell of spaces)


def name_column_terms(rows: list[list[str]]) -> list[tuple[int, TermShape]]:
    """The terms of a table with a column headed as names (`| 符号 | 名称 | 用法 |`, `| Formatting
    | Name(s) |`, `lexicon.NAME_HEADERS`): each row's cell there names a thing, the names a cell lists
    (`PascalCase, StudlyCase`) being other names of it, as is the name in another such column
    in the other script (`| 英文名 | 中文名 |`). Two rows at least, most of them names; with
    each term its row's index.

    >>> rows = [["符号", "名称", "用法"], ["。", "句号", ""], ["，", "逗号", "分隔"], ["？", "问号", ""]]
    >>> [(i, s.names) for i, s in name_column_terms(rows)]
    [(1, ['句号']), (2, ['逗号']), (3, ['问号'])]
    >>> rows = [["英文名", "中文名"], ["kebab-case", "短横线命名"], ["snake_case, pothole_case", "下划线命名"]]
    >>> [s.names + s.aliases for _, s in name_column_terms(rows)]
    [['kebab-case', '短横线命名'], ['snake_case', 'pothole_case', '下划线命名']]
    """
    rows = [[c.strip() for c in row] for row in rows if row]
    if len(rows) < 3:
        return []
    header, body = rows[0], rows[1:]
    columns = [c for c, h in enumerate(header)
               if clean_label(h).casefold() in lexicon.NAME_HEADERS]
    if not columns:
        return []
    table = [[[n for n in (_column_name(p.strip()) for p in _NAMES_IN_CELL.split(row[c])) if n]
              if c < len(row) else [] for c in columns] for row in body]
    # Names the table tells apart by case alone (`TRAIN-CASE` in one row, `Train-Case` in
    # another) name nothing on their own: names are matched whatever their case.
    spellings: dict[str, set[str]] = {}
    for row in table:
        for names in row:
            for name in names:
                spellings.setdefault(name.casefold(), set()).add(name)
    out: list[tuple[int, TermShape]] = []
    for i, row in enumerate(table, start=1):
        cells = [[n for n in names if len(spellings[n.casefold()]) == 1] for names in row]
        first = next((names for names in cells if names), None)
        if first is None:
            continue
        shape = TermShape(names=[first[0]], aliases=first[1:], strong=True)
        script = _cell_script(first[0])
        for names in cells:
            if names is not first and len(names) == 1 and _cell_script(names[0]) != script:
                shape.aliases.append(names[0])  # `| kebab-case | 短横线命名 |`
        out.append((i, shape))
    return out if 2 * len(out) > len(body) else []  # most rows


def _column_name(cell: str) -> str:
    """A name written in a cell of a names column (code marks and links dropped), or ""."""
    name = clean_label(cell.strip("` *"))
    return name if name and len(name) <= 40 and is_name(name) \
        and good_name(name, strict=False) and not is_task(name) else ""  # not `关闭窗口`


def bilingual_table_terms(rows: list[list[str]]) -> list[tuple[int, TermShape]]:
    """The terms of a table whose rows name one thing in two scripts, wherever it stands:
    in two neighbouring columns, most rows (at least three) give a name and the same name in
    the other script (`| 名词 | Noun(n.) | 人或事物的名称 |`, `| [...] | rectangle | 矩形 |`).
    Each such row is a term with its other names (a row with one of the two cells empty, a
    term of one name), with its row's index. The header says so: it names the two columns in
    those two scripts, one of them a column of names (`| 名称 | Name |`, `| Means | 中文名称 |`,
    `| 中文 | EN |`, `lexicon.NAME_COLUMNS`) and neither a description (`| Name | 描述 |`,
    `lexicon.DESCRIPTION_COLUMNS`); a table of anything else (`| 功能 | command |`, commands
    and what they do) gives none, nor does a vocabulary list of everyday words or several
    renderings (`| perspective | 视角/角度 |`); a value met twice names a kind and pairs no row.

    >>> rows = [["名称", "Name", "作用"], ["名词", "Noun(n.)", "人或事物的名称"],
    ...         ["动词", "Verb(v.)", "表示动作"], ["副词", "Adverb", "修饰"], ["冠词", "", ""]]
    >>> [(i, s.names + s.aliases) for i, s in bilingual_table_terms(rows)]
    [(1, ['名词', 'Noun', 'n.']), (2, ['动词', 'Verb', 'v.']), (3, ['副词', 'Adverb']), (4, ['冠词'])]
    >>> bilingual_table_terms([["命令", "作用"], ["ls", "列出文件"], ["cd", "进入目录"], ["rm", "删除"]])
    []
    """
    rows = [[c.strip() for c in row] for row in rows if row]
    if len(rows) < 4:
        return []
    header, body = rows[0], rows[1:]
    for column in range(len(header) - 1):
        scripts = (_cell_script(header[column]), _cell_script(header[column + 1]))
        pair = header[column:column + 2]
        if "" not in scripts and scripts[0] != scripts[1] \
                and any(_names_column(h) for h in pair) \
                and not any(_described_column(h) for h in pair):
            named = _bilingual_columns(body, column, scripts)
            if named:
                return named
    return []


def _names_column(header: str) -> bool:
    """`中文`, `English`, `名称`, `Term`: a header over names."""
    return clean_label(header).casefold() in lexicon.NAME_COLUMNS


def _described_column(header: str) -> bool:
    """`描述`, `Description`: a header over what things do, not their other names."""
    return clean_label(header).casefold() in lexicon.DESCRIPTION_COLUMNS


def _bilingual_columns(body: list[list[str]], column: int,
                       scripts: tuple[str, str]) -> list[tuple[int, TermShape]]:
    # a value met twice names a kind, not one thing (`| Kafka | 消息队列 |`, `| RabbitMQ |
    # 消息队列 |`): no row pairs it, or two things would be one
    seen = Counter(clean_label(c).casefold() for row in body for c in row[column:column + 2] if c)
    named, filled, pairs = [], 0, 0
    for i, row in enumerate(body, 1):
        cells = row[column:column + 2]
        if len(cells) < 2 or not any(cells):
            continue
        if all(cells) and any(seen[clean_label(c).casefold()] > 1 for c in cells):
            shape = _one_name(cells[0])
            if shape is not None and not shape.aliases:
                named.append((i, shape))
            continue
        if all(cells):
            filled += 1
            pair = _bilingual_pair(cells, scripts)
            if pair is not None:
                pairs += 1
                first, other = pair
                first.aliases.extend(n for n in (*other.names, *other.aliases)
                                     if n not in first.aliases)
                named.append((i, first))
            continue
        side = 0 if cells[0] else 1
        shape = _one_name(cells[side]) if _cell_script(cells[side]) == scripts[side] else None
        if shape is not None and not shape.aliases:
            named.append((i, shape))
    if pairs < 3 or pairs * 5 < filled * 4:
        return []
    return named


def _bilingual_pair(cells: list[str], scripts: tuple[str, str]) -> tuple[TermShape, TermShape] | None:
    """Two cells that name one thing, each one name in its column's script; not two
    everyday words (`| sense | 意义 |`) nor a list of renderings (`视角/角度`)."""
    if (_cell_script(cells[0]), _cell_script(cells[1])) != scripts \
            or any("/" in c for c in cells):
        return None
    first, other = _one_name(cells[0]), _one_name(cells[1])
    if first is None or other is None \
            or is_everyday(first.names[0]) and is_everyday(other.names[0]):
        return None
    return first, other


def _one_name(cell: str) -> TermShape | None:
    """The term a cell names when it names exactly one (with its parenthesised other names)."""
    shapes = _table_name(cell)
    return shapes[0] if shapes and len(shapes) == 1 and len(shapes[0].names) == 1 else None


def _table_name(cell: str) -> list[TermShape] | None:
    """The terms one cell names: one name, or two lines pairing slashed names in two scripts
    (`分层/分组` over `layer/group`)."""
    lines = [line.strip() for line in cell.split("\n") if line.strip()]
    if not lines or len(cell) > 60:
        return None
    if len(lines) == 2:
        left, right = (re.split(r"\s*/\s*", line) for line in lines)
        if len(left) == len(right) and _cell_script(lines[0]) != _cell_script(lines[1]) \
                and all(is_name(x) and not is_sentence(x) for x in (*left, *right)):
            return [TermShape(names=[a], aliases=[b], strong=True) for a, b in zip(left, right)]
    if len(lines) != 1:
        return None
    shape = parse_term(lines[0])
    if shape is None or shape.siblings or shape.definition or shape.after_colon \
            or shape.examples or is_sentence(lines[0]):
        return None
    return [shape]


def person_name(name: str) -> str:
    """`作者埃里克·埃文斯` → `埃里克·埃文斯`: a transliterated foreign person's name (its parts
    joined by `·`) written right after a word for the person's role or kind (作者, 得主,
    创始人, 一位): the name starts after that word. The words just before the first `·` that
    the dictionary knows as parts of names (or not at all) are the given name; the first one
    before them that is a common noun, numeral or verb ends the role.

    >>> person_name("作者埃里克·埃文斯"), person_name("灵奖得主尼古拉斯·沃斯")
    ('埃里克·埃文斯', '尼古拉斯·沃斯')
    >>> person_name("阿尔维德·卡尔森"), person_name("大卫·德赖斯代尔")
    ('阿尔维德·卡尔森', '大卫·德赖斯代尔')
    """
    head, dot, rest = name.partition("·")
    if not dot or not has_cjk(head) or not re.fullmatch(r"[\u3400-\u9fff]+", head):
        return name
    from ..tables import pos_tags

    tags = pos_tags()
    parts = words(head)
    i = len(parts)
    while i > 0 and (tags.get(parts[i - 1]) or "x").startswith(("nr", "x")):
        i -= 1
    if i == 0 or i == len(parts) or len(parts[i - 1]) < 2 \
            or (tags.get(parts[i - 1]) or "x")[:1] not in ("n", "m", "v"):
        return name  # a one-character word before the name may be part of it (诺斯古德)
    return "".join(parts[i:]) + dot + rest
