"""Following the notes live: watch the folder, rebuild what changed, report the difference.

`watch_notes(builder, on_change, stop)` blocks (run it in a thread): each burst of file events
(debounced by watchfiles) re-reads only the changed notes through `Builder.refresh()` (in a
worker process: `Builder.follow()`, so a serving process keeps its interpreter for requests)
and calls `on_change(result, change)`. Editors' temporary and swap files are ignored. A rebuild that fails
is logged and the previous graph stays; the next edit tries again.

>>> from graph import build
>>> a = build("data")
>>> diff(a, a)
Change(added=[], changed=[], removed=[])
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from watchfiles import DefaultFilter, watch

from .build import Builder, BuildResult
from .config import is_temp_name

log = logging.getLogger("glossgraph.watch")


@dataclass
class Change:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def fingerprint(result: BuildResult, cid: str) -> str:
    """A digest of everything a reader can see of one concept (labels, texts, tags, edges)."""
    digest = result.fingerprints.get(cid)
    if digest is None:
        digest = result.fingerprints[cid] = _fingerprint(result, cid)
    return digest


def _fingerprint(result: BuildResult, cid: str) -> str:
    c = result.concepts[cid]
    edges = sorted((d["type"], d.get("kind", ""), t, d.get("file", ""), d.get("line", 0))
                   for t, d in result.out_edges(f"term:{cid}"))
    payload = repr((c.labels, c.synonyms, [(t.text, t.source) for t in c.definitions],
                    [(t.text, t.source) for t in c.notes], c.resources, c.tags, c.sources, edges))
    return hashlib.blake2b(payload.encode(), digest_size=16).hexdigest()


def diff(old: BuildResult | None, new: BuildResult) -> Change:
    """Concept ids added, changed and removed between two builds."""
    if old is None:
        return Change(added=sorted(new.concepts))
    delta = new.delta
    if delta is not None and not delta.full and new.version == old.version + 1:
        # Only what the update touched can differ (graph.assemble.Delta).
        maybe = delta.concepts
        added = sorted(c for c in maybe if c in new.concepts and c not in old.concepts)
        removed = sorted(c for c in maybe if c in old.concepts and c not in new.concepts)
        both = sorted(c for c in maybe if c in old.concepts and c in new.concepts)
    else:
        old_ids, new_ids = set(old.concepts), set(new.concepts)
        added, removed, both = sorted(new_ids - old_ids), sorted(old_ids - new_ids), \
            sorted(old_ids & new_ids)
    changed = [cid for cid in both if old.concepts[cid] is not new.concepts[cid] or
               old.out.get(f"term:{cid}") is not new.out.get(f"term:{cid}")]
    changed = [cid for cid in changed if fingerprint(old, cid) != fingerprint(new, cid)]
    return Change(added, changed, removed)


class NotesFilter(DefaultFilter):
    """Note files count, and what may be a folder; hidden files and folders, editors' temp
    and swap files do not."""

    def __call__(self, change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        p = Path(path)
        if any(part.startswith(".") for part in p.parts[1:-1]) or "node_modules" in p.parts:
            return False
        # Not only note names: a deleted or renamed folder gives one event for the folder
        # itself, and a folder's name may have a dot (`v1.0`). `rescan` skips what is not a
        # note, and looks at every file when a folder came or went.
        return not (p.name.startswith(".") or is_temp_name(p.name))


def _warm(builder: Builder) -> None:
    try:
        builder.warm()  # while no edit waits for it
    except Exception:
        log.exception("warming up the extraction failed")


def watch_notes(builder: Builder, on_change: Callable[[BuildResult, Change], None],
                stop: threading.Event, debounce_ms: int = 200,
                on_ready: Callable[[], None] | None = None) -> None:
    """Rebuild on every burst of note edits until `stop` is set.

    `on_ready()` is called once the file watches are in place and the notes have been checked
    against the last build (an edit made before then is caught by that check, not lost): the
    moment to tell the user that edits are followed."""
    root = builder.root if builder.root.is_dir() else builder.root.parent
    # Beside the watcher, not before it: an edit right after the start must not be missed.
    threading.Thread(target=_warm, args=(builder,), name="glossgraph-warm-up",
                     daemon=True).start()
    builder.follow()  # edited notes are extracted in a worker process
    ready = False
    try:
        # A timeout yields an empty set: the first one says the watches are set up.
        for events in watch(root, watch_filter=NotesFilter(), debounce=debounce_ms, step=50,
                            stop_event=stop, raise_interrupt=False, rust_timeout=500,
                            yield_on_timeout=True):
            if events or not ready:
                # The first build looks at every file: edits made before the watches were
                # set up have no events.
                _rebuild(builder, on_change, _relative(root, events) if ready else None)
            if not ready:
                ready = True
                if on_ready is not None:
                    on_ready()
    finally:
        builder.unfollow()


def _relative(root: Path, events) -> list[str] | None:
    """The paths of watchfiles' events relative to `root` (None if one is not below it)."""
    base = os.path.abspath(root)
    out = []
    for _, path in events:
        try:
            rel = os.path.relpath(os.path.abspath(path), base)
        except ValueError:  # another drive (Windows)
            return None
        if rel == "." or rel.startswith(".." + os.sep) or rel == ".." or os.path.isabs(rel):
            return None
        out.append(rel.replace(os.sep, "/"))
    return out


def _rebuild(builder: Builder, on_change: Callable[[BuildResult, Change], None],
             changed: list[str] | None = None) -> None:
    """Re-read what changed (`changed`: the paths the events name; None: look at every
    file); hand a new graph and its difference to `on_change`."""
    old = builder.result
    try:
        new = builder.refresh(changed=changed)
    except Exception:  # keep serving the old graph; the next edit tries again
        log.exception("rebuild failed; keeping the previous graph")
        return
    if new is old:
        return  # saved without a change
    change = diff(old, new)
    # The previous build is not needed any more: do not keep it (hundreds of MB on a
    # large vault) alive in this frame until the next edit.
    del old
    try:
        on_change(new, change)
    except Exception:
        log.exception("graph change handler failed")
