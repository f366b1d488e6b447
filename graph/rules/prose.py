"""Terms in running text: what a sentence names, beyond headings and glossary items.

Each rule is a small function over the plain text (or the inline segments) of one paragraph,
list item or table, and returns `ProseTerm`s with the rule that found them and a confidence:

- `bold_terms`     — a **bold** name inside a sentence (the author's emphasis)
- `link_terms`     — the text of a link inside a sentence, when it is a name (not a title)
- `latin_terms`    — Latin-script names in Chinese text (`使用Docker部署`, `n8n+streamlit`)
- `paren_terms`    — `熔断器（Circuit Breaker）`, `持续集成（CI）`: a name and its other name;
                     `缓存（如Redis或Memcached）`, `LAMP（Linux + Apache）`: a name and its
                     examples or parts
- `defined_term`   — `X（Y）是…`, `X is a …`: the subject a sentence defines

Everyday words (`graph.termhood`) are never returned; the caller weighs the confidence.

>>> [(t.names, t.rule) for t in latin_terms("后端使用FastAPI，前端使用next js；用Docker部署")]
[(('FastAPI',), 'latin-run'), (('next js',), 'latin-run'), (('Docker',), 'latin-run')]
>>> [(t.names, t.examples) for t in paren_terms("使用分布式缓存（如Redis或Memcached）来提高性能")]
[(('分布式缓存',), ('Redis', 'Memcached'))]
>>> [t.names for t in paren_terms("例如熔断器（Circuit Breaker）模式和重试策略")]
[('熔断器', 'Circuit Breaker')]
>>> d = defined_term("持续集成（CI）是在源代码变更后自动构建和测试的过程。"); d.names, d.rule
(('持续集成', 'CI'), 'definition')
>>> defined_term("VSCode is an open source IDE from Microsoft.").names
('VSCode',)
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .. import lexicon
from ..markdown import Segment
from ..segment import words
from ..termhood import is_acronym, is_everyday, is_rare, zipf
from ..text import clean_label, has_cjk
from .names import (CJK, FUNCTION_WORDS, GENERIC, SYNONYM_LINKS, example_name, function_word,
                    good_name, led_by_function_word, listable_name, noun_like, trim_leading)
from .shapes import (_HAS_URL, _PLACEHOLDER, _pos, has_url, is_command, is_placeholder, is_claim,
                     is_name, is_qualifier, is_sentence, is_verb_phrase)
from .term_item import (CATEGORY_SUFFIXES, is_abbreviation, is_other_name, split_aliases,
                        split_bilingual, split_names)

# Confidence of each rule when it fires (a concept needs 0.5; evidence adds up).
BOLD, LINK, LATIN, LATIN_SHORT, PAIR, EXAMPLE, DEFINITION = 0.6, 0.5, 0.5, 0.35, 0.75, 0.55, 0.8
PAIR_COMMON = 0.5  # an everyday word glossed with its translation: the author's evidence


@dataclass(frozen=True)
class ProseTerm:
    names: tuple[str, ...]  # the name as written first, then its other names
    rule: str
    confidence: float
    examples: tuple[str, ...] = ()  # instances or parts of it (narrower)
    definition: str = ""  # the sentence that defines it


# A Latin name: words of letters/digits with inner . + # - and up to three more words.
_LATIN_RUN = re.compile(
    r"(?<![A-Za-z0-9_./#@-])([A-Za-z][A-Za-z0-9+#]*(?:[.\-][A-Za-z0-9+#]+)*"
    r"(?: [A-Za-z0-9][A-Za-z0-9+#]*(?:[.\-][A-Za-z0-9+#]+)*){0,3})(?![A-Za-z0-9_/@(=])")
# Link texts and bold spans that name a page, not a concept.
_RESOURCE_WORDS = ("docs", "documentation", "doc", "homepage", "website", "site", "page", "blog",
                   "post", "article", "tutorial", "video", "here", "link", "this", "guide",
                   "reference", "manual", "handbook", "playlist", "recording", "recordings",
                   "release", "issue", "issues", "文档", "官网", "主页", "博客", "文章", "教程",
                   "视频", "链接", "这里", "地址", "原文", "手册", "指南")
_TITLE_SEPARATORS = ("::", " - ", " | ", "：", ": ", "——", " — ", "|", "｜", "《", "》", "'s ",
                     "’s ")
_PAREN = re.compile(r"[(（]([^()（）]{1,80})[)）]")


def _plain(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments if s.kind in ("text", "code", "link", "wikilink"))


def _is_resource_title(text: str) -> bool:
    lower = text.lower()
    return any(sep in text for sep in _TITLE_SEPARATORS) or \
        any(lower.endswith(w) or lower.startswith(w) for w in _RESOURCE_WORDS)


def bold_terms(segments: list[Segment]) -> list[ProseTerm]:
    """**Bold** names inside a sentence (a bold run that is the whole text is not prose);
    `**对象(objects)**` is a name with its translation, even an everyday one."""
    spans: list[str] = []
    current: list[str] = []
    for seg in segments:
        if seg.strong and seg.kind in ("text", "link"):
            current.append(seg.text)
        elif current:
            spans.append("".join(current))
            current = []
    if current:
        spans.append("".join(current))
    whole = _plain(segments).strip()
    out = []
    for span in spans:
        name = clean_label(span)
        if name == whole.strip(" :："):
            continue
        if whole.startswith(span.strip()) and whole[len(span.strip()):].lstrip()[:1] in (":", "："):
            continue  # `**工具建议**：…`: a lead-in label, not a term
        if whole.startswith(span.strip()) and span.strip()[-1:] in (":", "："):
            continue  # `**工具建议：** …`: the same, colon inside the bold
        pair = _PAIR.match(name)
        if pair:
            a, b = clean_label(pair.group(1)), clean_label(pair.group(2))
            if a and b and is_name(a) and is_name(b, strict=False) and is_other_name(a, b):
                out.append(ProseTerm((a, b), "bold-pair", PAIR))
            continue
        if not good_name(name) or _is_resource_title(name):
            continue
        out.append(ProseTerm((name,), "bold", BOLD))
    return out


# A link to a person's page: github.com/<user>, twitter.com/<user>, linkedin.com/in/<user>.
_PROFILE = re.compile(r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|twitter\.com|x\.com|"
                      r"linkedin\.com/in|medium\.com/@?|t\.me|weibo\.com|zhihu\.com/people)"
                      r"/[^/?#]+/?$", re.I)
_PAIR = re.compile(r"^([^()（）]{1,30})\s*[(（]([^()（）]{1,40})[)）]$")


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


_QUANTITY = re.compile(r"^\d+(?:\.\d+)?(?:[KMGTP]i?B|[KMG]Hz|ms|[kKMG])?$")


def latin_terms(text: str) -> list[ProseTerm]:
    """Latin-script names in Chinese text. Only where the sentence is Chinese: in an English
    sentence every word is Latin and this rule says nothing."""
    if not has_cjk(text):
        return []
    out = []
    seen = set()
    chinese = _chinese_lines(text)
    for match in _LATIN_RUN.finditer(text):
        if not chinese(match.start()):
            continue  # an English line of a paragraph that has a Chinese one too
        name = match.group(1).strip(" .-")
        unit = re.match(r" ?(包)", text[match.end():match.end() + 2])
        if unit and is_acronym(name):  # `WAR 包`, `JAR包`: the package is the name
            whole = text[match.start(1):match.end() + unit.end()]
            if whole.lower() not in seen:
                seen.add(whole.lower())
                out.append(ProseTerm((whole,), "latin-run", LATIN))
            continue
        if re.search(r"\w{2}\+\w{2}", name):  # n8n+streamlit: two names
            for part in name.split("+"):
                if part and not is_everyday(part) and _looks_like_a_name(part) \
                        and part.lower() not in seen:
                    seen.add(part.lower())
                    out.append(ProseTerm((part,), "latin-run", LATIN))
            continue
        before = text[match.start() - 1: match.start()]
        after = text[match.end(): match.end() + 1]
        # A Latin run inside a Latin sentence (an English clause in a Chinese note) is prose.
        if len(name.split()) > 1 and not (re.match(f"[{CJK}]", before or "。")
                                          or re.match(f"[{CJK}]", after or "。")):
            if sum(1 for w in name.split() if w.lower() in FUNCTION_WORDS):
                continue
        words_ = name.split()
        while words_ and (words_[0].lower() in FUNCTION_WORDS or words_[0] == "x"):
            words_.pop(0)  # `4 x 4GB RAM`: x multiplies
        if words_ and _QUANTITY.match(words_[0]):
            continue  # `4GB RAM`, `16 GB`: an amount, not a name
        while words_ and words_[-1].lower() in FUNCTION_WORDS:
            words_.pop()
        name = " ".join(words_)
        if not name or name.lower() in seen or len(name) < 2:
            continue
        if is_everyday(name) or not _looks_like_a_name(name) or GENERIC.is_generic(name):
            continue
        if _PLACEHOLDER.search(name):
            continue  # `xxx edu`: a blank to fill in, not a name
        seen.add(name.lower())
        # Short names and lower-case words that English also has (django, mermaid, diff)
        # are names only if the note writes them again.
        weak = len(name) <= 2 or (name.islower() and " " not in name and zipf(name) >= 3.0)
        out.append(ProseTerm((name,), "latin-run", LATIN_SHORT if weak else LATIN))
    return out


_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _chinese_lines(text: str):
    r"""Which offsets of `text` lie on a line that is Chinese text: a paragraph may give an
    English sentence and its translation on two lines (a quoted passage and the writer's
    translation of it), and only the Chinese line is Chinese text. A Latin line that is no
    sentence (`docker-compose up --build` under its Chinese explanation) still counts.

    >>> at = _chinese_lines("The cuDNN library provides tuned kernels.\ncuDNN 是一个 GPU 加速库")
    >>> at(4), at(45)
    (False, True)
    """
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    lines = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])]
    cjk = [bool(_CJK_CHAR.search(line)) or not is_sentence(line) for line in lines]

    def chinese(offset: int) -> bool:
        return cjk[bisect.bisect_right(starts, offset) - 1]

    return chinese


ENGLISH_NAME = 0.3  # once is not enough: a name repeated in a note's English prose
# Runs of capitalised or digit-bearing words, one space apart: the only candidates.
_EN_RUN = re.compile(r"(?<![\w.-])((?:[A-Z][A-Za-z0-9]*|[a-z]+\d[A-Za-z0-9]*)(?:[.\-][A-Za-z0-9]+)*"
                     r"(?: (?:[A-Z][A-Za-z0-9]*|[a-z]*\d[A-Za-z0-9]*)(?:[.\-][A-Za-z0-9]+)*)*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n)\s*$")


def english_names(text: str) -> list[ProseTerm]:
    """Names in English prose: runs of capitalised words that are rare in English or
    written like product names (`Dendron`, `Pod V2`, `GitHub`). Weak alone
    (`ENGLISH_NAME`); a note that writes the name again and again makes it a concept."""
    if has_cjk(text):
        return []
    out, seen = [], set()
    for match in _EN_RUN.finditer(text):
        first = bool(_SENTENCE_START.search(text, 0, match.start())) if match.start() else True
        run = []
        for i, word in enumerate(match.group(1).split(" ")):
            if _name_token(word, first=first and i == 0):
                run.append(word)
            else:
                _add_english(run, out, seen)
                run = []
        _add_english(run, out, seen)
    return out


def _add_english(run: list[str], out: list, seen: set) -> None:
    # `VS Code`: a short acronym names nothing alone, the word after it belongs to the name
    while run and is_everyday(run[-1]) and not (len(run) == 2 and len(run[0]) <= 3
                                                  and run[0].isupper()):
        run.pop()
    while run and is_everyday(run[0]):
        run.pop(0)
    name = " ".join(run)
    if len(name) <= 2:
        return  # IT, VS, OK, US: two capitals in English prose are as often words
    if name and name.lower() not in seen and not is_everyday(name) and len(run) <= 3 \
            and not GENERIC.is_generic(name) and not is_placeholder(name):
        seen.add(name.lower())
        out.append(ProseTerm((name,), "english-name", _english_confidence(name)))


def _name_token(word: str, first: bool) -> bool:
    """A word that can be part of a product or proper name in English prose."""
    if any(ch.isdigit() for ch in word):
        return any(ch.isalpha() for ch in word) and len(word) >= 2
    if word.isupper():
        return len(word) >= 2
    if not word[:1].isupper():
        return False
    if not word[1:].islower():
        return True  # GitHub, VSCode
    rarity = zipf(word.lower())
    return rarity < 2.5 or (not first and rarity < RARE_EN)


def _english_confidence(name: str) -> float:
    """A word English does not know at all (`Dendron`) is a name more surely than a rare one."""
    return 0.4 if all(zipf(w.lower()) < 1.5 for w in name.split()) else ENGLISH_NAME


RARE_EN = 3.3


def _looks_like_a_name(name: str) -> bool:
    """Docker, RPC, n8n, streamlit: capitals, digits, or a word rare in English."""
    if any(ch.isupper() for ch in name) or any(ch.isdigit() for ch in name):
        return True
    found = [zipf(w) for w in re.findall(r"[a-z]+", name)]
    return bool(found) and min(found) < (4.0 if len(found) > 1 else 3.6)


def _subject_before(text: str, end: int, short: str = "") -> str:
    """The name that ends at `end` in a sentence: a Latin run, or the last words of the
    Chinese run there without what leads into them (`例如熔断器` → 熔断器). With an acronym
    `short` in the parenthesis, the Latin words it abbreviates."""
    head = text[:end].rstrip()
    latin = re.search(r"([A-Za-z][A-Za-z0-9+#.\- ]{0,80})$", head)
    if latin and not re.search(f"[{CJK}]$", head):
        tokens = latin.group(1).strip().split()
        if short and is_acronym(short):
            for n in range(1, min(len(tokens), 9) + 1):
                candidate = " ".join(tokens[-n:])
                if candidate[0].lower() == short[0].lower() and \
                        is_abbreviation(short, candidate):
                    return candidate
        while tokens and tokens[0].lower() in FUNCTION_WORDS:
            tokens.pop(0)
        return " ".join(tokens[-4:])
    run = re.search(f"([{CJK}A-Za-z0-9®™]+)$", head)
    if not run:
        return ""
    name = trim_leading(run.group(1))
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
        if has_cjk(listed):  # a Chinese list is written with 、 and 和: a comma ends it
            listed = re.split(r"[，,]", listed)[0]
        raw = _items(listed)
        names = [clean_label(re.split(r"[（(]", item)[0]) for item in raw]
        if names and all(n and listable_name(n) for n in names):
            out.extend(n for n in names if n not in out)
    return out


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


def _after_marker(inner: str) -> str | None:
    """`以下简称RLHF` → `RLHF`: the name after a synonym marker, or None."""
    # `通常简称为 K8s`: an adverb before the marker; but 又 of 又称 is the marker's own
    for text in dict.fromkeys((inner.strip(), _LEADING_ADVERB.sub("", inner.strip()))):
        for marker in sorted(lexicon.SYNONYM_MARKERS_ZH + lexicon.SYNONYM_MARKERS_EN, key=len,
                             reverse=True):
            if marker != "or" and text.lower().startswith(marker) and len(text) > len(marker):
                rest = text[len(marker):]
                if has_cjk(marker):
                    rest = re.sub(r"^[为作做]", "", rest)
                return rest.strip(" :：,，") or None
    return None


_LEADING_ADVERB = re.compile(r"^(?:通常|一般|常常|经常|常|也|又|亦|往往|多)(?=[简又也亦被称叫])")


def _split_examples(inner: str) -> tuple[str, list[str]]:
    """("example", items) for `如A、B或C` / `e.g. A, B`; ("parts", items) for `A + B`;
    ("names", items) otherwise."""
    text = inner.strip()
    lower = text.lower()
    for marker in sorted(lexicon.EXAMPLE_MARKERS_ZH + lexicon.EXAMPLE_MARKERS_EN, key=len,
                         reverse=True):
        if lower.startswith(marker) and (has_cjk(marker) or len(text) == len(marker)
                                         or not text[len(marker)].isalpha()):
            rest = text[len(marker):].lstrip(" :：,，")
            return "example", _items(rest)
    if "+" in text and not text.endswith("+"):
        return "parts", [i for p in re.split(r"\s*\+\s*", text) for i in _items(p)]
    return "names", _items(text)


_JOINS_ZH = frozenset(("或者", "或", "以及", "及", "和", "与"))


def _items(text: str) -> list[str]:
    """The items of a list written in a sentence: `A、B和C`, `A, B or C`. A Chinese
    conjunction separates items only where the segmenter reads it as a word: 和 joins
    `队列和交换机`, it is part of 饱和 in `饱和脂肪酸`."""
    text = re.sub(r"\s*(?:等等|等|etc\.?)\s*$", "", text.strip())
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


def paren_terms(text: str) -> list[ProseTerm]:
    """`X（Y）` in a sentence: Y another name of X (translation, acronym, expansion), or
    examples / parts of X (`如A、B`, `A + B`). X is the name just before the parenthesis."""
    out: list[ProseTerm] = []
    last_end = 0
    for match in _PAREN.finditer(text):
        inner = match.group(1).strip()
        kind, items = _split_examples(inner)
        short = items[0] if kind == "names" and len(items) == 1 else ""
        if short:
            short = _after_marker(short) or short  # （以下简称RLHF）: the name is RLHF
        marked = _after_marker(inner) if kind == "names" else None
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
            names = [i for i in _items(_after_marker(inner) or inner)
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
            if len(names) == 1 and subject and (is_name(subject) or spelled) \
                    and (is_other_name(subject, names[0]) or marked_one) \
                    and not is_sentence(subject):
                # An everyday word with its translation is weaker evidence (目标(goal)).
                common = is_everyday(subject) or not good_name(subject)
                term = ProseTerm((subject, names[0]), "paren-pair", PAIR_COMMON if common
                                 else PAIR)
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
    raw = _items(inner)
    if len(raw) < 2 or not subject or not is_name(subject) or is_sentence(subject) \
            or led_by_function_word(subject):
        return None
    marked = [clean_label(_after_marker(i) or "") for i in raw[1:]]
    if not all(m and good_name(m, strict=False) for m in marked):
        return None
    first = clean_label(_after_marker(raw[0]) or raw[0])
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


_DEFINES_ZH = re.compile(r"^(.{1,40}?)\s*(?:[(（]([^()（）]{1,60})[)）])?\s*"
                         r"(?:是一种|是一个|是一套|是一门|是指|指的是|是|指)(?!否)(.+)$")
_DEFINES_EN = re.compile(r"^(?:(?:A|An|The)\s+)?(.{1,60}?)\s*(?:\(([^()]{1,60})\))?,?\s+"
                         r"(?:is|are|refers to|means|stands for)\s+(?:an?\s+|the\s+)?(.+)$")


def _definition_match(text: str):
    sentence = text.strip().split("\n")[0]
    if not is_sentence(sentence):
        return None, sentence
    match = _DEFINES_ZH.match(sentence) if has_cjk(sentence[:12]) else \
        _DEFINES_EN.match(sentence)
    return match, sentence


def defined_subject(text: str) -> str | None:
    """The subject of a definition sentence, whatever it is (`A launch task is …` →
    `launch task`), to compare with a heading."""
    match, _ = _definition_match(text)
    return clean_label(match.group(1)) if match else None


# `X也称为Y，是…`, `X, also known as Y, is …`: a subject that gives its other name itself.
_AKA_SUBJECT = re.compile(
    r"^(.+?)\s*[,，]?\s*(?:也称为|又称为|也称作|又称作|也被称为|亦称|又称|也称|也叫做|也叫|又叫|"
    r"简称为|简称|或称|also known as|also called|a\.k\.a\.?|aka)\s*(.+?)\s*[,，]?$", re.I)


def aka_subject(subject: str) -> tuple[str, str] | None:
    """`Kubernetes也称为K8s` → (`Kubernetes`, `K8s`): a definition's subject and the other
    name a synonym marker gives it.

    >>> aka_subject("Kubernetes也称为K8s，"), aka_subject("Kubernetes, also known as K8s,")
    (('Kubernetes', 'K8s'), ('Kubernetes', 'K8s'))
    >>> aka_subject("Kubernetes")
    """
    match = _AKA_SUBJECT.match(subject.strip())
    if not match:
        return None
    first, other = clean_label(match.group(1)), clean_label(match.group(2))
    if not first or not other or re.search(r"[,，、;；:：]", first + other):
        return None
    return first, other


def defined_term(text: str) -> ProseTerm | None:
    """The subject a definition sentence defines: `X（Y）是…`, `X is a …` (Y: another name
    when it is one, see `term_item.is_other_name`), `X也称为Y，是…`, `X, aka Y, is …` (Y:
    another name, see `aka_subject`)."""
    match, sentence = _definition_match(text)
    if not match:
        return None
    subject, other = clean_label(match.group(1)), (match.group(2) or "").strip()
    aka = aka_subject(match.group(1)) if not other else None
    if aka is not None:
        subject, aka_name = aka
        if good_name(aka_name) and len(aka_name) <= 40:
            names = defined_term_names(subject, (aka_name,))
            return ProseTerm(names, "definition", DEFINITION, definition=sentence) \
                if names else None
    extra = ()
    if other:
        kind, items = _split_examples(other)
        if kind == "names" and len(items) == 1 and is_other_name(clean_label(subject), items[0]):
            extra = (items[0],)
    names = defined_term_names(subject, extra)
    return ProseTerm(names, "definition", DEFINITION, definition=sentence) if names else None


# Nouns that name an aspect of something (its nature, meaning, purpose), not a thing:
# `大模型本质是概率模型` says what LLMs are, `基本含义是…` what the heading above means.
ASPECT_NOUNS_ZH = frozenset("本质 含义 意思 意义 定义 作用 目的 用途 功能 特点 原理 核心 关键 优势 区别".split())


def aspect_subject(subject: str) -> bool:
    """A Chinese subject that ends on an aspect noun (`大模型本质`, `消息队列的本质功能`,
    `基本含义`): the sentence says something about X's nature or meaning, it defines no term
    called `X本质`. A compound the segmenter keeps whole is a name (`功能测试`, `关键字`).

    >>> [aspect_subject(s) for s in ("大模型本质", "消息队列的本质功能", "基本含义", "功能测试", "核心")]
    [True, True, True, False, False]
    """
    if not has_cjk(subject):
        return False
    parts = [w for w in words(subject) if w.strip()]
    return len(parts) >= 2 and parts[-1] in ASPECT_NOUNS_ZH


def modified_subject(subject: str) -> bool:
    """A Chinese subject of `…是…` that is a phrase ending in a name, not a name: it runs on
    from an earlier clause (`每时每刻都在诞生和殒灭. 想要都捉住是不可能的`) or describes its
    noun with 的 (`常见的工作模式是 ORM`, `发布新的软件版本是一个…过程`): the sentence says
    something about that phrase, it defines no term called by its last word.

    >>> modified_subject("常见的工作模式"), modified_subject("诞生和殒灭. 想要都捉住")
    (True, True)
    >>> modified_subject("持续集成"), modified_subject("例如Kubernetes")
    (False, False)
    """
    return bool(re.search(r"[,，.。]|的", subject))


def defined_term_names(subject: str, others: tuple[str, ...]) -> tuple[str, ...] | None:
    """The subject of a definition as a name (None when it is a clause, a function word, a
    verb phrase), and its other names."""
    if has_cjk(subject) or re.search(f"[{CJK}]$", subject):
        subject = re.sub(f"(?<=[A-Za-z0-9{CJK}])\\s*(?:就|也|都|则|才|即|便|正|还|又)$", "",
                         subject)  # `CNAME 即指别名记录`: CNAME
        if aspect_subject(subject) or modified_subject(subject):
            return None
        subject = trim_leading(subject)
    if not subject or re.search(r"[,，、;；:：「」『』“”\"']", subject):
        return None  # `Traditionally, application servers`: a clause, not a name
    if not good_name(subject) or subject.lower() in FUNCTION_WORDS or not noun_like(subject):
        return None
    if has_cjk(subject) and len(subject) > 12:
        return None
    return (subject, *others)


_GENUS_CUT = re.compile(r"[，,。；;：:（(！!？?\n]")
_QUANTIFIER = re.compile(r"^(?:一个|一种|一套|一门|一款|一类|一项|一组|一家|一位|个|种)")


def _classifying_head(text: str) -> str | None:
    """The noun phrase closing the first clause of a Chinese `X 是…` definition, after its
    last 的 (`etcd 是一个分布式的键值存储系统，…` → 键值存储系统); None for other sentences and
    for `X 指…` (which describes, it does not classify)."""
    match, sentence = _definition_match(text)
    if not match or not has_cjk(sentence[:12]):
        return None
    link = sentence[match.end(2) if match.group(2) else match.end(1):match.start(3)]
    if "指" in link or "是" not in link:
        return None
    clause = _GENUS_CUT.split(match.group(3).strip(), 1)[0].strip()
    clause = _QUANTIFIER.sub("", clause)
    return clean_label(clause.rsplit("的", 1)[-1])


def definition_genus(text: str) -> str | None:
    """The kind a definition puts its subject in: `etcd 是一个分布式的键值存储系统，…` →
    `键值存储系统` (the noun phrase closing the first clause, after its last 的). Only for
    `是` definitions (`X 指…` describes, it does not classify), and only a compound name that
    is no everyday word (`是一个工具` says nothing)."""
    head = _classifying_head(text)
    if not head or not has_cjk(head) or not 3 <= len(head) <= 10:
        return None
    if re.search(r"[A-Za-z0-9]", head) or not good_name(head) or not noun_like(head):
        return None
    parts = [w for w in words(head) if w.strip()]
    if len(parts) < 2 or any(p in lexicon.PARTICLES_ZH for p in parts):
        return None  # one word (`工具`, `方法`) is too general a kind
    if not head.endswith(GENUS_HEADS):
        return None  # `抽象表示`, `综合解决方案`: a description, not a kind of thing
    return head


# Head nouns of a kind of thing (a class of systems, algorithms, languages …).
GENUS_HEADS = (*CATEGORY_SUFFIXES, "算法", "模型", "结构")


def definition_kind(text: str) -> str | None:
    """The kind any `X 是一种…Y` definition names, without `definition_genus`'s checks that
    it is a kind of thing worth a concept (`金丝雀部署是一种部署策略` → 部署策略): for a
    relation that holds only when Y is a concept anyway.

    >>> definition_kind("金丝雀部署是一种部署策略，开始时有两个环境")
    '部署策略'
    >>> definition_kind("etcd 是一个分布式的键值存储系统") is None   # definition_genus has it
    True
    """
    if definition_genus(text) is not None:
        return None
    head = _classifying_head(text)
    if not head or not 2 <= len(head) <= 12 or not good_name(head, strict=False) \
            or not noun_like(head):
        return None
    return head


ENUMERATION = 0.55
_ENUM_MARKERS = ("主要包括", "主要有", "常见的有", "常见的是", "常见就是", "常见有", "可分为", "可以分为", "分为", "分成", "分类为", "包括",
                 "包含", "有以下", "有如下", "有：", "有:", "有")
_ENUM = re.compile(f"([{CJK}A-Za-z0-9+#.\\-]{{1,20}})[，,]?(?:{'|'.join(_ENUM_MARKERS)})[:：]?\\s*"
                   f"([^。；;！!？?\\n]{{3,120}})")
_COLLECTIVE = re.compile(f"([^。；;！!？?\\n:：]{{3,120}}?)(?:统称为|统称|合称为|合称|总称为|总称)"
                         f"\\s*([{CJK}A-Za-z0-9+#.\\- ]{{2,30}})")


_LIST_CLOSED = re.compile(r"(?<=\S)\s*等(?:等)?\s*(?=[，,]|$)")


def listed_region(text: str) -> str:
    """Where a list written in a Chinese sentence ends: at `等` closing it, or — for a list
    written with 、 — at the next comma (`LoRA、Textual Inversion、Hypernetworks 等，包括…`:
    what follows the comma is the sentence going on, not another item).

    >>> listed_region("LoRA、Textual Inversion、Hypernetworks 等，包括训练模型的所有内容")
    'LoRA、Textual Inversion、Hypernetworks'
    >>> listed_region("A和B")
    'A和B'
    """
    closed = _LIST_CLOSED.search(text)
    if closed:
        return text[:closed.start()]
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


def _prefixed_name(name: str) -> bool:
    """`多不饱和脂肪酸`: one numeral character prefixed to a rare name is part of the name
    (poly-), not a quantifier (`多种模型` opens with the word 多种)."""
    tags = _pos(name)
    return len(tags) >= 2 and len(tags[0][0]) == 1 and tags[0][1][:1] == "m" \
        and is_rare(name[1:])


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
        region = listed_region(match.group(2))
        raw = _items(region)
        items = [i for i in raw if listable_name(i) or _kind_of_sibling(i, raw)]
        if len(items) < len(raw) and re.search(r"[，,]", region):
            # `常见就是A和B，也就是…`: the list may end at the first comma, the sentence going on
            raw = _items(re.split(r"[，,]", region)[0])
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
            named = () if has_cjk(subject) and led_by_function_word(subject) \
                and not _prefixed_name(subject) else (subject,)
            out.append(ProseTerm(named, "enumeration", ENUMERATION, examples=tuple(items)))
    for match in _COLLECTIVE.finditer(text):
        whole = clean_label(match.group(2))
        pair = _PAIR.match(whole)
        names = (clean_label(pair.group(1)), clean_label(pair.group(2))) if pair else (whole,)
        raw = _items(match.group(1))
        items = [i for i in raw if example_name(i)]
        if names[0] and good_name(names[0]) and len(items) >= 2 and len(items) == len(raw):
            out.append(ProseTerm(names, "enumeration", ENUMERATION, examples=tuple(items)))
    return out


_SUCH_AS = re.compile(r"((?:[A-Za-z][\w'’-]*\s+){0,4}),?\s*such as\s+([^.;:!?()\n]{2,160})")
# Words before a kind that say how many or which, not what (`various deployment strategies`).
_QUANTIFIERS = frozenset("""
various different many several other some all any multiple numerous certain common popular
typical specific particular its their our your his her my custom
""".split())
_TITLE_WORD = re.compile(r"[A-Z][\w.+#-]*|[A-Z0-9]{2,}[\w.+#-]*")


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
    """
    if has_cjk(text) or "such as" not in text:
        return []
    out = []
    for match in _SUCH_AS.finditer(text):
        region = match.group(2)
        links = [t for t in link_texts if t and t in region]
        items = links if len(links) >= 1 and _only_links_listed(region, links) \
            else _title_items(region)
        if not items:
            continue
        # The kind: the last words before `such as`, back to a function word, a quantifier,
        # a possessive or a verb form (`using various deployment strategies`).
        words_: list[str] = []
        for word in reversed(match.group(1).split()[-2:]):
            lower = word.lower()
            if lower in FUNCTION_WORDS or lower in _QUANTIFIERS or "'" in word \
                    or "’" in word or lower.endswith(("ing", "ed")) and zipf(lower) >= 3.0:
                break
            words_.insert(0, word)
        kind = " ".join(words_)
        named = (kind,) if kind and good_name(kind) else ()
        out.append(ProseTerm(named, "enumeration", ENUMERATION, examples=tuple(items)))
    return out


