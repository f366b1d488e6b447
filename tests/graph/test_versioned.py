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
