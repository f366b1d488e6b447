"""The FastAPI application: GraphQL, RDF (linked data), health, warnings and the viewer.

`create_app(holder, base_iri=None)` serves whatever graph `holder.current` holds; each request
reads it once at its start (see api.holder), so a live rebuild swapped in mid-request is never
half-seen.

Routes:
  /graphql                  GraphQL (POST, or GET for queries); GraphiQL for a browser
  /rdf                      the whole graph as RDF (Accept or ?format=turtle|json-ld|nt|xml)
  /concept/{id}, /tag/{id}, /note/{path}, /scheme, /tags
                            linked data: the IRIs minted by graph.rdf dereference here;
                            RDF media types get a description (the schemes: 303 to /rdf),
                            a browser is sent to the viewer (303)
  /sparql                   SPARQL 1.1 Protocol, queries only, over the RDF (api.sparql)
  /health, /warnings        JSON
  /, /viewer, /static/…     the viewer (api/static/)
  /vendor/<lib>             from node_modules: cytoscape and the fcose layout (the viewer);
                            GraphiQL, React and ReactDOM (the GraphiQL page)

`base_iri` is the base of the IRIs (`{base}concept/{id}`); None means the URL the request came
in on, so IRIs dereference wherever the server is reached.

Limits (see api.limits, api.cost, api.execution): request bodies over `max_body_bytes` get 413;
with `allowed_hosts` (a list, may be empty) only localhost names and those hosts are answered
(None: any Host); a GraphQL operation whose estimated cost is over `cost_budget` is refused
before it runs; one that runs longer than `query_timeout` seconds is stopped (SPARQL too,
which also answers at most `sparql_limit` rows).
"""

from __future__ import annotations

import hashlib
import logging
import sys
from collections.abc import Callable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import HTTPConnection
from starlette.staticfiles import StaticFiles

import api
from graph import registry

from .cost import DEFAULT_BUDGET
from .execution import DEFAULT_QUERY_TIMEOUT, SWITCH_INTERVAL
from .graphql_http import GraphQLEndpoint
from .holder import Snapshot, StoreHolder
from .limits import DEFAULT_MAX_BODY, BodyLimit, HostCheck, clip
from .negotiation import negotiate
from .schema import schema as default_schema

log = logging.getLogger("glossgraph.api")

STATIC = Path(api.__file__).parent / "static"
NODE_MODULES = Path(api.__file__).parents[1] / "node_modules"
# /vendor/<name> → file under node_modules (never copied into the repo).
VENDOR = {
    "cytoscape.js": "cytoscape/dist/cytoscape.min.js",
    "cytoscape-fcose.js": "cytoscape-fcose/cytoscape-fcose.js",
    "layout-base.js": "layout-base/layout-base.js",
    "cose-base.js": "cose-base/cose-base.js",
    "react.js": "react/umd/react.production.min.js",
    "react-dom.js": "react-dom/umd/react-dom.production.min.js",
    "graphiql.js": "graphiql/graphiql.min.js",
    "graphiql.css": "graphiql/graphiql.min.css",
}
VENDOR_MEDIA = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}

HTML = "text/html"


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).isoformat(timespec="seconds")


