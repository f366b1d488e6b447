"""Names the author marked up inside a sentence: a **bold** span (`bold_terms`), the text of a
link (`link_terms`), a code span followed by the kind of thing it names (`code_names`).

A span that is the whole paragraph or item is no prose (a heading-like lead-in, a resource):
these rules read the inline segments, not the plain text.

>>> from graph.markdown import Segment
>>> [t.names for t in bold_terms([Segment("text", "我们用 "), Segment("text", "Kubernetes", strong=True),
...                               Segment("text", " 部署服务")])]
[('Kubernetes',)]
"""

from __future__ import annotations

import re

from ..markdown import Segment
from ..termhood import is_everyday
from ..text import clean_label, has_cjk
from .heading import drop_item_number
from .names import GENERIC, PAREN_PAIR, good_name, is_generic_heading
from .prose_term import PAIR, ProseTerm
from .shapes import _HAS_URL, has_url, is_command, is_name, is_placeholder
from .term_item import is_other_name, split_bilingual, translations

BOLD, ITALIC, LINK = 0.6, 0.25, 0.5


# Link texts and bold spans that name a page, not a concept.
_RESOURCE_WORDS = frozenset(("docs", "documentation", "doc", "homepage", "website", "site", "page",
                             "blog", "post", "article", "tutorial", "video", "here", "link",
                             "this", "guide", "reference", "manual", "handbook", "playlist",
                             "recording", "release", "issue"))
# A first resource word that is the title's subject: `Guide to Kafka`, `Docs home`.
_RESOURCE_NEXT = frozenset("to for of on home overview about index".split())
_RESOURCE_ENDINGS_ZH = ("文档", "官网", "主页", "博客", "文章", "教程", "视频", "这里", "原文", "手册",
                        "指南", "下载地址", "官网地址", "项目地址", "原文地址", "原文链接", "下载链接",
                        "项目链接", "相关链接", "参考链接")
_DEICTIC = ("here", "this", "these", "see")  # `here`, `this article`: pointing at the page
_TITLE_SEPARATORS = ("::", " - ", " | ", "：", ": ", "——", " — ", "|", "｜", "《", "》", "'s ",
                     "’s ")


def _plain(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments if s.kind in ("text", "code", "link", "wikilink"))


def _is_resource_title(text: str) -> bool:
    """A page's title, not a name: `Kubernetes docs`, `官方文档`, `this article`, `X - Y`.
    By whole words: `Docker`, `PostgreSQL`, `PageRank` and `地址总线` only start with a
    resource word.

    >>> [_is_resource_title(t) for t in ("FastAPI docs", "官方文档", "here", "Docker", "地址总线")]
    [True, True, True, False, False]
    >>> [_is_resource_title(t) for t in ("Tutorials", "Guide to Kafka", "Release Notes",
    ...                                  "Release v1.2", "IP地址", "原文链接", "Page cache")]
    [True, True, True, True, False, True, False]
    """
    lower = text.lower().strip()
    if any(sep in text for sep in _TITLE_SEPARATORS):
        return True
    if lower in ("链接", "地址") or lower.endswith(_RESOURCE_ENDINGS_ZH):
        return True
    if re.match(r"release\s+(?:notes?\b|v?\d)", lower):
        return True
    words = re.findall(r"[a-z]+", lower)
    if not words:
        return False
    return _resource_word(words[-1]) or words[0] in _DEICTIC or _resource_word(words[0]) \
        and (len(words) == 1 or words[1] in _RESOURCE_NEXT)


def _resource_word(word: str) -> bool:
    """`docs`, `tutorials`: a resource word, or its plural."""
    return word in _RESOURCE_WORDS or word.endswith("s") and word[:-1] in _RESOURCE_WORDS


def bold_terms(segments: list[Segment]) -> list[ProseTerm]:
    """**Bold** names inside a sentence (a bold run that is the whole text is not prose);
    `**对象(objects)**` is a name with its translation, even an everyday one."""
    return _marked_terms(segments, lambda seg: seg.strong, "bold", BOLD)


