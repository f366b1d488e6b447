"""Term-shaped text: `术语(English)`, `TERM (Expansion)`, `TERM: definition`, `TERM：定义`,
`**TERM**(alias)`, full-width `（）`, aliases separated by `,` `，` `、` or `/`.

`parse_term(text)` reads the plain text of a list item's first line (Markdown emphasis is
already gone) and returns a `TermShape`, or None when the text is not a term.

>>> t = parse_term("RAG(Retrieval-Augment Generation): 检索增强生成")
>>> t.names, t.aliases, t.after_colon, t.definition
(['RAG'], ['Retrieval-Augment Generation'], ['检索增强生成'], '')
>>> parse_term("it/s(iterations per second, 每秒完成的迭代次数)").aliases
['iterations per second', '每秒完成的迭代次数']
>>> parse_term("CUDA (Compute Unified Device Architecture): CUDA是NVIDIA推出的一个并行计算平台。").definition
'CUDA是NVIDIA推出的一个并行计算平台。'
>>> parse_term("Nvidia Driver(可选)").qualifiers
['可选']
>>> parse_term("机器学习的三个核心概念: 数据、模型和学习") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text import clean_label
from .shapes import is_command, is_name, is_qualifier, is_sentence, is_task, is_url

OPEN, CLOSE = "(（", ")）"
COLONS = ":："
ALIAS_SEPARATORS = ",，、;；"
COMMIT_TYPES = {"fix", "feat", "enhance", "chore", "docs", "refactor", "perf", "test", "tests",
                "build", "ci", "style", "revert", "spike", "qa"}


@dataclass
class TermShape:
    names: list[str]  # the term as written (several when written `A, B(…)`)
    aliases: list[str] = field(default_factory=list)  # from the parentheses
    after_colon: list[str] = field(default_factory=list)  # a short name after the colon
    definition: str = ""  # a sentence after the colon
    qualifiers: list[str] = field(default_factory=list)
    strong: bool = False  # has parentheses or a colon: a clear term, not just a bare word

    @property
    def label(self) -> str:
        return self.names[0]


def split_colon(text: str) -> tuple[str, str | None]:
    """Split at the first colon outside parentheses that is not part of a URL or time."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch in COLONS and depth == 0:
            if text.startswith("//", i + 1):
                continue  # scheme://
            if ch == ":" and i + 1 < len(text) and text[i + 1].isdigit() and text[i - 1:i].isdigit():
                continue  # 10:30, host:8080
            return text[:i], text[i + 1:]
    return text, None


def split_parens(head: str) -> tuple[str, list[str]]:
    """`TERM(a, b)` → ("TERM", ["a, b"]); several groups `T(a)(b)` are all read."""
    head = head.strip()
    groups: list[str] = []
    while head and head[-1] in CLOSE:
        depth, start = 0, -1
        for i in range(len(head) - 1, -1, -1):
            if head[i] in CLOSE:
                depth += 1
            elif head[i] in OPEN:
                depth -= 1
                if depth == 0:
                    start = i
                    break
        if start <= 0:
            break
        groups.insert(0, head[start + 1:-1])
        head = head[:start].rstrip()
    return head, groups


def split_aliases(group: str) -> list[str]:
    """Aliases inside one pair of parentheses. `/` separates too, except inside short tokens
    (`I/O`, `TCP/IP`, `it/s`)."""
    parts = [group]
    for sep in ALIAS_SEPARATORS:
        parts = [p for part in parts for p in part.split(sep)]
    out = []
    for part in parts:
        part = part.strip()
        if "/" in part and " " not in part and not _is_short_slash(part):
            out.extend(p.strip() for p in part.split("/"))
        else:
            out.append(part)
    return [clean_label(p) for p in out if clean_label(p)]


def _is_short_slash(token: str) -> bool:
    pieces = token.split("/")
    return all(len(p) <= 3 for p in pieces) or token.isupper()


def split_names(head: str) -> list[str]:
    """`马尔科夫模型, 马尔科夫链` → two names of one concept; a slash stays (`it/s`)."""
    parts = [head]
    for sep in ",，、":
        parts = [p for part in parts for p in part.split(sep)]
    return [clean_label(p) for p in parts if clean_label(p)]


def parse_term(text: str, *, bare_ok: bool = True) -> TermShape | None:
    """The term in `text`, or None when `text` is a sentence, URL, command or empty."""
    text = " ".join(text.split())
    if not text or is_url(text) or is_command(text):
        return None
    head, tail = split_colon(text)
    term, groups = split_parens(head)
    term = clean_label(term)
    names = split_names(term) if term else []
    if not names or not all(is_name(n) for n in names) or is_task(term):
        return None
    if groups and names[0].lower() in COMMIT_TYPES:
        return None  # `fix(cli): …` is a changelog line (Conventional Commits), not a term
    shape = TermShape(names=names, strong=bool(groups) or tail is not None)
    for group in groups:
        aliases = split_aliases(group)
        if any(is_sentence(a, strict=False) for a in aliases) \
                or not all(is_name(a, strict=False) for a in aliases):
            shape.definition = group.strip()  # a parenthetical remark, not names
            continue
        for alias in aliases:
            (shape.qualifiers if is_qualifier(alias) else shape.aliases).append(alias)
    if tail is not None:
        tail = tail.strip()
        if tail and _is_short_name(tail):
            shape.after_colon.append(clean_label(tail))
        elif tail:
            shape.definition = tail
    if not shape.strong and not bare_ok:
        return None
    return shape


def _is_short_name(text: str) -> bool:
    if any(sep in text for sep in "、，,;；") or is_sentence(text):
        return False
    return is_name(text) and len(text) <= 40 and len(text.split()) <= 5
