"""Finding note files and reading them safely: bytes → text → front matter + body.

Nothing here raises on bad input: each problem becomes a `Warning` naming the file and line,
and whatever can still be read is returned. Nothing here may block or cost more than linear
time in the size of a note: only regular files are opened (non-blocking), symlinks out of the
notes folder are not followed unless asked, front matter is bounded data (size, aliases,
nodes, depth), and lines are cut at a length.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml

from .config import Excluder, is_temp_name
from .model import Warning

NOTE_SUFFIXES = (".md", ".markdown", ".mdx")

OUTSIDE = "symlink points outside the notes folder: skipped (--follow-external-links to read it)"

# Front matter is data, not a program: beyond these it is refused (a "billion laughs" is a
# few lines of aliases that expand to 10⁹ values).
MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_YAML_ALIASES = 100
MAX_YAML_NODES = 10_000  # counting what aliases expand to
MAX_YAML_DEPTH = 64

_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def is_note_name(name: str) -> bool:
    """A Markdown file name that is not hidden and not an editor's temporary or swap file."""
    return (name.lower().endswith(NOTE_SUFFIXES) and not name.startswith(".")
            and not is_temp_name(name))


@dataclass
class Scan:
    """What `scan` found: note paths, warnings, and `(path, reason)` of what was left out."""

    notes: list[str] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    excluded: list[tuple[str, str]] = field(default_factory=list)
    # path → (mtime in ns, size) as the scan saw each note: a rebuild compares these with the
    # last build's instead of statting every note again.
    signatures: dict[str, tuple[int, int]] = field(default_factory=dict)
    folders: set[str] = field(default_factory=set)  # folders read ("" is the notes folder)
    # Symlinks met (files with a note's name, folders): what they show changes with their
    # targets, which a watcher names instead of them.
    links: set[str] = field(default_factory=set)
    looked: set[str] | None = None  # `rescan`: the paths it looked at (None: every one)


_KINDS = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
          (stat.S_ISBLK, "block device"))


def file_kind(mode: int) -> str:
    """'FIFO', 'socket', … for what is not a regular file or folder."""
    return next((name for test, name in _KINDS if test(mode)), "special file")


def inside(real: str, root_real: str) -> bool:
    """Is the resolved path `real` the folder `root_real` or below it?"""
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def scan(root: Path, exclude: list[str] | tuple[str, ...] = (),
         follow_external_links: bool = False) -> Scan:
    """Every note below `root` (relative POSIX paths, sorted) and what was left out, and why.

    Only regular files are notes. Symlinks are followed inside the notes folder; one whose
    real path is outside it is skipped with a warning unless `follow_external_links`. A folder
    reached twice (a symlink loop) is read once and reported.
    """
    out = Scan()
    root = Path(root)
    if not root.is_dir():
        try:
            st = root.stat()
        except OSError as exc:
            out.warnings.append(Warning(root.name, 0, f"cannot read note: {exc.strerror}", "io"))
            return out
        mode = st.st_mode
        if stat.S_ISREG(mode):
            out.notes.append(root.name)
            out.signatures[root.name] = (st.st_mtime_ns, st.st_size)
        else:
            out.warnings.append(Warning(root.name, 0, f"not a regular file ({file_kind(mode)}): "
                                                      "skipped", "io"))
        return out
    excluder = Excluder(exclude)
    root_real = os.path.realpath(root)
    seen: set[tuple[int, int]] = set()

    def warn(path: str, message: str, code: str = "io") -> None:
        out.warnings.append(Warning(path, 0, message, code))

    def walk(folder: str, rel: str) -> None:
        try:
            st = os.stat(folder)
        except OSError as exc:
            warn(rel or ".", f"cannot read folder: {exc.strerror}")
            return
        if (st.st_dev, st.st_ino) in seen:
            warn(rel, "symlink loop: folder already visited")
            return
        seen.add((st.st_dev, st.st_ino))
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            warn(rel or ".", f"cannot list folder: {exc.strerror}")
            return
        out.folders.add(rel)
        for entry in entries:
            path = f"{rel}/{entry.name}" if rel else entry.name
            note_name = entry.name.lower().endswith(NOTE_SUFFIXES)
            try:
                is_dir = entry.is_dir()  # follows symlinks; no system call for plain entries
            except OSError:
                is_dir = False
            if not is_dir and not note_name:
                continue  # pictures, PDFs, …: not notes, nothing to say
            if not is_dir:
                _look(out, entry.path, path, entry.stat, entry.is_symlink(), excluder,
                      root_real, follow_external_links)
                continue
            if not _utf8(path):
                warn(shown_path(path), BAD_NAME)
                continue
            try:
                entry.stat()  # follows symlinks
            except OSError as exc:
                warn(path, "symlink loop" if exc.errno == errno.ELOOP else "broken symlink")
                continue
            reason = excluder.reason(path, folder=True)
            if reason:
                out.excluded.append((path + "/", reason))
            elif entry.is_symlink() and not follow_external_links \
                    and not inside(os.path.realpath(entry.path), root_real):
                warn(path, OUTSIDE, "symlink")
            else:
                if entry.is_symlink():
                    out.links.add(path + "/")
                walk(entry.path, path)

    walk(str(root), "")
    out.notes.sort()
    return out


