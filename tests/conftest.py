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


@contextlib.contextmanager
def running_server(notes: Path, *extra: str, timeout: float = 30):
    """A real `glossgraph serve NOTES` on 127.0.0.1 (a free port); yields (url, process)."""
    import subprocess
    import time

    import httpx

    port = free_port()
    proc = subprocess.Popen([str(GLOSSGRAPH), "serve", str(notes), "--host", "127.0.0.1",
                             "--port", str(port), *extra], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                pytest.fail(f"glossgraph serve exited {proc.returncode}: {proc.stdout.read()}")
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"glossgraph serve did not answer /health within {timeout} s")
            time.sleep(0.1)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