def _only_links_listed(region: str, links: list[str]) -> bool:
    """`[canary] or [blue-green] releases`: the list is the links, joined by `,` / `or` /
    `and`, with at most one trailing word of their kind."""
    rest = region
    for link in links:
        rest = rest.replace(link, " ", 1)
    rest = re.sub(r"\b(?:or|and|etc|the)\b|[,]", " ", rest).split()
    return len(rest) <= 1


def _title_items(region: str) -> list[str]:
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
    return items if len(items) >= 2 or (items and not is_everyday(items[0])) else []


# `CNAME 即指别名记录，也被称为规范名字`: words that say the next name is another name of the
# one before (not bare 即, which opens 即使, 即可 …).
_MARKED = re.compile(r"(?:也被称为|又被称为|被称为|又称为|也称为|也叫做|又叫做|即指|又称|亦称|也称|"
                     r"也叫|又叫|又名|别称|俗称|简称)(?:为|作|做)?")
_NAME_AFTER = re.compile(r"\s*[“\"「]?([^，,。；;：:！!？?（）()“”\"「」\n]{1,30})")


def marked_synonyms(text: str) -> list[ProseTerm]:
    """`CNAME 即指别名记录，也被称为规范名字。`: a name, then other names each introduced by a
    word that says so (即指, 也被称为, 又称, 俗称 …), in one sentence: one concept, all its
    names (the issue's true other names, written in running text rather than in a
    parenthesis). The first name is the one right before the first marker.

    >>> [t.names for t in marked_synonyms("CNAME 即指别名记录，也被称为规范名字。一般用来…")]
    [('CNAME', '别名记录', '规范名字')]
    >>> [t.names for t in marked_synonyms("命名管道又叫FIFO，是一种进程间通信方式")]
    [('命名管道', 'FIFO')]
    >>> marked_synonyms("这个方法被称为一种很好的做法，因为它简单")
    []
    """
    if not has_cjk(text) or not _MARKED.search(text):
        return []
    out = []
    for sentence in re.split(r"[。！？!?；;\n]", text):
        markers = list(_MARKED.finditer(sentence))
        if not markers:
            continue
        subject = _name_before(sentence[:markers[0].start()])
        if not subject:
            continue
        names = [subject]
        for marker in markers:
            between = sentence[:marker.start()]
            if marker is not markers[0] and not re.search(r"[，,]\s*$", between):
                break  # another clause: only `X 即指 Y，也被称为 Z` chains
            found = _NAME_AFTER.match(sentence, marker.end())
            name = clean_label(found.group(1)) if found else ""
            if not name or not good_name(name, strict=False) or is_sentence(name) \
                    or (has_cjk(name) and len(name) > 10) or len(name.split()) > 5:
                break
            names.append(name)
        if len(names) >= 2:
            out.append(ProseTerm(tuple(dict.fromkeys(names)), "marked-synonym", PAIR))
    return out


