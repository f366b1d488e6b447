"""Names read from a run of words by its script and rarity, with no mark-up or marker around
them: Latin-script names in Chinese text (`latin_terms`: `使用Docker部署`, `n8n+streamlit`),
capitalised or rare names in English prose (`english_names`: `Dendron`, `Pod V2`), rare Chinese
words (`cjk_words`). Weak alone; a note that writes them again makes them concepts.

>>> [(t.names, t.rule) for t in latin_terms("后端使用FastAPI，前端使用next js；用Docker部署")]
[(('FastAPI',), 'latin-run'), (('next js',), 'latin-run'), (('Docker',), 'latin-run')]
"""

from __future__ import annotations

import bisect
import re

from ..segment import words
from ..termhood import is_acronym, is_everyday, zipf
from ..text import has_cjk
from .names import CJK, NAME_EDGE_WORDS, GENERIC, good_name
from .prose_term import ProseTerm
from .shapes import (FUNCTION_WORDS, _PLACEHOLDER, is_claim, is_date_or_version,
                     is_key_combination, is_key_press, is_placeholder, is_sentence)

LATIN, LATIN_SHORT = 0.5, 0.35


# A Latin name: words of letters/digits with inner . + # - and up to three more words; not
# the head of a longer identifier (`ACQ` of `ACQ.TRADE_HAS_SUCCESS`).
_LATIN_RUN = re.compile(
    r"(?<![A-Za-z0-9_./#@-])([A-Za-z][A-Za-z0-9+#]*(?:[.\-][A-Za-z0-9+#]+)*"
    r"(?: [A-Za-z0-9][A-Za-z0-9+#]*(?:[.\-][A-Za-z0-9+#]+)*){0,3})(?![A-Za-z0-9_/@(=]|[.\-][A-Za-z0-9_])")


_CODE_POINT = re.compile(r"U\+[0-9A-Fa-f]{4,6}")
_STACK = re.compile(r"(?<![\w.\-])[A-Za-z][\w.\-]*(?:\s+\+\s+[A-Za-z][\w.\-]*)+")  # (from a
# word's start only: tried inside a long word, it scanned the rest of it from every letter)
_HYPHENED = re.compile(r"[a-z]{2,}(?:-[a-z]{2,})+")
_DOTTED = re.compile(r"[a-z]{2,}(?:\.[a-z]{2,})+")
_FILE_TYPES = frozenset("""
app c cfg conf cpp css csv go h html ini java js json log md mdx py rs sh sql toml ts txt xml
yaml yml zip com org net io cn dev ai me info edu gov
""".split())  # (and the last parts of domains)


def _identifier(name: str) -> bool:
    """`vue-router`, `babel-plugin-import`, `torch.save`: a lower-case identifier of words
    joined by hyphens (one of them no common English word, or three words and more: two
    common ones are an English compound, `fault-tolerant`, `opt-in`) or by dots (not a file
    name, `lib.rs`, nor a domain, `docs.python.org`, nor a version, `v1.8`).

    >>> [_identifier(n) for n in ("vue-router", "babel-plugin-import", "torch.save")]
    [True, True, True]
    >>> [_identifier(n) for n in ("fault-tolerant", "lib.rs", "docs.python.org", "v1.8")]
    [False, False, False, False]
    """
    if _HYPHENED.fullmatch(name):
        parts = name.split("-")
        return len(parts) >= 3 or any(zipf(p) < 3.0 for p in parts)
    return bool(_DOTTED.fullmatch(name)) and name.rsplit(".", 1)[1] not in _FILE_TYPES


_URL_WORDS = frozenset(("http", "https", "www", "ftp"))
_QUANTITY = re.compile(r"^\d+(?:\.\d+)?(?:[KMGTP]i?B|[KMG]Hz|ms|[kKMG])?$")


