"""A time budget for one note: past it, the work is interrupted with `NoteTimeout`.

On a process's main thread (the CLI, pool workers, the server's first build) the budget is an
interval timer: `setitimer(ITIMER_REAL)` raises from the SIGALRM handler, which also interrupts
a blocking system call. Any other thread (the server's file watcher) cannot receive signals, so
a watchdog thread raises `NoteTimeout` in it asynchronously (`PyThreadState_SetAsyncExc`),
which takes effect at the next Python bytecode: enough, since parsing is pure Python.

>>> with time_limit(5):
...     sum(range(10))
45
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import threading
import time
from collections.abc import Iterator


REFIRE = 0.05  # s: how soon a timeout is raised again while the block still runs


class NoteTimeout(BaseException):  # noqa: N818
    """One note took longer than its time budget.

    A BaseException, so that a rule's `except Exception` cannot swallow it."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `NoteTimeout` in the block once it has run `seconds` (None or ≤ 0: no limit)."""
    if not seconds or seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    elif _set_async_exc is not None:
        ident = threading.get_ident()
        _WATCHDOG.arm(ident, time.monotonic() + seconds)
        try:
            yield
        finally:
            _WATCHDOG.disarm(ident)
    else:  # pragma: no cover - not CPython: only the input limits bound the cost
        yield


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    active = True

    def expired(signum, frame):
        if active:  # the block may have ended between the timer firing and this handler
            # Again soon: a handler that runs inside a weakref callback or a __del__ has
            # its exception printed and dropped by Python, and the note would run on.
            signal.setitimer(signal.ITIMER_REAL, REFIRE)
            raise NoteTimeout

    previous = signal.signal(signal.SIGALRM, expired)
    started = time.monotonic()
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_delay:  # someone else's timer (e.g. a test runner's) keeps its deadline
            left = outer_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), outer_interval)


try:
    _set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
except AttributeError:  # pragma: no cover - not CPython
    _set_async_exc = None


class _Watchdog:
    """One daemon thread that raises `NoteTimeout` in threads past their deadline."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._deadlines: dict[int, float] = {}
        self._fired: set[int] = set()
        self._thread: threading.Thread | None = None

    def arm(self, ident: int, deadline: float) -> None:
        with self._cond:
            self._deadlines[ident] = deadline
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="glossgraph-note-budget",
                                                daemon=True)
                self._thread.start()
            self._cond.notify()

    def disarm(self, ident: int) -> None:
        with self._cond:
            self._deadlines.pop(ident, None)
            if ident in self._fired:
                self._fired.discard(ident)
                # Fired as the block ended: clear it, so it never lands in unrelated code.
                _set_async_exc(ctypes.c_ulong(ident), None)

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for ident, deadline in list(self._deadlines.items()):
                    if deadline <= now:
                        # Again soon until disarmed (an exception raised in a weakref
                        # callback or a __del__ is dropped by Python).
                        self._deadlines[ident] = now + REFIRE
                        self._fired.add(ident)
                        _set_async_exc(ctypes.c_ulong(ident), ctypes.py_object(NoteTimeout))
                wait = min(self._deadlines.values(), default=now + 60) - now
                self._cond.wait(max(wait, 0.001))


_WATCHDOG = _Watchdog()
