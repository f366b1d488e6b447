"""A time budget for one note: past it, the work is interrupted with `NoteTimeout`.

The budget is CPU time, so that a busy machine does not leave notes out of a build (the graph
would depend on the load); a wall-clock backstop, `WALL_FACTOR` times as long, still ends work
that waits instead of computing. On a process's main thread (the CLI, pool workers, the
server's first build) both are interval timers: `setitimer(ITIMER_PROF)` (the process's CPU
time) and `ITIMER_REAL`, whose handlers raise; the real-time one also interrupts a blocking
system call. Any other thread (the server's file watcher) cannot receive signals, so a watchdog
thread raises `NoteTimeout` in it asynchronously (`PyThreadState_SetAsyncExc`) once the
thread's own CPU clock (`pthread_getcpuclockid`) or the backstop runs out; it takes effect at
the next Python bytecode: enough, since parsing is pure Python.

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
WALL_FACTOR = 6  # the wall-clock backstop, in budgets: a loaded machine's share of a core


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
        _WATCHDOG.arm(ident, seconds)
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
            signal.setitimer(_TIMER[signum], REFIRE)
            raise NoteTimeout

    previous = {signum: signal.signal(signum, expired) for signum in _TIMER}
    started = time.monotonic()
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds * WALL_FACTOR)
    outer_prof = signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        active = False
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if outer_delay:  # someone else's timer (e.g. a test runner's) keeps its deadline
            left = outer_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), outer_interval)
        if outer_prof[0]:  # a profiler's: restarted (its elapsed share is not worth counting)
            signal.setitimer(signal.ITIMER_PROF, *outer_prof)


_TIMER = {signal.SIGALRM: signal.ITIMER_REAL, signal.SIGPROF: signal.ITIMER_PROF} \
    if hasattr(signal, "setitimer") else {}

try:
    _set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
except AttributeError:  # pragma: no cover - not CPython
    _set_async_exc = None


def _cpu_clock(ident: int):
    """A function giving the CPU time thread `ident` has used, or None where there is none."""
    try:
        clock = time.pthread_getcpuclockid(ident)
        time.clock_gettime(clock)
    except (AttributeError, OSError):  # pragma: no cover - not Linux/BSD/macOS
        return None
    return lambda: time.clock_gettime(clock)


class _Watchdog:
    """One daemon thread that raises `NoteTimeout` in threads past their budget: of the
    thread's CPU time, or `WALL_FACTOR` times as long on the wall clock."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._deadlines: dict[int, float] = {}  # wall clock
        self._budgets: dict[int, tuple] = {}  # (CPU clock, CPU time it may reach)
        self._fired: set[int] = set()
        self._thread: threading.Thread | None = None

    def arm(self, ident: int, seconds: float) -> None:
        clock = _cpu_clock(ident)
        with self._cond:
            self._deadlines[ident] = time.monotonic() + seconds * (WALL_FACTOR if clock else 1)
            if clock is not None:
                self._budgets[ident] = (clock, clock() + seconds)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="glossgraph-note-budget",
                                                daemon=True)
                self._thread.start()
            self._cond.notify()

    def disarm(self, ident: int) -> None:
        with self._cond:
            self._deadlines.pop(ident, None)
            self._budgets.pop(ident, None)
            if ident in self._fired:
                self._fired.discard(ident)
                # Fired as the block ended: clear it, so it never lands in unrelated code.
                _set_async_exc(ctypes.c_ulong(ident), None)

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for ident, deadline in list(self._deadlines.items()):
                    clock, limit = self._budgets.get(ident, (None, 0.0))
                    used_up = clock is not None and clock() >= limit
                    if deadline <= now or used_up:
                        # Again soon until disarmed (an exception raised in a weakref
                        # callback or a __del__ is dropped by Python).
                        self._deadlines[ident] = now + REFIRE
                        self._budgets.pop(ident, None)
                        self._fired.add(ident)
                        _set_async_exc(ctypes.c_ulong(ident), ctypes.py_object(NoteTimeout))
                # CPU time runs no faster than the wall clock: what is left of a budget is
                # the soonest it can run out
                soonest = [d - now for d in self._deadlines.values()]
                soonest += [limit - clock() for clock, limit in self._budgets.values()]
                self._cond.wait(max(min(soonest, default=60.0), 0.001))


_WATCHDOG = _Watchdog()
