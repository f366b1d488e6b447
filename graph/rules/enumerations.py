"""Lists written inside a sentence: a name and the kinds or instances it lists
(`enumerations`: `常见的ORM有Django-ORM和SQLAlchemy`; `such_as`: `deployment strategies such as
canary or blue-green`), the examples a sentence gives (`text_examples`: `例如A、B`), names listed
with 、 (`coordination`), and the items of such a list (`split_items`: `A、B和C`, `A, B or C`).

>>> [(t.names, t.examples) for t in enumerations("常见的ORM有Django-ORM和SQLAlchemy")]
[(('ORM',), ('Django-ORM', 'SQLAlchemy'))]
"""

from __future__ import annotations

import re

from .. import lexicon
from ..segment import drop_list_close, list_closed_at, on_word_boundaries, words
from ..termhood import is_everyday, is_rare, zipf
from ..text import clean_label, fold_chinese, has_cjk
from .names import (CJK, NAME_EDGE_WORDS, PAREN_PAIR, ends_in_when, example_name, good_name,
                    led_by_function_word, listable_name, trim_leading)
from .prose_term import ProseTerm
from .shapes import COUNT_WORDS, _pos
from .term_item import split_aliases

_TEXT_EXAMPLES = re.compile(r"(?:例如|比如|譬如|诸如|\bsuch as\b|\be\.g\.|\bfor example\b|"
                            r"\bfor instance\b)[，,:：\s]*([^。；;！!？?\n]{2,120})", re.I)


def text_examples(text: str) -> list[str]:
    """`实现容错机制，例如熔断器（Circuit Breaker）模式和重试策略。` → 熔断器, 重试策略: the
    names a sentence gives as examples (after 例如 / 比如 / such as / e.g., to the end of the
    clause; a name given with its translation is the name before the parenthesis). Every item
    must be a name, else the clause is prose, not a list."""
    out: list[str] = []
    for match in _TEXT_EXAMPLES.finditer(text):
        listed = match.group(1)
        if has_cjk(listed):  # a Chinese list is written with 、 and 和: 等 or a comma ends it
            listed = listed_region(re.split(r"[，,]", listed)[0])
        raw = split_items(listed)
        names = [clean_label(re.split(r"[（(]", item)[0]) for item in raw]
        if names and all(n and listable_name(n) for n in names):
            out.extend(n for n in names if n not in out)
    return out


EXAMPLE_LIST = 0.55


def example_list(text: str) -> list[ProseTerm]:
    """`添加诸如指标收集、速率限制等功能`, `例如熔断器模式和重试策略`: the names a sentence of
    prose gives as examples, two or more and every one a name (`text_examples`), are terms.

    >>> [t.names for t in example_list("可以添加诸如指标收集、速率限制等功能。")]
    [('指标收集',), ('速率限制',)]
    """
    # `Vuex、Portal Vue 等库`: the 等 closing a list after a Latin name, and the kind after it
    found = [_LATIN_CLOSE.sub("", name) for name in text_examples(text)]
    if len(found) < 2 or not all(_PLAIN_NAME.fullmatch(name) and not _clause_after(name)
                                 for name in found):
        return []  # (`os.open`, `geoip:cn`, `zh.wikipedia.org`: code and addresses, not terms;
        # `Bob 都能登录`: a name and the clause after it)
    return [ProseTerm((name,), "example-list", EXAMPLE_LIST) for name in found]


_LATIN_CLOSE = re.compile(r"(?<=[A-Za-z0-9])\s*等[\u4e00-\u9fff]{0,3}$")
_SPACED_CLAUSE = re.compile(r"[A-Za-z0-9]\s+([\u4e00-\u9fff]{2,})")


def _clause_after(name: str) -> bool:
    """`Bob 都能登录`: a Latin name, a space, and Chinese words that do not go on naming
    (`MQTT 消息` does)."""
    match = _SPACED_CLAUSE.search(name)
    tags = _pos(match.group(1)) if match else ()
    return bool(tags) and tags[0][1][:1] in ("d", "p", "c", "u", "r")


