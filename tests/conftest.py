"""Shared test helpers: where the repo, the seed and the corpora are; writing small notes."""

from __future__ import annotations

import contextlib
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
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


@pytest.fixture
def notes(tmp_path):
    """`notes({"a.md": "..."})` → a built graph of those notes."""
    from graph import build

    def make(files: dict[str, str | bytes]):
        return build(write_notes(tmp_path / "notes", files))

    return make


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


@contextlib.contextmanager
def running_server(notes: Path, *extra: str, timeout: float = 60):
    """A real `glossgraph serve NOTES` on 127.0.0.1 (a free port), its output in a file."""
    import subprocess
    import tempfile
    import time

    import httpx

    port = free_port()
    log_path = Path(tempfile.mkstemp(prefix="glossgraph-serve-", suffix=".log")[1])
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([str(GLOSSGRAPH), "serve", str(notes), "--host", "127.0.0.1",
                                 "--port", str(port), *extra], cwd=REPO, stdout=log,
                                stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", proc, log_path)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                pytest.fail(f"glossgraph serve exited {proc.returncode}: {server.output()}")
            try:
                if httpx.get(f"{server.url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"glossgraph serve did not answer /health within {timeout} s:\n"
                            + server.output())
            time.sleep(0.1)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
