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
moment no one chose, stalling every request. `settle()`, right after the swap, collects what
is new since the last settle (the new graph, and the cyclic garbage of making it, which the
paused collector left), then freezes what is alive, so later collections only look at newer
objects. A dropped graph is freed by reference counting (a store holds no cycles); cycles
among frozen objects wait for every eighth settle, which unfreezes first.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_depth = 0  # nested or concurrent builds: the collector comes back when the last one ends
_was_enabled = True
_settles = 0
FULL_EVERY = 8  # settles between two collections of the frozen objects as well


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
                gc.enable()


def settle() -> None:
    """Collect what is new since the last settle (the new graph, the garbage of making it),
    then freeze what is alive; every `FULL_EVERY`-th call looks at the frozen objects too."""
    global _settles
    with _lock:
        if _depth:  # a build is running: it will settle when it swaps
            return
        _settles += 1
        if _settles % FULL_EVERY == 0:
            gc.unfreeze()
        gc.collect()
        gc.freeze()