_PLAIN_NAME = re.compile(r"[^\W_]+(?:[ +#-][^\W_]+)*[+#]*")


def _kind_of_sibling(item: str, items: list[str]) -> bool:
    """A Chinese item whose head word a good sibling shares is a name too, whatever the
    tagger makes of its first character: 多不饱和脂肪酸 beside 饱和脂肪酸 (多 is read as a
    numeral)."""
    if not has_cjk(item) or not good_name(item):
        return False
    for other in items:
        if other == item or not example_name(other):
            continue
        n = 0
        while n < min(len(item), len(other)) and item[-1 - n] == other[-1 - n]:
            n += 1
        if n >= 2 and has_cjk(item[-n:]) and n < len(item) and n < len(other):
            return True
    return False


_JOINS_ZH = frozenset(("或者", "或", "以及", "及", "和", "与"))


def split_items(text: str) -> list[str]:
    """The items of a list written in a sentence: `A、B和C`, `A, B or C`. A Chinese
    conjunction separates items only where the segmenter reads it as a word: 和 joins
    `队列和交换机`, it is part of 饱和 in `饱和脂肪酸`."""
    text = re.sub(r"\s*etc\.?\s*$", "", text.strip().rstrip("。.;；!！ "))
    text = drop_list_close(text) or text
    parts = re.split(r"\s*(?:[、,，;；]|\bor\b|\band\b)\s*", text)
    out = []
    for part in parts:
        for piece in _split_joins(part):
            piece = clean_label(piece)
            out.extend(split_aliases(piece) if "/" in piece else [piece] if piece else [])
    return out


def _split_joins(part: str) -> list[str]:
    if not any(j in part for j in _JOINS_ZH):
        return [part]
    pieces, start, at = [], 0, 0
    for word in words(part):  # cut the text itself where a conjunction is a word
        at = part.find(word, at)
        if at < 0:
            return [part]
        if word in _JOINS_ZH:
            pieces.append(part[start:at])
            start = at + len(word)
        at += len(word)
    pieces.append(part[start:])
    return pieces


ENUMERATION = 0.55
_ENUM_MARKERS = ("主要包括", "主要有", "常见的有", "常见的是", "常见就是", "常见有", "可分为", "可以分为", "分为", "分成", "分类为", "包括",
                 "包含", "有以下", "有如下", "有：", "有:", "有")
_ENUM = re.compile(f"([{CJK}A-Za-z0-9+#.\\-]{{1,20}})[，,]?(?:{'|'.join(_ENUM_MARKERS)})[:：]?\\s*"
                   f"([^。；;！!？?\\n]{{3,120}})")
_COLLECTIVE = re.compile(f"([^。；;！!？?\\n:：]{{3,120}}?)(?:统称为|统称|合称为|合称|总称为|总称)"
                         f"\\s*([{CJK}A-Za-z0-9+#.\\- ]{{2,30}})")


_COUNTED = re.compile(f"\\s*[一二两三四五六七八九十几]+(?:{COUNT_WORDS})[{CJK}]{{0,4}}(?=[，,。]|$)")


def listed_region(text: str) -> str:
    """Where a list written in a Chinese sentence ends: at `等` closing it, or — for a list
    written with 、 — at the next comma (`LoRA、Textual Inversion、Hypernetworks 等，包括…`:
    what follows the comma is the sentence going on, not another item).

    >>> listed_region("LoRA、Textual Inversion、Hypernetworks 等，包括训练模型的所有内容")
    'LoRA、Textual Inversion、Hypernetworks'
    >>> listed_region("A和B"), listed_region("指标收集、速率限制和授权等功能")
    ('A和B', '指标收集、速率限制和授权')
    >>> listed_region("缓存 和 发送 两个任务")
    '缓存 和 发送'
    """
    closed = list_closed_at(text)  # (`授权等功能`: 等 and the kind of thing listed)
    if closed >= 0 and len(text[closed:].split("，")[0].split(",")[0]) <= 6:
        return text[:closed].rstrip()
    counted = _COUNTED.search(text)  # `分为缓存和发送两个任务`: how many, and of what
    if counted:
        return text[:counted.start()].rstrip()
    if "、" in text:
        return re.split(r"[，,]", text)[0]
    return text


