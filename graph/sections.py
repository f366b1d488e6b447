"""The note beside the graph: the section of a note where a concept is written, as safe HTML.

`section(result, concept_id, images=False)` reads the note the way the build does (only a note
of the build, through `graph.notes.read_bytes`: a bounded regular file, never outside the notes
folder unless the build follows external links), finds where the concept is defined (its
definition's line, else its note's title, else its first source), takes the section of the
note around that line (from its heading to the next heading of the same or a higher level;
a long section is cut to the block holding the line) and renders it with markdown-it-py:

* raw HTML in the note is shown escaped, never run (`html` off); links go through
  markdown-it's link check (no `javascript:`); external links open in a new tab without a
  referrer;
* remote images are not loaded: each becomes a placeholder naming it, unless `images=True`
  (then an `<img>` without referrer); local images and `![[embeds]]` are placeholders;
* wikilinks link to the concept they name in the viewer (or show as a ghost: no note);
* the concept's labels and synonyms are marked (`<mark>`).

Editor links (`obsidian://open?…`, `vscode://file/…:line`) are given when configured: in
the notes folder's `glossgraph.toml`

    [viewer]
    editor = ["obsidian", "vscode"]    # or one of them
    obsidian_vault = "My vault"        # default: the notes folder's name

or with the environment variable GLOSSGRAPH_EDITOR=obsidian,vscode.

>>> from graph import build
>>> s = section(build("data"), "rag")
>>> s.file, s.line, '<mark>RAG</mark>' in s.html
('ai-basics.md', 57, True)
"""

from __future__ import annotations

import html
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from markdown_it import MarkdownIt

from .config import CONFIG_NAMES
from .markdown import split_wikilink, wikilink_plugin
from .model import Concept, Source
from .notes import bound_text, decode, read_bytes, split_front_matter

MAX_LINES = 60  # lines of a note shown at most
MAX_HTML = 200_000  # characters of HTML at most (a note of one huge table…)
EDITORS = ("obsidian", "vscode")
EDITOR_NAMES = {"obsidian": "Obsidian", "vscode": "VS Code"}


@dataclass(frozen=True)
class EditorLink:
    editor: str  # obsidian | vscode
    name: str  # for people: "Obsidian"
    url: str


@dataclass(frozen=True)
class Section:
    file: str  # the note, relative to the notes folder
    line: int  # the line where the concept is written (1-based, in the file)
    start: int  # first line shown
    end: int  # last line shown
    heading: str  # the heading of the section ("" before any heading)
    html: str
    images: int  # remote images not loaded (placeholders)
    truncated: bool  # the section is longer than what is shown
    editor: tuple[EditorLink, ...] = ()


# ----------------------------------------------------------------------------- where


def where(result, concept: Concept) -> Source | None:
    """The line where a concept is defined: the occurrence its first definition belongs to,
    else the title of its own note, else its first source."""
    sources = [s for s in concept.sources if s.file in result.notes]
    if concept.definitions:
        d = concept.definitions[0].source
        before = [s for s in sources if s.file == d.file and s.line <= d.line]
        if before:
            return max(before, key=lambda s: s.line)
        if d.file in result.notes:
            return d
    own = [p for p, n in result.notes.items() if n.concept == concept.id]
    if own:
        first = [s for s in sources if s.file == own[0]]
        return min(first) if first else Source(own[0], 1)
    return sources[0] if sources else None


# ----------------------------------------------------------------------------- reading


def _note_text(result, path: str) -> str | None:
    """The text of a note of this build, read as the build reads it; None if unreadable."""
    if path not in result.notes or Path(path).is_absolute() or ".." in Path(path).parts:
        return None
    config = result.config
    root = Path(result.root)
    confine = None
    if root.is_dir() and not getattr(config, "follow_external_links", False):
        confine = os.path.realpath(root)
    data, _ = read_bytes(root, path, getattr(config, "max_note_bytes", 8 << 20), confine)
    if data is None:
        return None
    text, _ = decode(path, data)
    if text is None:
        return None
    text, _ = bound_text(path, text, getattr(config, "max_line_chars", 1_000_000))
    return text


# ----------------------------------------------------------------------------- rendering


