"""Terms in running text: what a sentence names, beyond headings and glossary items.

`prose_terms` runs every prose rule over the inline text of one paragraph, list item or table
cell. Each rule is a small function in a module named for the shape of text it reads, and
returns `ProseTerm`s (graph.rules.prose_term) with the rule that found them and a confidence:

- `pair_lists`   — a line of bilingual pairs (`设计师-designer, 创作者—creator`): when it is
                   one, the other rules are not run
- `emphasis`     — **bold** names, link texts, code spans named by the next word
- `parens`       — `熔断器（Circuit Breaker）`, `缓存（如Redis或Memcached）`: a name and its other
                   name, or its examples or parts
- `quotes`       — `『锁定/pin』`, `“回调地狱”`: quoted names
- `name_runs`    — Latin names in Chinese text, capitalised names in English prose
- `enumerations` — `X有A和B`, `X such as A or B`, `A、B和C`: a name and what it lists
- `other_names`  — `X 又称 Y`, `X is also known as Y`: other names a marker gives
- `introduced`   — `the principle of X`, `所谓X是…`, `…称为X`: words that introduce a term
- `definitions`  — `X（Y）是…`, `X is a …` (not run here: graph.extract reads a definition's
                   subject where the note's structure says one is defined)

Everyday words (`graph.termhood`) are never returned; the caller weighs the confidence. The name
tests the rules share (`good_name`, `trim_leading`, …) are in graph.rules.names.

>>> from graph.markdown import Segment
>>> [(t.names, t.rule) for t in prose_terms([Segment("text", "服务网格（Service Mesh）常见的有Istio和Linkerd")])][:3]
[(('服务网格', 'Service Mesh'), 'paren-pair'), (('Service Mesh',), 'latin-run'), (('Istio',), 'latin-run')]
"""

from __future__ import annotations

from functools import lru_cache

from ..markdown import Segment
from .abbreviations import abbreviation_of
from .emphasis import bold_terms, code_names, italic_terms, link_terms
from .enumerations import comma_list, coordination, enumerations, example_list, such_as
from .introduced import called_zh, introduced_en, so_called_zh
from .name_runs import english_names, latin_terms
from .other_names import english_named, marked_synonyms, marked_synonyms_en
from .pair_lists import pair_list
from .parens import paren_terms
from .prose_term import ProseTerm
from .quotes import quoted_pairs, quoted_terms


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
    return list(_prose_terms(tuple((s.kind, s.text, s.href, s.strong, s.em) for s in segments)))


@lru_cache(maxsize=4096)
def _prose_terms(key: tuple) -> tuple[ProseTerm, ...]:
    # Remembered by the text's pieces: a note edited again and again is read again with most
    # of its paragraphs as they were (the heaviest note of the author's notebook: 1,079).
    segments = [Segment(*piece) for piece in key]
    # A line break stays one: a run of names never spans two lines.
    text = _unparsed_emphasis("".join(s.text if s.kind in ("text", "link", "wikilink", "break")
                                      else " " for s in segments))
    plain = _unparsed_emphasis("".join(s.text if s.kind in ("text", "break") else " "
                                       for s in segments))
    pairs = pair_list(plain)
    if pairs:
        return pairs
    link_texts = tuple(s.text for s in segments if s.kind in ("link", "wikilink"))
    found = [*bold_terms(segments), *italic_terms(segments), *link_terms(segments),
             *code_names(segments), *paren_terms(text),
             *quoted_pairs(plain), *quoted_terms(plain), *latin_terms(plain), *english_names(plain),
             *enumerations(text), *example_list(text), *coordination(plain), *comma_list(plain),
             *such_as(text, link_texts),
             *marked_synonyms(plain), *english_named(plain), *marked_synonyms_en(plain), *introduced_en(plain), *so_called_zh(plain), *called_zh(plain),
             *abbreviation_of(plain)]
    return tuple(found)
