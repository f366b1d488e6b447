"""Pushing the graph to a SPARQL 1.1 store over the Graph Store HTTP Protocol.

`push(source, url)` reads the store's manifest (graph/publish.py), PUTs the named graphs that
are new, then the manifest, then DELETEs the graphs the new manifest no longer lists. Only
that order is safe for readers: until the manifest is replaced they see the previous version
whole; after it, the new one whole.

`url` is the store's Graph Store endpoint: Oxigraph `http://host:7878/store`, Fuseki
`http://host:3030/DATASET/data`, GraphDB `http://host:7200/repositories/REPO/rdf-graphs/service`,
Virtuoso `http://host:8890/sparql-graph-crud-auth`, Neptune `https://host:8182/sparql/gsp/`.
Credentials: `user`/`password` (HTTP basic) or a bearer `token`.

Failures are `PushError`s with one line to show: a bad URL, a refused connection, 401/403
(never retried), 5xx and timeouts after `retries` attempts with exponential backoff.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from . import publish

NT = "application/n-triples"


class PushError(RuntimeError):
    """A push that could not be completed; the store still serves its previous version."""


@dataclass
class PushReport:
    version: int
    previous: int
    put: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    kept: int = 0
    triples: int = 0  # triples sent
    bytes: int = 0
    seconds: float = 0.0
    notes_put: list[str] = field(default_factory=list)
    records_put: int = 0  # records graphs (graph/publish.py records_of) among `put`
    leftover: list[str] = field(default_factory=list)  # old graphs the store kept refusing

    def line(self) -> str:
        if self.version == self.previous:
            return f"version {self.previous} is up to date ({self.kept} graphs)"
        text = (f"version {self.version}: {len(self.put)} graphs sent "
                f"({len(self.notes_put)} notes, "
                f"{len(self.put) - len(self.notes_put) - self.records_put} concept shards, "
                f"{self.records_put} record shards; {self.triples:,} triples), {len(self.deleted)} deleted, "
                f"{self.kept} unchanged, in {self.seconds:.2f} s")
        if self.leftover:
            text += (f"; {len(self.leftover)} old graphs could not be deleted (the next push "
                     "tries again)")
        return text


class GraphStoreClient:
    """A SPARQL 1.1 Graph Store HTTP Protocol client (indirect graph identification)."""

    def __init__(self, url: str, *, user: str | None = None, password: str | None = None,
                 token: str | None = None, timeout: float = 30.0, retries: int = 4,
                 backoff: float = 0.5, agent: str = "glossgraph-push"):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise PushError(f"not an http(s) Graph Store URL: {url!r}")
        self.url = url
        self.retries = max(1, retries)
        self.backoff = backoff
        headers = {"User-Agent": agent}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        auth = httpx.BasicAuth(user, password or "") if user else None
        self.http = httpx.Client(timeout=timeout, headers=headers, auth=auth)

    def close(self) -> None:
        self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _request(self, method: str, graph: str | None, **kw) -> httpx.Response:
        """One request to `url` (about `graph`, when given), retried with backoff on
        connection errors, timeouts, 429 and 5xx; 401/403 raise at once."""
        delay = self.backoff
        if graph is not None:
            kw["params"] = {"graph": graph}
        for attempt in range(1, self.retries + 1):
            try:
                response = self.http.request(method, self.url, **kw)
            except httpx.HTTPError as exc:
                problem = _connection_problem(self.url, exc)
                if attempt == self.retries:
                    raise PushError(problem) from None
            else:
                if response.status_code in (401, 403):
                    raise PushError(f"{self.url}: {response.status_code} "
                                    f"{response.reason_phrase} (check --user / "
                                    "GLOSSGRAPH_STORE_PASSWORD or GLOSSGRAPH_STORE_TOKEN)")
                if response.status_code < 500 and response.status_code != 429:
                    return response
                if attempt == self.retries:
                    raise PushError(f"{self.url}: {method} of {graph or 'a query'} answered "
                                    f"{response.status_code} {response.reason_phrase} "
                                    f"{_clip(response.text)}".rstrip())
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    def get(self, graph: str) -> tuple[bytes, str] | None:
        """The graph's content and media type, or None when the store has no such graph."""
        r = self._request("GET", graph, headers={"Accept": f"{NT}, text/turtle;q=0.9"})
        if r.status_code == 404:
            return None
        _check(r, "GET", graph)
        return r.content, r.headers.get("content-type", NT)

    def put(self, graph: str, nt: bytes) -> None:
        _check(self._request("PUT", graph, content=nt, headers={"Content-Type": NT}),
               "PUT", graph)

    def delete(self, graph: str) -> None:
        r = self._request("DELETE", graph)
        if r.status_code != 404:
            _check(r, "DELETE", graph)

    def select(self, query: str) -> list[dict[str, str]]:
        """Run a SPARQL 1.1 SELECT on `url` as a *query* endpoint (POST, the SPARQL 1.1
        Protocol): the bindings as {variable: value} (values only: the callers know the
        terms' kinds)."""
        r = self._request("POST", None, content=query.encode("utf-8"), headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json"})
        if not r.is_success:
            raise PushError(f"{self.url}: a SPARQL query answered {r.status_code} "
                            f"{r.reason_phrase} {_clip(r.text)}".rstrip())
        try:
            rows = r.json()["results"]["bindings"]
        except (ValueError, KeyError, TypeError):
            raise PushError(f"{self.url}: not a SPARQL query endpoint (the answer is not "
                            "SPARQL JSON results)") from None
        return [{k: v["value"] for k, v in row.items()} for row in rows]


def _check(response: httpx.Response, method: str, graph: str) -> None:
    if not response.is_success:
        raise PushError(f"{response.request.url.copy_with(query=None)}: {method} of {graph} "
                        f"answered {response.status_code} {response.reason_phrase} "
                        f"{_clip(response.text)}".rstrip())


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _connection_problem(url: str, exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect to {url}: {_clip(str(exc)) or 'connection refused'}"
    if isinstance(exc, httpx.TimeoutException):
        return f"{url}: no answer in time ({type(exc).__name__})"
    return f"{url}: {type(exc).__name__}: {_clip(str(exc))}"


def _manifest(client: GraphStoreClient, iri: str, base: str) -> publish.Manifest:
    """The store's manifest as it is now (an empty one, version 0, before the first push)."""
    found = client.get(iri)
    return publish.read_manifest(found[0], base, found[1]) if found else publish.Manifest()


def push(source, url: str, *, base_iri: str | None = None, client: GraphStoreClient | None = None,
         **client_options) -> PushReport:
    """Publish a build or store to the Graph Store at `url`; see the module docstring."""
    started = time.perf_counter()
    own = client is None
    client = client or GraphStoreClient(url, **client_options)
    try:
        graphs = publish.graphs_of(source, base_iri)
        base = publish.base_of(source, base_iri)
        m_iri = publish.manifest_iri(base)
        current = _manifest(client, m_iri, base)
        todo = publish.plan(graphs, current.graphs, current.retired)
        report = PushReport(version=current.version, previous=current.version,
                            kept=len(todo.kept))
        if not todo.put and not set(todo.delete) - set(current.retired):
            for iri in todo.delete:  # what an earlier push could not delete
                try:
                    client.delete(iri)
                except PushError:
                    report.leftover.append(iri)
            report.seconds = time.perf_counter() - started
            return report
        for iri in todo.put:
            g = graphs[iri]
            client.put(iri, g.nt)
            report.put.append(iri)
            report.triples += g.triples
            report.bytes += len(g.nt)
            if g.kind == "note":
                report.notes_put.append(g.key)
            elif g.kind == "records":
                report.records_put += 1
        report.version = current.version + 1
        # Another push since we read the manifest would have its graphs deleted by ours (or
        # ours by it): stop before the manifest, so the store keeps whatever that one wrote.
        # (A window remains between this read and the PUT: Graph Store PUT is not conditional.)
        now = _manifest(client, m_iri, base)
        if now.version != current.version:
            raise PushError(f"{url}: version {now.version} was pushed by someone else while this "
                            f"push ran (it started from version {current.version}); run it again")
        client.put(m_iri, publish.manifest(base, report.version, graphs, retired=todo.delete))
        # The new version is visible; what only the old one used can go. A failure here
        # leaves unused graphs behind, never a wrong answer: the manifest lists them as
        # retired and the next push deletes them again.
        for iri in todo.delete:
            try:
                client.delete(iri)
            except PushError:
                report.leftover.append(iri)
            else:
                report.deleted.append(iri)
        report.seconds = time.perf_counter() - started
        return report
    finally:
        if own:
            client.close()
