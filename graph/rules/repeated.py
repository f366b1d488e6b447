"""Terms a note keeps using: Chinese phrases written again and again in its prose.

Chinese has no spaces, and a glossary term in running text (智能体, 增强学习, 饱和脂肪酸) is
rarely in a general dictionary. What marks it is repetition: the note's own word-frequency
against the language's. The candidates are runs of 1–4 segmenter words (so they start and
end on word boundaries), counted over the note's prose; a phrase is kept when it comes back
at least `MIN_COUNT` times, is not an everyday word, and is *maximal* — not merely a part of
a longer phrase that occurs as often (智能 always inside 智能体 is not a term of its own).
This is the C-value idea of term extraction (Frantzi et al.), kept small.

>>> text = "智能体通过交互学习。智能体不断试错。人类反馈指导智能体。增强学习需要智能体。"
>>> repeated_phrases([text])
[('智能体', 4)]
"""

from __future__ import annotations

import re
from collections import Counter

from .. import lexicon
from ..segment import words
from ..termhood import zipf
from ..text import plain_singular
from .names import ends_in_when

MIN_COUNT = 3
MAX_TOKENS = 4
MAX_CHARS = 8
MAX_TEXT = 200_000  # characters of prose read per note (the rule is linear, but bounded)
_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")
_STOP = frozenset("""
的 了 是 和 与 或 在 中 等 及 之 其 把 被 对 从 向 于 以 为 将 也 都 就 还 又 很 更 最 不 没 有 个 这 那
我 你 他 她 它 们 一 二 三 可以 可能 需要 通过 进行 使用 如果 因为 所以 但是 而且 然后 因此 以及 或者
一个 一种 一些 这个 这种 那个 什么 怎么 如何 为什么 时候 方面 情况 问题 方法 方式 东西 比较 非常
每个 每 各 各种 所有 其他 其它 自己 我们 他们 你们 之后 之前 以后 以前 同时 已经 正在 能够 应该
""".split())
RARE_PHRASE = 3.5  # as a whole, a term is rarer than this in general language


def _name_shaped(phrase: str) -> bool:
    """A phrase that ends on a noun-like word and starts on no function word: 停机时间, not
    路由到, 且容易出错, 一台物理 (part-of-speech tags of jieba's dictionary).

    >>> [_name_shaped(p) for p in ("停机时间", "运行时", "报文时", "结构体是")]
    [True, True, False, False]
    """
    from .shapes import _pos

    tags = _pos(phrase)
    if not tags:
        return False
    if tags[-1][1] == "x" and tags[-1][0][-1] in lexicon.PARTICLES_ZH:
        return False  # `结构体是` (结构 / 体是): a word the segmenter does not know, glued to 是
    first, last = tags[0][1], tags[-1][1]
    if first[:1] in ("d", "p", "c", "u", "m", "q", "r", "f"):
        return False
    if len(tags) > 1 and last[:1] in ("v", "d", "p", "c", "u", "m", "q", "r", "f", "a") \
            and last != "vn":
        return False
    return not ends_in_when(tags)  # 报文时, 临界资源时: "when …"


def repeated_phrases(texts: list[str], min_count: int = MIN_COUNT) -> list[tuple[str, int]]:
    """Phrases (with their counts) that the texts repeat, most frequent first."""
    counts: Counter[str] = Counter()
    budget = MAX_TEXT
    for text in texts:
        for run in _RUN.findall(text[:budget]):
            tokens = words(run)
            for i in range(len(tokens)):
                if tokens[i] in _STOP or tokens[i] in lexicon.PARTICLES_ZH:
                    continue
                phrase = ""
                for j in range(i, min(i + MAX_TOKENS, len(tokens))):
                    if tokens[j] in _STOP or tokens[j] in lexicon.PARTICLES_ZH:
                        break
                    phrase += tokens[j]
                    if len(phrase) > MAX_CHARS:
                        break
                    if len(phrase) >= 2:
                        counts[phrase] += 1
        budget -= len(text)
        if budget <= 0:
            break
    frequent = {p: n for p, n in counts.items() if n >= min_count}
    inside: set[str] = set()
    for longer, m in frequent.items():
        for i in range(len(longer)):
            for j in range(i + 2, len(longer) + 1):
                part = longer[i:j]
                if part != longer and frequent.get(part, m + 1) <= m:
                    inside.add(part)  # always inside a longer phrase
    kept = []
    for phrase, n in frequent.items():
        if phrase in inside:
            continue
        if zipf(phrase) >= 4.0 or len(phrase) < 2:
            continue  # everyday language
        if zipf(phrase) >= RARE_PHRASE or not _name_shaped(phrase):
            continue
        kept.append((phrase, n))
    return sorted(kept, key=lambda x: (-x[1], x[0]))