class _Renderer:
    """markdown-it with HTML off, wikilinks, image placeholders and marked labels."""

    def __init__(self, result, needles: list[str], images: bool):
        self.result, self.images = result, images
        self.held = 0
        md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        md.enable(["table", "strikethrough"])
        md.use(wikilink_plugin)
        self.md = md
        self.needle = _needle_regex(needles)
        # the renderer calls rules[type](tokens, idx, options, env)
        md.renderer.rules.update(text=self._text, image=self._image, wikilink=self._wikilink,
                                 link_open=self._link_open, link_close=self._link_close)
        self._links: list[bool] = []  # per open link: was it rendered as a link?

    def render(self, text: str) -> str:
        return self.md.render(text)

    def _mark(self, text: str) -> str:
        escaped = html.escape(text, quote=False)
        if self.needle is None:
            return escaped
        return self.needle.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped)

    def _text(self, tokens, idx, options, env):
        return self._mark(tokens[idx].content)

    def _image(self, tokens, idx, options, env):
        token = tokens[idx]
        src = token.attrGet("src") or ""
        alt = "".join(c.content for c in token.children or ()) or token.content
        remote = urlsplit(src).scheme in ("http", "https")
        if remote and self.images:
            return (f'<img src="{html.escape(src)}" alt="{html.escape(alt)}" loading="lazy" '
                    'referrerpolicy="no-referrer">')
        name = alt or src.rsplit("/", 1)[-1] or "image"
        if remote:
            self.held += 1
            return (f'<span class="md-image remote" data-src="{html.escape(src)}" '
                    f'title="{html.escape(src)}">image: {html.escape(name)}</span>')
        return (f'<span class="md-image local" title="{html.escape(src)}">image: '
                f'{html.escape(name)}</span>')

    def _wikilink(self, tokens, idx, options, env):
        token = tokens[idx]
        target, anchor, label = split_wikilink(token.content)
        shown = label or target or anchor
        if token.meta.get("embed"):
            return f'<span class="md-image local" title="{html.escape(target)}">embed: ' \
                   f'{html.escape(shown)}</span>'
        concept = self.result.concept_by_label(target) if target else None
        if concept is None or concept.rule == "wikilink":
            return f'<span class="wikilink ghost" title="a link to no note">' \
                   f'{self._mark(shown)}</span>'
        return (f'<a class="wikilink" href="/viewer?concept={quote(concept.id, safe="")}" '
                f'data-concept="{html.escape(concept.id)}">{self._mark(shown)}</a>')

    def _link_open(self, tokens, idx, options, env):
        href = tokens[idx].attrGet("href") or ""
        scheme = urlsplit(href).scheme
        if scheme in ("http", "https", "mailto"):
            self._links.append(True)
            return (f'<a href="{html.escape(href)}" target="_blank" '
                    'rel="noopener noreferrer nofollow">')
        self._links.append(False)  # a relative link: a note or a file of the folder
        return f'<span class="md-link" title="{html.escape(href)}">'

    def _link_close(self, tokens, idx, options, env):
        was_link = self._links.pop() if self._links else False
        return "</a>" if was_link else "</span>"


def _needle_regex(needles: list[str]) -> re.Pattern | None:
    words = sorted({html.escape(n, quote=False) for n in needles if n and n.strip()},
                   key=len, reverse=True)
    if not words:
        return None
    parts = []
    for w in words:
        p = re.escape(w)
        if re.match(r"\w", w, re.ASCII):
            p = r"(?<![A-Za-z0-9_])" + p
        if re.search(r"\w$", w, re.ASCII):
            p += r"(?![A-Za-z0-9_])"
        parts.append(p)
    return re.compile("|".join(parts), re.IGNORECASE)


# ----------------------------------------------------------------------------- the section


def _window(tokens, n_lines: int, target: int) -> tuple[int, int, str, bool]:
    """(start, end, heading, truncated): body lines [start, end) shown around `target`."""
    heads = [(t.map[0], int(t.tag[1]), tokens[i + 1].content if i + 1 < len(tokens) else "")
             for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0
             and t.map]
    start, level, heading = 0, 0, ""
    for line, lvl, text in heads:
        if line <= target:
            start, level, heading = line, lvl, text
        else:
            break
    end = n_lines
    for line, lvl, _ in heads:
        if line > start and (level == 0 or lvl <= level):
            end = line
            break
    if level == 0 and heads and heads[0][0] > start:
        end = min(end, heads[0][0])
    if end - start <= MAX_LINES:
        return start, end, heading, False
    # too long: the block (or the list item) holding the line, with the heading above it
    blocks = [t.map for t in tokens if t.map and t.nesting >= 0 and t.level == 0
              and t.map[0] >= start and t.map[1] <= end]
    items = [t.map for t in tokens if t.type == "list_item_open" and t.map
             and t.map[0] <= target < t.map[1]]
    holding = [m for m in blocks if m[0] <= target < m[1]]
    if target == start or not holding:  # the heading itself: the section's beginning
        stop = start + 1
        for m in blocks:
            if m[0] > start and m[1] - start <= MAX_LINES:
                stop = max(stop, m[1])
        return start, max(stop, min(end, start + 1)), heading, True
    block = holding[0]
    if block[1] - block[0] <= MAX_LINES:
        lo, hi = block
    else:
        fitting = [m for m in items if m[1] - m[0] <= MAX_LINES]
        lo, hi = (max(fitting, key=lambda m: m[1] - m[0]) if fitting
                  else (target, min(target + MAX_LINES, block[1])))
    return lo, hi, heading, True


