"""The current graph of a running server, swapped atomically when the notes are rebuilt.

A request reads `holder.current` once, at its start, and uses that `Snapshot` throughout: it
sees the old graph or the new one, never a mix. `swap(result)` builds the new store first
(outside any lock; it may take a while on a big vault), then replaces the one reference.

>>> from graph import build
>>> holder = StoreHolder(build("data"))
>>> old = holder.current
>>> holder.swap(build("data"), force=True)
True
>>> holder.current is old, old.store.concept("rag") is not None
(False, True)
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool

from graph.build import BuildResult
from graph.gcpause import settle
from graph.store import GraphStore, MemoryStore

log = logging.getLogger("glossgraph.api")


@dataclass(frozen=True, eq=False)
class Snapshot:
    """One build as the server serves it: its store (the only way to read it), version, caches."""

    store: GraphStore
    version: int
    loaded_at: float = field(default_factory=time.time)
    change: object = None  # graph.watch.Change from the previous build (live reload)
    # Per-build caches (e.g. serialized RDF): they go away with the snapshot.
    cache: dict = field(default_factory=dict)

    CACHE_ENTRIES = 512  # the whole export per format, recent descriptions, the SPARQL dataset

    async def once(self, key, make: Callable[[], object]):
        """`make()` run in a worker thread once per snapshot and key; concurrent callers
        share the one job, and a failed job is forgotten so that the next call tries again."""
        job = self.cache.get(key)
        if job is None:
            while len(self.cache) >= self.CACHE_ENTRIES:  # oldest first
                del self.cache[next(iter(self.cache))]
            job = asyncio.ensure_future(run_in_threadpool(make))
            self.cache[key] = job
        try:
            return await asyncio.shield(job)
        except Exception:
            if self.cache.get(key) is job:
                del self.cache[key]
            raise


class StoreHolder:
    """Holds the current `Snapshot`; `swap()` replaces it atomically."""

    def __init__(self, result: BuildResult,
                 store_factory: Callable[[BuildResult], GraphStore] = MemoryStore):
        self._factory = store_factory
        self._lock = threading.Lock()
        self._listeners: list[Callable[[Snapshot], None]] = []
        self._current = Snapshot(store_factory(result), result.version)
        settle()

    @property
    def current(self) -> Snapshot:
        """The snapshot to use for one whole request (read it once)."""
        return self._current

    @property
    def version(self) -> int:
        return self._current.version

    def swap(self, result: BuildResult, force: bool = False, change: object = None) -> bool:
        """Serve `result` from now on. A build older than the current one is ignored (two
        rebuilds racing must not put the older graph back) unless `force`."""
        # The slow part, before taking the lock: from the current store when the factory can
        # (MemoryStore.after changes only what the build's delta lists).
        after = getattr(self._factory, "after", None)
        store = after(self._current.store, result) if after is not None \
            else self._factory(result)
        with self._lock:
            if not force and result.version <= self._current.version:
                log.info("ignoring build %s: already serving %s", result.version,
                         self._current.version)
                return False
            version = result.version if result.version > self._current.version \
                else self._current.version + 1
            snapshot = Snapshot(store, version, change=change)
            self._current = snapshot
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(snapshot)
            except Exception:  # a listener must not break the swap
                log.exception("snapshot listener failed")
        settle()  # one full collection now rather than at a random request (graph/gcpause.py)
        return True

    def subscribe(self, listener: Callable[[Snapshot], None]) -> Callable[[], None]:
        """Call `listener(snapshot)` after each swap; returns a function that unsubscribes."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)
        return unsubscribe
