"""graph.gcpause: the collector is paused during builds and settled after swaps."""

import gc
import weakref

import pytest

from graph import gcpause
from graph.gcpause import paused, settle


class Node:
    pass


def cycle() -> weakref.ref:
    node = Node()
    node.self = node  # only the cycle collector frees it
    return weakref.ref(node)


def test_settle_freezes_and_a_full_settle_frees_what_was_frozen(monkeypatch):
    monkeypatch.setattr(gcpause, "FULL_EVERY", 10**9)  # not this call's turn for a full one
    settle(full=True)
    ref = cycle()
    settle()  # no collection: frozen, alive
    assert ref() is not None
    settle(full=True)
    assert ref() is None


def test_a_full_settle_frees_cycles_among_frozen_objects_too():
    node = Node()
    node.self = node
    settle()  # alive now: frozen
    assert gc.get_freeze_count() > 0
    ref = weakref.ref(node)
    del node
    settle(full=True)
    assert ref() is None


def test_a_periodic_full_settle_waits_as_long_as_the_last_one_cost(monkeypatch):
    monkeypatch.setattr(gcpause, "FULL_EVERY", 1)  # every call's turn, but for the cost
    settle(full=True)
    monkeypatch.setitem(gcpause._settled, "next", gcpause.time.monotonic() + 3600)
    ref = cycle()
    settle()
    settle()  # frozen among the rest: only a full collection could free it
    assert ref() is not None
    monkeypatch.setitem(gcpause._settled, "next", 0.0)
    settle()
    assert ref() is None


def test_the_first_settle_only_freezes_and_puts_off_the_first_periodic_one(monkeypatch):
    monkeypatch.setattr(gcpause, "FULL_EVERY", 1)
    monkeypatch.setattr(gcpause, "_settled", {**gcpause._settled, "calls": 0, "swaps": 0,
                                               "next": 0.0})
    ref = cycle()
    settle()  # a server starting: what it has is what it built
    settle()  # as many objects as there are, times their estimated cost, from now
    assert ref() is not None and gcpause._settled["next"] > gcpause.time.monotonic()
    settle(full=True)
    assert ref() is None


def test_no_settle_while_a_build_runs():
    with paused():
        ref = cycle()
        settle(full=True)  # the build settles when it swaps
        assert ref() is not None
    settle(full=True)
    assert ref() is None


@pytest.mark.skipif(gcpause._trim is None, reason="glibc's malloc_trim is not available")
def test_freed_memory_goes_back_to_the_system():
    def rss_mb() -> float:
        with open("/proc/self/status") as fh:
            return next(int(x.split()[1]) / 1024 for x in fh if x.startswith("VmRSS:"))

    # 64 KB pieces come from the C heap (not mmap); one kept after them pins the heap's top,
    # so free() alone cannot give their pages back.
    pieces = [bytearray(64 * 1024) for _ in range(3000)]
    pinned = bytearray(64 * 1024)
    del pieces
    before = rss_mb()
    gcpause.release_free_memory()
    assert rss_mb() < before - 100, (before, rss_mb())
    del pinned
