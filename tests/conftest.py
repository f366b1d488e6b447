"""Shared test helpers: where the repo, the seed and the corpora are; writing small notes."""

from __future__ import annotations

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