# `Data ingestion is also referred to as planting`, `Vertical scaling, also known as "scaling
# up and down", is …`: a sentence that opens with a name, then says its other name.
_MARKED_EN = re.compile(
    r"^\s*(?:(?:the|a|an)\s+)?(?P<subject>[A-Za-z][\w.+#-]*(?: [A-Za-z][\w.+#-]*){0,3})"
    r"(?:,\s*| (?:is|are) )(?:also |often |sometimes |commonly )?"
    r"(?:referred to as|known as|called)\s+(?:(?:the|a|an)\s+)?"
    r"[\"“]?(?P<other>[A-Za-z][\w.+#-]*(?: [A-Za-z][\w.+#-]*){0,4})[\"”]?\s*(?:[,.;:)]|$)")


_DETERMINERS_EN = frozenset("it this that which they other others some such each every many "
                            "most all any several".split())


def marked_synonyms_en(text: str) -> list[ProseTerm]:
    """`Data ingestion is also referred to as planting.`, `Vertical scaling, also known as
    "scaling up and down", is a technique …`: an English sentence that opens with a name (at
    most four words, none a function word) and says, with `(is) also referred to / known as`
    or `called`, the other name of it (at most five words, up to the end of the clause): one
    concept with both names.

    >>> [t.names for t in marked_synonyms_en("Data ingestion is also referred to as planting.")]
    [('Data ingestion', 'planting')]
    >>> marked_synonyms_en("Data from previous interactions is referred to as state since …")
    []
    """
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        found = _MARKED_EN.match(sentence)
        if not found:
            continue
        subject, other = found.group("subject"), found.group("other").rstrip(".")
        if not other or any(function_word(w) for w in subject.split()) or \
                any(function_word(w) for w in (other.split()[0], other.split()[-1])):
            continue
        if not (good_name(subject, strict=False) or is_name(subject)) \
                or not is_name(other) or is_sentence(other):
            continue
        if subject.split()[0].lower() in _DETERMINERS_EN:
            continue  # `Other domain specific constructs are sometimes called charts`
        out.append(ProseTerm((subject, other), "marked-synonym-en", PAIR_COMMON))
    return out