# `其内容包括…`, `它包括…`, `该系统分为…`: the text's own subject lists its parts.
_OWN = re.compile(f"^(?:其|它|该)[{CJK}]{{0,2}}$")


def _ends_on_function_word(name: str) -> bool:
    """`反馈通常`: a Chinese run that ends on an adverb, preposition, conjunction or particle
    is a clause cut short, not a name."""
    tags = _pos(name) if has_cjk(name) else ()
    return bool(tags) and tags[-1][1][:1] in ("d", "p", "c", "u")


_MODALS = ("可以", "可", "能够", "能", "会", "应该", "应当", "应")
# Adverbs between a subject and its marker (`总线又分为`, `网络也包括`, `其次还有`).
_ADVERB_BEFORE = re.compile(f"(?<=[{CJK}A-Za-z0-9])(?:又|也|还|则|亦)$")


def _cut_from_its_marker(subject: str, marker: str) -> bool:
    """A subject that is no name because the marker after it is part of a word it cuts in
    two (`虚拟化具` + 有: 具有; `生活可以划` + 分为: 划分), or because it ends on a modal verb
    (`库文件可` + 分为). `MySQL锁` + 分为, `B树` + 包括 are names.

    >>> [_cut_from_its_marker(s, m) for s, m in (("虚拟化具", "有"), ("生活可以划", "分为"),
    ...                                           ("库文件可", "分为"), ("MySQL锁", "分为"))]
    [True, True, True, False]
    """
    if subject.endswith(_MODALS):
        return True
    return bool(marker) and not on_word_boundaries(subject + marker, len(subject),
                                                   len(subject) + len(marker))


def _prefixed_name(name: str) -> bool:
    """`多不饱和脂肪酸`: one numeral character prefixed to a rare name is part of the name
    (poly-), not a quantifier (`多种模型` opens with the word 多种)."""
    tags = _pos(name)
    return len(tags) >= 2 and len(tags[0][0]) == 1 and tags[0][1][:1] == "m" \
        and is_rare(name[1:])


_LINE_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)+[.、．]?|\d+[.、．])(?![\d.])\s*(?=[^\d版])")
# (`5.`, `5、`, `1.1` numbering a line; not `8.0版本`, a version)