def latin_terms(text: str) -> list[ProseTerm]:
    """Latin-script names in Chinese text. Only where the sentence is Chinese: in an English
    sentence every word is Latin and this rule says nothing."""
    if not has_cjk(text):
        return []
    out = []
    seen = set()
    chinese = _chinese_lines(text)
    blobs = [m.span() for m in _CHUNK.finditer(text) if looks_random(m.group())]
    blob_starts = [a for a, _ in blobs]
    # `Element + Nuxt + Shadcn-Vue`: the parts of a stack are names, common words too
    stacked = {part.strip() for m in _STACK.finditer(text) if not is_key_combination(m.group())
               for part in m.group().split("+")}  # (`Super + Up` presses keys)
    for match in _LATIN_RUN.finditer(text):
        if not chinese(match.start()):
            continue  # an English line of a paragraph that has a Chinese one too
        at = bisect.bisect_right(blob_starts, match.start()) - 1
        if at >= 0 and match.start() < blobs[at][1]:
            continue  # a piece of a key or a signature (`DZXh8eeTuAHoYE3w1J+POiPhf…`)
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
            if sum(1 for w in name.split() if w.lower() in NAME_EDGE_WORDS):
                continue
        words_ = name.split()
        while words_ and (words_[0].lower() in NAME_EDGE_WORDS or words_[0] == "x"):
            words_.pop(0)  # `4 x 4GB RAM`: x multiplies
        if words_ and _QUANTITY.match(words_[0]):
            continue  # `4GB RAM`, `16 GB`: an amount, not a name
        while words_ and (words_[-1].lower() in NAME_EDGE_WORDS
                          or len(words_) > 1 and words_[-1].lower() in _URL_WORDS):
            words_.pop()  # … `IC-Light https`: a link written after it (`iPhone 11` keeps
            # its number)
        name = " ".join(words_)
        if not name or name.lower() in seen or len(name) < 2:
            continue
        if is_everyday(name) and not (name in stacked and name[:1].isupper()) \
                or not _looks_like_a_name(name) or GENERIC.is_generic(name) \
                or is_key_press(name) or is_key_combination(name) or _CODE_POINT.fullmatch(name):
            continue  # … a key (`用cmd点击`), a code point (`U+0041`); a capitalised word in a
            # stack is a name
        if _colour(name, text):
            continue  # `颜色用FD9426`, `关键字 # FF2266`
        if is_date_or_version(name):
            continue  # `提交 a77aea9201…`, `v1.2.3`: a commit, a version
        if _PLACEHOLDER.search(name):
            continue  # `xxx edu`: a blank to fill in, not a name
        seen.add(name.lower())
        # Short names and lower-case words that English also has (django, mermaid, diff)
        # are names only if the note writes them again; words joined by hyphens are
        # identifiers, however common their words (router-link, vue-router), as are dotted
        # names that are no file's (torch.save, not lib.rs).
        weak = len(name) <= 2 or (name.islower() and " " not in name and zipf(name) >= 3.0
                                  and not _identifier(name))
        out.append(ProseTerm((name,), "latin-run", LATIN_SHORT if weak else LATIN))
    return out


# What a key, token, hash or Base64 text is written with, unbroken.
_CHUNK = re.compile(r"[A-Za-z0-9+/=]{16,}")