def _mark_line(tokens, line: int) -> None:
    """Give the innermost block holding `line` the class `here` (the viewer shows it)."""
    best = None
    for t in tokens:
        if t.nesting == 1 and not t.hidden and t.map and t.map[0] <= line < t.map[1] and t.type in (
                "paragraph_open", "list_item_open", "heading_open", "blockquote_open",
                "table_open"):
            if best is None or t.map[1] - t.map[0] <= best.map[1] - best.map[0]:
                best = t
    if best is not None:
        best.attrSet("class", "here")


def _dedent(lines: list[str]) -> list[str]:
    widths = [len(x) - len(x.lstrip(" ")) for x in lines if x.strip()]
    cut = min(widths, default=0)
    return [x[cut:] if x.strip() else x.strip() for x in lines]


def section(result, cid: str, images: bool = False) -> Section | None:
    """The section of a note where concept `cid` is written (None: unknown or unreadable)."""
    concept = result.concepts.get(cid)
    if concept is None:
        return None
    src = where(result, concept)
    if src is None:
        return None
    text = _note_text(result, src.file)
    if text is None:
        return None
    raw = split_front_matter(src.file, text)
    body_lines = raw.body.split("\n")
    target = min(max(0, src.line - 1 - raw.body_line), max(0, len(body_lines) - 1))
    renderer = _Renderer(result, [lbl.text for lbl in concept.all_labels()], images)
    tokens = renderer.md.parse(raw.body)
    start, end, heading, truncated = _window(tokens, len(body_lines), target)
    if not any(x.strip() for x in body_lines[start:end]):
        # nothing before the first heading (a note's title): its first section instead
        later = [t.map[0] for t in tokens if t.type == "heading_open" and t.map
                 and t.map[0] >= end]
        if later:
            target = later[0]
            start, end, heading, truncated = _window(tokens, len(body_lines), target)
    shown = _dedent(body_lines[start:end])
    heading_shown = any(t.type == "heading_open" and t.map and t.map[0] == start
                        for t in tokens)
    extra = 0
    if heading and not heading_shown:
        shown = [f"#### {heading}", "", *shown]
        extra = 2
    part = renderer.md.parse("\n".join(shown))
    _mark_line(part, target - start + extra)
    out = renderer.md.renderer.render(part, renderer.md.options, {})
    if len(out) > MAX_HTML:
        out = out[:MAX_HTML].rsplit("<", 1)[0] + "…"
        truncated = True
    return Section(file=src.file, line=src.line, start=start + 1 + raw.body_line,
                   end=end + raw.body_line, heading=heading, html=out, images=renderer.held,
                   truncated=truncated, editor=editor_links(result, src))


# ----------------------------------------------------------------------------- editors


def configured_editors(root: str) -> tuple[list[str], str | None]:
    """Editors to link to and the Obsidian vault name, from glossgraph.toml / the env."""
    wanted: list[str] = []
    vault = None
    folder = Path(root) if Path(root).is_dir() else Path(root).parent
    for name in CONFIG_NAMES:
        path = folder / name
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            break
        viewer = data.get("viewer") if isinstance(data.get("viewer"), dict) else {}
        editor = viewer.get("editor", [])
        wanted.extend([editor] if isinstance(editor, str) else
                      [e for e in editor if isinstance(e, str)] if isinstance(editor, list)
                      else [])
        if isinstance(viewer.get("obsidian_vault"), str):
            vault = viewer["obsidian_vault"]
        break
    env = os.environ.get("GLOSSGRAPH_EDITOR", "")
    wanted.extend(e.strip() for e in env.split(","))
    seen = [e.lower() for e in wanted if e and e.strip()]
    return [e for e in EDITORS if e in seen], vault


def editor_links(result, src: Source) -> tuple[EditorLink, ...]:
    editors, vault = configured_editors(result.root)
    if not editors:
        return ()
    root = Path(result.root)
    folder = root if root.is_dir() else root.parent
    links = []
    for editor in editors:
        if editor == "obsidian":
            name = vault or folder.resolve().name
            file = src.file[:-3] if src.file.endswith(".md") else src.file
            url = f"obsidian://open?vault={quote(name, safe='')}&file={quote(file, safe='')}"
        else:
            full = (root / src.file) if root.is_dir() else root
            url = f"vscode://file{quote(str(full.resolve()), safe='/')}:{src.line}"
        links.append(EditorLink(editor, EDITOR_NAMES[editor], url))
    return tuple(links)