def enumerations(text: str) -> list[ProseTerm]:
    """`常见的ORM有Django-ORM和SQLAlchemy`, `脂肪酸分类为饱和脂肪酸，单不饱和脂肪酸`: a name
    and the kinds or instances it lists (narrower); `队列，交换机和绑定统称为AMQP实体`: the
    other way round; `其内容包括A、B和C`: parts of what the text is about (no name)."""
    if not has_cjk(text):
        return []
    out = []
    if not any(m in text for m in _ENUM_MARKERS) and "称" not in text:  # cheap test first
        return out
    for match in _ENUM.finditer(text):
        subject = trim_leading(match.group(1)) if has_cjk(match.group(1)) else match.group(1)
        subject = _LINE_NUMBER.sub("", subject)  # `23.题型包括…`: a numbered line
        if _ADVERB_BEFORE.search(subject) and words(subject)[-1] == subject[-1]:
            subject = subject[:-1]  # `总线又分为…`: 又 is no part (the 则 of 原则 is)
        marker = text[match.end(1):match.start(2)].strip(" ，,:：")
        region = listed_region(match.group(2))
        raw = split_items(region)
        items = [i for i in raw if listable_name(i) or _kind_of_sibling(i, raw)]
        if len(items) < len(raw) and re.search(r"[，,]", region):
            # `常见就是A和B，也就是…`: the list may end at the first comma, the sentence going on
            raw = split_items(re.split(r"[，,]", region)[0])
            items = [i for i in raw if listable_name(i) or _kind_of_sibling(i, raw)]
        if _OWN.match(match.group(1)) and len(items) >= 2 and len(items) * 2 >= len(raw):
            # `其内容包括测试目标、测试步骤…`: the parts of what the text is about. Recorded with
            # no evidence of their own: the relation holds for items that are concepts anyway.
            out.append(ProseTerm((), "enumeration", 0.0, examples=tuple(items)))
            continue
        if subject and good_name(subject) and len(items) >= 2 and len(items) == len(raw) \
                and not _ends_on_function_word(subject):
            # `支持多种模型，包括 SDXL 和 SD 1.5`: a subject led by a quantifier or determiner
            # (多种, 这些, 一些) names no kind; the items stay examples of what the text is about
            named = () if has_cjk(subject) and (led_by_function_word(subject)
                                                and not _prefixed_name(subject)
                                                or _cut_from_its_marker(subject, marker)) \
                else (subject,)
            out.append(ProseTerm(named, "enumeration", ENUMERATION, examples=tuple(items)))
    for match in _COLLECTIVE.finditer(text):
        whole = clean_label(match.group(2))
        pair = PAREN_PAIR.match(whole)
        names = (clean_label(pair.group(1)), clean_label(pair.group(2))) if pair else (whole,)
        raw = split_items(match.group(1))
        items = [i for i in raw if example_name(i)]
        if names[0] and good_name(names[0]) and len(items) >= 2 and len(items) == len(raw):
            out.append(ProseTerm(names, "enumeration", ENUMERATION, examples=tuple(items)))
    return out


_OWNER_LISTS = re.compile(f"^(?:主要包括|主要包含|主要有|包括|包含|可分为|可以分为|分为)[:：]?\\s*"
                          f"([^。；;！!？?\\n]{{3,120}})")


def owner_kinds(definition: str) -> list[str]:
    """`- **并发编程**：包括多线程、多进程和异步编程，强调…`: a definition that opens by listing
    (包括, 分为, 主要有) lists the kinds or parts of the term it defines; the items, when every
    one is a name.

    >>> owner_kinds("包括多线程、多进程和异步编程，强调并发执行任务")
    ['多线程', '多进程', '异步编程']
    >>> owner_kinds("包括如何配置和部署"), owner_kinds("多线程、多进程")
    ([], [])
    """
    match = _OWNER_LISTS.match(definition.strip())
    if not match or not has_cjk(definition):
        return []
    items = split_items(listed_region(match.group(1)))
    if len(items) >= 2 and all(good_name(i) for i in items) \
            and 2 * sum(map(listable_name, items)) > len(items):
        return items
    return []


_SUCH_AS = re.compile(r"((?:[A-Za-z][\w'’-]*\s+){0,4}),?\s*such as\s+([^.;:!?()\n]{2,160})")
# `calendars like Google Calendar`: a plural kind, `like`, names (not `looks like`, `I like`).
_LIKE = re.compile(r"((?:[A-Za-z][\w'’-]*\s+){0,3}[A-Za-z][\w-]*s)\s+like\s+([^.;:!?()\n]{2,160})")
_LIKE_VERBS = frozenset("looks seems sounds feels works acts behaves reads tastes smells "
                        "is was does always less perhaps its unless also sometimes this "
                        "thus".split())
# Words before a kind that say how many or which, not what (`various deployment strategies`).
_QUANTIFIERS = frozenset("""
various different many several other some all any multiple numerous certain common popular
typical specific particular its their our your his her my custom
""".split())
_TITLE_WORD = re.compile(r"[A-Z][\w.+#-]*|[A-Z0-9]{2,}[\w.+#-]*")
_ETC_END = re.compile(r"(?<![\s,]),?\s*(?:\betc|\band so on)\s*(?:…|\.\.\.)?\s*$", re.I)


