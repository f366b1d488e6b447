"""Links to other notes: wikilinks (Obsidian `[[target|label]]`, Dendron `[[label|target]]`,
`[[target#heading]]`, `dendron://vault/target`) and relative Markdown links (`../b.md`,
`/zh-cn/container/`). External URLs are resources, not links.

>>> note_link("[[dendron://site/dendron.topic.pod#x]]"[2:-2], wiki=True)
('dendron.topic.pod', 'x')
>>> note_link("../zh-cn/container/#what", wiki=False)
('../zh-cn/container', 'what')
>>> note_link("https://example.org/a.md", wiki=False) is None
True
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from ..markdown import split_wikilink
from ..segment import words
from ..termhood import zipf
from ..tables import dictionary
from ..text import has_cjk, plain_singular
from .shapes import has_url, is_name
from .term_item import split_acronym_pair, split_bilingual

_NOT_NOTES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf", ".zip", ".mp4", ".mp3",
              ".canvas", ".excalidraw", ".csv", ".xlsx", ".docx", ".pptx", ".html", ".txt")


def _strip_vault(name: str) -> str:
    if name.startswith("dendron://"):
        return name[len("dendron://"):].partition("/")[2]
    return name


def note_link(target: str, *, wiki: bool) -> tuple[str, str] | None:
    """(target, anchor) of a link to another note, or None for external links and files."""
    if wiki:
        name, anchor, _label = split_wikilink(target)
        name = _strip_vault(name)
        if name.lower().endswith(_NOT_NOTES):
            return None  # an attachment, not a note
        return (name, anchor) if name or anchor else None
    href = target.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "data:")) or has_url(href) \
            or ":" in href.split("/")[0]:
        return None
    path, _, anchor = href.partition("#")
    path = unquote(path.split("?")[0]).rstrip("/")
    if not path or path.lower().endswith(_NOT_NOTES):
        return None
    return path, anchor


WIKILINK = 0.6  # confidence that a wikilink's target names a concept
# What joins the topics of a linked note's Chinese title: `草丛与视野`, `兵线、防御塔及经济`,
# `带线还是支援` (a choice).
_TITLE_JOINS = re.compile(r"以及|还是|与|和|及|跟|、")
_TOPIC_CHARS = 4  # a topic is a short name: a longer part reads as a phrase (`开局阵容分析`)
_TITLE_CHARS = 60  # (and a title of a dozen topics at most: the cost stays small)


def _inside_a_word(text: str, start: int, end: int, tokens: list[tuple[int, int]]) -> bool:
    """Is text[start:end] part of a dictionary word (CC-CEDICT) within the segmenter's word
    there: the 和 of 共和国, the 及 of 普及; not the 及 the segmenter glued into `塔及`."""
    for a, b in tokens:
        if a <= start < b and b - a > end - start:
            known = dictionary()
            return any(text[i:j] in known for i in range(a, start + 1)
                       for j in range(max(end, i + 2), b + 1))
    return False


def linked_topics(title: str) -> list[str]:
    """The topics a linked note's Chinese title joins (`[[草丛与视野]]` → 草丛, 视野), each a
    concept of its own as in a heading of them (whether an everyday one among them is, the
    caller asks of each). Not at a joining character inside a word the language knows (the 和
    of 共和国); [] for a long part (a phrase) or a Latin title (a product's name: `App Cleaner
    & Uninstaller`).

    >>> linked_topics("兵线、防御塔及经济"), linked_topics("带线还是支援")
    (['兵线', '防御塔', '经济'], ['带线', '支援'])
    >>> linked_topics("本库工作区、界面划分逻辑"), linked_topics("普及教育与扶贫")
    ([], ['普及教育', '扶贫'])
    """
    if not has_cjk(title) or len(title) > _TITLE_CHARS:
        return []
    tokens, at = [], 0
    for word in words(title):
        tokens.append((at, at + len(word)))
        at += len(word)
    parts, start = [], 0
    for join in _TITLE_JOINS.finditer(title):
        if not _inside_a_word(title, join.start(), join.end(), tokens):
            parts.append(title[start:join.start()].strip())
            start = join.end()
    parts.append(title[start:].strip())
    if len(parts) < 2 or not all(p and has_cjk(p) and len(p) <= _TOPIC_CHARS and is_name(p)
                                 for p in parts):
        return []
    return parts


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){0,5}$")


def page_slug(href: str) -> str | None:
    """The page a link goes to when it is a site's term page (`/continuous-integration/`,
    `../zh-cn/container/`): its last path part, a lower-case slug without extension, the
    language folder aside; None for files (`AI.md`) and anything else.

    >>> page_slug("/zh-cn/continuous-integration/"), page_slug("AI.md#Glossary")
    ('continuous-integration', None)
    """
    from .. import lexicon

    parsed = note_link(href, wiki=False)
    if parsed is None:
        return None
    parts = [p for p in parsed[0].split("/")
             if p and p not in (".", "..") and p.lower() not in lexicon.LANGUAGE_FOLDERS]
    return parts[-1] if parts and _SLUG.match(parts[-1]) else None


# An encyclopedia's article: the page of one concept, as a glossary's term page is
_ENCYCLOPEDIA = re.compile(r"https?://(?:[a-z-]+\.)?(?:m\.)?wikipedia\.org/wiki/[^:#?]+$"
                           r"|https?://baike\.baidu\.com/item/", re.I)


def encyclopedia_article(href: str) -> bool:
    """A link to an encyclopedia's article (Wikipedia, Baidu Baike): one concept's page."""
    return _ENCYCLOPEDIA.match(href.strip()) is not None


def page_link_name(text: str, href: str) -> str | None:
    """The text of a link to a term page names that term, in whatever language it is
    written (`[持续集成](/zh-cn/continuous-integration/)`), everyday words included
    (`[reliable](/reliability/)`); not an adverb or participle (`scaled
    [horizontally](/horizontal-scaling/)`), a sentence or a title. An encyclopedia's article
    is a term page too (`[address space](https://en.wikipedia.org/wiki/Address_space)`).

    >>> page_link_name("address space", "https://en.wikipedia.org/wiki/Address_space")
    'address space'
    >>> page_link_name("Main Page", "https://en.wikipedia.org/wiki/Special:Random")
    """
    from ..text import clean_label, has_cjk
    from .shapes import is_name, is_sentence

    if page_slug(href) is None and not encyclopedia_article(href):
        return None
    name = clean_label(text)
    if not name or is_sentence(name) or not is_name(name) or len(name.split()) > 5 \
            or (has_cjk(name) and len(name) > 12):
        return None
    if re.fullmatch(r"[a-z]+(?:ly|ed)", name):
        return None
    from ..termhood import is_acronym

    if is_acronym(name):
        return None  # `[CD](/continuous-delivery/)`: an acronym two terms may share
    return name
_PATH_LIKE = re.compile(r"^[\w-]+(?:\.[\w-]+){1,}$")  # dendron.topic.pod: a note path


def wikilink_names(inner: str) -> list[str]:
    """The concept names a wikilink gives: its target's name, and its label when that is a
    name too (`[[Chrome|edge]]`); paths give their last part, Dendron paths their label.

    >>> wikilink_names("Chrome|edge"), wikilink_names("notes/双向链接"), wikilink_names("Pod V2 CLI|dendron://site/dendron.topic.pod-v2.cli")
    (['Chrome', 'edge'], ['双向链接'], ['Pod V2 CLI'])
    >>> wikilink_names("🔗netlify"), wikilink_names("dendron.topic.pod#x")
    (['netlify'], [])
    """
    name, _anchor, label = split_wikilink(inner)
    out = []
    for part, other in ((name, label), (label, name)):
        if _is_path(other) and not _is_path(part):
            part = dendron_label_name(part, other)  # `[[Office Hours page|site.office-hours]]`
            if part is None:
                continue
        part = _strip_vault(part.strip()).split("#")[0].strip()
        if not part or part.startswith(("http", "dendron://")) or _PATH_LIKE.match(part):
            continue
        part = part.rsplit("/", 1)[-1].split("#")[0]
        for suffix in (".md", ".markdown", ".mdx"):
            if part.lower().endswith(suffix):
                part = part[: -len(suffix)]
        part = _LEADING_SYMBOLS.sub("", part).strip()
        if part and part not in out:
            out.append(part)
    return out


_LEADING_SYMBOLS = re.compile(r"^[^\w\u3400-\u9fff]+", re.UNICODE)


def _is_path(part: str) -> bool:
    part = part.strip()
    return part.startswith("dendron://") or bool(_PATH_LIKE.match(part.split("#")[0].strip()))


def _word_key(word: str) -> str:
    word = re.sub(r"[^\w]", "", word.casefold())
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def dendron_label_name(label: str, target: str) -> str | None:
    """The name a Dendron link label gives its target. A label that runs on past the words
    of a capitalised name into lower-case words is cut after the name (`Office Hours page` →
    `Office Hours`,
    `Reading Series is open|events.reading-series` → `Reading Series`); a how-to label in
    sentence case (`Using backlinks`, `Linking to files with paths`) names no concept, nor
    does one lower-case word that is none of the target's (`[[docs|site.topic.sync]]`).

    >>> dendron_label_name("Help Desk page", "dendron://site/org.help-desk")
    'Help Desk'
    >>> dendron_label_name("Getting started", "org.help-desk") is None
    True
    >>> dendron_label_name("docs", "org.help-desk") is None, dendron_label_name("desks", "org.help-desk")
    (True, 'desks')
    >>> dendron_label_name("Pod V2 CLI", "dendron.topic.pod-v2.cli")
    'Pod V2 CLI'
    >>> dendron_label_name("Help Talk", "org.help"), dendron_label_name("help desks", "org.help")
    ('Help Talk', 'help desks')
    """
    words = label.split()
    if len(words) >= 2 and re.fullmatch(r"[A-Z][a-z]+ing", words[0]) \
            and any(re.fullmatch(r"[a-z]+", w) for w in words[1:]):
        return None
    if len(words) == 1 and re.fullmatch(r"[a-z]+", label.strip()):
        stem = label.strip()[:4]
        parts = re.split(r"[-_.#/\s]+", _strip_vault(target.strip()).casefold())
        if not any(p[:4] == stem for p in parts if p):
            return None  # `[[docs|site.topic.sync]]`: a pointer to the page, not its name
    last = _strip_vault(target.strip()).split("#")[0].split(".")[-1]
    want = [_word_key(w) for w in re.split(r"[-_\s]+", last) if w]
    keys = [_word_key(w) for w in words]
    n = len(want)
    if n and n < len(keys):
        for i in range(len(keys) - n, -1, -1):
            if keys[i:i + n] == want:
                if i + n < len(keys) and words[i + n][:1].islower() \
                        and not any(w[:1].islower() for w in words[:i + n]):
                    return " ".join(words[:i + n])
                break
    return label


def wikilink_candidates(inner: str) -> list[str]:
    """The names a wikilink may point at: the target, and for `a|b` the label too, since
    Dendron writes the label first; then the concept names the link gives
    (`wikilink_names`: `[[🔡SMART]]` names SMART), so that a link reaches the concept its
    own name made.

    >>> wikilink_candidates("🔡SMART")
    ['🔡SMART', 'SMART']
    """
    name, _anchor, label = split_wikilink(inner)
    out = [_strip_vault(name)]
    if label and label != name:
        label_target, _, _ = label.partition("#")
        out.append(_strip_vault(label_target.strip()))
    out.extend(wikilink_names(inner))
    return list(dict.fromkeys(n for n in out if n))


# Inline fields whose links say where a note sits (Obsidian's Breadcrumbs plugin and Dataview
# write them as `key:: [[Link]]` lines): the note is under an `up` link, over a `down` link.
FIELD_RELATIONS = {"up": "up", "parent": "up", "parents": "up",
                   "down": "down", "child": "down", "children": "down"}
_FIELD = re.compile(r"(?:^|\n)[ \t]*([A-Za-z][\w-]*)[ \t]*::[^\n]*$")


def field_relation(text_before: str, current: str) -> str:
    """The field relation ("up", "down" or "") of the links after `text_before`, a text
    segment of a paragraph, given `current`, that of the links before it: a field written in
    it sets it, a line break without one ends it.

    >>> field_relation("up:: ", "")
    'up'
    >>> field_relation(", ", "down"), field_relation("\\nsame:: ", "down"), field_relation("\\n", "up")
    ('down', '', '')
    >>> field_relation("see also: ", "")
    ''
    """
    found = _FIELD.search(text_before)
    if found:
        return FIELD_RELATIONS.get(found.group(1).lower(), "")
    return "" if "\n" in text_before else current


def leading_link(segments) -> "object | None":
    """The wikilink an item opens with, after at most a determiner (`各个[[MOC]]页面`,
    `其他的[[流动式框架]]`, `[[HOMEPAGE]]。即主页`): the item is about what it links to. Not
    after a verb or a longer phrase (`使用[[ACCESS 笔记组织法]]`, `通过做笔记…[[…]]`).

    >>> from graph.markdown import Segment as S
    >>> leading_link([S("text", "各个"), S("wikilink", "MOC", "MOC"), S("text", "页面。")]).href
    'MOC'
    >>> leading_link([S("text", "使用"), S("wikilink", "ACCESS", "ACCESS")]) is None
    True
    """
    before = ""
    for seg in segments:
        if seg.kind == "break":
            return None
        if seg.kind == "wikilink":
            break
        if seg.kind != "text":
            return None
        before += seg.text
    else:
        return None
    before = before.strip()
    if not before:
        return seg
    if len(before) > 3 or not all("\u4e00" <= ch <= "\u9fff" for ch in before):
        return None
    from .shapes import _pos

    tags = [t for _w, t in _pos(before)]
    return seg if tags and all(t[0] in "rmqu" for t in tags) else None


def linked_kinds(texts: list[str], own: list[str]) -> list[str]:
    """`- [Dendron Vault](…) - [AWS Vault](…) - [TLDR Vault](…)` in the note on Vaults: a list
    of two or more items that are each one link only, whose texts are all names of two to four
    words ending on the head word of the note's own name (plural or not): the things of that
    kind it links to, each a concept. One link text that reads as a title (`Mastering
    Markdown`, `RFC 14 - Seed Bank`) spoils the list.

    >>> linked_kinds(["Dendron Vault", "AWS Vault", "TLDR Vault"], ["Vaults"])
    ['Dendron Vault', 'AWS Vault', 'TLDR Vault']
    >>> linked_kinds(["Dendron Vault", "Guide to vault setup"], ["Vaults"])
    []
    """
    heads = {plain_singular(n.split()[-1].lower()) for n in own if n.split() and not has_cjk(n)}
    if len(texts) < 2 or not heads:
        return []
    for text in texts:
        words = text.split()
        if not 2 <= len(words) <= 4 or plain_singular(words[-1].lower()) not in heads \
                or not all(re.fullmatch(r"[A-Z][\w.+-]*", w) for w in words) or not is_name(text):
            return []
    return list(texts)


def link_name_pair(text: str) -> tuple[str, str] | None:
    """`[[PWA - Progressive Web Apps]]`, `[[沟通 - communicate]]`: a link to a note named by
    a name and its spelling out, or by a Chinese name and its English translation in plain
    words, links the thing of both names. A title joins a topic and a subtopic as often
    (`Redis - 持久化`, `读书笔记 - Clean Code`, `AI - 头脑风暴`, `服务管理 - systemd`): a
    product's name, a capital or a rare word on the Latin side keeps the title whole.

    >>> link_name_pair("沟通 - communicate"), link_name_pair("PWA - Progressive Web Apps")
    (('沟通', 'communicate'), ('PWA', 'Progressive Web Apps'))
    >>> link_name_pair("Redis - 持久化"), link_name_pair("读书笔记 - Clean Code")
    (None, None)
    """
    acronym = split_acronym_pair(text)
    if acronym:
        return acronym
    pair = split_bilingual(text)
    if pair is None:
        return None
    latin = pair[1].split()
    if not latin or len(latin) > 3 or \
            any(not w.isalpha() or not w.islower() or zipf(w) < 3.0 for w in latin):
        return None
    return pair
