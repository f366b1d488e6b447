"""The build: discover notes → extract each (cached per file) → assemble (graph.assemble).

`build(path)` does it once. A `Builder` keeps each note's records keyed by the file's size
and modification time, so `Builder.refresh()` after an edit re-reads only the notes that
changed and hands their new records to its `Assembly`, which re-merges only what they touch
(see graph/assemble.py). Each refresh returns a new `BuildResult`: a copy of the assembly's
top-level tables, so a version being served never changes under its readers.

One note never costs more than `Config.max_note_seconds` (see graph.budget): past it, it is
skipped with a warning and the build goes on. Symlinks out of the notes folder are not followed
unless `follow_external_links` (argument or `glossgraph.toml`).

>>> result = build("data")
>>> result.concept_by_label("rag").labels[0].text
'RAG'
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import memo, segment
from .budget import NoteTimeout, time_limit
from .cache import cache_at
from .cache import default_dir as default_cache_dir
from .config import Config, load_config
from .extract import extract_text
from .gcpause import paused as gc_paused
from .assemble import Assembly, Delta
from .model import Concept, Note, NoteRecords, Relation, Tag, Warning, share_values
from .notes import Scan, bound_text, decode, read_bytes, rescan, scan
from .nxgraph import TermEdges, networkx_of
from .records import compact
from .text import merge_key

if TYPE_CHECKING:  # networkx is imported where a graph is made: 20 MB a server need not hold
    import networkx as nx

# Below this much to (re)read, one process is faster than starting workers and pickling back.
PARALLEL_MIN_NOTES = 400
PARALLEL_MIN_BYTES = 2_000_000
PROGRESS_EVERY = 0.05  # seconds between two "read" progress calls
RESCAN_LIMIT = 100  # builds from watcher events between two looks at every file (lost events)

log = logging.getLogger("glossgraph.build")

Progress = Callable[[str, int, int], None]

# A note that takes extraction through its main rules once (`Builder.warm`).
WARM_UP = """---
title: 预热
tags: [机器学习]
---
# 预热 Warm-up
## 概念
- RAG(Retrieval-Augmented Generation): 检索增强生成，用向量数据库检索资料再生成回答。
- **Kubernetes** 是一个容器编排系统，也称为 K8s。
| 术语 | 解释 |
|---|---|
| 嵌入 | Embedding, 把文本变成向量 |
See [[Zotero Sync]] and [the guide](guide.md).
"""


def _no_progress(phase: str, done: int, total: int) -> None:
    return None


@dataclass
class BuildResult:
    """One build: one version of graph.assemble.Assembly, which stays as it is while the next
    is made (its tables are read-only Mappings: graph/versioned.py). `graph_nodes` and `out`
    (node → its out-edges) are the typed graph (graph/nxgraph.py); `graph_edges` lists every
    edge (made at each call), `graph` puts them in a networkx MultiDiGraph on first use.
    `delta`: what changed since the previous version."""

    root: str
    graph_nodes: Mapping[str, dict]  # node id → attributes
    out: Mapping[str, list[tuple[str, str, dict]]]  # node id → (source, target, attributes)
    warnings: list[Warning]
    concepts: Mapping[str, Concept]
    tags: Mapping[str, Tag]
    notes: Mapping[str, Note]
    relations_of: Callable[[], list[Relation]]
    label_index: Mapping[str, str]
    config: Config
    version: int = 1
    built_at: float = field(default_factory=time.time)
    seconds: float = 0.0
    reparsed: int = 0  # notes read again in this build
    excluded: list[tuple[str, str]] = field(default_factory=list)  # (path, why), folders end in /
    unresolved: list = field(default_factory=list)  # graph.merge.UnresolvedLink
    # concept id → digest of what readers see (graph.watch.fingerprint), filled on first use:
    # a build is compared with the next one too, so each digest is made once.
    fingerprints: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    delta: Delta | None = None

    @cached_property
    def relations(self) -> list[Relation]:
        """Every relation as written (edges keep one per pair and kind)."""
        return self.relations_of()

    @property
    def graph_edges(self) -> list[tuple[str, str, dict]]:
        """Every edge, by source node: made anew at each call (a concept's edges are made
        when read, graph.nxgraph.TermEdges), so a reader that walks them all holds them only
        while it does."""
        return [edge for node in sorted(self.out) for edge in self.out[node]]

    def edge_count(self) -> int:
        return sum(len(edges) for edges in self.out.values())

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        return networkx_of(self.graph_nodes, self.graph_edges)

    def out_edges(self, node: str) -> list[tuple[str, dict]]:
        """The edges leaving a node, as (target, attributes)."""
        return [(v, data) for _, v, data in self.out.get(node, ())]

    def concept(self, cid: str) -> Concept | None:
        return self.concepts.get(cid)

    def concept_by_label(self, text: str) -> Concept | None:
        cid = self.label_index.get(merge_key(text))
        return self.concepts.get(cid) if cid else None

    def counts(self) -> dict:
        edges: dict[str, int] = {}
        for out in self.out.values():
            if isinstance(out, TermEdges):  # counted without making them
                out.count_types(edges)
                continue
            for *_, data in out:
                key = data["type"] if data["type"] != "RELATED_TO" else \
                    f"RELATED_TO:{data['kind']}"
                edges[key] = edges.get(key, 0) + 1
        nodes: dict[str, int] = {}
        for data in self.graph_nodes.values():
            nodes[data["kind"]] = nodes.get(data["kind"], 0) + 1
        return {"notes": len(self.notes), "concepts": len(self.concepts),
                "tags": len(self.tags), "nodes": nodes, "edges": dict(sorted(edges.items())),
                "warnings": len(self.warnings)}


def _exit_with(parent: int) -> None:
    """In a worker: end when `parent` has ended (killed, or gone without shutting its pool
    down), not linger as an orphan."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="glossgraph-parent-watch", daemon=True).start()


