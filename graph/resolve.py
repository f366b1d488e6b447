"""Where does a link point? Note titles, file names, aliases and path suffixes → concept id.

Wikilinks try the target, then (Dendron writes `[[label|target]]`) the label; a name that is
no note but a concept's label resolves to that concept. Relative Markdown links are resolved
against the linking note's folder, then as a path suffix (Hugo-style `/zh-cn/container/`).
"""

from __future__ import annotations

import posixpath

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
    def __init__(self, merged, records: list[NoteRecords]):
        self.merged = merged
        self.by_name: dict[str, str] = {}  # normalized title / stem / alias → note path
        self.by_suffix: dict[str, str] = {}  # normalized path suffix (no extension) → path
        for rec in sorted(records, key=lambda r: r.path):
            bare = _strip_ext(rec.path)
            parts = bare.split("/")
            for i in range(len(parts)):
                self.by_suffix.setdefault(normalize("/".join(parts[i:])), rec.path)
            for name in (rec.title, parts[-1], *rec.aliases):
                self.by_name.setdefault(normalize(name), rec.path)

    def _note_concept(self, path: str | None) -> str | None:
        return self.merged.notes[path].concept if path else None

    def resolve(self, from_path: str, link: LinkRecord) -> str | None:
        if link.kind == "path":
            return self._note_concept(self._by_path(from_path, link.target))
        names = wikilink_candidates(link.target) if link.kind == "wikilink" else [link.target]
        # A wikilink points at a note: any of its names that is a note wins over a concept
        # label (`[[the y note|dendron.topic.y]]`: Dendron writes the label first).
        for name in names:
            key = normalize(name)
            path = self.by_name.get(key) or self.by_suffix.get(normalize(_strip_ext(name)))
            if path is None and "/" in name:
                path = self.by_name.get(normalize(_strip_ext(name.rsplit("/", 1)[1])))
            if path:
                return self._note_concept(path)
        for name in names:
            concept = self.merged.label_index.get(merge_key(name))
            if concept:
                return concept
        return None

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