INTRODUCED_EN = 0.5
# `the principle of X`, `an implementation of the X`, `known as X`, `is called X`: English
# words that introduce the name after them as a term.
_INTRODUCES_EN = re.compile(
    r"\b(?:(?:the|a|an)\s+(?:principle|concept|notion|paradigm|discipline|philosophy)\s+of"
    r"|(?:is|are)\s+(?:an?|the)\s+(?:kind|type|form|implementation|instance|variant|subset|"
    r"extension|specialization)\s+of"
    r"|(?:also\s+|often\s+|sometimes\s+|commonly\s+)?(?:known|referred\s+to)\s+as"
    r"|(?:is|are)\s+(?:also\s+|often\s+|sometimes\s+)?(?:called|termed|dubbed)"
    r"|so-called)\s+(?:the\s+|an?\s+)?", re.I)
_NP_STOP_EN = frozenset("""that which who whose where when for to in on with from by as and or
but than into within across at about between via so if because while is are was were be can
will would should may might has have had do does it its this these those since unless here
there now""".split())


def introduced_en(text: str) -> list[ProseTerm]:
    """`It enforces the principle of separation of concerns`, `The Sidecar Container is an
    implementation of the sidecar pattern.`, `a technique known as salting`: the noun phrase
    English introduces with `the principle / concept of`, `is a kind / an implementation of`,
    `known as`, `referred to as`, `is called`, `so-called` is a term (one to four words, up to
    the next function word or mark; `X of Y` when Y closes it). A phrase that opens with a
    gerund is an activity (`the practice of storing the definition`), and one everyday word
    alone is no term (`called nodes`).

    >>> [t.names for t in introduced_en("It enforces the principle of separation of concerns and more.")]
    [('separation of concerns',)]
    >>> [t.names for t in introduced_en("The Sidecar Container is an implementation of the sidecar pattern.")]
    [('sidecar pattern',)]
    >>> introduced_en("Infrastructure as code is the practice of storing the definition of it.")
    []
    >>> introduced_en("Chaos Engineering is the discipline of experimenting on a system.")
    []
    """
    if has_cjk(text):
        return []
    out, seen = [], set()
    for match in _INTRODUCES_EN.finditer(text):
        rest = text[match.end():]
        name = _noun_phrase_en(rest)
        after = rest[len(name):].split()[:1]
        if name.endswith("ing") and name[:1].islower() and after \
                and after[0].lower() in _NP_STOP_EN | FUNCTION_WORDS:
            continue  # `the discipline of experimenting on a system`: an activity
        if name and name.lower() not in seen and _introduced_name(name):
            seen.add(name.lower())
            out.append(ProseTerm((name,), "introduced-en", INTRODUCED_EN))
    return out


