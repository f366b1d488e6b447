"""Shared test helpers: where the repo, the seed and the corpora are; writing small notes."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Note records cached by content (graph.cache) in the checkout, not in the user's home: a
# second build of a corpus in the session (or a rerun) reads it back.
os.environ.setdefault("GLOSSGRAPH_CACHE_DIR", str(REPO / "test-output" / "cache"))
# The processes the tests start (`glossgraph` of .venv/bin, servers) import graph/ and api/ from
# this checkout, like the tests do, even when the venv's editable install points at another
# checkout (a git worktree sharing the venv): else they run other code, and their record-cache
# keys (a digest of the extraction code) miss every note the tests' own builds have cached.
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(REPO), *[p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]])


def seed_bytecode(prefix: Path) -> None:
    """Link the bytecode pip and Python compiled for the standard library and the installed
    packages into `prefix`: under PYTHONPYCACHEPREFIX an interpreter reads bytecode from
    there only, and the first processes of a session would each compile all of it again
    (2.4 s of CPU each for what the tests import)."""
    import sysconfig

    marker = prefix / ".seeded"
    if marker.exists():
        return
    tag = f".{sys.implementation.cache_tag}.pyc"
    roots = {sysconfig.get_paths()[k] for k in ("stdlib", "purelib", "platlib")}
    for root in roots:
        for pyc in Path(root).rglob(f"__pycache__/*{tag}"):
            source_dir = pyc.parent.parent  # /a/b/__pycache__/c.pyc → PREFIX/a/b/c.pyc
            target = prefix / source_dir.relative_to(source_dir.anchor) / pyc.name
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(pyc, target)
            except OSError:  # another file system
                shutil.copyfile(pyc, target)
    marker.touch()


# The suite starts a hundred-odd Python processes (the CLI, servers, extraction workers, the
# xdist workers). Where PYTHONDONTWRITEBYTECODE is set (no __pycache__ in the checkout), each
# of them would compile graph/ and api/ from source again (~0.4 s of CPU a start): their
# bytecode goes to test-output/pycache instead. Set here, before pytest-xdist starts its
# workers, so that every process of the session inherits it.
if os.environ.get("PYTHONDONTWRITEBYTECODE"):
    del os.environ["PYTHONDONTWRITEBYTECODE"]
    os.environ.setdefault("PYTHONPYCACHEPREFIX", str(REPO / "test-output" / "pycache"))
    seed_bytecode(Path(os.environ["PYTHONPYCACHEPREFIX"]))
DATA = REPO / "data"
CORPORA = REPO.parent / "shared" / "corpora"
GLOSSGRAPH = REPO / ".venv" / "bin" / "glossgraph"
CORPUS_NAMES = sorted(p.name for p in CORPORA.iterdir() if p.is_dir()) if CORPORA.is_dir() else []


def write_notes(root: Path, notes: dict[str, str | bytes]) -> Path:
    """Write {relative path: text} under root (text dedented) and return root."""
    for rel, body in notes.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return root


def names_of(text: str) -> set[str]:
    """The names and other names of one note's records (`extract_text`) with evidence: what
    a rule's test asks of the extraction alone."""
    from graph.config import Config
    from graph.extract import extract_text

    return {x.text for t in extract_text("n.md", text, Config()).terms if t.confidence > 0
            for x in (*t.names, *t.synonyms)}


@pytest.fixture
def notes(tmp_path):
    """`notes({"a.md": "..."})` → a built graph of those notes."""
    from graph import build

    def make(files: dict[str, str | bytes]):
        return build(write_notes(tmp_path / "notes", files))

    return make


