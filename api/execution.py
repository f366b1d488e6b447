"""GraphQL execution off the event loop: worker threads, a time limit, cooperative cancel.

`run_stoppable(call, stop, timeout)` runs `call()` (a synchronous `schema.execute_sync`) in one
of `QUERY_THREADS` worker threads, so the event loop keeps answering (/health, other requests,
WebSocket pings) while a query works. Past `timeout` seconds it raises `QueryTimeout` at once;
when the awaiting task is cancelled (the client hung up) it re-raises the cancellation. Either
way it sets `stop`, and the work stops at its next field.

What is interruptible: the execution between fields — `StoppableExecution` checks the flag
before each field it resolves, so a query fanning out over thousands of relations stops within
one field's time. What is not: one resolver's own store call (a `path` search, a
`neighborhood`, an `overview`: each bounded by graph.store's limits, well under a second on a
10,000-concept graph) and the parsing and validation of the document (bounded by the token
limit). A job still waiting for a thread when it is stopped never starts.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

T = TypeVar("T")

QUERY_THREADS = 4           # queries that work at once; more wait for a thread
DEFAULT_QUERY_TIMEOUT = 10.0  # seconds
# While a worker thread holds the GIL, the event loop waits up to this long for it (the
# default 5 ms, paid at each socket call, makes /health take tens of milliseconds).
SWITCH_INTERVAL = 0.001

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_active = 0


class QueryTimeout(Exception):
    """The query ran past its time limit (its work has been told to stop)."""

    def __init__(self, seconds: float):
        super().__init__(f"timeout after {seconds:g} s")
        self.seconds = seconds


class QueryStopped(BaseException):
    """Raised inside the worker to unwind an execution that nobody waits for any more.

    A BaseException, so that neither graphql-core nor strawberry turn it into a field error
    and go on with the siblings.
    """


class Stop:
    """A cooperative cancel flag: `stop(reason)` once; workers read `.reason`."""

    __slots__ = ("reason",)

    def __init__(self) -> None:
        self.reason: str | None = None

    def __call__(self, reason: str) -> None:
        if self.reason is None:
            self.reason = reason

    def check(self) -> None:
        if self.reason is not None:
            raise QueryStopped(self.reason)


class StoppableExecution(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's executor, checking `context["stop"]` before each field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        context = self.context_value
        self._stop: Stop | None = context.get("stop") if isinstance(context, dict) else None

    def execute_field(self, *args: Any, **kwargs: Any) -> Any:
        stop = self._stop
        if stop is not None and stop.reason is not None:
            raise QueryStopped(stop.reason)
        return super().execute_field(*args, **kwargs)


def active_queries() -> int:
    """How many queries are working in worker threads right now (for tests and stats)."""
    return _active


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=QUERY_THREADS,
                                       thread_name_prefix="glossgraph-query")
        return _pool


def _work(call: Callable[[], T], stop: Stop) -> T:
    global _active
    stop.check()  # stopped while it waited for a thread
    with _pool_lock:
        _active += 1
    try:
        return call()
    finally:
        with _pool_lock:
            _active -= 1


def _forget(future: asyncio.Future) -> None:
    """Retrieve the outcome of a job nobody waits for (no "exception never retrieved")."""
    if not future.cancelled():
        future.exception()


async def run_stoppable(call: Callable[[], T], stop: Stop, timeout: float | None) -> T:
    """`call()` in a worker thread; QueryTimeout past `timeout` s; `stop` set if abandoned."""
    loop = asyncio.get_running_loop()
    future = loop.run_in_executor(_executor(), _work, call, stop)
    try:
        return await asyncio.wait_for(asyncio.shield(future), timeout)
    except TimeoutError:
        stop("timeout")
        future.add_done_callback(_forget)
        raise QueryTimeout(timeout or 0) from None
    except asyncio.CancelledError:
        stop("cancelled")
        future.add_done_callback(_forget)
        raise
