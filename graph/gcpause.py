"""Building a graph without the cyclic garbage collector in the way.

A build allocates millions of small objects that all stay alive (records, concepts, graph
dicts). CPython's collector is triggered by allocation counts, so during a build it runs
over and over and finds nothing to free: on the author's 345-note notebook it was half of a
rebuild (refresh 7.6 → 4.2 s, store 7.8 → 2.7 s, measured with it paused). Reference counting
still frees everything as usual; only the search for cycles waits until the build is done.

>>> import gc
>>> with paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True

`settle()` is for a server that keeps one large graph and swaps it: a full collection over
the author's notebook (2.2 million tracked objects) holds the interpreter for 0.8–1.2 s, and
CPython starts one whenever the heap has grown by a quarter — soon after every rebuild, at a
moment no one chose, stalling every request. `settle()`, right after the swap, freezes what is
alive, so the collections between two rebuilds only look at newer objects. Now and then it
unfreezes and collects everything first, so a cycle left by an update is collected, not kept
(an old version itself is freed by reference counting once its snapshot is: test_rdf.py's
test_an_export_kept_for_reuse_does_not_keep_its_version_alive). Over 10,000 notes that
collection takes 14–15 s, so it comes seldom (FULL_SHARE).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import threading
import time
from collections.abc import Iterator

_lock = threading.Lock()
_depth = 0  # nested or concurrent builds: the collector comes back when the last one ends
_was_enabled = True


@contextlib.contextmanager
def paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                # What the pause made is nearly all alive (a build, a store). Left young, the
                # collection the pause put off runs at the next allocation over all of it and
                # finds nothing: 0.1–0.2 s of the interpreter per edit at 10,000 notes, 3 s
                # after a store of 319k concepts. So it skips the young generations:
                _settled["since"] += gc.get_count()[0]  # about how many objects it made
                if _settled["calls"]:
                    # a process that settles (a server) freezes it; the next full settle
                    # looks at it;
                    gc.freeze()
                elif gc.get_freeze_count() == 0:  # at once when none are (it walks them)
                    # elsewhere it goes to the oldest generation, for the next full collection
                    # (unfreeze would put there what others froze too: not when there is any).
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()


# frozen: objects at the last full collection; since: objects made since (about);
# swaps: calls since the last full collection; next: the earliest time of the next periodic one
_settled = {"calls": 0, "frozen": 0, "since": 0, "swaps": 0, "next": 0.0}
FULL_EVERY = 32  # swaps between two collections of the frozen objects too, at least …
FULL_SHARE = 0.01  # … and at most this share of the time spent in them
FULL_SECONDS_PER_OBJECT = 0.5e-6  # what one costs before one was timed (14 s for 30 million)


def settle(full: bool = False) -> None:
    """Freeze what is alive, so that later collections skip it.

    Everything, frozen objects included, is collected first with `full`; when the objects
    have grown by half since the last full collection; and after FULL_EVERY calls, unless
    the last full collection is too recent for its cost: one that took d seconds is followed
    by the next periodic one only d / FULL_SHARE seconds later. Over the author's notebook a
    full collection takes about a second; over 10,000 notes (30 million objects) many — every
    request in flight waits that long, so it happens seldom. The first call (a server
    starting) only freezes: what it froze is what it just built; the first periodic
    collection waits as if one had just run over that many objects (FULL_SECONDS_PER_OBJECT).

    Between those, no collection: the objects a one-note update makes are nearly all alive
    (the new version's indexes), and collecting them held the interpreter 50–70 ms per
    swap on the author's notebook while finding nothing (0 unreachable in 6 of 6 swaps) —
    a stall every request in flight paid. A cycle left by an update waits for the next
    full settle."""
    with _lock:
        if _depth:  # a build is running: it will settle when it swaps
            return
        _settled["calls"] += 1
        _settled["swaps"] += 1
        # Not gc.get_freeze_count(): it walks every frozen object (0.2 s for 2.5 million).
        first = _settled["calls"] == 1
        periodic = _settled["swaps"] >= FULL_EVERY and time.monotonic() >= _settled["next"]
        if full or (not first and (periodic or _settled["since"] > 1.5 * _settled["frozen"])):
            started = time.monotonic()
            gc.unfreeze()
            gc.collect()
            took = time.monotonic() - started
            _settled["next"] = time.monotonic() + took / FULL_SHARE
            _settled["frozen"] = _settled["since"] = len(gc.get_objects(generation=2))
            _settled["swaps"] = 0
        else:
            if first:  # what it built; the next periodic collection as if one had just run
                _settled["frozen"] = _settled["since"] = len(gc.get_objects())
                _settled["next"] = time.monotonic() + \
                    _settled["frozen"] * FULL_SECONDS_PER_OBJECT / FULL_SHARE
            else:  # every generation but the frozen (a swap froze the rest)
                _settled["since"] += len(gc.get_objects())
        gc.freeze()
    release_free_memory()


def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc; called without the GIL (ctypes)
    except (AttributeError, OSError):
        return None


_trim = _malloc_trim()


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's `malloc_trim`; elsewhere
    nothing). While a swap is made the old and the new version are both alive; once the old
    one is freed, glibc keeps its pages: the served notebook stayed ~100 MB higher after its
    first edits (798 → 701 MB after 5 edits, 804 → 711 after 10; `tests/bench/memory.py
    --server --edits 10`). About 2 ms."""
    if _trim is not None:
        _trim(0)
