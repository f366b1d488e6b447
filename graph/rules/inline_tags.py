"""Inline `#tags` in running text (Obsidian style): `#机器学习`, `#a/b`, not `#1` or `C#`.

>>> inline_tags("about #机器学习 and #ml/nlp, not C# or #1 or a url#frag or #60C or #a6ffe9——x")
['机器学习', 'ml/nlp']
"""

from __future__ import annotations

import re

# A tag starts after whitespace or line start; ends at whitespace or punctuation other than
# `/ - _`. Only digits is not a tag (issue numbers, headings-like `#1`).
_TAG = re.compile(r"(?:^|(?<=\s))#([^\s#.,;:!?，。；：！？、()（）\[\]{}<>\"'`—–…=+*|~]+)")
# CSS colours (#60C, #a6ffe9) and issue numbers (#12) are not tags.
_NOT_TAG = re.compile(r"^(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8}|\d+)$")


def inline_tags(text: str) -> list[str]:
    out = []
    for match in _TAG.finditer(text):
        tag = match.group(1).strip("/-_")
        if tag and not _NOT_TAG.match(tag) and tag not in out:
            out.append(tag)
    return out
