"""graph.gcpause: the collector is paused during builds and settled after swaps."""

import gc
import weakref

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


def test_no_settle_while_a_build_runs():
    with paused():
        ref = cycle()
        settle(full=True)  # the build settles when it swaps
        assert ref() is not None
    settle(full=True)
    assert ref() is None