def _look(out: Scan, full: str, path: str, stat_of: Callable[[], os.stat_result],
          is_symlink: bool, excluder: Excluder, root_real: str, follow: bool) -> None:
    """What `scan` says of one file with a note's name (`path` relative, `full` on disk)."""
    if not _utf8(path):
        out.warnings.append(Warning(shown_path(path), 0, BAD_NAME, "io"))
        return
    if is_symlink:
        out.links.add(path)
    try:
        st = stat_of()  # follows symlinks
    except OSError as exc:
        if is_symlink:
            message = "symlink loop" if exc.errno == errno.ELOOP else "broken symlink"
        else:
            message = f"cannot read note: {exc.strerror}"
        out.warnings.append(Warning(path, 0, message, "io"))
        return
    reason = excluder.reason(path)
    if reason:
        out.excluded.append((path, reason))
    elif is_symlink and not follow and not inside(os.path.realpath(full), root_real):
        out.warnings.append(Warning(path, 0, OUTSIDE, "symlink"))
    elif stat.S_ISREG(st.st_mode):
        out.notes.append(path)
        out.signatures[path] = (st.st_mtime_ns, st.st_size)
    else:
        out.warnings.append(Warning(path, 0, f"not a regular file ({file_kind(st.st_mode)}): "
                                             "skipped", "io"))


# A name that is no UTF-8 (Python reads its bytes as lone surrogates): no text made of it could
# be written out (a title, an IRI, a terminal line), so the note is left out, said once.
BAD_NAME = "its name is not valid UTF-8: skipped (rename it to read it)"


