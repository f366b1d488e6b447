"""Extraction rules: each a small pure function over text or inline segments, testable alone.

- `frontmatter`  — title, synonyms, tags and related names from a note's front matter
- `shapes`       — sentence / URL / shell command / qualifier tests on plain text
- `names`        — shared name tests (good_name, generic section words, list names) and name
                   splitting (`TERM(a)`, `张量Tensor`), below every rule module that reads names
- `term_item`    — is a list item term-shaped, and what are its names, synonyms, definition
- `heading`      — is a heading a concept, and what does it name
- `inline_tags`  — `#tags` in running text
- `links`        — wikilinks and relative Markdown links to other notes
- `mentions`     — which concept labels a text mentions (Aho–Corasick)
- `repeated`     — phrases a note keeps using in its prose
- `dictionary_pairs` — a Chinese name and its English written apart in one note, paired by
                   CC-CEDICT (`死锁` … `deadlock`)

Terms in running text (`prose.prose_terms` runs them in order; each returns `prose_term.ProseTerm`):

- `pair_lists`   — a line of bilingual pairs: `设计师-designer, 创作者—creator`
- `emphasis`     — **bold** names, link texts, code spans named by the next word
- `parens`       — `熔断器（Circuit Breaker）`, `缓存（如Redis或Memcached）`
- `quotes`       — `『锁定/pin』`, `“回调地狱”`
- `name_runs`    — Latin names in Chinese text, capitalised names in English prose
- `enumerations` — `X有A和B`, `X such as A or B`, `A、B和C`, `例如A、B`
- `other_names`  — `X 又称 Y`, `X is also known as Y`, `也叫Y。`
- `introduced`   — `the principle of X`, `known as X`, `所谓X是…`
- `abbreviations` — `HIIT是"High-intensity Interval Training"的缩写，意为"高强度间歇训练"`
- `definitions`  — `X（Y）是…`, `X is a …`: the subject defined, and its kind (called by
                   `graph.extract` for a definition's first sentence, not by `prose_terms`)
"""