def _noun_phrase_en(rest: str) -> str:
    """The words of a noun phrase at the start of `rest` (`separation of concerns and …` →
    `separation of concerns`): up to a function word or a mark, one inner `of` allowed when a
    single word follows it and closes the phrase."""
    words_ = re.match(r"[A-Za-z0-9 '’-]*", rest).group(0).split()
    phrase: list[str] = []
    i = 0
    while i < len(words_) and len(phrase) < 4:
        word = words_[i]
        low = word.lower()
        if low == "of" and phrase and i + 1 < len(words_):
            after = words_[i + 2].lower() if i + 2 < len(words_) else ""
            closes = i + 2 == len(words_) or after in _NP_STOP_EN or after in FUNCTION_WORDS
            if closes and words_[i + 1].lower() not in FUNCTION_WORDS:
                return " ".join([*phrase, word, words_[i + 1]])
            break
        if low in _NP_STOP_EN or low in FUNCTION_WORDS or "'" in word or "’" in word:
            break
        phrase.append(word)
        i += 1
    if i < len(words_) and len(phrase) == 4 and words_[i].lower() not in _NP_STOP_EN \
            and words_[i].lower() not in FUNCTION_WORDS:
        return ""  # runs on: a clause, not a name
    return " ".join(phrase)


def _introduced_name(name: str) -> bool:
    """A term, as `introduced_en` finds one."""
    words_ = name.split()
    if not words_ or not good_name(name, strict=False) and len(words_) == 1:
        return False
    if not is_name(name) or is_sentence(name) or GENERIC.is_generic(name):
        return False
    if len(words_) > 1 and words_[0].lower().endswith("ing") and words_[0][:1].islower():
        return False  # storing the definition: an activity
    if len(words_) == 1:
        return len(name) >= 3 and not is_everyday(name)
    return not words_[-1].lower().endswith(("ly", "ed"))


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
        if seg.kind != "code" or after.kind != "text" or not _CODE_KIND.match(after.text):
            continue
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


