"""Tables that go on changing, read as versions that stay as they were: O(change) per version.

A rebuild changes a few hundred entries of tables that hold hundreds of thousands (concepts,
nodes, out-edges, label lookups). Copying each table for every version cost ~10 ms per table
at 10,000 notes, and freeing the copy of the version before as much again: a quarter of an
edit, all of it holding the interpreter that serves requests. Instead:

* `Tracked` is the live table, a dict that remembers which keys were written since its last
  `snapshot()` that copied it whole;
* `snapshot()` gives a `Layer`: a read-only Mapping made of that whole copy (shared by many
  versions, never changed) and a small dict of the entries written since (a removed entry is
  `_GONE`). Once those are more than a 32nd of the table, the next snapshot copies it whole
  again: the cost stays proportional to what changed, and a read looks in at most two dicts.

>>> live = Tracked(a=1, b=2)
>>> v1 = live.snapshot()
>>> live["a"] = 10; del live["b"]; live["c"] = 3
>>> v2 = live.snapshot()
>>> dict(v1), dict(sorted(v2.items()))
({'a': 1, 'b': 2}, {'a': 10, 'c': 3})
>>> v2.get("b"), "c" in v2, len(v2), sorted(v2.items())
(None, True, 2, [('a', 10), ('c', 3)])
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, Mapping, ValuesView
from itertools import chain

_GONE = object()  # an entry removed since the base was copied
COMPACT_FRACTION = 32  # a whole copy once the changed entries pass this fraction of the table
COMPACT_MIN = 4096


class Layer(Mapping):
    """One version of a `Tracked` table: `base` (a whole copy) under `over` (what changed)."""

    __slots__ = ("_base", "_over", "_len")

    def __init__(self, base: dict, over: dict, size: int):
        self._base, self._over, self._len = base, over, size

    def __getitem__(self, key):
        value = self._over.get(key, self)  # the layer itself: no entry above the base
        if value is self:
            return self._base[key]
        if value is _GONE:
            raise KeyError(key)
        return value

    def get(self, key, default=None):
        value = self._over.get(key, self)
        if value is self:
            return self._base.get(key, default)
        return default if value is _GONE else value

    def __contains__(self, key) -> bool:
        value = self._over.get(key, self)
        return key in self._base if value is self else value is not _GONE

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator:
        over = self._over
        if not over:
            return iter(self._base)
        return chain((k for k in self._base if k not in over),
                     (k for k, v in over.items() if v is not _GONE))

    def items(self):
        if not self._over:
            return self._base.items()
        return ItemsView(self)

    def values(self):
        if not self._over:
            return self._base.values()
        return ValuesView(self)

    def __repr__(self) -> str:
        return f"Layer({dict(self)!r})"


class Tracked(dict):
    """A dict that can give read-only versions of itself cheaply (see the module docstring).

    Every write goes through the methods below (item assignment, `del`, `pop`, `popitem`,
    `setdefault`, `update`, `|=`, `clear`); a pickled or copied one is a table without its
    versions."""

    __slots__ = ("_changed", "_base", "_last")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._changed: set | None = None  # None: no whole copy yet
        self._base: dict = {}
        self._last: Layer | None = None

    def __setitem__(self, key, value) -> None:
        dict.__setitem__(self, key, value)
        if self._changed is not None:
            self._changed.add(key)
            self._last = None

    def __delitem__(self, key) -> None:
        dict.__delitem__(self, key)
        if self._changed is not None:
            self._changed.add(key)
            self._last = None

    def pop(self, key, *default):
        if self._changed is not None and key in self:
            self._changed.add(key)
            self._last = None
        return dict.pop(self, key, *default)

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return dict.__getitem__(self, key)

    def update(self, *args, **kwargs) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __ior__(self, other):
        self.update(other)
        return self

    def popitem(self):
        key, value = dict.popitem(self)
        if self._changed is not None:
            self._changed.add(key)
            self._last = None
        return key, value

    def __reduce__(self):  # a copy without its versions
        return Tracked, (dict(self),)

    def clear(self) -> None:
        dict.clear(self)
        self._changed, self._base, self._last = None, {}, None

    def snapshot(self) -> Layer:
        """This table as it is now, unchanged by later writes."""
        if self._last is not None:
            return self._last
        changed = self._changed
        if changed is None or len(changed) > max(COMPACT_MIN, len(self) // COMPACT_FRACTION):
            self._base = dict(self)
            self._changed = set()
            over = {}
        else:
            over = {key: dict.get(self, key, _GONE) for key in changed}
        self._last = Layer(self._base, over, len(self))
        return self._last
