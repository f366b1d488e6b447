"""Finding note files and reading them safely: bytes → text → front matter + body.

Nothing here raises on bad input: each problem becomes a `Warning` naming the file and line,
and whatever can still be read is returned.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml

from .model import Warning

NOTE_SUFFIXES = (".md", ".markdown", ".mdx")
SKIP_NAMES = ("source.md",)  # corpus provenance files, not notes


def is_note_name(name: str) -> bool:
    lower = name.lower()
    if not lower.endswith(NOTE_SUFFIXES) or lower in SKIP_NAMES or lower.startswith("license"):
        return False
    # Editors' temporary and swap files.
    return not (name.startswith((".", "~", "#")) or name.endswith(("~", ".tmp", ".swp")))


def discover(root: Path) -> tuple[list[str], list[Warning]]:
    """Every note below `root` (relative POSIX paths, sorted), skipping hidden folders.

    Follows symlinked folders once; a symlink loop is reported, not followed forever.
    """
    notes: list[str] = []
    warnings: list[Warning] = []
    root = Path(root)
    if root.is_file():
        return [root.name], warnings
    seen: set[tuple[int, int]] = set()

    def walk(folder: Path, rel: str) -> None:
        try:
            st = folder.stat()
        except OSError as exc:
            warnings.append(Warning(rel or ".", 0, f"cannot read folder: {exc.strerror}", "io"))
            return
        if (st.st_dev, st.st_ino) in seen:
            warnings.append(Warning(rel, 0, "symlink loop: folder already visited", "io"))
            return
        seen.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            warnings.append(Warning(rel or ".", 0, f"cannot list folder: {exc.strerror}", "io"))
            return
        for entry in entries:
            path = f"{rel}/{entry.name}" if rel else entry.name
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name.startswith(".") or entry.name in ("node_modules", "__pycache__"):
                    continue
                walk(Path(entry.path), path)
            elif is_note_name(entry.name):
                if entry.is_symlink() and not os.path.exists(entry.path):
                    warnings.append(Warning(path, 0, "broken symlink", "io"))
                    continue
                notes.append(path)

    walk(root, "")
    notes.sort()
    return notes, warnings


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
        text = data.decode("utf-8")
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


def read_bytes(root: Path, path: str, limit: int) -> tuple[bytes | None, list[Warning]]:
    full = Path(root) / path if Path(root).is_dir() else Path(root)
    try:
        size = full.stat().st_size
        with open(full, "rb") as fh:
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


def split_front_matter(path: str, text: str) -> RawNote:
    """Front matter via python-frontmatter's YAML handler; a broken block is salvaged."""
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
    try:
        data = handler.load(fm)
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


def _salvage(fm: str) -> dict:
    """Read what can be read of broken YAML front matter, one `key: value` line at a time."""
    out: dict = {}
    for raw in fm.splitlines():
        key, sep, value = raw.partition(":")
        key = key.strip()
        if not sep or not key or raw[:1].isspace() or key.startswith("#"):
            continue
        try:
            out[key] = yaml.safe_load(value.strip()) if value.strip() else None
        except yaml.YAMLError:
            out[key] = value.strip()
    return out