SO_CALLED_ZH = 0.5
# `所谓原子操作是指…`, `所谓的缓存穿透，…`, `什么叫做野生规范？`: the name such a sentence
# is about, up to the verb or mark that closes it.
_SO_CALLED_ZH = re.compile(
    f"(?:所谓的?\\s*([{CJK}A-Za-z0-9][{CJK}A-Za-z0-9 +#.\\-]{{1,11}}?)\\s*"
    f"(?=[，,]?\\s*(?:一般|通常|其实)?(?:就是指|就是|是指|指的是|即是|即|是|指))"
    f"|(?:什么叫做?|何谓)\\s*([{CJK}A-Za-z0-9][{CJK}A-Za-z0-9 +#.\\-]{{1,11}}?)\\s*(?=[？?]))")


def so_called_zh(text: str) -> list[ProseTerm]:
    """`所谓原子操作是指不会被线程调度机制打断的操作`, `什么叫做野生规范？`: the name a Chinese
    sentence says it explains, with `所谓X（，）是 / 就是 / 指…` (so-called X is …) or asks
    about with `什么叫X？` (what is called X?), is a term. `所谓` without a definition after
    the name is as often scorn (`所谓生产力专家，不太值得学习`).

    >>> [t.names for t in so_called_zh("所谓原子操作是指不会被线程调度机制打断的操作")]
    [('原子操作',)]
    >>> [t.names for t in so_called_zh("什么叫做野生规范？即这些规范是社区自己草拟的规则")]
    [('野生规范',)]
    >>> so_called_zh("所谓生产力专家，不太值得学习。")
    []
    """
    if "所谓" not in text and "什么叫" not in text and "何谓" not in text:
        return []
    out = []
    for match in _SO_CALLED_ZH.finditer(text):
        name = clean_label(match.group(1) or match.group(2))
        if name and has_cjk(name) and good_name(name) and noun_like(name) \
                and not is_verb_phrase(name) and not aspect_subject(name):
            out.append(ProseTerm((name,), "so-called", SO_CALLED_ZH))
    return out


