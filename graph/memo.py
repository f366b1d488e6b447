"""The memo caches a build fills (normalized labels, merge keys, word frequencies, …), let go
of once a first build of a whole folder is made.

A first build of the author's notebook leaves about 30 MB in `functools.lru_cache`s sized for
a vault (`graph.text.normalize` alone 49,000 entries): what reading every note needed once.
A served graph is then edited a note at a time, and what an edit needs is computed again in
a moment. `drop()` empties them before the store and its search index are made, which reuse
the memory.

>>> from graph.text import normalize
>>> normalize("ＲＡＧ"); drop(); normalize.cache_info().currsize
'rag'
0
"""

from __future__ import annotations

import sys

# module → its memo functions (each a functools.lru_cache of a pure function)
CACHES = {
    "graph.text": ("normalize", "merge_key", "fold_chinese"),
    "graph.merge": ("form_key",),
    "graph.termhood": ("zipf",),
    "graph.segment": ("words", "_cut_at"),
    "graph.rules.dictionary_pairs": ("glosses",),
    "graph.rules.prose": ("_prose_terms",),
    "graph.rules.term_item": ("_parse_term", "spells_initials"),
    "graph.search": ("_label_key", "_phonetic", "_word_pinyin"),
}


def drop() -> None:
    """Empty the memo caches of the modules already imported (importing none)."""
    for name, functions in CACHES.items():
        module = sys.modules.get(name)
        if module is None:
            continue
        for function in functions:
            getattr(module, function).cache_clear()

