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
"""
