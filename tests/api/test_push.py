"""`glossgraph push` against a real Oxigraph server (the `oxigraph` command of the test extra).

Each test starts its own `oxigraph serve` on 127.0.0.1 with an empty database. Failures are
injected by a small proxy in front of the real server (it answers 500 or 401 where told to),
so what the store holds afterwards is read back from Oxigraph itself over SPARQL.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import DATA, GLOSSGRAPH, REPO, free_port, http, wait_until, write_notes

from tests.api.conftest import BASE, GG, MANIFEST, Oxigraph  # noqa: F401 (the oxigraph fixture)


class _Proxy(BaseHTTPRequestHandler):
    """Forwards to the real store; `fail_puts_after` PUTs go through, then 500s;
    `require` is an Authorization header value the request must carry (else 401)."""

    def _forward(self):
        cfg = self.server.cfg
        if cfg.get("require") is not None and self.headers.get("Authorization") != cfg["require"]:
            return self._answer(401, b"no")
        if self.command == "PUT":
            cfg["puts"] = cfg.get("puts", 0) + 1
            if cfg.get("fail_puts_after") is not None and cfg["puts"] > cfg["fail_puts_after"]:
                return self._answer(500, b"injected failure")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() in ("content-type", "accept")}
        r = http().request(self.command, cfg["target"] + self.path, content=body,
                          headers=headers, timeout=60)
        self._answer(r.status_code, r.content, r.headers.get("content-type"))

    def _answer(self, status, body, content_type=None):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = do_DELETE = do_POST = _forward

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def proxy(oxigraph: Oxigraph, **cfg):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Proxy)
    server.cfg = {"target": oxigraph.url, **cfg}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/store"
    finally:
        server.shutdown()


def push(notes: Path, url: str, *extra: str, env=None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([str(GLOSSGRAPH), "push", str(notes), "--to", url, *extra],
                          capture_output=True, text=True, timeout=300, cwd=REPO,
                          env={**os.environ, **(env or {})})


def export_lines(notes: Path) -> set[str]:
    out = subprocess.run([str(GLOSSGRAPH), "export", str(notes), "-f", "nt"],
                         capture_output=True, text=True, check=True, timeout=300)
    return {line for line in out.stdout.splitlines() if line.strip()}


@pytest.fixture
def vault(tmp_path):
    root = tmp_path / "notes"
    shutil.copytree(DATA, root)
    return write_notes(root, {
        "cache.md": """
            # Cache
            - LRU(Least Recently Used): 最近最少使用, evicts the oldest entry
            - TTL(Time To Live): 存活时间
            """,
        "queue.md": """
            # Queue
            - FIFO(First In First Out): 先进先出
            """,
    })


def test_push_publishes_the_export_as_named_graphs(vault, oxigraph):
    r = push(vault, oxigraph.store)
    assert r.returncode == 0, r.stderr
    assert "version 1:" in r.stdout and "3 notes" in r.stdout
    version, graphs = oxigraph.manifest()
    assert version == 1
    assert sorted(k for k in graphs.values() if k.endswith(".md")) == \
        ["ai-basics.md", "cache.md", "queue.md"]
    # The graphs the manifest lists are, together, exactly the export; nothing else is stored.
    assert oxigraph.triples(graphs) == export_lines(vault)
    assert oxigraph.graph_names() == set(graphs) | oxigraph.records() | {MANIFEST}

    again = push(vault, oxigraph.store)
    assert again.returncode == 0 and "version 1 is up to date" in again.stdout


def test_an_edit_replaces_only_what_it_touches(vault, oxigraph):
    assert push(vault, oxigraph.store).returncode == 0
    _, before = oxigraph.manifest()
    kept_content = {g: oxigraph.triples([g]) for g, key in before.items()
                    if key in ("ai-basics.md", "queue.md")}

    with open(vault / "cache.md", "a", encoding="utf-8") as f:
        f.write("- MRU(Most Recently Used): 最近最常使用\n")
    r = push(vault, oxigraph.store)
    assert r.returncode == 0, r.stderr
    assert "version 2:" in r.stdout and "(1 notes," in r.stdout

    version, after = oxigraph.manifest()
    assert version == 2
    # The other notes' graphs are the same graphs, untouched.
    for g, lines in kept_content.items():
        assert g in after and oxigraph.triples([g]) == lines
    # Most of the concept layer did not change either.
    shards_before = {g for g, k in before.items() if not k.endswith(".md")}
    shards_after = {g for g, k in after.items() if not k.endswith(".md")}
    assert len(shards_before & shards_after) > len(shards_after) // 2
    assert oxigraph.triples(after) == export_lines(vault)
    assert oxigraph.graph_names() == set(after) | oxigraph.records() | {MANIFEST}  # replaced graphs deleted

    (vault / "queue.md").unlink()
    assert push(vault, oxigraph.store).returncode == 0
    version, last = oxigraph.manifest()
    assert version == 3 and "queue.md" not in last.values()
    assert oxigraph.triples(last) == export_lines(vault)
    assert oxigraph.graph_names() == set(last) | oxigraph.records() | {MANIFEST}


def test_a_push_that_fails_half_way_leaves_the_previous_version(vault, oxigraph):
    assert push(vault, oxigraph.store).returncode == 0
    _, v1 = oxigraph.manifest()
    v1_lines = export_lines(vault)

    with open(vault / "cache.md", "a", encoding="utf-8") as f:
        f.write("- ARC(Adaptive Replacement Cache): 自适应替换缓存\n")
    with proxy(oxigraph, fail_puts_after=1) as url:
        r = push(vault, url, "--retries", "2")
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "500" in r.stderr
    assert "keeps its previous version" in r.stderr and "Traceback" not in r.stderr

    version, graphs = oxigraph.manifest()
    assert (version, graphs) == (1, v1)
    assert oxigraph.triples(graphs) == v1_lines  # readers still see version 1, whole

    r = push(vault, oxigraph.store)
    assert r.returncode == 0 and "version 2:" in r.stdout
    version, graphs = oxigraph.manifest()
    assert version == 2 and oxigraph.triples(graphs) == export_lines(vault)


def test_credentials_and_connection_problems(vault, oxigraph):
    import base64

    token = "Basic " + base64.b64encode(b"ann:secret").decode()
    with proxy(oxigraph, require=token) as url:
        refused = push(vault, url)
        assert refused.returncode == 2 and "401" in refused.stderr
        assert refused.stderr.count("\n") == 1
        assert oxigraph.manifest() == (0, {})
        ok = push(vault, url, "--user", "ann", env={"GLOSSGRAPH_STORE_PASSWORD": "secret"})
        assert ok.returncode == 0, ok.stderr
        assert oxigraph.manifest()[0] == 1

    r = push(vault, f"http://127.0.0.1:{free_port()}/store", "--retries", "1")
    assert r.returncode == 2 and "cannot connect" in r.stderr and r.stderr.count("\n") == 1
    r = push(vault, "not a url")
    assert r.returncode == 2 and "not an http(s) Graph Store URL" in r.stderr


def test_push_watch_follows_edits(vault, oxigraph, tmp_path):
    log = open(tmp_path / "push.log", "w")
    proc = subprocess.Popen([str(GLOSSGRAPH), "push", str(vault), "--to", oxigraph.store,
                             "--watch"], stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    try:
        wait_until(lambda: "watching" in (tmp_path / "push.log").read_text(), 120,
                   "push --watch started", lambda: (tmp_path / "push.log").read_text())
        with open(vault / "queue.md", "a", encoding="utf-8") as f:
            f.write("- LIFO(Last In First Out): 后进先出\n")
        wait_until(lambda: oxigraph.manifest()[0] == 2, 60, "the edit pushed as version 2",
                   lambda: (tmp_path / "push.log").read_text())
        _, graphs = oxigraph.manifest()
        assert any('"LIFO"' in line for line in oxigraph.triples(graphs))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def test_a_push_racing_another_stops_before_its_manifest(vault, oxigraph, tmp_path):
    """Two pushes from version 1 at once: the one that writes its manifest second would
    delete graphs the first one's manifest lists, so it stops with a clear error."""
    from graph import build
    from graph.remote import GraphStoreClient, PushError
    from graph.remote import push as push_graph

    assert push(vault, oxigraph.store).returncode == 0
    other = tmp_path / "other"
    shutil.copytree(vault, other)
    with open(other / "queue.md", "a", encoding="utf-8") as f:
        f.write("- LIFO(Last In First Out): 后进先出\n")
    with open(vault / "cache.md", "a", encoding="utf-8") as f:
        f.write("- MRU(Most Recently Used): 最近最常使用\n")
    theirs, ours = build(other), build(vault)

    class Racing(GraphStoreClient):
        raced = False

        def put(self, graph, nt):
            if not self.raced:  # the other push runs while ours is sending its graphs
                self.raced = True
                assert push_graph(theirs, oxigraph.store).version == 2
            super().put(graph, nt)

    with Racing(oxigraph.store) as client, pytest.raises(PushError, match="someone else"):
        push_graph(ours, oxigraph.store, client=client)
    version, graphs = oxigraph.manifest()
    assert version == 2
    assert oxigraph.triples(graphs) == export_lines(other)  # theirs, whole