def such_as(text: str, link_texts: tuple[str, ...] = ()) -> list[ProseTerm]:
    """`deploys the software using various deployment strategies such as [canary] or
    [blue-green] releases`: a kind (`deployment strategies`) and its instances, in English
    prose. The instances must all be names (a link's text, or words in Title Case: `the Tree
    View, Backlinks Panel, and Calendar View`), else the clause lists things, not names. The
    kind is kept when it is a name that is no everyday phrase; without it the instances are
    the text's (`ProseTerm` with no name).

    >>> [(t.names, t.examples) for t in such_as(
    ...     "using various deployment strategies such as canary or blue-green releases",
    ...     ("canary", "blue-green"))]
    [(('deployment strategies',), ('canary', 'blue-green'))]
    >>> [(t.names, t.examples) for t in such_as(
    ...     "custom views such as the Tree View, Backlinks Panel, and Calendar View show up")]
    [((), ('Tree View', 'Backlinks Panel', 'Calendar View'))]
    >>> such_as("everyday tasks such as testing and calculating code quality")
    []

    `like` after a plural kind reads the same, with names in Title Case only:

    >>> [(t.names, t.examples) for t in such_as("integrating calendars like Google Calendar")]
    [((), ('Google Calendar',))]
    >>> such_as("it looks like Google Calendar"), such_as("tools like docker")
    ([], [])
    >>> [t.examples for t in such_as("possible technologies like Caddy, Envoy, Kong, etc.")]
    [('Caddy', 'Envoy', 'Kong')]
    >>> [t.examples for t in such_as("servers like Caddy, Envoy, Kong, Etc…")]
    [('Caddy', 'Envoy', 'Kong')]
    """
    if has_cjk(text) or "such as" not in text and " like " not in text:
        return []
    out = []
    matches = [(m, False) for m in _SUCH_AS.finditer(text)] if "such as" in text else []
    matches += [(m, True) for m in _LIKE.finditer(text)
                if m.group(1).split()[-1].lower() not in _LIKE_VERBS]
    for match, like in matches:
        # `technologies like Nginx, Traefik, HAProxy, etc.`: the list closed by `etc`
        region = _ETC_END.sub("", match.group(2))
        links = [t for t in link_texts if t and t in region]
        items = links if not like and len(links) >= 1 and _only_links_listed(region, links) \
            else _title_items(region, one_name=like)
        if not items:
            continue
        # (`calendars like Google Calendar`: `like` is looser than `such as`, its kind unnamed)
        kind = "" if like else _kind_before(match.group(1))
        named = (kind,) if kind and good_name(kind) else ()
        out.append(ProseTerm(named, "enumeration", ENUMERATION, examples=tuple(items)))
    return out


def _kind_before(text: str) -> str:
    """The kind named just before `such as`: its last words, back to a function word, a
    quantifier, a possessive or a verb form (`using various deployment strategies`)."""
    words_: list[str] = []
    for word in reversed(text.split()[-2:]):
        lower = word.lower()
        if lower in NAME_EDGE_WORDS or lower in _QUANTIFIERS or "'" in word \
                or "’" in word or lower.endswith(("ing", "ed")) and zipf(lower) >= 3.0:
            break
        words_.insert(0, word)
    return " ".join(words_)


def _only_links_listed(region: str, links: list[str]) -> bool:
    """`[canary] or [blue-green] releases`: the list is the links, joined by `,` / `or` /
    `and`, with at most one trailing word of their kind."""
    rest = region
    for link in links:
        rest = rest.replace(link, " ", 1)
    rest = re.sub(r"\b(?:or|and|etc|the)\b|[,]", " ", rest).split()
    return len(rest) <= 1


