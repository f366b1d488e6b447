"""Versions of a changing table stay as they were (graph/versioned.py), whole copies or not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import versioned
from graph.versioned import Tracked

KEYS = st.sampled_from("abcdefgh")
OPS = st.lists(st.one_of(
    st.tuples(st.just("set"), KEYS, st.integers(0, 9)),
    st.tuples(st.just("del"), KEYS, st.just(0)),
    st.tuples(st.just("pop"), KEYS, st.just(0)),
    st.tuples(st.just("setdefault"), KEYS, st.integers(0, 9)),
    st.tuples(st.just("snapshot"), KEYS, st.just(0)),
    st.tuples(st.just("update"), KEYS, st.integers(0, 9)),
    st.tuples(st.just("ior"), KEYS, st.integers(0, 9)),
    st.tuples(st.just("popitem"), KEYS, st.just(0)),
    st.tuples(st.just("forget"), KEYS, st.just(0)),  # the last version taken is dropped
), max_size=60)


@pytest.mark.parametrize("compact_min", [0, 2, 4096])  # a whole copy every time … never
@settings(max_examples=150, deadline=None)
@given(ops=OPS)
def test_every_snapshot_keeps_the_table_as_it_was(ops, compact_min):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(versioned, "COMPACT_MIN", compact_min)
        check(ops)


def check(ops):
    live, model = Tracked(), {}
    taken: list[tuple[object, dict]] = [(live.snapshot(), {})]
    for op, key, value in ops:
        if op == "set":
            live[key] = model[key] = value
        elif op == "del" and key in model:
            del live[key], model[key]
        elif op == "pop":
            assert live.pop(key, None) == model.pop(key, None)
        elif op == "setdefault":
            assert live.setdefault(key, value) == model.setdefault(key, value)
        elif op == "update":
            live.update({key: value})
            model.update({key: value})
        elif op == "ior":
            live |= {key: value}
            model |= {key: value}
        elif op == "popitem" and model:
            assert live.popitem() == model.popitem()
        elif op == "snapshot":
            taken.append((live.snapshot(), dict(model)))
        elif op == "forget" and taken:
            taken.pop()
    taken.append((live.snapshot(), dict(model)))
    assert dict(live) == model
    for layer, expected in taken:
        assert dict(layer.items()) == expected and len(layer) == len(expected)
        assert sorted(layer) == sorted(expected) and sorted(layer.values()) == sorted(expected.values())
        for key in "abcdefgh":
            assert (key in layer) == (key in expected)
            assert layer.get(key, "none") == expected.get(key, "none")
            if key not in expected:
                with pytest.raises(KeyError):
                    layer[key]


def test_a_pickled_table_is_the_table():
    import pickle

    live = Tracked(a=1)
    live.snapshot()
    live["b"] = 2
    again = pickle.loads(pickle.dumps(live))
    assert again == {"a": 1, "b": 2} and dict(again.snapshot()) == {"a": 1, "b": 2}


def test_a_version_costs_what_changed_not_the_table():
    live = Tracked((str(i), i) for i in range(100_000))
    first = live.snapshot()
    for i in range(10):
        live[str(i)] = -i
    second = live.snapshot()
    assert second._base is first._base and len(second._over) == 10  # no whole copy
    assert live.snapshot() is second  # nothing written since: the same version
    assert first["3"] == 3 and second["3"] == -3
    for i in range(10, 10_000):  # past a 32nd of the table: the next version is a whole copy
        live[str(i)] = 0
    third = live.snapshot()
    assert third._base is not first._base and not third._over and third["5000"] == 0
    assert first["5000"] == 5000 and second["5000"] == 5000


def test_a_table_not_written_since_a_version_is_not_copied():
    live = Tracked(a=1, b=2)
    first = live.snapshot()
    assert first._base is live and live.snapshot() is first  # the table itself, once
    live["c"] = 3  # the first write gives that version its copy
    assert first._base is not live and dict(first) == {"a": 1, "b": 2}
    second = live.snapshot()
    assert second._base is first._base and dict(second) == {"a": 1, "b": 2, "c": 3}
    again = Tracked(a=1)
    version = again.snapshot()
    del version  # gone before the next write: nothing to copy
    again["b"] = 2
    assert again._base == {} and dict(again.snapshot()) == {"a": 1, "b": 2}


def test_a_version_is_freed_with_what_holds_it_not_by_the_cyclic_collector():
    import gc
    import weakref

    class Value:
        pass

    gc.disable()
    try:
        live = Tracked(a=Value())
        value = weakref.ref(live["a"])
        held = live.snapshot()  # it reads the table itself
        version = weakref.ref(held)
        del live
        assert held["a"] is value()
        del held
        assert version() is None and value() is None
    finally:
        gc.enable()


def test_a_version_read_while_its_table_is_written_stays_as_it_was():
    """Readers in other threads, item by item, while a writer changes (and so first copies)
    a table that a version reads itself."""
    import sys
    import threading
    import time

    keys = [str(i) for i in range(5_000)]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as they can
    try:
        for wait in [i / 1000 for i in range(1, 16)]:
            live = Tracked((k, 0) for k in keys)
            version = live.snapshot()
            reading, done = threading.Barrier(3), threading.Event()
            wrong: list[str] = []

            def read():
                reading.wait()
                while not done.is_set():
                    try:
                        if [k for k, v in version.items() if v != 0] or \
                                [v for v in version.values() if v != 0] or \
                                [k for k in version if k not in version] or \
                                [k for k in keys if version.get(k) != 0 or version[k] != 0]:
                            wrong.append("changed")
                        if len(list(version)) != len(keys):
                            wrong.append("keys")
                    except Exception as error:  # noqa: BLE001 (a dict changed while iterated)
                        wrong.append(repr(error))

            readers = [threading.Thread(target=read) for _ in range(2)]
            for reader in readers:
                reader.start()
            reading.wait()
            time.sleep(wait)  # the first write (which copies) while they read
            for i, k in enumerate(keys):
                if i % 3:
                    live[k] = 1
                else:
                    del live[k]
                live[f"new{i}"] = 2
            done.set()
            for reader in readers:
                reader.join()
            assert not wrong and dict(version) == dict.fromkeys(keys, 0)
    finally:
        sys.setswitchinterval(switch)


def test_a_copy_of_a_version_keeps_the_table_as_it_was():
    import copy
    import pickle

    live = Tracked(a=1, b=2)
    version = live.snapshot()  # still reads the live table: no write since
    copies = [copy.copy(version), copy.deepcopy(version), pickle.loads(pickle.dumps(version))]
    live["a"] = 99
    live["z"] = 5
    for c in copies:
        assert dict(c) == {"a": 1, "b": 2} and len(c) == 2