def _warm_up(config: Config) -> None:
    extract_text("warm-up.md", WARM_UP, config)


def _extract_one(args: tuple) -> NoteRecords:
    """Read and extract one note within its time budget; never raises (each problem is a warning).

    `args`: (root, path, config[, confine[, cache_dir]]): `confine` is the real path of the
    notes folder when nothing outside it may be read; `cache_dir` holds records by content
    (graph.cache), so a note read before is not extracted again.
    """
    root, path, config, *rest = args
    confine = rest[0] if rest else None
    cache = cache_at(rest[1]) if len(rest) > 1 else None
    warnings: list[Warning] = []  # what the bytes say (encoding, empty, long lines)
    read_warnings: list[Warning] = []  # what reading the file said (size, symlinks)
    records = None
    key = None
    try:
        with time_limit(config.max_note_seconds):
            data, read_warnings = read_bytes(Path(root), path, config.max_note_bytes, confine)
            if cache is not None and data is not None:
                key, cached = _cached(cache, path, data, config)
                if cached is not None:
                    cached.warnings[:0] = read_warnings
                    return cached
            if data is not None and not data.strip():
                warnings.append(Warning(path, 1, "empty note", "empty"))
            elif data is not None:
                text, more = decode(path, data)
                warnings.extend(more)
                if text is not None:
                    text, more = bound_text(path, text, config.max_line_chars)
                    warnings.extend(more)
                    records = extract_text(path, text, config)
    except NoteTimeout:
        records = None
        warnings.append(Warning(path, 1, f"took longer than {config.max_note_seconds:g} s to "
                                         "read: skipped", "timeout"))
    except Exception as exc:  # a bug in a rule must not take the build down
        records = None
        warnings.append(Warning(path, 1, f"could not be read: {type(exc).__name__}: {exc}",
                                "internal"))
    if records is None or not records.terms:
        # Even an empty or unreadable note is a concept: its file name.
        title_only = extract_text(path, "", config)
        if records is not None:
            title_only.warnings[:0] = records.warnings
        records = title_only
    records.warnings[:0] = warnings
    if key is not None and not any(w.code in ("timeout", "internal") for w in warnings):
        cache.put(key, records)  # what the note's bytes give: not the reading's warnings
    records.warnings[:0] = read_warnings
    return records


def _cached(cache, path: str, data: bytes, config: Config) -> tuple[str, NoteRecords | None]:
    """The note's cache key and its records from the cache (None: not read before)."""
    key = cache.key(path, data, extraction_settings(config))
    return key, cache.get(key)


def _from_cache(args: tuple) -> NoteRecords | None:
    """A note's records from the record cache, read in this process; None when the note must
    be extracted (never read before, or any trouble reading it: extraction reports that).

    A build of notes read before then needs no worker: starting worker processes, reading
    the records there and pickling them back cost more than reading them here."""
    root, path, config, confine, cache_dir = args
    cache = cache_at(cache_dir) if cache_dir else None
    if cache is None:
        return None
    try:
        with time_limit(config.max_note_seconds):
            data, read_warnings = read_bytes(Path(root), path, config.max_note_bytes, confine)
            if data is None:
                return None
            cached = _cached(cache, path, data, config)[1]
    except (Exception, NoteTimeout):  # (a BaseException) extraction reads it, says why
        return None
    if cached is None:
        return None
    cached.warnings[:0] = read_warnings
    return cached


