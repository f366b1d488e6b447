"""Markdown structure, from the markdown-it-py token stream only.

`parse_blocks(body, line_offset)` turns a note body into a small tree of blocks
(sections, lists, items, paragraphs, quotes) that the extraction rules walk. Code blocks, TeX math,
HTML and front matter never reach the rules. Wikilinks are tokenized by a markdown-it inline
rule (`wikilink_plugin`), like any other inline syntax.

>>> blocks = parse_blocks("# RAG\\n- term(alias)\\n```sh\\n# not a heading\\n```\\n")
>>> [b.kind for b in blocks], blocks[0].title
(['section'], 'RAG')
>>> [b.kind for b in blocks[0].children]
['list']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.dollarmath import dollarmath_plugin

from . import lexicon
from .text import has_cjk

# ---------------------------------------------------------------- wikilinks


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    """`[[target]]`, `[[target|label]]`, `[[target#heading]]`, `![[embed]]`."""
    src, pos = state.src, state.pos
    embed = src.startswith("![[", pos)
    start = pos + (3 if embed else 2)
    if not (embed or src.startswith("[[", pos)):
        return False
    end = src.find("]]", start)
    if end < 0:
        return False
    inner = src[start:end]
    if not inner.strip() or "[" in inner or "]" in inner or "\n" in inner:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.content = inner
        token.meta = {"embed": embed}
    state.pos = end + 2
    return True


def wikilink_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)


def make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.use(wikilink_plugin)
    # `$\theta$`, `$$…$$`: TeX math, as Obsidian and Typora render it, is no prose (its
    # command words were read as names: `geq`, `sqrt`). As those editors read it: no space
    # inside the dollars and no digit after, so `costs $5 and $10` stays text.
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    return md


_MD = make_parser()

# ---------------------------------------------------------------- inline content


@dataclass
class Segment:
    """A piece of inline content. kind: text | code | link | wikilink | image | break."""

    kind: str
    text: str
    href: str = ""
    strong: bool = False  # inside **bold** (or __bold__): the author's emphasis
    em: bool = False  # inside *italics* (or _italics_)


@dataclass
class Inline:
    segments: list[Segment]
    line: int

    @property
    def text(self) -> str:
        """Plain text, one line per source line; wikilinks read as their label."""
        return "".join("\n" if s.kind == "break" else s.text for s in self.segments).strip()

    def first_line(self) -> list[Segment]:
        out = []
        for seg in self.segments:
            if seg.kind == "break":
                if any(s.text.strip() for s in out):
                    break
                continue
            out.append(seg)
        return out

    def first_line_text(self) -> str:
        return "".join(s.text for s in self.first_line())

    def rest(self) -> str:
        """The text after the first line (continuation lines of an item)."""
        first = len(self.first_line())
        lines, seen = [], 0
        for seg in self.segments:
            if seen < first and seg.kind != "break":
                seen += 1
                continue
            if seen >= first:
                lines.append("\n" if seg.kind == "break" else seg.text)
        return "".join(lines).strip()

    def links(self) -> list[Segment]:
        return [s for s in self.segments if s.kind in ("link", "wikilink", "image")]


_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# A long run of spaces in a line (rendered as one space anyway) is read as one: the rules'
# patterns look for spaces around signs (`\s*-\s*`), and tried from every space of a run
# each of them costs the square of its length (a run of 20,000 took a minute).
_LONG_SPACE = re.compile(r"[^\S\n]{8,}")


def _squeeze(text: str) -> str:
    return _LONG_SPACE.sub(" ", text)


def _inline(token, line: int, html_breaks: bool = False) -> Inline:
    segments: list[Segment] = []
    link: Segment | None = None
    strong = em = 0
    parted = False  # the emphasis now open was parted from the word before it
    children = _dunders(token.children or ())
    for child in children:
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            strong += 1 if kind == "strong_open" else -1
            continue
        if kind in ("em_open", "em_close"):
            em += 1 if kind == "em_open" else -1
            continue
        if link is not None:
            if kind == "link_close":
                segments.append(link)
                link = None
            elif kind in ("text", "code_inline"):
                link.text += _squeeze(child.content)
            elif kind in ("math_inline", "math_inline_double"):
                link.text += f"{child.markup}{_squeeze(child.content)}{child.markup}"
            elif kind == "image":
                link.text += _squeeze(child.content)
            continue
        if kind == "text":
            text = _squeeze(child.content)
            last = segments[-1] if segments else None
            state = (strong > 0, em > 0)
            if last is not None and last.kind == "text" and (last.strong, last.em) != state \
                    and len(_last_latin_word(last.text)) >= 2 and _LATIN_START.match(text):
                # `your**home**note`, `the**LYT System**is`: emphasis glued to the English
                # words around it (spaces lost in a copy) still parts them; not the part of a
                # word stressed (`Java**Script**`, `**Power**Shell`)
                opening = any(state)
                inside, outside = (text, last.text) if opening else (last.text, text)
                word = _last_latin_word(outside) if opening else _LATIN_START.match(outside).group()
                if " " in inside.strip() or word.lower() in lexicon.FUNCTION_WORDS_EN \
                        or not opening and parted:
                    last.text += " "
                    parted = opening
            segments.append(Segment("text", text, strong=state[0], em=state[1]))
        elif kind == "code_inline":
            segments.append(Segment("code", _squeeze(child.content)))
        elif kind in ("softbreak", "hardbreak"):
            segments.append(Segment("break", "\n"))
        elif kind in ("math_inline", "math_inline_double"):
            source = f"{child.markup}{_squeeze(child.content)}{child.markup}"
            if has_cjk(child.content) and "\\" not in child.content:
                # `设置$JAVA_HOME和$PATH`: Chinese runs on without spaces, so two shell
                # variables (or prices) look like the ends of a formula; TeX with Chinese in it
                # writes a command (`\text{…}`)
                segments.append(Segment("text", source, strong=strong > 0, em=em > 0))
            else:  # read as code is: kept in the text (a definition by a formula), no names
                segments.append(Segment("code", source))
        elif kind == "link_open":
            link = Segment("link", "", child.attrGet("href") or "", strong=strong > 0)
        elif kind == "image":
            segments.append(Segment("image", _squeeze(child.content), child.attrGet("src") or ""))
        elif kind == "wikilink":
            segments.append(_wikilink_segment(child))
        elif kind == "html_inline" and html_breaks and _BR.fullmatch(child.content.strip()):
            segments.append(Segment("break", "\n"))  # `分层/分组<br />layer/group` in a cell
        # html_inline: no text of its own
    if link is not None:
        segments.append(link)
    return Inline(segments, line)


_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")  # Python's special names are lower case
_LATIN_START = re.compile(r"[A-Za-z]{2,}")


def _last_latin_word(text: str) -> str:
    """The run of ASCII letters that ends `text` (scanned from the end: a pattern anchored
    with `$` would try every start, the square of a long word's length)."""
    at = len(text)
    while at and text[at - 1].isascii() and text[at - 1].isalpha():
        at -= 1
    return text[at:]


def _dunders(children):
    """`__enter__`, `obj.__len__()` outside code spans: CommonMark reads the double
    underscores as bold around `enter`; they are part of a Python name. The three tokens are
    read back as the text they were written as."""
    children = list(children)
    out = []
    i = 0
    while i < len(children):
        a = children[i]
        if a.type == "strong_open" and a.markup == "__" and i + 2 < len(children):
            b, c = children[i + 1], children[i + 2]
            if b.type == "text" and c.type == "strong_close" and _IDENTIFIER.fullmatch(b.content):
                text = b.copy()
                text.content = f"__{b.content}__"
                if out and out[-1].type == "text":
                    joined = out[-1].copy()
                    joined.content += text.content
                    out[-1] = joined
                else:
                    out.append(text)
                i += 3
                if i < len(children) and children[i].type == "text":
                    joined = out[-1].copy()
                    joined.content += children[i].content
                    out[-1] = joined
                    i += 1
                continue
        out.append(a)
        i += 1
    return out


def split_wikilink(inner: str) -> tuple[str, str, str]:
    """`target#anchor|label` → (target, anchor, label)."""
    target, _, label = inner.partition("|")
    target, _, anchor = target.partition("#")
    return target.strip(), anchor.strip(), label.strip()


def _wikilink_segment(token) -> Segment:
    target, anchor, label = split_wikilink(_squeeze(token.content))
    shown = label or target or anchor
    kind = "image" if token.meta.get("embed") else "wikilink"
    return Segment(kind, shown, token.content)


# ---------------------------------------------------------------- blocks


@dataclass
class Block:
    """kind: section | list | item | paragraph | quote | table."""

    kind: str
    line: int
    inline: Inline | None = None  # paragraph text, item's first paragraph, heading title
    children: list[Block] = field(default_factory=list)
    level: int = 0  # heading level of a section
    ordered: bool = False
    rows: list[list[Inline]] = field(default_factory=list)  # a table's cells, header row first

    @property
    def title(self) -> str:
        return self.inline.text if self.inline else ""


def parse_blocks(body: str, line_offset: int = 0) -> list[Block]:
    """Turn a note body into nested sections; lines are 1-based lines of the whole file."""
    tokens = _MD.parse(body)
    root = Block("root", 0, level=0)
    sections = [root]  # open sections, innermost last
    stack: list[Block] = [root]  # open container blocks (root/section, list, item, quote)

    def line_of(tok) -> int:
        return (tok.map[0] if tok.map else 0) + 1 + line_offset

    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        t = tok.type
        if t == "heading_open":
            level = int(tok.tag[1])
            while sections[-1] is not root and sections[-1].level >= level:
                sections.pop()
            section = Block("section", line_of(tok), _inline(tokens[i + 1], line_of(tok)),
                            level=level)
            sections[-1].children.append(section)
            sections.append(section)
            stack = [section]
            i += 3
            continue
        if t in ("bullet_list_open", "ordered_list_open"):
            block = Block("list", line_of(tok), ordered=t.startswith("ordered"))
            stack[-1].children.append(block)
            stack.append(block)
        elif t == "list_item_open":
            block = Block("item", line_of(tok))
            stack[-1].children.append(block)
            stack.append(block)
        elif t == "blockquote_open":
            block = Block("quote", line_of(tok))
            stack[-1].children.append(block)
            stack.append(block)
        elif t in ("bullet_list_close", "ordered_list_close", "list_item_close",
                   "blockquote_close"):
            if len(stack) > 1:
                stack.pop()
        elif t == "paragraph_open":
            inline = _inline(tokens[i + 1], line_of(tok))
            parent = stack[-1]
            if parent.kind == "item" and parent.inline is None and not parent.children:
                parent.inline = inline  # an item's first paragraph is its head
            else:
                parent.children.append(Block("paragraph", line_of(tok), inline))
            i += 3
            continue
        elif t == "table_open":
            # A table is read as text (cells joined); its cells are kept for the rules that
            # read a table of terms (`rows`, a `<br>` in a cell a line break).
            j, cells, rows = i + 1, [], []
            while j < n and tokens[j].type != "table_close":
                if tokens[j].type == "tr_open":
                    rows.append([])
                elif tokens[j].type == "inline":
                    cells.append(_squeeze(tokens[j].content))
                    if rows:
                        rows[-1].append(_inline(tokens[j], line_of(tokens[j]), html_breaks=True))
                j += 1
            text = " | ".join(c for c in cells if c.strip())
            stack[-1].children.append(
                Block("table", line_of(tok), Inline([Segment("text", text)], line_of(tok)),
                      rows=rows))
            i = j + 1
            continue
        # fence, code_block, html_block, hr: nothing the rules read
        i += 1
    return root.children