def looks_random(chunk: str) -> bool:
    """A key, token or Base64 text, not a name: 16 characters or more, digits and letters of
    both cases, and the lower-case letters in runs shorter than the syllables of words
    (`getElementById2` has runs of 3 and more).

    >>> looks_random("DZXh8eeTuAHoYE3w1J"), looks_random("CkiQhBxIzgngPdPdfp1PIS7BdhhzrsZHbRqb7o4k3Dxc")
    (True, True)
    >>> looks_random("getElementById2Async"), looks_random("Qwen25VLInstruct72B")
    (False, False)
    """
    if len(chunk) < 16 or not (re.search(r"\d", chunk) and re.search(r"[a-z]", chunk)
                               and re.search(r"[A-Z]", chunk)):
        return False
    lower = re.findall(r"[a-z]+", chunk)
    return len(lower) >= 4 and sum(map(len, lower)) / len(lower) < 3


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
    # The author's own sentence: not a lone line, nor a table's cells (read as one text with
    # ` | ` between them), nor words quoted from someone else (`"… uploaded to StackOverflow."`)
    sentence = len(text.split()) >= 4 and " | " not in text
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    for match in _EN_RUN.finditer(text):
        own = sentence and not any(a < match.start() < b for a, b in quoted)
        # (`$`-anchored: searched from a few characters back, not from the paragraph's start)
        first = bool(_SENTENCE_START.search(text, max(0, match.start() - 64), match.start())) \
            if match.start() else True
        run: list[str] = []
        shouted = False  # the run holds a word in capitals that is no acronym
        for i, word in enumerate(match.group(1).split(" ")):
            if _name_token(word, first=first and i == 0):
                run.append(word)
                continue
            if word.isupper() and len(word) >= 2 and (run and run[-1].isupper() or not run):
                shouted = True  # `NOT NULL`, `PRIMARY KEY`: keywords, none of them a name
            if not shouted:
                _add_english(run, out, seen, own)
            run, shouted = [], shouted and word.isupper()
        if not shouted:
            _add_english(run, out, seen, own)
        if not first and not _TITLE_GOES_ON.match(text, match.end()) and \
                _TITLE_LEAD.search(text, max(0, match.start() - 8), match.start()):
            _add_title_case(match.group(1), out, seen)
    return out


_QUOTED = re.compile(r'"[^"\n]{1,2000}"|“[^”\n]{1,2000}”')
TITLE_CASE_NAME = 0.6
_TITLE_WORD = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]*)*")
# `the Note Preview`, `a Kubernetes Operator`: an article before it (not `by Simon Liu`)
_TITLE_LEAD = re.compile(r"\b(?:the|a|an|our|your|its|their|this)\s+$", re.I)
# `Markdown All in One`, `Raiders of The Lost Web`: the capitals go on past a small word
_TITLE_GOES_ON = re.compile(r"\s+(?:in|of|and|for|the|to|on|with|a|an|&)\s+[A-Z0-9]")


def _add_title_case(run: str, out: list, seen: set) -> None:
    """`the Note Preview can`, `a Kubernetes Operator`: two or three words each capitalised
    after an article in the middle of an English sentence name a product, a feature, a
    place of a tool (not a title's words: `the Internet Is Rotting`)."""
    parts = run.split(" ")
    if not 2 <= len(parts) <= 3 or not all(_TITLE_WORD.fullmatch(w) for w in parts) \
            or any(w.lower() in FUNCTION_WORDS for w in parts):
        return
    name = " ".join(parts)
    if name.lower() in seen or GENERIC.is_generic(name) or is_everyday(name):
        return
    seen.add(name.lower())
    out.append(ProseTerm((name,), "title-case-name", TITLE_CASE_NAME))


def _add_english(run: list[str], out: list, seen: set, in_sentence: bool = False) -> None:
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
            and not GENERIC.is_generic(name) and not is_placeholder(name) \
            and not is_date_or_version(name):  # `id=c9dc5c07…`: a hash in a block's address
        seen.add(name.lower())
        out.append(ProseTerm((name,), "english-name", _english_confidence(name, in_sentence)))


def _name_token(word: str, first: bool) -> bool:
    """A word that can be part of a product or proper name in English prose.

    >>> [_name_token(w, False) for w in ("REST", "SOLID", "DUPLICATE", "THE", "GitHub", "the")]
    [True, True, False, False, True, False]
    """
    if any(ch.isdigit() for ch in word):
        return any(ch.isalpha() for ch in word) and len(word) >= 2
    if word.isupper():
        # `DUPLICATE`, `CURRENT`, `THE`: an English word in capitals (a keyword, emphasis), not
        # an acronym (REST, SOLID, SMART: words of up to five letters are as often one)
        rarity = zipf(word.lower())
        return len(word) >= 2 and not (len(word) >= 6 and rarity >= 3.5 or rarity >= 5.5)
    if not word[:1].isupper():
        return False
    if not word[1:].islower():
        return True  # GitHub, VSCode
    rarity = zipf(word.lower())
    return rarity < 2.5 or (not first and rarity < RARE_EN)


