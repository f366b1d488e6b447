"""Fixtures of the API tests: the seed's build, an in-process client of the app, and a real
Oxigraph server (`oxigraph`, for push and serve --store)."""

import subprocess

import httpx
import pytest

from api.app import create_app
from api.holder import StoreHolder
from graph import build
from tests.api.client import AppClient
from tests.conftest import DATA, REPO, free_port, http, wait_until


@pytest.fixture(scope="module")
def result():
    return build(DATA)


@pytest.fixture(scope="module")
def client(result):
    with AppClient(create_app(StoreHolder(result))) as c:
        yield c


OXIGRAPH = REPO / ".venv" / "bin" / "oxigraph"
BASE = "https://glossgraph.example/"
MANIFEST = f"{BASE}graph/manifest"
GG = "https://glossgraph.example/vocab#"


class Oxigraph:
    def __init__(self, url: str):
        self.url = url
        self.store = f"{url}/store"

    def select(self, query: str) -> list[dict]:
        r = http().post(f"{self.url}/query", content=query, timeout=60,
                       headers={"Content-Type": "application/sparql-query",
                                "Accept": "application/sparql-results+json"})
        r.raise_for_status()
        return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]

    def manifest(self) -> tuple[int, dict[str, str]]:
        """(version, {graph IRI: note path or shard}) of the manifest in the store."""
        rows = self.select(f"SELECT ?v WHERE {{ GRAPH <{MANIFEST}> {{ <{MANIFEST}> <{GG}version> ?v }} }}")
        version = int(rows[0]["v"]) if rows else 0
        graphs = self.select(f"SELECT ?g ?key WHERE {{ GRAPH <{MANIFEST}> {{ <{MANIFEST}> "
                             f"<{GG}graph> ?g . ?g <{GG}notePath>|<{GG}shard> ?key }} }}")
        return version, {r["g"]: r["key"] for r in graphs}

    def records(self) -> set[str]:
        """The records graphs the manifest lists (what serve --store reads, beside SKOS)."""
        return {r["g"] for r in self.select(f"SELECT ?g WHERE {{ GRAPH <{MANIFEST}> {{ "
                                            f"<{MANIFEST}> <{GG}graph> ?g . ?g <{GG}records> "
                                            "?k } }")}

    def graph_names(self) -> set[str]:
        return {r["g"] for r in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}

    def triples(self, graphs) -> set[str]:
        """The N-Triples lines of the union of `graphs`, as a set."""
        lines: set[str] = set()
        for g in graphs:
            r = http().get(self.store, params={"graph": g}, timeout=60,
                          headers={"Accept": "application/n-triples"})
            r.raise_for_status()
            lines.update(line for line in r.text.splitlines() if line.strip())
        return lines


@pytest.fixture
def oxigraph(tmp_path):
    if not OXIGRAPH.exists():
        pytest.fail("the oxigraph command is missing: `make test` installs it (test extra)")
    port = free_port()
    log = open(tmp_path / "oxigraph.log", "wb")
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(tmp_path / "db"),
                             "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    server = Oxigraph(f"http://127.0.0.1:{port}")

    def ready():
        assert proc.poll() is None, (tmp_path / "oxigraph.log").read_text()
        try:
            return http().get(f"{server.url}/query", params={"query": "ASK {}"}).status_code == 200
        except httpx.TransportError:
            return False

    wait_until(ready, 60, "oxigraph serve answering")
    try:
        yield server
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