def _utf8(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_path(path: str) -> str:
    """`path` printable: each byte that is no UTF-8 shown as U+FFFD.

    >>> shown_path("数据" + chr(0xDCFF) + "库.md") == "数据\N{REPLACEMENT CHARACTER}库.md"
    True
    """
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _walk_order(path: str) -> tuple[str, ...]:
    """The order in which `scan` meets paths: by name within each folder, depth first."""
    return tuple(path.rstrip("/").split("/"))


def rescan(previous: Scan, root: Path, changed_paths: Iterable[str],
           exclude: list[str] | tuple[str, ...] = (),
           follow_external_links: bool = False) -> Scan | None:
    """`scan` again, where only the files `changed_paths` (relative to `root`) can differ
    from `previous`: each of them is looked at (and every symlinked note: its target may have
    changed), not the 10,000 others; `looked` lists them. None when only a full scan can
    tell: one of them is or was a folder, lies in a folder `previous` did not read, or is
    spelled otherwise on disk.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "a.md").write_text("- A")
    >>> before = scan(root)
    >>> _ = (root / "b.md").write_text("- B")
    >>> rescan(before, root, ["b.md"]).notes == scan(root).notes == ["a.md", "b.md"]
    True
    >>> (root / "c.md").mkdir(); rescan(before, root, ["c.md"]) is None
    True
    """
    if any(link.endswith("/") for link in previous.links):
        return None  # a folder seen through a symlink: events name only its target's files
    changed = set()
    listings: dict[str, set[str]] = {}
    for path in {*changed_paths, *previous.links}:  # what links show changes with their targets
        folder, _, name = path.rpartition("/")
        full = os.path.join(root, path)
        if path in previous.folders or os.path.isdir(full):
            return None  # a folder came, went or moved: its notes with it
        if not name.lower().endswith(NOTE_SUFFIXES):
            continue  # a picture, a PDF: not a note, nothing to say
        if folder not in previous.folders:
            return None  # below a folder not read before
        if os.path.lexists(full):
            if folder not in listings:
                try:
                    listings[folder] = set(os.listdir(os.path.join(root, folder)))
                except OSError:
                    return None
            if name not in listings[folder]:
                return None  # found under another spelling (a case-insensitive disk)
        changed.add(path)
    out = Scan(notes=[p for p in previous.notes if p not in changed],
               warnings=[w for w in previous.warnings if w.file not in changed],
               excluded=[x for x in previous.excluded if x[0] not in changed],
               signatures=dict(previous.signatures), folders=previous.folders,
               links=previous.links - changed, looked=changed)
    excluder = Excluder(exclude)
    root_real = os.path.realpath(root)
    for path in changed:
        out.signatures.pop(path, None)
        full = os.path.join(root, path)
        if not os.path.lexists(full):
            continue  # gone: nothing to say
        _look(out, full, path, lambda: os.stat(full), os.path.islink(full), excluder, root_real,
              follow_external_links)
    out.notes.sort()
    out.warnings.sort(key=lambda w: _walk_order(w.file))
    out.excluded.sort(key=lambda x: _walk_order(x[0]))
    return out


def discover(root: Path, exclude: list[str] | tuple[str, ...] = (),
             follow_external_links: bool = False) -> tuple[list[str], list[Warning]]:
    """Every note below `root` and the warnings of finding them (see `scan`)."""
    found = scan(root, exclude, follow_external_links)
    return found.notes, found.warnings


@dataclass
class RawNote:
    """A note's text split into front matter and body; `body_line` is the body's first line - 1."""

    path: str
    metadata: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 0
    warnings: list[Warning] = field(default_factory=list)


def decode(path: str, data: bytes) -> tuple[str | None, list[Warning]]:
    """Bytes → text. UTF-8 (with or without BOM) or GB18030; binary files are refused."""
    warnings: list[Warning] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    head = data[:8192]
    if b"\x00" in head:
        return None, [Warning(path, 1, "binary file, not a text note: skipped", "encoding")]
    try:
        # Private-use characters in UTF-8 are glyphs of an icon font pasted with text from a
        # web page (a bullet, an arrow, a logo; `**3．目录**\ue004目录按…`): no letters of a
        # name, but space between words. One for one, so lines and offsets stay. (GB18030
        # maps some real characters there: only UTF-8 text is cleaned.)
        text = _PRIVATE_USE.sub(" ", data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        try:
            text = data.decode("gb18030")
            warnings.append(Warning(path, line, "not UTF-8; read as GB18030", "encoding"))
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace")
            warnings.append(Warning(path, line, "invalid UTF-8 bytes replaced with U+FFFD",
                                    "encoding"))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, warnings


_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")


_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0))


def read_bytes(root: Path, path: str, limit: int,
               confine: str | None = None) -> tuple[bytes | None, list[Warning]]:
    """At most `limit` bytes of a regular file (cut at a line end), never blocking.

    `confine`: the real path of the notes folder; a file whose real path is outside it (a
    symlink changed since the folder was scanned) is not read.
    """
    full = Path(root) / path if Path(root).is_dir() else Path(root)
    try:
        if confine is not None and not inside(os.path.realpath(full), confine):
            return None, [Warning(path, 0, OUTSIDE, "symlink")]
        mode = os.stat(full).st_mode
        if not stat.S_ISREG(mode):  # a FIFO would block open() until a writer comes
            return None, [Warning(path, 0, f"not a regular file ({file_kind(mode)}): skipped",
                                  "io")]
        fd = os.open(full, _OPEN_FLAGS)  # non-blocking: swapped for a FIFO since the stat
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return None, [Warning(path, 0, f"not a regular file ({file_kind(st.st_mode)})"
                                               ": skipped", "io")]
            size = st.st_size
            data = fh.read(limit + 1)
    except OSError as exc:
        return None, [Warning(path, 0, f"cannot read note: {exc.strerror or exc}", "io")]
    warnings = []
    if len(data) > limit:
        # Keep a bounded prefix, cut at a line end so no half line is parsed.
        data = data[: data.rfind(b"\n", 0, limit) + 1 or limit]
        warnings.append(Warning(path, data.count(b"\n") + 1,
                                f"note is {size / 1e6:.1f} MB; only the first "
                                f"{limit / 1e6:.0f} MB were read", "size"))
    return data, warnings


