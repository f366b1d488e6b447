"""Where does a link point? Note titles, file names, aliases and path suffixes → concept id.

Wikilinks try the target, then (Dendron writes `[[label|target]]`) the label; a name that is
no note but a concept's label resolves to that concept. Relative Markdown links are resolved
against the linking note's folder, then as a path suffix (Hugo-style `/zh-cn/container/`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping

from .model import LinkRecord, NoteRecords
from .rules.links import wikilink_candidates
from .text import merge_key, normalize

_SUFFIXES = (".md", ".markdown", ".mdx")


def _strip_ext(path: str) -> str:
    lower = path.lower()
    for suffix in _SUFFIXES:
        if lower.endswith(suffix):
            return path[: -len(suffix)]
    return path


class NoteIndex:
    """Notes by name and by path suffix (a function of the set of notes and their titles and
    aliases only: it stays valid while notes change but none comes, goes or is renamed)."""

    def __init__(self, records: Iterable[NoteRecords]):
        self.by_name: dict[str, str] = {}  # normalized title / stem / alias → note path
        self.by_suffix: dict[str, str] = {}  # normalized path suffix (no extension) → path
        for rec in sorted(records, key=lambda r: r.path):
            bare = _strip_ext(rec.path)
            parts = bare.split("/")
            for i in range(len(parts)):
                self.by_suffix.setdefault(normalize("/".join(parts[i:])), rec.path)
            for name in (rec.title, parts[-1], *rec.aliases):
                self.by_name.setdefault(normalize(name), rec.path)

    def resolve(self, from_path: str, link: LinkRecord, label_index: Mapping[str, str],
                note_concept: Callable[[str], str | None]
                ) -> tuple[str | None, str | None, list[str]]:
        """(concept, the note it was found by or None, the label keys looked up)."""
        if link.kind == "path":
            path = self._by_path(from_path, link.target)
            return (note_concept(path) if path else None), path, []
        names = wikilink_candidates(link.target) if link.kind == "wikilink" else [link.target]
        # A wikilink points at a note: any of its names that is a note wins over a concept
        # label (`[[the y note|dendron.topic.y]]`: Dendron writes the label first).
        for name in names:
            key = normalize(name)
            path = self.by_name.get(key) or self.by_suffix.get(normalize(_strip_ext(name)))
            if path is None and "/" in name:
                path = self.by_name.get(normalize(_strip_ext(name.rsplit("/", 1)[1])))
            if path:
                return note_concept(path), path, []
        keys = []
        for name in names:
            key = merge_key(name)
            keys.append(key)
            concept = label_index.get(key)
            if concept:
                return concept, None, keys
        return None, None, keys

    def _by_path(self, from_path: str, href: str) -> str | None:
        folder = posixpath.dirname(from_path)
        joined = posixpath.normpath(posixpath.join(folder, href)) if not href.startswith("/") \
            else href.lstrip("/")
        for candidate in (joined, _strip_ext(joined), posixpath.join(joined, "index"),
                          posixpath.join(joined, "_index")):
            key = normalize(_strip_ext(candidate).lstrip("./"))
            if key in self.by_suffix:
                return self.by_suffix[key]
        tail = normalize(_strip_ext(href.strip("/")).lstrip("./"))
        while tail.startswith("../"):
            tail = tail[3:]
        return self.by_suffix.get(tail)