_OPENING_EN = re.compile(r"(?:also known as|also called|a\.?k\.?a\.?)\s+", re.I)


def opening_other_names(text: str) -> tuple[str, ...]:
    """`也叫入链。反向链接是…`: a sentence that is only a marker of another name and the name
    (no subject before it) names what the text is about: the names it gives, else ().

    >>> opening_other_names("也叫入链。反向链接是一个页面的入口"), opening_other_names("Also known as RLHF.")
    (('入链',), ('RLHF',))
    >>> opening_other_names("反向链接也叫入链。"), opening_other_names("也叫它一声，再说")
    ((), ())
    """
    sentence = re.split(r"[。！？!?；;\n]|\.(?:\s|$)", text.strip(), maxsplit=1)[0].strip()
    names: list[str] = []
    at = 0
    while at < len(sentence):
        rest = sentence[at:]
        marker = _MARKED.match(rest) or _OPENING_EN.match(rest)
        if marker is None:  # `通常简称 K8s`: an adverb before the marker
            bare = _LEADING_ADVERB.sub("", rest)
            marker = _MARKED.match(bare)
            if marker is None:
                return ()
            at += len(rest) - len(bare)
        found = _NAME_AFTER.match(sentence, at + marker.end())
        name = clean_label(found.group(1)) if found else ""
        if not name or not good_name(name, strict=False) or is_sentence(name) \
                or (has_cjk(name) and len(name) > 10) or len(name.split()) > 5:
            return ()
        names.append(name)
        at = found.end()
        gap = re.match(r"[\s”\"」]*(?:[，,、]\s*|$)", sentence[at:])
        if gap is None:
            return ()  # the sentence goes on: not a name alone
        at += gap.end()
    return tuple(dict.fromkeys(names))