def bound_text(path: str, text: str, max_line_chars: int) -> tuple[str, list[Warning]]:
    """Cut lines longer than `max_line_chars` (line numbers stay) and report deep nesting."""
    warnings: list[Warning] = []
    long = _long_lines(text, max_line_chars) if max_line_chars else []
    if long:
        start, end = long[0]
        warnings.append(Warning(path, text.count("\n", 0, start) + 1,
                                f"line of {end - start:,} characters: cut to "
                                f"{max_line_chars:,}" + (f" (and {len(long) - 1} more lines)"
                                                         if len(long) > 1 else ""), "size"))
        parts, pos = [], 0
        for start, end in long:
            parts += [text[pos:start + max_line_chars]]
            pos = end
        text = "".join(parts) + text[pos:]
    deep = nesting(text)
    if deep:
        depth, line = deep
        warnings.append(Warning(path, line, f"nested {depth} levels deep (lists or block quotes):"
                                            f" the Markdown parser stops past {PARSER_LEVELS // 2}"
                                            f" lists or {PARSER_LEVELS} quotes, so part of the "
                                            "note is not read", "size"))
    return text, warnings


def _long_lines(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of each line longer than `limit`, in O(len / limit) searches.

    A line longer than `limit` holds a whole window of `limit // 2` characters starting at a
    multiple of `limit // 2`: only windows without a line end are looked at closer.
    """
    out: list[tuple[int, int]] = []
    step = max(limit // 2, 1)
    n, k = len(text), 0
    while k + step <= n:
        if text.find("\n", k, k + step) >= 0:
            k += step
            continue
        start = text.rfind("\n", 0, k) + 1
        end = text.find("\n", k)
        end = n if end < 0 else end
        if end - start > limit:
            out.append((start, end))
        k = max(k + step, end - end % step)
    return out


def _parser_levels() -> int:
    try:  # the parser's own limit, so the warning follows it
        from .markdown import _MD

        return int(_MD.options.get("maxNesting", 20))
    except (ImportError, AttributeError, TypeError, ValueError):
        return 20


PARSER_LEVELS = _parser_levels()
_MARKERS = r"(?:[*+-]|\d{1,9}[.)])(?:[ \t]+|$)"
_DEEP_HINT = re.compile(rf"^[ \t]{{{PARSER_LEVELS - 2},}}{_MARKERS}|"
                        rf"^[ \t]*(?:{_MARKERS}|>[ \t]?){{{PARSER_LEVELS // 2},}}", re.M)
_QUOTES = re.compile(r" {0,3}>[ ]?")
_MARKER = re.compile(_MARKERS)
_FENCE = re.compile(r"(`{3,}|~{3,})")
_RULE = re.compile(r"([*_-])(?:[ \t]*\1){2,}[ \t]*$")


_CHAINS = (*(f"{a} {b} " for a in "-*+" for b in "-*+"), "1. 1", "1) 1", ">>", "> >")


def _suspect(text: str) -> bool:
    """Could `text` nest deep at all? Substring searches, much cheaper than `_DEEP_HINT`."""
    return (" " * (PARSER_LEVELS - 2) in text or "\t" * (PARSER_LEVELS // 4) in text
            or any(chain in text for chain in _CHAINS))


def nesting(text: str) -> tuple[int, int] | None:
    """(depth, line) of the first list or quote nested past the parser's limit, else None.

    markdown-it counts two levels a list (list + item) and one a block quote; `depth` counts
    one a list or quote.
    A cheap regex screens the text; only a suspect note is walked line by line.
    """
    if not _suspect(text) or not _DEEP_HINT.search(text):
        return None
    stack: list[int] = []  # content columns of the open list items
    fence = ""
    for lineno, line in enumerate(text.split("\n"), 1):
        pos = quotes = 0
        while m := _QUOTES.match(line, pos):
            pos, quotes = m.end(), quotes + 1
        rest = line[pos:].expandtabs(4)
        body = rest.lstrip(" ")
        indent = len(rest) - len(body)
        if fence:
            if body.startswith(fence):
                fence = ""
            continue
        if m := _FENCE.match(body):
            fence = m.group(1)
            continue
        if not body:
            continue
        while stack and stack[-1] > indent:
            stack.pop()
        col, markers = indent, 0
        if not _RULE.match(body):
            while m := _MARKER.match(rest, col):
                col, markers = m.end(), markers + 1
                stack.append(col)
        if 2 * len(stack) + quotes >= PARSER_LEVELS:
            return len(stack) + quotes, lineno
    return None


def split_front_matter(path: str, text: str) -> RawNote:
    """Front matter (bounded YAML, see `load_yaml`); a broken block is salvaged key by key."""
    note = RawNote(path, body=text)
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        return note
    try:
        fm, body = handler.split(text)
    except ValueError:
        return note  # an opening '---' with no closing one: a thematic break, not front matter
    note.body = body
    note.body_line = text.count("\n", 0, len(text) - len(body))
    if len(fm.encode("utf-8", "replace")) > MAX_FRONT_MATTER_BYTES:
        note.warnings.append(Warning(path, 1, f"front matter is over "
                                              f"{MAX_FRONT_MATTER_BYTES // 1024} KB: ignored",
                                     "yaml"))
        return note
    try:
        data = load_yaml(fm)
    except YamlTooBig as exc:
        note.warnings.append(Warning(path, exc.line, f"front matter {exc}: ignored", "yaml"))
        return note
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        note.warnings.append(Warning(path, line, f"front matter is not valid YAML ({problem}); "
                                                 "read key by key", "yaml"))
        data = _salvage(fm)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        note.warnings.append(Warning(path, 2, "front matter is not a mapping of keys to values "
                                              "(is a space missing after a colon?); read key "
                                              "by key", "yaml"))
        data = _salvage(fm)
    note.metadata = data
    return note


class YamlTooBig(ValueError):
    """YAML over the budget: `line` is 1-based within the YAML text."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def load_yaml(text: str):
    """Safe YAML (no `!!python/…` tags), refused past the alias, node or depth budget.

    The node graph is composed first (aliases are shared nodes there, so it is as small as the
    text) and measured as if expanded; only a document within budget is constructed.

    >>> load_yaml("a: &x [1, 2]\\nb: *x")
    {'a': [1, 2], 'b': [1, 2]}
    >>> load_yaml("a: &a [x, x, x, x, x, x, x, x, x, x]\\n" + "".join(
    ...     f"{k}: &{k} [{', '.join(['*' + p] * 10)}]\\n" for p, k in zip("abcde", "bcdef")))
    Traceback (most recent call last):
    ...
    graph.notes.YamlTooBig: expands to more than 10,000 values (YAML aliases)
    """
    loader = _YamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "*" in text or "[" in text or "{" in text or len(text) > 2000:
            _measure(node)  # else no alias, and too short to nest 64 deep: within budget
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _measure(root) -> None:
    """Raise YamlTooBig if the node graph, expanded, is over budget (or refers to itself)."""
    sizes: dict[int, int] = {}  # id(node) → size once expanded
    open_: set[int] = set()
    aliases = 0
    stack: list[tuple[object, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            open_.discard(key)
            sizes[key] = size = 1 + sum(sizes[id(c)] for c in _children(node))
            if size > MAX_YAML_NODES:
                raise YamlTooBig(f"expands to more than {MAX_YAML_NODES:,} values (YAML aliases)",
                                 node.start_mark.line + 1)
            continue
        if key in sizes or key in open_:
            aliases += 1
            if key in open_:
                raise YamlTooBig("refers to itself (a recursive YAML alias)",
                                 node.start_mark.line + 1)
            if aliases > MAX_YAML_ALIASES:
                raise YamlTooBig(f"has more than {MAX_YAML_ALIASES} YAML aliases",
                                 node.start_mark.line + 1)
            continue
        if depth > MAX_YAML_DEPTH:
            raise YamlTooBig(f"is nested more than {MAX_YAML_DEPTH} levels deep",
                             node.start_mark.line + 1)
        open_.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in reversed(_children(node)))


def _children(node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


def _salvage(fm: str) -> dict:
    """Read what can be read of broken YAML front matter, one `key: value` line at a time."""
    out: dict = {}
    for raw in fm.splitlines():
        key, sep, value = raw.partition(":")
        key = key.strip()
        if not sep or not key or raw[:1].isspace() or key.startswith("#"):
            continue
        try:
            out[key] = load_yaml(value.strip()) if value.strip() else None
        except (yaml.YAMLError, YamlTooBig):
            out[key] = value.strip()
    return out