def italic_terms(segments: list[Segment]) -> list[ProseTerm]:
    """*Italic* names inside a sentence, as bold ones (`由*运算器*, *控制器*组成`, a term the
    text introduces). Weak alone: prose stresses plain words this way far more often than
    bold (`*guilt*`, `*initialize*`), so it only adds to other evidence.

    >>> from graph.markdown import parse_blocks
    >>> [t.names for t in italic_terms(parse_blocks("计算机由*运算器*和*控制器*组成")[0].inline.segments)]
    [('运算器',), ('控制器',)]
    """
    return _marked_terms(segments, lambda seg: seg.em and not seg.strong, "italic", ITALIC)


def _marked_terms(segments: list[Segment], marked, rule: str, confidence: float) -> list[ProseTerm]:
    spans: list[str] = []
    current: list[str] = []
    for seg in segments:
        if marked(seg) and seg.kind in ("text", "link"):
            current.append(seg.text)
        elif current:
            spans.append("".join(current))
            current = []
    if current:
        spans.append("".join(current))
    whole = _plain(segments).strip()
    out = []
    for span in spans:
        name = drop_item_number(clean_label(span))  # `**4．绪论**`
        if name == whole.strip(" :："):
            continue
        if whole.startswith(span.strip()) and whole[len(span.strip()):].lstrip()[:1] in (":", "："):
            continue  # `**工具建议**：…`: a lead-in label, not a term
        if whole.startswith(span.strip()) and span.strip()[-1:] in (":", "："):
            continue  # `**工具建议：** …`: the same, colon inside the bold
        pair = PAREN_PAIR.match(name)
        if pair:
            a, b = clean_label(pair.group(1)), clean_label(pair.group(2))
            if a and b and is_name(a) and is_name(b, strict=False) and is_other_name(a, b):
                # a pair is evidence enough in bold; in italics, as weak as the italics
                out.append(ProseTerm((a, b), f"{rule}-pair", PAIR if rule == "bold" else confidence))
            continue
        glued = split_bilingual(name)
        if glued and _glued_translation(*glued):
            zh, en = glued
            names = (zh, en) if name.startswith(zh) else (en, zh)
            out.append(ProseTerm(names, f"{rule}-pair", PAIR if rule == "bold" else confidence))
            continue
        if not good_name(name) or _is_resource_title(name):
            continue
        out.append(ProseTerm((name,), rule, confidence))
    return out


def _glued_translation(zh: str, en: str) -> bool:
    """`**context-上下文**`: a name and its translation joined by a dash, as in a heading.
    The English must be words of the language in lower case (`Python-装饰器`, `MySQL-主从复制`
    are a product and a topic of it; `B-树` a letter and a kind), the Chinese a name (not an
    everyday word: `名称·names`), neither side a section word (`资料-Links`).

    >>> _glued_translation("上下文", "context"), _glued_translation("装饰器", "Python")
    (True, False)
    >>> _glued_translation("树", "B"), _glued_translation("资料", "Links")
    (False, False)
    """
    if not en[:1].islower() or len(en) < 2 or not translations(zh, [en]) \
            or not is_other_name(zh, en) or not good_name(zh) or not is_name(en):
        return False
    return not any(is_generic_heading(x, GENERIC) for x in (zh, en))


# A link to a person's page: github.com/<user>, twitter.com/<user>, linkedin.com/in/<user>.
_PROFILE = re.compile(r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|twitter\.com|x\.com|"
                      r"linkedin\.com/in|medium\.com/@?|t\.me|weibo\.com|zhihu\.com/people)"
                      r"/[^/?#]+/?$", re.I)


_FILES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf", ".zip", ".mp4", ".mp3")