def _title_items(region: str, one_name: bool = False) -> list[str]:
    """`the Tree View, Backlinks Panel, and Calendar View show up here` → the three names:
    items joined by `,` / `and` / `or`, each one to four Title Case words (the last item ends
    where its Title Case words end)."""
    parts = [p.strip() for p in re.split(r",\s*(?:and|or)\s+|,\s*|\s+(?:and|or)\s+", region)]
    items = []
    for i, part in enumerate(parts):
        words_ = part.split()
        if words_ and words_[0].lower() == "the":
            words_ = words_[1:]
        if i == len(parts) - 1:  # the sentence goes on after the last name
            n = 0
            while n < len(words_) and _TITLE_WORD.fullmatch(words_[n]):
                n += 1
            words_ = words_[:n]
        if not words_ or len(words_) > 4 or not all(_TITLE_WORD.fullmatch(w) for w in words_):
            return []
        items.append(" ".join(words_))
    if len(items) == 1 and one_name and len(items[0].split()) >= 2 \
            and not re.search(r"\d", items[0]):
        return items  # `calendars like Google Calendar`: Title Case words together, a name
    return items if len(items) >= 2 or (items and not is_everyday(items[0])) else []


LISTED = 0.5
_CLAUSES = re.compile(r"[，,。；;：:！!？?\n（）()]")
_LAST_JOIN = re.compile(r"(?:以及|和|及|与|或者|或)")


def coordination(text: str) -> list[ProseTerm]:
    """Names listed with 、 in a Chinese clause: `具有高可用性、可扩展性和容错性`,
    `如Redis、Memcached`. Three or more names, most of them good names: each is a term."""
    if "、" not in text or not has_cjk(text):
        return []
    out = []
    for clause in _CLAUSES.split(text):
        clause = _LINE_NUMBER.sub("", clause)  # `5、掌握MAC地址、…`: the line's number
        if clause.count("、") < 1:
            continue
        parts = [p.strip() for p in clause.split("、")]
        head, tail = parts[0], parts[-1]
        last = _LAST_JOIN.split(tail)
        parts = [trim_leading(head) if has_cjk(head) else head.split()[-1] if head.split()
                 else "", *parts[1:-1], *last]
        written = [clean_label(drop_list_close(p) or p.strip().rstrip("。.;； "))
                   for p in parts if p]
        parts = [_leading_name(p) for p in parts if p]
        good = [p for p in parts if p and listable_name(p) and len(p) <= 24]
        if len(good) >= 3 and len(good) == len(parts):
            out.extend(ProseTerm((p,), "listed-items", LISTED) for p in good)
        elif written == parts and closed_list_of_names(clause, parts):
            # (every item as written: `可完美地解析排版、数学公式、…` opens with a clause,
            # `数据同步` cut to 数据 is not what the list names)
            out.extend(ProseTerm((p,), "listed-items", LISTED) for p in parts)
    return out


_COMMA = re.compile(r"[，,]")  # (parts stripped after: `\s*` around it is quadratic)


def comma_list(text: str) -> list[ProseTerm]:
    """Names listed with commas and closed by 等 in a Chinese sentence, as notes often write
    what should be 、: `还添加了甜菜碱，甘油等A类补剂`, `含有丙氨酸，精氨酸，牛磺酸等等`. A comma
    also ends clauses, so only the run of short good names right before the 等 counts (the
    first of them cut from what leads into it), and only two or more.

    >>> [t.names[0] for t in comma_list("很多产品还添加了甜菜碱，甘油等A类补剂。")]
    ['甜菜碱', '甘油']
    >>> comma_list("效果很好，价格便宜，体验等都不错"), comma_list("如果參數相同，多次執行冪等操作")
    ([], [])
    """
    if not has_cjk(text) or "等" not in text:
        return []
    out = []
    for written in re.split(r"[。；;！!？?\n：:（）()]", text):
        # Read in Simplified, as the word lists are written (trim_leading's 这个, not 這個), the
        # names given as written.
        clause = fold_chinese(written)
        if len(clause) != len(written):
            continue
        at = list_closed_at(clause)
        if at < 0 or not _COMMA.search(clause[:at]):
            continue
        parts = [p.strip() for p in _COMMA.split(clause[:at])]
        originals = [p.strip() for p in _COMMA.split(written[:at])]
        items: list[str] = []
        for part, original in zip(reversed(parts), reversed(originals)):
            name = trim_leading(part) if has_cjk(part) else part
            if not name or len(name) > 12 or "、" in name or not good_name(name) \
                    or is_everyday(name) or not _listed_noun(name):
                break
            items.append(original[len(original) - len(name):])
            if name != part:
                break  # the list's first item, cut from the words that lead into it
        if len(items) >= 2:
            out.extend(ProseTerm((n,), "listed-items", LISTED) for n in reversed(items))
    return out