def _name_before(text: str) -> str:
    """The name a clause ends with: a Latin run (`CNAME `) or the last Chinese name."""
    text = text.rstrip()
    latin = re.search(r"([A-Za-z][A-Za-z0-9+#.\-]*(?: [A-Za-z][A-Za-z0-9+#.\-]*){0,3})$", text)
    if latin:
        name = latin.group(1)
        return name if good_name(name, strict=False) or is_acronym(name) else ""
    run = re.search(f"[{CJK}]+$", text)
    if not run:
        return ""
    name = trim_leading(run.group(0))
    return name if name and good_name(name) else ""


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
        if clause.count("、") < 1:
            continue
        parts = [p.strip() for p in clause.split("、")]
        head, tail = parts[0], parts[-1]
        last = _LAST_JOIN.split(tail)
        parts = [trim_leading(head) if has_cjk(head) else head.split()[-1] if head.split()
                 else "", *parts[1:-1], *last]
        parts = [_leading_name(p) for p in parts if p]
        good = [p for p in parts if p and listable_name(p) and len(p) <= 24]
        if len(good) >= 3 and len(good) == len(parts):
            out.extend(ProseTerm((p,), "listed-items", LISTED) for p in good)
    return out


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


CJK_WORD = 0.3  # a rare Chinese word once; written again and again it becomes a concept


def cjk_words(text: str) -> list[ProseTerm]:
    """Rare Chinese words of three characters or more in running text (`智能体`,
    `增强学习`): weak alone, a concept when the note keeps using them."""
    if not has_cjk(text):
        return []
    out, seen = [], set()
    for run in re.findall(f"[{CJK}]{{3,}}", text):
        for word in words(run):
            if len(word) < 3 or word in seen or not has_cjk(word):
                continue
            seen.add(word)
            if zipf(word) < 3.2 and good_name(word) and not is_claim(word):
                out.append(ProseTerm((word,), "cjk-word", CJK_WORD))
    return out


_CJK_LATIN = re.compile(f"^([{CJK}]{{2,}})\\s*([A-Za-z][A-Za-z ]{{2,}})$|"
                        f"^([A-Za-z][A-Za-z ]{{2,}})\\s*([{CJK}]{{2,}})$")


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
        before, after = text[:match.start()], text[match.end():]
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


def _unparsed_emphasis(text: str) -> str:
    """`**请求行为模式：**频率、时间分布`: CommonMark leaves `**` as text when the closing run
    sits between a full-width colon and a Chinese character (it is not right-flanking), a
    common way of writing a bold lead-in in Chinese. What remains of such markers in the
    text of a segment is markup, never part of a name (`**频率`).

    >>> _unparsed_emphasis("**请求行为模式：**频率、时间分布")
    '请求行为模式：频率、时间分布'
    """
    return text.replace("**", "").replace("__", "") if "**" in text or "__" in text else text


def prose_terms(segments: list[Segment]) -> list[ProseTerm]:
    """Every prose rule over one piece of inline text (code spans are never read)."""
    # A line break stays one: a run of names never spans two lines.
    text = _unparsed_emphasis("".join(s.text if s.kind in ("text", "link", "wikilink", "break")
                                      else " " for s in segments))
    plain = _unparsed_emphasis("".join(s.text if s.kind in ("text", "break") else " "
                                       for s in segments))
    pairs = pair_list(plain)
    if pairs:
        return pairs
    link_texts = tuple(s.text for s in segments if s.kind in ("link", "wikilink"))
    found = [*bold_terms(segments), *link_terms(segments), *code_names(segments), *paren_terms(text),
             *quoted_pairs(plain), *quoted_terms(plain), *latin_terms(plain), *english_names(plain),
             *enumerations(text), *coordination(plain), *such_as(text, link_texts),
             *marked_synonyms(plain), *marked_synonyms_en(plain), *introduced_en(plain), *so_called_zh(plain)]
    return found