def link_terms(segments: list[Segment]) -> list[ProseTerm]:
    """Texts of links inside a sentence that are names: `使用[langchain](…)`, `such as
    [canary](/canary-deployment/) releases` (a link to another note names a concept too).

    A link that is the whole item or paragraph is a resource (its text a title), not a term."""
    links = [s for s in segments if s.kind == "link" and s.href.strip()
             and not s.href.startswith(("#", "mailto:", "tel:"))
             and not s.href.lower().split("?")[0].endswith(_FILES)]
    if not links:
        return []
    rest = "".join(s.text for s in segments if s.kind == "text")
    if not re.search(r"[A-Za-z]{2}|[\u3400-\u9fff]", without_urls(rest)):
        # a link with only punctuation, code or a bare URL beside it: a resource or a handle
        return []
    out = []
    for seg in links:
        if _PROFILE.search(seg.href):
            continue  # [Catherine Paganini](https://github.com/…): a person, not a term
        name = re.sub(r"['’]s$", "", clean_label(seg.text))  # NumPy’s → NumPy
        if not name or not good_name(name) or _is_resource_title(name):
            continue
        if len(name.split()) > 4 or (has_cjk(name) and len(name) > 10):
            continue  # a title, not a name
        if not has_url(seg.href) and re.fullmatch(r"[a-z]+(?:ly|ed)", name):
            # `scaled [horizontally](/horizontal-scaling/)`: a link between notes whose text
            # is an adverb or a participle is the sentence's wording of the target; the
            # target note names the concept.
            continue
        out.append(ProseTerm((name,), "link-text", LINK))
    return out


def without_urls(text: str) -> str:
    """The text with its bare URLs blanked: what is left beside a link is its sentence.
    `[[ComfyUI_examples](https://…)](https://…)` leaves `[](https://…)` beside the link text,
    a URL and brackets: the link is a resource, its text a page's title.

    >>> without_urls("[](https://comfyanonymous.github.io/ComfyUI_examples/)")
    '[]( '
    >>> without_urls("使用 https://x.io 部署")
    '使用   部署'
    """
    return _HAS_URL.sub(" ", text)


CODE_NAME = 0.5
# `the `Move Note` command`, `the `duplicateNoteBehavior` config`: a code span that the next
# word says is a named command, setting or part of a tool.
_CODE_KIND = re.compile(r"^\s*(?:command|commands|config|configuration|setting|settings|option|"
                        r"options|field|fields|property|properties|flag|extension|plugin|"
                        r"package|pod|keyword|directive)\b", re.I)


def code_names(segments: list[Segment]) -> list[ProseTerm]:
    """`This can be done with the `Move Note` command.`, `the `desc` field`: a code span
    followed by the kind of thing it names (command, setting, option, field, property, flag,
    extension, plugin, package, pod, keyword) is the name of one. Not a shell line
    (`dendron publish dev` command), nor a placeholder.

    >>> [t.names for t in code_names([Segment("text", "Use the "), Segment("code", "Move Note"),
    ...                               Segment("text", " command.")])]
    [('Move Note',)]
    """
    out, seen = [], set()
    for i, seg in enumerate(segments[:-1]):
        after = segments[i + 1]
        if seg.kind != "code" or after.kind != "text" or not _CODE_KIND.match(after.text) \
                or seg.text.startswith("$") and seg.text.endswith("$"):
            continue  # (`the $alpha$ option`: a formula, TeX math is read as code is)
        name = clean_label(re.sub(r"^[>$]\s*", "", seg.text.strip()))
        if not name or name.lower() in seen or len(name) > 40 or has_cjk(name) \
                or is_command(name) or is_placeholder(name) or not is_name(name):
            continue
        if is_everyday(name) and name.islower() or len(name) < 3 or name[0] in "/.~-" \
                or re.match(r"^[a-z][\w.-]*:\s", name):
            continue  # `version` field, `md` pod, `/sidebar.js`, `parent: root` (a value)
        seen.add(name.lower())
        out.append(ProseTerm((name,), "code-name", CODE_NAME))
    return out
