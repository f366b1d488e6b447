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
* The whole copy is made on the first write after the snapshot that wants it, not by the
  snapshot: until then the version reads the live table itself, so a table not written since
  is held once, not twice (18 MB of copies at 2,000 synthetic notes, a build served and not
  yet edited). Such a version reads the live table as a writer (in another thread) may be
  about to copy and change it: a read looks again at the copy when the table was copied
  meanwhile, and it iterates over a list of the keys, or a copy of its own (`Layer`).

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

import weakref
from collections.abc import ItemsView, Iterator, Mapping, ValuesView
from itertools import chain

_GONE = object()  # an entry removed since the base was copied
COMPACT_FRACTION = 32  # a whole copy once the changed entries pass this fraction of the table
COMPACT_MIN = 4096


class Layer(Mapping):
    """One version of a `Tracked` table: `base` (a whole copy) under `over` (what changed)."""

    __slots__ = ("_base", "_over", "_len", "__weakref__")

    def __init__(self, base: dict, over: dict, size: int):
        self._base, self._over, self._len = base, over, size

    # `_base` may be the live table (`Tracked.snapshot`, then `_over` is empty), which a
    # writer replaces by a copy before it changes the table: what was read from it counts
    # only if `_base` is still what it was once read.

    def __getitem__(self, key):
        value = self._over.get(key, self)  # the layer itself: no entry above the base
        if value is self:
            base = self._base
            value = base.get(key, _GONE)
            if base is not self._base:
                value = self._base.get(key, _GONE)
        if value is _GONE:
            raise KeyError(key)
        return value

    def get(self, key, default=None):
        value = self._over.get(key, self)
        if value is self:
            base = self._base
            value = base.get(key, _GONE)
            if base is not self._base:
                value = self._base.get(key, _GONE)
        return default if value is _GONE else value

    def __contains__(self, key) -> bool:
        value = self._over.get(key, self)
        if value is not self:
            return value is not _GONE
        base = self._base
        found = key in base
        return found if base is self._base else key in self._base

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator:
        over = self._over
        if not over:
            base = self._base
            if type(base) is dict:
                return iter(base)
            keys = list(base)  # the live table, whole in one step (no Python code runs)
            return iter(keys if base is self._base else self._base)
        return chain((k for k in self._base if k not in over),
                     (k for k, v in over.items() if v is not _GONE))

    def items(self):
        if not self._over:
            return self._whole().items()
        return ItemsView(self)

    def values(self):
        if not self._over:
            return self._whole().values()
        return ValuesView(self)

    def _whole(self) -> dict:
        """The base, a dict no one changes: a copy of it for a while when it is the live table
        (item by item through the layer was ten times slower)."""
        base = self._base
        if type(base) is dict:
            return base
        copy = dict.copy(base)  # in one step
        return copy if base is self._base else self._base

    def __repr__(self) -> str:
        return f"Layer({dict(self)!r})"

    def __reduce__(self):
        # A copy (`copy.copy`, pickle, deepcopy) holds what this version holds now: copying
        # `_base` as it is would share the live table it may still read, and see later writes.
        return Layer, (self._whole() if not self._over else dict(self), {}, self._len)


class Tracked(dict):
    """A dict that can give read-only versions of itself cheaply (see the module docstring).

    Every write goes through the methods below (item assignment, `del`, `pop`, `popitem`,
    `setdefault`, `update`, `|=`, `clear`); a pickled or copied one is a table without its
    versions."""

    __slots__ = ("_changed", "_base", "_last", "_shared")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._changed: set | None = None  # None: the next version is a whole one
        self._base: dict = {}
        # The last version and the one that reads this table itself, by weak references: a
        # version that held its table and was held by it would be freed only by the cyclic
        # collector (graph/gcpause.py: seldom in a server), not when its store is.
        self._last: weakref.ref | None = None
        self._shared: weakref.ref | None = None

    def _unshare(self) -> None:
        """Before the first write since the version that reads this table itself: give it
        (and the versions after it) a whole copy, unless it is gone."""
        layer, self._shared = self._shared(), None
        if layer is None:
            self._changed, self._base, self._last = None, {}, None
        else:
            layer._base = self._base = dict.copy(self)  # in one step, as it reads

    def __setitem__(self, key, value) -> None:
        if self._shared is not None:
            self._unshare()
        dict.__setitem__(self, key, value)
        if self._changed is not None:
            self._changed.add(key)
            self._last = None

    def __delitem__(self, key) -> None:
        if self._shared is not None:
            self._unshare()
        dict.__delitem__(self, key)
        if self._changed is not None:
            self._changed.add(key)
            self._last = None

    def pop(self, key, *default):
        if key in self:
            if self._shared is not None:
                self._unshare()
            if self._changed is not None:
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
        if self._shared is not None and len(self):
            self._unshare()
        key, value = dict.popitem(self)
        if self._changed is not None:
            self._changed.add(key)
            self._last = None
        return key, value

    def __reduce__(self):  # a copy without its versions
        return Tracked, (dict(self),)

    def clear(self) -> None:
        if self._shared is not None:
            self._unshare()
        dict.clear(self)
        self._changed, self._base, self._last = None, {}, None

    def snapshot(self) -> Layer:
        """This table as it is now, unchanged by later writes."""
        last = self._last() if self._last is not None else None
        if last is not None:
            return last
        changed = self._changed
        # (`_shared` still set: the version that read this table itself is gone, unwritten.)
        if changed is None or self._shared is not None or \
                len(changed) > max(COMPACT_MIN, len(self) // COMPACT_FRACTION):
            # A whole version: the table itself, until a write gives it a copy (`_unshare`).
            self._base = {}
            self._changed = set()
            last = Layer(self, {}, len(self))
            self._shared = weakref.ref(last)
        else:
            last = Layer(self._base, {key: dict.get(self, key, _GONE) for key in changed},
                         len(self))
        self._last = weakref.ref(last)
        return last