def _english_confidence(name: str, in_sentence: bool = False) -> float:
    """A word English does not know at all (`Dendron`) is a name more surely than a rare one."""
    if in_sentence and " " not in name and _MIXED_CASE.fullmatch(name) and _humps(name) <= 2 \
            and _FIRST_HUMP.match(name).group().lower() not in _CODE_VERBS:
        return 0.5  # `GitHub`, `OAuth2`, `PowerShell` in a sentence: written as a product is
        # (not a class, `MoveNoteCommand`, a function or command, `BuildPod`, `WithAuth`, nor
        # a table's cell of token names, `FatArrow`)
    return 0.4 if all(zipf(w.lower()) < 1.5 for w in name.split()) else ENGLISH_NAME


def _humps(name: str) -> int:
    """The runs of capitals in a name (`GitHub` 2, `OAuth2` 1, `MoveNoteCommand` 3)."""
    return sum(1 for i, ch in enumerate(name)
               if ch.isupper() and (i == 0 or not name[i - 1].isupper()))


_FIRST_HUMP = re.compile(r"[A-Z]+[a-z]*")
# The verbs that open names in code (`getUser`, `BuildPod`, `WithAuth`), no product's name
_CODE_VERBS = frozenset("get set with build make run use do go move add remove load save fetch "
                        "init create update delete handle parse render is has to from".split())
_MIXED_CASE = re.compile(r"(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z]{2,}[a-z]{2,}[A-Za-z]*)\d?")


RARE_EN = 3.3


# What code and data look like, not names: a file of a document or image kind (`icon4.jpg`;
# `main.py` is code, and `Node.js` a name), a variable in camelCase (`userName`, not
# `iPhone`, `macOS`, `jQuery`; products spelled so, openGauss, are lost too unless a heading
# or definition names them), a short lower-case token (`dq`, `ls`).
_CODE_LIKE = re.compile(r".+\.(?:jpe?g|png|gif|svg|webp|bmp|ico|pdf|txt|md|log|csv|zip|gz|tar)"
                        r"|[a-z]{2,}[A-Z][a-z]+[A-Za-z]*|[a-z]{1,2}")
_HEX6 = re.compile(r"(?=[0-9A-F]*\d)(?=[0-9A-F]*[A-F])[0-9A-F]{6}")
_COLOUR_WORDS = re.compile(r"颜色|色|colou?r|#", re.I)


def _colour(token: str, text: str) -> bool:
    """A colour written in hex (`FF2266`, `F2F2F2`, `EE0044`: doubled pairs or three letters,
    or any six hex digits where the text speaks of colours), not a chip (`AD7606`, `CC2530`).

    >>> [_colour(t, "") for t in ("FF2266", "F2F2F2", "EE0044", "AD7606", "CC2530")]
    [True, True, True, False, False]
    """
    if not _HEX6.fullmatch(token):
        return False
    pairs = [token[i:i + 2] for i in (0, 2, 4)]
    return sum(p[0] == p[1] for p in pairs) >= 2 or sum(c.isalpha() for c in token) >= 3 \
        or bool(_COLOUR_WORDS.search(text))


def _looks_like_a_name(name: str) -> bool:
    """Docker, RPC, n8n, streamlit: capitals, digits, or a word rare in English; not code or
    data (`_CODE_LIKE`).

    >>> [_looks_like_a_name(x) for x in ("Docker", "n8n", "icon4.jpg", "userName",
    ...                                  "iPhone", "macOS", "dq", "Node.js")]
    [True, True, False, False, True, True, False, True]
    """
    if _CODE_LIKE.fullmatch(name):
        return False
    if any(ch.isupper() for ch in name) or any(ch.isdigit() for ch in name):
        return True
    found = [zipf(w) for w in re.findall(r"[a-z]+", name)]
    return bool(found) and min(found) < (4.0 if len(found) > 1 else 3.6)


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
