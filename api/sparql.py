"""`/sparql`: a read-only SPARQL 1.1 Protocol endpoint over the served graph's SKOS export.

Queries come as GET `?query=`, POST `application/sparql-query`, or a POST form `query=`;
`default-graph-uri` / `named-graph-uri` are honoured. Updates (POST
`application/sparql-update`, a form `update=`) get 403: the notes are the only source of
truth. Answers: SELECT/ASK as SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE as
Turtle (default), N-Triples, RDF/XML or JSON-LD, by the Accept header.

Bounded: at most `limit` rows or triples (header `X-Result-Truncated` says so), `timeout`
seconds, and `MAX_RUNNING` queries at a time (more get 503 with Retry-After). The Oxigraph
store is made once per build and base IRI (graph.sparql.dataset), in a worker thread.
"""

from __future__ import annotations

import asyncio
import threading
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from .holder import Snapshot
from .limits import clip, clip_message
from .negotiation import negotiate

MAX_RUNNING = 2  # queries evaluated at once; a query past its deadline keeps its slot until done
FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


class _Engine:
    """graph.sparql, imported when first used: a server loads pyoxigraph (10 MB resident)
    once someone asks SPARQL or RDF of it, not before."""

    def __getattr__(self, name: str):
        from graph import sparql as engine

        return getattr(engine, name)


sparql = _Engine()
_DEFAULT = object()  # graph.sparql's own default limit or timeout


def _error(status: int, message: str, **headers) -> JSONResponse:
    return JSONResponse({"error": clip_message(message), "status": status},
                        status_code=status, headers=headers or None)


class SparqlEndpoint:
    """The route's handler; `rdf_base(request)` gives the base IRI of the request's RDF."""

    def __init__(self, holder, rdf_base, *, limit: int = _DEFAULT,
                 timeout: float | None = _DEFAULT):
        self.holder, self.rdf_base = holder, rdf_base
        self._limit, self._timeout = limit, timeout
        self.slots = threading.BoundedSemaphore(MAX_RUNNING)

    @property
    def limit(self) -> int:
        return sparql.DEFAULT_LIMIT if self._limit is _DEFAULT else self._limit

    @property
    def timeout(self) -> float | None:
        return sparql.DEFAULT_TIMEOUT if self._timeout is _DEFAULT else self._timeout

    async def dataset(self, snapshot: Snapshot, base: str):
        return await snapshot.once(("sparql-dataset", base),
                                   lambda: sparql.dataset(snapshot.store, base))

    async def __call__(self, request: Request) -> Response:
        snapshot = self.holder.current  # once per request
        params = parse_qs(request.url.query, keep_blank_values=True)
        if request.method == "POST":
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media == UPDATE:
                return _refuse_update()
            body = (await request.body()).decode("utf-8", errors="replace")
            if media == QUERY:
                if "query" in params:
                    return _error(400, "give the query in the body or in ?query=, not both")
                params["query"] = [body]
            elif media == FORM:
                form = parse_qs(body, keep_blank_values=True)
                if "update" in form or "update" in params:
                    return _refuse_update()
                for name, values in form.items():
                    params.setdefault(name, []).extend(values)
            else:
                return _error(415, f"POST a query as {QUERY} or {FORM}, not "
                              f"{clip(media or 'no Content-Type', 80)!r}")
        elif "update" in params:
            return _refuse_update()
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return _error(400, "give exactly one SPARQL query: /sparql?query=SELECT … (or POST "
                          f"it as {QUERY}); this endpoint answers queries only")
        if not self.slots.acquire(blocking=False):
            return _error(503, f"{MAX_RUNNING} SPARQL queries are running; try again",
                          **{"Retry-After": "1"})
        released = False
        try:
            store = await self.dataset(snapshot, self.rdf_base(request))
            work = asyncio.ensure_future(run_in_threadpool(self._run, store, queries[0], params))
            released = True  # from here the worker thread releases the slot when it ends
            wait = None if self.timeout is None else self.timeout + 1.0
            answer = await asyncio.wait_for(asyncio.shield(work), wait)
        except asyncio.TimeoutError:
            return _error(503, f"the query ran past its time limit ({self.timeout:g} s)")
        except sparql.QueryTimeout:
            return _error(503, f"the query ran past its time limit ({self.timeout:g} s)")
        except sparql.QueryError as exc:
            return _error(400, str(exc))
        finally:
            if not released:
                self.slots.release()
        return self._respond(request, answer)

    def _run(self, store, query: str, params: dict) -> sparql.Answer:
        try:
            return sparql.run(store, query, limit=self.limit, timeout=self.timeout,
                              default_graph_uris=params.get("default-graph-uri", ()),
                              named_graph_uris=params.get("named-graph-uri", ()))
        finally:
            self.slots.release()

    def _respond(self, request: Request, answer: sparql.Answer) -> Response:
        graph = answer.kind == "graph"
        offers = list(sparql.GRAPH_MEDIA) if graph else list(sparql.RESULT_MEDIA)
        media = negotiate(request.headers.get("accept"), offers)
        if media is None:
            return _error(406, "not acceptable: this answer is available as "
                          + ", ".join(offers))
        data = sparql.graph_bytes(answer, media) if graph else sparql.results_bytes(answer, media)
        headers = {"Vary": "Accept", "Cache-Control": "no-cache"}
        if answer.truncated:
            headers["X-Result-Truncated"] = f"true; limit={self.limit}"
        charset = "" if media == "application/n-triples" else "; charset=utf-8"
        return Response(data, media_type=media + charset, headers=headers)


def _refuse_update() -> JSONResponse:
    return _error(403, "SPARQL updates are refused: the notes are the only source of truth "
                  "(edit them; the graph follows)")