# English: words that never open or close a compound name (function words, pronouns,
# auxiliaries and the commonest verbs and adverbs), and so break a run of candidate words.
_STOP_EN = frozenset("""
a an the of to in on at by for with from as is are was were be been being and or nor not no
it its this that these those if then else via per vs etc can will would should may might must
shall has have had do does did done you your yours we our ours they their them he she his her
i my me us there here what which who whom whose where when why how all any each every some
more most other others such only own same so than too very just also one two first last
up out about into onto over under after before between through during without within again
still already even though although however while because since until unless whether yet
now then ever never always often usually sometimes get gets got make makes made like want
wants need needs see sees let lets say says said go goes going come comes take takes use
uses used using allow allows help helps provide provides way ways thing things lot lots
e g eg ie well much many few less least both either neither new
""".split())
# Words after which a run of words is a noun phrase (`the main container`, `a remote vault`,
# `of version control`), not a verb and its object (`create software`, `hit enter`).
_DETERMINERS = frozenset("""the a an this that these those its their our your his her each every
any some no of in on with for from by via into""".split())
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
# Within a run of words: a sentence mark or any other character breaks it.
_EN_CHUNK = re.compile(r"[A-Za-z0-9 -]+")
COMMON_EN = 5.0  # a phrase whose every word is this common is a turn of phrase (`take
# advantage`, `feel free`), not a term


def repeated_english(texts: list[str], min_count: int = MIN_COUNT) -> list[tuple[str, int]]:
    """Compound names (two or three words) an English note keeps writing: `main container`,
    `remote vault(s)`, `ingress controller`. A run of words is cut at function words,
    pronouns and the commonest verbs; a phrase (its plural counted with it) counts when it
    comes back `min_count` times and a determiner or preposition leads into it at least once
    (a noun phrase: `the main container`; not `create software`). It is kept when it stands
    alone at least twice (not counting a longer phrase written more than once that holds
    it, as C-value does), when not every word is of the commonest
    English, when it is not a person's name (every word capitalised each time: `Kevin Lin`),
    and when it does not end on an adverb or a past participle (`listed below`). Returned as
    first written, with its count.

    >>> texts = ["The sidecar shares its lifecycle with the main container.",
    ...          "It frees the main container to focus on functional tasks.",
    ...          "Storage is shared with main containers, and you take advantage of it."]
    >>> repeated_english(texts)
    [('main container', 3)]
    """
    counts: Counter[str] = Counter()
    led: set[str] = set()  # phrases a determiner leads into
    written: dict[str, Counter[str]] = {}
    budget = MAX_TEXT
    for text in texts:
        for chunk in _EN_CHUNK.findall(text[:budget]):
            tokens = chunk.split()
            for i in range(len(tokens)):
                for n in (2, 3):
                    gram = tokens[i:i + n]
                    if len(gram) < n or not all(_EN_WORD.fullmatch(t) for t in gram):
                        break
                    if any(t.lower() in _STOP_EN for t in gram):
                        break
                    key = _fold(gram)
                    counts[key] += 1
                    written.setdefault(key, Counter())[" ".join(gram)] += 1
                    if i and tokens[i - 1].lower() in _DETERMINERS:
                        led.add(key)
        budget -= len(text)
        if budget <= 0:
            break
    frequent = {p: n for p, n in counts.items() if n >= min_count and p in led}
    again = [(f" {other} ", m) for other, m in counts.items() if m >= 2]  # written twice+
    kept = []
    for phrase, n in frequent.items():
        inner = f" {phrase} "
        longer = max((m for other, m in again if other != inner and inner in other),
                     default=0)
        if n - longer < 2:
            continue  # mostly inside a longer phrase (C-value): `custom view` in `custom
            # view container`
        words_ = phrase.split()
        if min(zipf(w) for w in words_) >= COMMON_EN:
            continue
        if any(len(w) < 2 for w in words_) or words_[-1].endswith(("ly", "ed")) \
                or words_[0].endswith("ly"):
            continue
        forms = written[phrase]
        if all(all(w[:1].isupper() for w in form.split()) for form in forms):
            continue  # a name written in capitals: `english_names` reads those
        kept.append((forms.most_common(1)[0][0], n))
    return sorted(kept, key=lambda x: (-x[1], x[0]))


def _fold(gram: list[str]) -> str:
    """The key a phrase is counted under: lower case, its last word singular."""
    words_ = [t.lower() for t in gram]
    return " ".join([*words_[:-1], plain_singular(words_[-1])])
