"""`glossgraph serve`: build the notes, then serve the API, RDF and the viewer with uvicorn.

`run()` makes the pieces live reload needs: a `Builder` (rebuilds re-read only changed
notes), a `StoreHolder` (atomic swap of the served graph) and `start_watching()`, the hook
that will follow edits (issue 6). While the first build runs it shows its progress
(`BuildProgress`): a bar redrawn in place on a terminal, a line per phase otherwise.

Limits of the served app (api.app.create_app): request bodies up to `max_body_bytes`; the Host
header checked when bound to a loopback address (`host_check()`); GraphQL queries stopped
after `query_timeout` seconds.
"""

from __future__ import annotations

import socket
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from graph import Builder, BuildResult
from graph import memo
from graph.gcpause import settle

from .execution import DEFAULT_QUERY_TIMEOUT
from .holder import StoreHolder
from .limits import DEFAULT_MAX_BODY, is_loopback


def default_base_iri(host: str, port: int) -> str | None:
    """http://host:port/ — or None (each request's own URL) for a wildcard address."""
    if host in ("", "0.0.0.0", "::", "[::]"):
        return None
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def summary(result: BuildResult) -> str:
    c = result.counts()
    edges = result.edge_count()
    return (f"{c['notes']} notes, {c['concepts']} concepts, {c['tags']} tags, {edges} edges, "
            f"{c['warnings']} warnings (built in {result.seconds:.2f} s)")


def host_check(host: str, allowed_hosts: Sequence[str] | None = None) -> list[str] | None:
    """The `allowed_hosts` of the app for a server bound to `host`.

    Bound to a loopback address: only localhost names, plus `allowed_hosts` (a web page whose
    name resolves to 127.0.0.1 must not reach the API). Bound elsewhere: no check (None),
    unless `allowed_hosts` names some.

    >>> host_check("127.0.0.1"), host_check("::1", ["notes.lan"]), host_check("0.0.0.0")
    ([], ['notes.lan'], None)
    """
    if allowed_hosts:
        return list(allowed_hosts)
    return [] if is_loopback(host) else None


PHASES = {"read": "reading notes", "merge": "merging concepts", "link": "linking mentions",
          "graph": "building the graph"}