def _kept(records: NoteRecords, shared: dict) -> NoteRecords:
    """A note's records as the builder keeps them: values shared with the notes read with it
    (graph.model.share_values), term records as columns (graph.records.compact)."""
    return compact(share_values(records, shared))


def extraction_settings(config: Config) -> str:
    """The settings that change what a note gives (part of the cache key)."""
    return repr((sorted(config.generic_headings), sorted(config.container_headings),
                 sorted(config.definition_headings), sorted(config.question_headings),
                 config.max_line_chars))


class Builder:
    """Builds a notes folder and rebuilds it cheaply after edits."""

    def __init__(self, root: str | os.PathLike, config: Config | None = None,
                 workers: int | None = None, *, follow_external_links: bool | None = None):
        self.root = Path(root)
        problems: list[str] = []
        if config is None:
            config, problems = load_config(self.root if self.root.is_dir() else self.root.parent)
        if follow_external_links not in (None, config.follow_external_links):
            config = replace(config, follow_external_links=follow_external_links)
        self.config = config
        self.config_problems = [Warning(p.split(":")[0], 0, p, "config") for p in problems]
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        folder = default_cache_dir()
        self.cache_dir = str(folder) if folder is not None else None
        self._cache: dict[str, tuple[tuple[int, int], NoteRecords]] = {}
        self.version = 0
        self.result: BuildResult | None = None
        self._discovered: tuple[list[Warning], list[tuple[str, str]]] = ([], [])
        self._scan: Scan | None = None  # the last scan, for `rescan`
        self._rescans = 0  # builds since the last full scan
        self._assembly = Assembly(self.config.stop_labels)
        self._worker: ProcessPoolExecutor | None = None

    def follow(self) -> None:
        """From now on extract edited notes in a worker process of their own, warmed up now.

        A process that serves requests while it follows edits keeps its interpreter for them:
        the extraction of a long note (half a second on the author's notebook) no longer holds
        the GIL that every request needs. The segmenter runs there too (graph.segment.
        elsewhere): the worker loads it anyway, and this process does without its 33 MB.
        `unfollow()` stops the worker."""
        if self._worker is None:
            try:
                # spawn, not fork: the serving process has threads (a fork copies their locks).
                self._worker = ProcessPoolExecutor(
                    1, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_exit_with, initargs=(os.getpid(),))
                self._worker.submit(_warm_up, self.config)
            except (OSError, ImportError, NotImplementedError) as exc:  # no processes here
                log.warning("no extraction worker (%s): edits are read in this process", exc)
                self._worker = None
            else:
                segment.elsewhere(self._segment)

    def _segment(self, function, argument):
        """`function(argument)` of graph.segment in the worker; here if it has gone (the
        next extraction starts another)."""
        worker = self._worker
        if worker is not None:
            try:
                return worker.submit(function, argument).result()
            except BrokenProcessPool:
                pass
        return function(argument)

    def unfollow(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            segment.elsewhere(None)
            worker.shutdown(wait=False, cancel_futures=True)

    def refresh(self, progress: Progress | None = None,
                changed: Iterable[str] | None = None) -> BuildResult:
        """(Re)build: re-read only notes whose size or mtime changed since the last build.

        `progress(phase, done, total)` is called with phase "read" as notes are read (at most
        ~20 times a second, and once at the end), then once as each later phase starts
        ("merge", "link", "graph"; done 0, total 1). A build with nothing changed stops after
        "read". `changed`: the only paths (relative to the folder) that can have changed since
        the last build, as a file watcher reports them; only those are looked at on disk
        (`graph.notes.rescan`), and every RESCAN_LIMIT-th build looks at every file anyway.
        """
        started = time.perf_counter()
        if not self.root.exists():
            raise FileNotFoundError(f"no such notes folder: {self.root}")
        found = None
        if changed is not None and self._scan is not None and self._rescans < RESCAN_LIMIT:
            found = rescan(self._scan, self.root, changed, self.config.exclude,
                           self.config.follow_external_links)
        if found is None:
            found = scan(self.root, self.config.exclude, self.config.follow_external_links)
            candidates, self._rescans = found.notes, 0
            removed = set(self._cache) - set(found.notes)
        else:
            candidates, self._rescans = sorted(found.looked), self._rescans + 1
            removed = {p for p in found.looked if p in self._cache and p not in found.signatures}
        # Kept only once this build is made: after a build that failed, the next one looks at
        # every file (what the failed one looked at would not be looked at again).
        self._scan = None
        try:
            result = self._build(found, candidates, removed, progress)
        except Exception:
            # Part of the notes' records or of the assembly may be updated: the next build
            # starts from empty (the record cache on disk still has what was read).
            self._cache.clear()
            self._assembly = Assembly(self.config.stop_labels)
            self._discovered = ([], [])
            raise
        if result is not self.result:
            result.seconds = time.perf_counter() - started
        self.result = result
        self._scan = found
        return result

    def _build(self, found: Scan, candidates: list[str], removed: set[str],
               progress: Progress | None) -> BuildResult:
        """The build after a scan: the notes' records read again where they changed, then
        the assembly updated (the same result when nothing changed)."""
        signatures = found.signatures  # (mtime, size) of each note, as the scan saw it
        todo = [p for p in candidates if p in signatures and
                (p not in self._cache or self._cache[p][0] != signatures[p])]
        for path in removed:
            del self._cache[path]
        changes: dict[str, NoteRecords | None] = {path: None for path in removed}
        sizes = [signatures[p][1] for p in todo]
        for path, records in zip(todo, self._extract_many(todo, sizes, progress)):
            old = self._cache.get(path)
            if old is None or old[1] != records:
                changes[path] = records
            self._cache[path] = (signatures[path], records)
        discovered = (found.warnings, found.excluded)
        if not changes and self.result is not None and discovered == self._discovered:
            # Saved without a change (or only touched): the graph is the same one.
            self.result.reparsed = len(todo)
            return self.result
        self._discovered = discovered
        with gc_paused():
            result = self._assemble(changes, found.warnings, progress)
        result.excluded = list(found.excluded)
        result.reparsed = len(todo)
        return result

    build = refresh

    def warm(self) -> None:
        """Load what extracting a note needs (segmenter, word lists, parsers) in this process
        now: a first build in worker processes leaves it unloaded here, and the first edit
        would wait for it (2.7 s instead of 1.0 s on the author's notebook). Nothing to do
        when edits are read in the follow() worker (warmed up there)."""
        if self._worker is None:
            _warm_up(self.config)

    def _extract_many(self, paths: list[str], sizes: list[int] | None = None,
                      progress: Progress | None = None) -> list[NoteRecords]:
        """The records of `paths` (`sizes`: their sizes in bytes, to choose how to read)."""
        root = str(self.root)
        confine = None
        if self.root.is_dir() and not self.config.follow_external_links:
            confine = os.path.realpath(self.root)
        jobs = [(root, p, self.config, confine, self.cache_dir) for p in paths]
        total = len(jobs)
        progress = progress or _no_progress
        if total:
            progress("read", 0, total)
        sizes = sizes if sizes is not None else [0] * total
        last = time.monotonic()
        out: list[NoteRecords | None] = [None] * total
        # Labels and tuples of labels shared by the notes read now (graph.model.share_values);
        # let go of once they are read, not kept for the notes of later edits.
        labels: dict = {}
        if self._many(paths, sizes) and self.cache_dir is not None:
            # Notes read before come from the cache here; only the others go to the workers
            # (which would read them, then pickle them back). Not for the few notes of an edit:
            # those are read in the follow() worker, where a read that hangs can be stopped.
            hits = 0
            for i, job in enumerate(jobs):
                records = _from_cache(job)
                # Each note's values held once as it comes, so that the next note's reading
                # reuses what its copies took (freed after all of them, they stay scattered).
                out[i] = _kept(records, labels) if records is not None else None
                hits += out[i] is not None
                if time.monotonic() - last >= PROGRESS_EVERY:
                    progress("read", hits, total)
                    last = time.monotonic()
        todo = [i for i, records in enumerate(out) if records is None]
        if len(todo) < total:
            paths = [paths[i] for i in todo]
            jobs = [jobs[i] for i in todo]
            sizes = [sizes[i] for i in todo]
        done = total - len(jobs)
        if self.workers > 1 and len(paths) > 1 and self._many(paths, sizes):
            # Forked workers start at once, but not from a process with the follow() worker's
            # threads (a fork copies their locks, held or not): spawned ones then.
            context = multiprocessing.get_context("spawn") if self._worker is not None else None
            pool = ProcessPoolExecutor(self.workers, mp_context=context)
            chunk = max(1, min(64, len(jobs) // (self.workers * 8)))
            # Copies of a note kept in two folders (`TechNotes/X.md`, `techdocs/X.md`) go out
            # one after the other, mostly in one chunk to one worker, whose memo of paragraphs
            # and list items then reads the second copy mostly from what the first gave.
            order = sorted(range(len(jobs)), key=lambda i: (os.path.basename(paths[i]), i))
            todo = [todo[i] for i in order]
            results = pool.map(_extract_one, [jobs[i] for i in order], chunksize=chunk)
        elif self._worker is not None:
            pool = None
            results = self._in_worker(jobs)
        else:
            pool = None
            results = map(_extract_one, jobs)
        try:
            for i, records in zip(todo, results):
                out[i] = _kept(records, labels)
                done += 1
                if time.monotonic() - last >= PROGRESS_EVERY and done < total:
                    progress("read", done, total)
                    last = time.monotonic()
        finally:
            if pool is not None:
                pool.shutdown()
        progress("read", total, total)
        return out

    @staticmethod
    def _many(paths: list[str], sizes: list[int]) -> bool:
        """Enough to read that worker processes are worth starting."""
        return len(paths) >= PARALLEL_MIN_NOTES or sum(sizes) >= PARALLEL_MIN_BYTES

    def _in_worker(self, jobs: list[tuple]) -> list[NoteRecords]:
        """The jobs' records from the follow() worker. If the worker dies (a note that
        crashes the interpreter or exhausts memory), each job is tried again alone in a new
        worker, and one that kills that one too is skipped with a warning: not read in this
        process, which serves requests (unless no worker can be started at all)."""
        try:
            return list(self._worker.map(_extract_one, jobs))
        except BrokenProcessPool:
            self.unfollow()
            self.follow()
        out = []
        for job in jobs:
            if self._worker is None:  # no new worker could start
                out.append(_extract_one(job))
                continue
            try:
                out.append(self._worker.submit(_extract_one, job).result())
            except BrokenProcessPool:
                root, path, config = job[:3]
                log.warning("%s: extracting it stopped the extraction worker: skipped", path)
                records = extract_text(path, "", config)  # the note is still its file name
                records.warnings.insert(0, Warning(path, 1, "extracting it stopped the "
                                                            "process: skipped", "internal"))
                out.append(records)
                self.unfollow()
                self.follow()
        return out

    def _assemble(self, changes: dict[str, NoteRecords | None], extra: list[Warning],
                  progress: Progress | None = None) -> BuildResult:
        progress = progress or _no_progress
        phases: list[str] = []

        assembly = self._assembly
        first = not assembly.records

        def phase(name: str) -> None:  # a rebuild from empty after a try says each once
            if first and name == "graph" and "graph" not in phases:
                # What merging and linking every note memoized (graph.memo), let go of before
                # the nodes, edges and store are made: they take its place in the heap, which
                # a server that drops it after the build keeps as holes otherwise (the
                # author's notebook served 3 MB less).
                memo.drop()
            if name not in phases:
                phases.append(name)
                progress(name, 0, 1)

        delta = assembly.update(changes, phase)
        self.version += 1
        # Versions of the top-level tables (graph/versioned.py): this version stays as it is
        # while the assembly moves on, at a cost that follows the change, not the vault.
        parts, heads = assembly.parts.snapshot(), assembly._head.snapshot()
        mentions = assembly._mention_rels.snapshot()

        def relations() -> list[Relation]:
            out = [r for path in sorted(parts) for r in parts[path].relations]
            out.extend(r for _, r in sorted(heads.items()) if r is not None)
            out.extend(r for cid in sorted(mentions) for r in mentions[cid])
            return out

        warnings = [*self.config_problems, *extra, *assembly.warnings()]
        return BuildResult(root=str(self.root), graph_nodes=assembly.nodes.snapshot(),
                           out=assembly.out.snapshot(), warnings=sorted(set(warnings)),
                           concepts=assembly.concepts.snapshot(), tags=assembly.tags.snapshot(),
                           notes=assembly.notes.snapshot(), relations_of=relations,
                           label_index=assembly.label_index.snapshot(), config=self.config,
                           version=self.version, unresolved=assembly.unresolved(),
                           delta=delta)


def build(path: str | os.PathLike = "data", config: Config | None = None,
          workers: int | None = None, *, follow_external_links: bool | None = None,
          progress: Progress | None = None) -> BuildResult:
    """Build the concept graph of the notes under `path` (a folder or one file).

    `follow_external_links`: read symlinks whose real path is outside the folder (None: as
    the config says; off by default).
    """
    return Builder(path, config, workers,
                   follow_external_links=follow_external_links).refresh(progress)
