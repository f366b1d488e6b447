"""`glossgraph serve`: build the notes, then serve the API, RDF and the viewer with uvicorn.

`run()` makes the pieces live reload needs: a `Builder` (rebuilds re-read only changed
notes), a `StoreHolder` (atomic swap of the served graph) and `start_watching()`, the hook
that will follow edits (issue 6).
"""

from __future__ import annotations

import gc
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from graph import Builder, BuildResult

from .holder import StoreHolder


def default_base_iri(host: str, port: int) -> str | None:
    """http://host:port/ — or None (each request's own URL) for a wildcard address."""
    if host in ("", "0.0.0.0", "::", "[::]"):
        return None
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def summary(result: BuildResult) -> str:
    c = result.counts()
    edges = result.graph.number_of_edges()
    return (f"{c['notes']} notes, {c['concepts']} concepts, {c['tags']} tags, {edges} edges, "
            f"{c['warnings']} warnings (built in {result.seconds:.2f} s)")


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

    stop = threading.Event()
    threading.Thread(target=watch_notes, name="glossgraph-watch", daemon=True,
                     args=(builder, publish, stop)).start()
    print("glossgraph: watching the notes for edits (--no-watch turns this off)", flush=True)
    return stop.set


def freeze_heap() -> None:
    """Everything built so far lives as long as the server: keep it out of GC passes."""
    gc.collect()
    gc.freeze()


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
        base_iri: str | None = None) -> int:
    import uvicorn

    from .app import create_app

    from graph import rdf

    if base_iri is not None:
        try:
            base_iri = rdf.check_base(base_iri)
        except ValueError as exc:
            print(f"glossgraph: {exc}", file=sys.stderr)
            return 2
    builder = Builder(path)
    result = builder.refresh()
    holder = StoreHolder(result)
    try:
        sock = _listen(host, port)
    except OSError as exc:
        print(f"glossgraph: cannot listen on {host}:{port}: {exc.strerror or exc}",
              file=sys.stderr)
        return 2
    port = sock.getsockname()[1]  # the real one when port 0 asked for any free port
    base = base_iri or default_base_iri(host, port)
    app = create_app(holder, base_iri=base, on_startup=[freeze_heap])

    shown = host if ":" not in host else f"[{host}]"
    print(f"glossgraph: serving {path} at http://{shown}:{port}/  "
          f"(viewer /viewer, GraphQL /graphql, RDF /rdf)", flush=True)
    print(f"glossgraph: {summary(result)}", flush=True)
    stop = start_watching(builder, holder) if watch else None
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        if stop is not None:
            stop()
        sock.close()
    return 0