class BuildProgress:
    """`progress(phase, done, total)` for `Builder.refresh`: on a terminal one line redrawn in
    place ("reading notes 812/1675 ▕████░░░░▏"), otherwise one line per phase."""

    WIDTH = 24

    def __init__(self, stream: TextIO | None = None, interval: float = 0.1):
        self.stream = stream or sys.stdout
        try:
            self.tty = self.stream.isatty()
        except (AttributeError, ValueError):
            self.tty = False
        self.interval = interval
        self.phase: str | None = None
        self.drawn = 0.0
        self.dirty = False

    def bar(self, done: int, total: int) -> str:
        filled = self.WIDTH if total <= 0 else min(self.WIDTH, self.WIDTH * done // total)
        return "▕" + "█" * filled + "░" * (self.WIDTH - filled) + "▏"

    def __call__(self, phase: str, done: int, total: int) -> None:
        label = PHASES.get(phase, phase)
        changed = phase != self.phase
        self.phase = phase
        if not self.tty:
            if changed:
                count = f" ({total})" if phase == "read" and total else ""
                print(f"glossgraph: {label}{count}…", file=self.stream, flush=True)
            return
        now = time.monotonic()
        if not changed and done < total and now - self.drawn < self.interval:
            return  # redraw at most every `interval` seconds
        self.drawn = now
        self.dirty = True
        counts = f" {done}/{total} {self.bar(done, total)}" if phase == "read" or total > 1 \
            else "…"
        self.stream.write(f"\rglossgraph: {label}{counts}\x1b[K")
        self.stream.flush()

    def done(self) -> None:
        """Clear the progress line (a terminal) before the next output."""
        if self.tty and self.dirty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.dirty = False


def start_watching(builder: Builder, holder: StoreHolder) -> Callable[[], None] | None:
    """Follow edits of the notes: rebuild what changed and `holder.swap()` the new graph.

    Returns a function that stops watching.
    """
    import threading

    from graph.watch import watch_notes

    def publish(result: BuildResult, change) -> None:
        holder.swap(result, change=change)
        print(f"glossgraph: rebuilt v{result.version} in {result.seconds:.2f} s "
              f"({result.reparsed} notes re-read): +{len(change.added)} "
              f"~{len(change.changed)} -{len(change.removed)} concepts, "
              f"{len(result.warnings)} warnings", flush=True)

    def ready() -> None:
        print("glossgraph: watching the notes for edits (--no-watch turns this off)",
              flush=True)

    stop = threading.Event()
    threading.Thread(target=watch_notes, name="glossgraph-watch", daemon=True,
                     args=(builder, publish, stop), kwargs={"on_ready": ready}).start()
    return stop.set


def _listen(host: str, port: int) -> socket.socket:
    """A bound, listening socket (a clear error here beats one from inside uvicorn)."""
    infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM,
                               flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def run(path: str | Path, host: str = "127.0.0.1", port: int = 8000, watch: bool = True,
        base_iri: str | None = None, allowed_hosts: list[str] | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY, follow_external_links: bool | None = None,
        query_timeout: float = DEFAULT_QUERY_TIMEOUT) -> int:
    """Build `path`, then serve it on host:port until interrupted; the exit code.

    `allowed_hosts` adds Host names to the localhost ones a loopback-bound server answers
    (see `host_check`); `follow_external_links` None keeps the notes' own setting
    (glossgraph.toml), True/False overrides it.
    """
    from .app import create_app

    base_iri, problem = _checked_base(base_iri)
    if problem:
        print(f"glossgraph: {problem}", file=sys.stderr)
        return 2
    builder = Builder(path, follow_external_links=follow_external_links)
    # The worker that will read edits, from the start: the first build's mentions ask the
    # segmenter there too, and this process never loads it (graph.segment).
    builder.follow()
    print(f"glossgraph: building {path}", flush=True)
    progress = BuildProgress()
    try:
        result = builder.refresh(progress=progress)
    finally:
        progress.done()
    if not watch:
        builder.unfollow()  # no edits to read
    memo.drop()  # what the first build memoized: the store reuses the memory (graph.memo)
    holder = StoreHolder(result)
    # And what making the store's search index memoized (12 MB on the author's notebook:
    # every label's key and pinyin), which an edit needs only for the labels it changes.
    memo.drop()
    sock = _listen_or_say(host, port)
    if sock is None:
        return 2
    port = sock.getsockname()[1]  # the real one when port 0 asked for any free port
    base = base_iri or default_base_iri(host, port)
    app = create_app(holder, base_iri=base, on_startup=[settle],
                     max_body_bytes=max_body_bytes, allowed_hosts=host_check(host, allowed_hosts),
                     bound_to=host, query_timeout=query_timeout)

    shown = host if ":" not in host else f"[{host}]"
    url = f"http://{shown}:{port}"
    print(f"glossgraph: {summary(result)}", flush=True)
    print(f"glossgraph: serving {path} at {url}/  "
          f"(viewer /viewer, GraphQL /graphql, RDF /rdf)", flush=True)
    print(f"  viewer    {url}/viewer\n  GraphiQL  {url}/graphql\n  RDF       {url}/rdf",
          flush=True)
    stop = start_watching(builder, holder) if watch else None
    return _serve(app, sock, stop, max_body_bytes)


def _listen_or_say(host: str, port: int) -> socket.socket | None:
    """`_listen`, or None after one line saying why not."""
    try:
        return _listen(host, port)
    except OSError as exc:
        print(f"glossgraph: cannot listen on {host}:{port}: {exc.strerror or exc}",
              file=sys.stderr)
        return None


def _checked_base(base_iri: str | None) -> tuple[str | None, str | None]:
    """The --base-iri argument as graph.rdf.check_base gives it back, or what is wrong."""
    if base_iri is None:
        return None, None
    from graph import rdf  # only here: a server that never exports RDF never loads its libraries

    try:
        return rdf.check_base(base_iri), None
    except ValueError as exc:
        return None, str(exc)


SWITCH_INTERVAL = 0.001  # seconds; CPython's default is 0.005


def _serve(app, sock: socket.socket, stop: Callable[[], None] | None,
           max_body_bytes: int) -> int:
    """Run uvicorn on the bound socket until interrupted; then stop following and close."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=5, ws_max_size=max_body_bytes)
    server = uvicorn.Server(config)
    # While a rebuild thread computes, a request waits for the interpreter after every socket
    # wait, up to the hand-over interval each time (CPython's default 5 ms): a request with
    # six such waits beside a busy thread measured p99 126 ms at 5 ms, 21 ms at 1 ms. The
    # rebuild is slowed only while requests run.
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        server.run(sockets=[sock])
    finally:
        if stop is not None:
            stop()
        sock.close()
    return 0


def follow_store(store, holder: StoreHolder, interval: float = 2.0) -> Callable[[], None]:
    """Poll the store's manifest every `interval` seconds; on a new version, read it (a new
    pinned `SparqlStore`), swap it in and so notify subscribers. Returns a function that stops.
    A store that cannot be read for a while keeps the current version served."""
    import threading

    from graph.sparql_store import SparqlStore, StoreError, fetch_manifest, fetch_version

    stop = threading.Event()

    def loop() -> None:
        current = store
        failing = False
        while not stop.wait(interval):
            try:
                version, _ = fetch_version(current.client, current.base)
                if version == current.version:
                    failing = False
                    continue
                new = SparqlStore(current.client, current.base,
                                  fetch_manifest(current.client, current.base))
            except StoreError as exc:
                if not failing:
                    print(f"glossgraph: cannot read the store, still serving version "
                          f"{current.version}: {exc}", file=sys.stderr, flush=True)
                failing = True
                continue
            failing = False
            change = new.changes_since(current)
            holder.swap(new, change=change)
            current = new
            print(f"glossgraph: store version {new.version}: +{len(change.added)} "
                  f"~{len(change.changed)} -{len(change.removed)} concepts", flush=True)

    threading.Thread(target=loop, name="glossgraph-store-poll", daemon=True).start()
    return stop.set


def run_store(url: str, host: str = "127.0.0.1", port: int = 8000, base_iri: str | None = None,
              allowed_hosts: list[str] | None = None, max_body_bytes: int = DEFAULT_MAX_BODY,
              query_timeout: float = DEFAULT_QUERY_TIMEOUT, poll: float = 2.0,
              **client_options) -> int:
    """Serve the glossary of the SPARQL store whose query endpoint is `url`
    (graph/sparql_store.py) until interrupted; no notes folder is read. The exit code: 2 with
    one line when the store cannot be read or holds no glossary."""
    from graph.sparql_store import StoreError, open_store

    from .app import create_app

    base_iri, problem = _checked_base(base_iri)
    if problem:
        print(f"glossgraph: {problem}", file=sys.stderr)
        return 2
    print(f"glossgraph: reading {url}", flush=True)
    try:
        store = open_store(url, base_iri, **client_options)
    except StoreError as exc:
        print(f"glossgraph: {exc}", file=sys.stderr)
        return 2
    holder = StoreHolder(store, store_factory=lambda s: s)
    sock = _listen_or_say(host, port)
    if sock is None:
        return 2
    port = sock.getsockname()[1]
    app = create_app(holder, base_iri=store.base, on_startup=[settle],
                     max_body_bytes=max_body_bytes, allowed_hosts=host_check(host, allowed_hosts),
                     bound_to=host, query_timeout=query_timeout)
    shown = host if ":" not in host else f"[{host}]"
    s = store.stats()
    print(f"glossgraph: version {store.version} of {store.base} ({s.notes} notes, "
          f"{s.concepts} concepts, {s.tags} tags)", flush=True)
    print(f"glossgraph: serving {url} at http://{shown}:{port}/  (GraphQL /graphql; "
          f"polling the manifest every {poll:g} s)", flush=True)
    stop = follow_store(store, holder, poll) if poll > 0 else None
    return _serve(app, sock, stop, max_body_bytes)
