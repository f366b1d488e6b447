"""Inline `#tags` in running text (Obsidian style): `#机器学习`, `#a/b`, not `#1` or `C#`.

>>> inline_tags("about #机器学习 and #ml/nlp, not C# or #1 or a url#frag")
['机器学习', 'ml/nlp']
"""

from __future__ import annotations

import re

# A tag starts after whitespace or line start; ends at whitespace or punctuation other than
# `/ - _`. Only digits is not a tag (issue numbers, headings-like `#1`).
_TAG = re.compile(r"(?:^|(?<=\s))#([^\s#.,;:!?，。；：！？、()（）\[\]{}<>\"'`]+)")


def inline_tags(text: str) -> list[str]:
    out = []
    for match in _TAG.finditer(text):
        tag = match.group(1).strip("/-_")
        if tag and not tag.isdigit() and tag not in out:
            out.append(tag)
    return out