COMMA_LISTED_ZIPF = 3.5  # 核桃 3.5, 打印机 3.7; 甘油 2.9, 机箱 3.1


def _listed_noun(name: str) -> bool:
    """An item of a comma list names a thing: a Chinese one opens on no verb, adjective,
    adverb or pronoun and is no clause of time (`易于编程`, `像JAVA`, `文件传输时` are not;
    `数据迁移`, `甘油` are)."""
    if re.search(r"\d", name):
        return False  # `华南广州1`, `X2`: a row, a count
    if not has_cjk(name):
        return not (len(name) <= 2 and name.islower())  # `dx, dy, dz`: symbols, not names
    if zipf(name) >= COMMA_LISTED_ZIPF:
        return False  # `多吃海鱼，核桃，亚麻籽油等`: a comma is weak evidence, 核桃 a common word
    tags = _pos(name)
    if len(tags) > 1 and (tags[0][1][:1] == "m" or tags[-1][1][:1] in ("a", "d", "u", "p")):
        return False  # `多次执行幂`, `参数相同`: a count of doing, a thing and how it is
    return bool(tags) and tags[0][1][:1] not in ("v", "a", "d", "r", "p", "b", "c", "u") \
        and not any(tag[:1] == "r" for _, tag in tags) and not ends_in_when(tags)


def closed_list_of_names(text: str, names: list[str]) -> bool:
    """`日志、认证鉴权、缓存、事务、监控、限流、路由、版本控制、负载均衡、配置管理等`: a long list
    closed by 等 whose items are names, three in four of them good ones (`listable_name`),
    lists the rest as names too, everyday words (事务, 监控) included. A short list or one with
    phrases in it is not one of names (`开发、测试、上线`).

    >>> closed_list_of_names("日志、缓存、事务、限流等。", ["日志", "缓存", "事务", "限流"])
    True
    """
    good = [n for n in names if n and listable_name(n)]
    return len(names) >= 4 and 4 * len(good) >= 3 * len(names) \
        and drop_list_close(text) is not None \
        and all(n and len(words(n)) <= 2 and (good_name(n) or everyday_noun(n)) for n in names)


def everyday_noun(text: str) -> bool:
    """One everyday word that names a thing or an activity (事务, 监控: a noun or a verbal
    noun), not among the most common ones, which name nothing in particular (时间, 问题,
    东西, 情况: zipf 5 and above)."""
    tags = _pos(text) if has_cjk(text) else ()
    return len(tags) == 1 and (tags[0][1][:1] == "n" or tags[0][1] == "vn") \
        and is_everyday(text) and zipf(text) < GENERIC_NOUN \
        and text not in lexicon.PARTICLES_ZH


GENERIC_NOUN = 5.0  # zipf of 时间 5.9, 问题 6.2, 东西 5.6; 事务 4.9, 监控 4.6


_AUXILIARIES = frozenset("""等 等等 需要 可以 能 能够 会 来 去 做 进行 使用 用 让 使 要 应 应该 得到 都
也 是 为 成为 作为 提供 实现""".split())


def _leading_name(text: str) -> str:
    """The name a list item starts with: `容错性来保证` → 容错性 (cut at a particle or verb)."""
    text = text.strip()
    if not has_cjk(text):
        return text.split(" ")[0] if " " in text and has_cjk(text) else text
    tokens = _pos(text)
    kept = []
    for word, tag in tokens:
        if kept and (word in lexicon.PARTICLES_ZH or tag[:1] in ("u", "p", "d", "c")
                     or word in _AUXILIARIES):
            break
        kept.append(word)
    return "".join(kept)