def _error(status: int, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": message, "status": status, **extra}, status_code=status)


class BadFormat(Exception):
    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


def choose_format(request: Request, html: bool) -> str:
    """"html", or an RDF format name, from ?format= or the Accept header."""
    asked = request.query_params.get("format")
    if asked:
        try:
            return registry.fmt(asked).name
        except ValueError:
            raise BadFormat(400, f"unknown format {clip(asked)!r}: use {registry.CHOICES}") \
                from None
    offers = [*(f.media_type for f in registry.FORMATS), *([HTML] if html else [])]
    media = negotiate(request.headers.get("accept"), offers, explicit_only={HTML})
    if media is None:
        raise BadFormat(406, "not acceptable: this resource is available as "
                        + ", ".join(offers))
    return "html" if media == HTML else registry.by_media_type(media).name


def create_app(holder: StoreHolder, base_iri: str | None = None, schema=None,
               on_startup: Sequence[Callable[[], object]] = (), *,
               max_body_bytes: int | None = DEFAULT_MAX_BODY,
               allowed_hosts: Sequence[str] | None = None, bound_to: str | None = None,
               query_timeout: float | None = DEFAULT_QUERY_TIMEOUT,
               cost_budget: int = DEFAULT_BUDGET, sparql_limit: int | None = None) -> FastAPI:
    """The app serving `holder`'s graph; `on_startup` functions run once the app starts.

    `allowed_hosts`: None answers any Host; a list (even empty) answers localhost names and
    those hosts only (`bound_to`, the address the server listens on, is named in the refusal).
    """

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        # GraphQL works in worker threads: a short GIL switch interval lets the event loop
        # answer (/health, small queries) while one of them computes.
        previous = sys.getswitchinterval()
        sys.setswitchinterval(min(previous, SWITCH_INTERVAL))
        for hook in on_startup:
            hook()
        try:
            yield
        finally:
            sys.setswitchinterval(previous)

    app = FastAPI(title="glossgraph", docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=lifespan)
    app.state.holder = holder
    app.state.base_iri = base_iri
    app.state.viewer_opened = warm_viewer(holder)
    # Added last = outermost: the Host is checked before the body is read.
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(HostCheck, allowed=allowed_hosts, bound_to=bound_to)

    def base_for(request: HTTPConnection) -> str:
        return base_iri or str(request.base_url)

    def rdf_base(request: Request) -> str:
        """The base IRI for RDF of this request (400 if the Host makes no valid IRI)."""
        from graph import rdf

        try:
            return rdf.check_base(base_for(request))
        except ValueError as exc:
            raise StarletteHTTPException(400, "cannot make IRIs for this request: "
                                         f"{clip(exc, 200)}")

    # ------------------------------------------------------------------ GraphQL

    async def graphql_context(request: HTTPConnection) -> dict:
        """HTTP requests and WebSocket subscriptions alike (both are HTTP connections)."""
        snapshot = holder.current  # once per request: the whole operation sees one build
        return {"store": snapshot.store, "snapshot": snapshot, "holder": holder,
                "base_iri": base_for(request), "query_timeout": query_timeout,
                "cost_budget": cost_budget}

    graphql = GraphQLEndpoint(schema or default_schema, context_getter=graphql_context,
                              graphql_ide="graphiql", multipart_uploads_enabled=False)
    app.include_router(graphql, prefix="/graphql")

    # ------------------------------------------------------------------ RDF

    async def rdf_bytes(snapshot: Snapshot, key: tuple, make) -> bytes | None:
        """Serialized RDF, made once per build (concurrent requests share one job)."""
        return await snapshot.once(key, make)

    def rdf_response(request: Request, data: bytes, fmt: str, snapshot: Snapshot,
                     tag: str) -> Response:
        digest = hashlib.blake2b(tag.encode(), digest_size=6).hexdigest()
        etag = f'"{snapshot.version}-{digest}-{fmt}"'  # headers are latin-1: no raw ids
        headers = {"ETag": etag, "Vary": "Accept", "Cache-Control": "no-cache"}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        form = registry.fmt(fmt)
        media = form.media_type + ("; charset=utf-8" if form.charset else "")
        return Response(data, media_type=media, headers=headers)

    @app.api_route("/rdf", methods=["GET", "HEAD"])
    async def rdf_export(request: Request):
        snapshot = holder.current
        try:
            fmt = choose_format(request, html=False)
        except BadFormat as exc:
            return _error(exc.status, exc.message)
        from graph import rdf

        base = rdf_base(request)
        data = await rdf_bytes(snapshot, ("all", fmt, base),
                               lambda: rdf.serialize(snapshot.store, fmt, base_iri=base))
        return rdf_response(request, data, fmt, snapshot, "all")

    async def describe(request: Request, snapshot: Snapshot, kind: str, key: str,
                       exists: bool, viewer_query: str):
        if not exists:
            return _error(404, f"no {kind} {clip(key)!r} in this graph (version "
                          f"{snapshot.version})")
        try:
            fmt = choose_format(request, html=True)
        except BadFormat as exc:
            return _error(exc.status, exc.message)
        if fmt == "html":
            return RedirectResponse(f"/viewer?{viewer_query}", status_code=303,
                                    headers={"Vary": "Accept"})
        from graph import rdf

        base = rdf_base(request)
        data = await rdf_bytes(snapshot, (kind, key, fmt, base),
                               lambda: rdf.describe(snapshot.store, kind, key, fmt,
                                                    base_iri=base))
        if data is None:
            return _error(404, f"no {kind} {clip(key)!r} in this graph")
        return rdf_response(request, data, fmt, snapshot, f"{kind}:{key}")

    @app.api_route("/concept/{cid:path}", methods=["GET", "HEAD"])
    async def concept_resource(request: Request, cid: str):
        snapshot = holder.current  # once per request
        return await describe(request, snapshot, "concept", cid,
                              snapshot.store.concept(cid) is not None,
                              f"concept={quote(cid, safe='')}")

    @app.api_route("/tag/{tid:path}", methods=["GET", "HEAD"])
    async def tag_resource(request: Request, tid: str):
        snapshot = holder.current
        tag = snapshot.store.tag(tid)
        exists = tag is not None and tag.id == tid
        return await describe(request, snapshot, "tag", tid, exists,
                              f"tag={quote(tid, safe='')}")

    @app.api_route("/note/{path:path}", methods=["GET", "HEAD"])
    async def note_resource(request: Request, path: str):
        snapshot = holder.current
        note = snapshot.store.note(path)
        query = (f"concept={quote(note.concept, safe='')}" if note and note.concept
                 else f"note={quote(path, safe='')}")
        return await describe(request, snapshot, "note", path, note is not None, query)

    @app.api_route("/scheme", methods=["GET", "HEAD"])
    @app.api_route("/tags", methods=["GET", "HEAD"])
    async def scheme_resource(request: Request):
        """The concept scheme (and the tag scheme): described by the whole export."""
        try:
            fmt = choose_format(request, html=True)
        except BadFormat as exc:
            return _error(exc.status, exc.message)
        target = "/viewer" if fmt == "html" else f"/rdf?format={fmt}"
        return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})

    # ------------------------------------------------------------------ SPARQL (read-only)

    from .sparql import SparqlEndpoint

    sparql_endpoint = SparqlEndpoint(holder, rdf_base, timeout=query_timeout,
                                     **({"limit": sparql_limit} if sparql_limit else {}))

    @app.api_route("/sparql", methods=["GET", "HEAD", "POST"])
    async def sparql_route(request: Request):
        return await sparql_endpoint(request)

    # ------------------------------------------------------------------ health, warnings

    @app.api_route("/registry", methods=["GET", "HEAD"])
    async def registry_route():
        """Relation kinds (names, SKOS properties, styles) and export formats, for clients."""
        return registry.as_json()

    @app.api_route("/health", methods=["GET", "HEAD"])
    async def health():
        snapshot = holder.current
        s = snapshot.store.stats()
        return {"status": "ok", "version": snapshot.version, "built_at": _iso(s.built_at),
                "build_seconds": round(s.seconds, 4), "loaded_at": _iso(snapshot.loaded_at),
                "folder": snapshot.store.meta().folder,  # never the absolute path
                "counts": {"notes": s.notes, "concepts": s.concepts, "tags": s.tags,
                           "edges": s.edges},
                "warnings": s.warnings}

    @app.api_route("/warnings", methods=["GET", "HEAD"])
    async def warnings():
        return [{"file": w.file, "line": w.line, "message": w.message, "code": w.code}
                for w in holder.current.store.warnings()]

    # ------------------------------------------------------------------ viewer, static

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    async def root():
        return RedirectResponse("/viewer", status_code=307)

    @app.api_route("/viewer", methods=["GET", "HEAD"], include_in_schema=False)
    async def viewer(request: Request):
        page = STATIC / "viewer.html"
        if not page.is_file():
            return _error(404, "the viewer is not installed (api/static/viewer.html is missing)")
        request.app.state.viewer_opened()  # its first requests need the communities: start now
        if not FIRST_VIEW_PARAMS.intersection(request.query_params.keys()):
            return FileResponse(page, media_type="text/html; charset=utf-8",
                                headers={"Cache-Control": "no-cache"})
        # another first view than the default whole graph: its preloads would go unused
        text = page.read_text(encoding="utf-8")
        kept = "".join(line for line in text.splitlines(keepends=True)
                       if "data-first-view" not in line or "<link" not in line)
        return Response(kept, media_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})

    @app.api_route("/vendor/{name}", methods=["GET", "HEAD"], include_in_schema=False)
    async def vendor(name: str):
        rel = VENDOR.get(name)
        if rel is None:
            return _error(404, f"no vendored library {clip(name)!r}; available: "
                          + ", ".join(sorted(VENDOR)))
        file = NODE_MODULES / rel
        if not file.is_file():
            return _error(404, f"{rel} is not installed: run `npm ci` (or `make install`) "
                          "in the repository")
        return FileResponse(file, media_type=VENDOR_MEDIA[file.suffix],
                            headers={"Cache-Control": "public, max-age=3600"})

    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")

    # ------------------------------------------------------------------ errors as JSON

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {clip(request.url.path)}"
        return _error(exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return _error(400, "bad request",
                      details=[clip(e.get("msg"), 200) for e in exc.errors()])

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        log.error("internal error on %s", request.url.path, exc_info=exc)
        return _error(500, "internal error (logged on the server)")

    return app


# ---------------------------------------------------------------------- the viewer, ahead of time

# Parameters of the viewer's address that make its first view another than the whole graph of
# 400 nodes (api/static/js/urlstate.js), which viewer.html preloads.
FIRST_VIEW_PARAMS = frozenset({"limit", "tags", "center", "depth"})

WARM_DELAY = 5.0  # s after a rebuild: a burst of edits is not followed by a warm-up each


def warm_viewer(holder: StoreHolder, delay: float = WARM_DELAY) -> Callable[[], None]:
    """Compute what the viewer's first request needs (communities, the whole-graph layout) in
    a background thread: when the viewer page is first asked for (the function returned; its
    requests then wait for that work instead of doing it again), and `delay` seconds after a
    rebuild if the viewer had looked at the graph before and that build is still the one
    served then (a burst of edits is not followed by a warm-up each).

    Not at startup: over 10,000 notes the communities take minutes of the interpreter, which
    the API's clients and the first edits would wait for (edit → visible 4 s instead of 1.7 s,
    p99 5.6× during edits) though they may never open the viewer."""
    import threading

    started: set[int] = set()  # snapshot versions warmed (or warming)

    def warm(snapshot: Snapshot) -> None:
        if holder.current is not snapshot:
            return
        try:
            getattr(snapshot.store, "warm", lambda: None)()
        except Exception:  # a failure shows up again (and is reported) on the request
            log.exception("warming the viewer's caches failed")

    seen = {"previous": holder.current}

    def later(snapshot: Snapshot) -> None:
        # Only when the viewer looked at the graph before this build: the communities and
        # the layout cost seconds over a whole large graph, which an edit must not cost the
        # clients of the API alone (nor wait for: the GIL is shared).
        previous, seen["previous"] = seen["previous"], snapshot
        if not getattr(previous.store, "viewer_used", lambda: True)():
            return
        timer = threading.Timer(delay, warm, (snapshot,))
        timer.daemon = True
        timer.start()

    def on_viewer_page() -> None:
        snapshot = holder.current
        if snapshot.version in started:
            return
        started.add(snapshot.version)
        threading.Thread(target=warm, args=(snapshot,), name="glossgraph-warm",
                         daemon=True).start()

    holder.subscribe(later)
    return on_viewer_page