@functools.cache
def http():
    """The tests' one client for plain requests to a real server.

    `httpx.get()` makes a client per call, and each loads the system's CA certificates: 40 ms
    of CPU, most of what a readiness poll costs, taken from the server being waited for. No
    keep-alive: servers restart under some tests, and a stale connection must not fail them."""
    import httpx

    return httpx.Client(timeout=30, limits=httpx.Limits(max_keepalive_connections=0))


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running `glossgraph serve`: its base URL, process and output so far."""

    def __init__(self, url: str, proc, log_path: Path):
        self.url, self.proc, self.log_path = url, proc, log_path

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def __iter__(self):  # `url, server = …` unpacking
        return iter((self.url, self))


# Deadlines, not durations: a wait ends as soon as its event happens, so these can be generous
# enough to hold on a busy two-core machine (other test runs, builds, a browser).
SERVER_READY = 300  # s: `glossgraph serve` answers /health (its build included)
LIVE = 60           # s: the watcher picks up an edit and the rebuild is served


def wait_until(check, timeout: float, what: str, details=lambda: ""):
    """Poll `check()` until it returns a truthy value (returned); fail after `timeout` s."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not seen within {timeout:g} s\n{details()}", pytrace=False)
        time.sleep(0.05)


@contextlib.contextmanager
def running_server(notes: Path, *extra: str, timeout: float = SERVER_READY):
    """A real `glossgraph serve NOTES` on 127.0.0.1 (a free port), its output in a file.

    Ready when /health answers 200; fails at once with the server's output if it exits, or
    after `timeout` seconds (generous: the deadline only matters when something is wrong)."""
    import subprocess
    import tempfile
    import time

    import httpx

    port = free_port()
    log_path = Path(tempfile.mkstemp(prefix="glossgraph-serve-", suffix=".log")[1])
    with open(log_path, "wb") as log:
        where = [str(notes)] if notes is not None else []  # None: `serve --store URL` in extra
        proc = subprocess.Popen([str(GLOSSGRAPH), "serve", *where, "--host", "127.0.0.1",
                                 "--port", str(port), *extra], cwd=REPO, stdout=log,
                                stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", proc, log_path)
    try:
        started = time.monotonic()
        while True:
            if proc.poll() is not None:
                pytest.fail(f"glossgraph serve exited {proc.returncode}: {server.output()}",
                            pytrace=False)
            try:
                if http().get(f"{server.url}/health", timeout=10).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() - started > timeout:
                pytest.fail(f"glossgraph serve did not answer /health within {timeout:g} s "
                            f"(load average {_load()}); its output:\n{server.output()}",
                            pytrace=False)
            time.sleep(0.1)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _load() -> str:
    import os

    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def served_version(server: Server) -> int:
    return http().get(f"{server.url}/health", timeout=30).json()["version"]


def prove_live(server: Server, notes: Path, heard=None, timeout: float = LIVE) -> None:
    """Return once the server demonstrably follows edits of `notes` (and, with `heard`, a
    client hears of them: `heard()` counts what it received, e.g. subscription messages).

    `glossgraph serve` prints "watching the notes" once its file watches are set up; a
    subscription is live only some time after the client sent it. So: wait for that line,
    then write a probe note (a new term each try, every 2 s) until a rebuild is served
    (and heard), then delete the probe and wait until the served graph has no probe note: the
    graph is the folder's again, so no rebuild is pending. Each step waits for its event; none
    sleeps a fixed time."""
    import time

    wait_until(lambda: "watching the notes" in server.output(), timeout,
               "the server's watcher did not start", server.output)
    probe = notes / "zz-watch-probe.md"

    def moved(version: int, count: int) -> bool:
        return served_version(server) > version and (heard is None or heard() > count)

    deadline = time.monotonic() + timeout
    version, count = served_version(server), heard() if heard else 0
    attempt = 0
    while True:
        probe.write_text(f"- 探针{attempt}(watch probe {attempt})\n", encoding="utf-8")
        attempt += 1
        retry = time.monotonic() + 2
        while time.monotonic() < retry and not moved(version, count):
            time.sleep(0.05)
        if moved(version, count):
            break
        if time.monotonic() > deadline:
            pytest.fail(f"no rebuild of the edited notes within {timeout:g} s (load average "
                        f"{_load()}); server output:\n{server.output()}", pytrace=False)
    version, count = served_version(server), heard() if heard else 0
    probe.unlink()

    def gone() -> bool:  # the served graph is the folder's again: later events change nothing

        notes_served = http().post(f"{server.url}/graphql", timeout=30, json={
            "query": "{ notes { path } }"}).json()["data"]["notes"]
        return moved(version, count) and probe.name not in {n["path"] for n in notes_served}

    wait_until(gone, timeout, "no rebuild without the probe note after it was deleted",
               server.output)


# ----------------------------------------------------------------------------- corpora, once
# Building a real corpus takes seconds to minutes on a busy machine: each is built once per
# test session, on first use, and shared (read-only) by every test that needs it.

_BUILDS: dict[str, object] = {}


def built(name: str):
    """The BuildResult of data/ ("data") or of a corpus under CORPORA, built once a session."""
    if name not in _BUILDS:
        from graph import build

        # One process: the two xdist workers keep both cores busy, and extraction workers
        # beside them would only add their start and the pickling of every record.
        _BUILDS[name] = build(DATA if name == "data" else CORPORA / name, workers=1)
    return _BUILDS[name]


@pytest.fixture(scope="session")
def seed_result():
    """data/ built once for the session (do not mutate it)."""
    return built("data")


def pytest_configure(config):
    config.addinivalue_line("markers", "fuzz: schemathesis against a served copy of data/ "
                            "(short by default; `make fuzz` runs the long version)")


# ------------------------------------------------------------------ two workers (pytest-xdist)
# `make test` runs the suite on two workers (`-n 2`; pyproject.toml asks for `--dist loadscope
# --no-loadscope-reorder`, and pytest_xdist_make_scheduler below says what a scope is). The tests
# of a module go to one worker together, so its module fixtures (a server, a browser) start
# once; the tests that read one built corpus (`built`) are one scope per corpus, wherever their
# module, so each corpus is built on one worker, once, and the corpora spread over both. The tests of a module in SPLIT go one by one (none of them shares a fixture with
# another). Longest first: LONGEST lists the scopes and tests that take a good part of the run,
# in that order (the rest follow in file order), so that no long one starts last and leaves the
# other worker idle.

CORPUS_SCOPE = ("tests/graph/test_rdf.py", "tests/graph/test_corpora.py",
                "tests/graph/test_search.py", "tests/graph/test_viewer_data.py")
# Modules whose tests read one corpus without naming it in their ids.
CORPUS_OF = {"tests/graph/test_search.py": "oldwinter-garden",
             "tests/graph/test_viewer_data.py": "oldwinter-garden"}
SPLIT = ("tests/api/test_serve_store.py", "tests/api/test_push.py")
LONGEST = (
    "corpora[wwfyde-notes]",
    "corpora[dendron-vault]",
    "corpora[oldwinter-garden]",
    # before the notebook's server below: that one starts after the notebook's build above
    # and reads its records from the cache (test-output/cache) instead of extracting again
    "tests/api/test_viewer_large.py",
    "tests/api/test_hardening.py",
    "tests/api/test_serve_store.py::test_store_answers_every_query_of_the_suite_like_memory"
    "[wwfyde-notes]",
    "tests/api/test_viewer_features.py",
    "tests/api/test_viewer.py",
    "tests/graph/test_hostile.py",
    "tests/api/test_viewer_live.py",
    "tests/eval/test_ratchet.py",
)


def scope_of(nodeid: str) -> str:
    """The unit of work one worker runs: a module, the tests of one corpus, or one test.

    >>> scope_of("tests/graph/test_rdf.py::test_corpus_export_is_deterministic[dendron-vault]")
    'corpora[dendron-vault]'
    """
    path = nodeid.split("::", 1)[0]
    if path in CORPUS_SCOPE:
        param = nodeid.rsplit("[", 1)[1].rstrip("]") if nodeid.endswith("]") else ""
        name = param if param in CORPUS_NAMES else CORPUS_OF.get(path)
        return f"corpora[{name}]" if name else path
    return nodeid if path in SPLIT else path


@pytest.hookimpl(trylast=True)  # after pytest's own reordering (parametrized fixtures)
def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        for i, name in enumerate(LONGEST):
            if name in (scope_of(item.nodeid), item.nodeid):
                return i
        return len(LONGEST)

    items.sort(key=rank)  # stable: file order within a rank


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist (the test extra installs it)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scope_of(nodeid)

    return Scheduling(config, log)
# (Not xdist_group marks with --dist loadgroup: pytest-xdist 3.8 renames the test ids of marked
# tests through an attribute pytest 9.2 no longer reads, so the marks group nothing.)
