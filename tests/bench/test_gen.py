"""The benchmark vault generator: deterministic, the promised counts, and a graph with its terms."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen import MANIFEST, generate  # noqa: E402

from graph import build  # noqa: E402
from graph.text import merge_key  # noqa: E402


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_deterministic(tmp_path):
    a = generate(tmp_path / "a", 40, seed=3)
    b = generate(tmp_path / "b", 40, seed=3)
    assert a == b
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    generate(tmp_path / "c", 40, seed=4)
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_counts_and_shapes(tmp_path):
    m = generate(tmp_path / "v", 60, seed=1)
    notes = [p for p in (tmp_path / "v").rglob("*.md")]
    assert len(notes) == 60 == m["notes"]
    assert sorted(m["broken"].values()) == ["bytes", "empty", "yaml"]
    for rel, terms in m["terms"].items():
        assert 10 <= len(terms) <= 30
        size = (tmp_path / "v" / rel).stat().st_size
        assert 800 < size < 5000, (rel, size)
    sizes = [(tmp_path / "v" / rel).stat().st_size for rel in m["terms"]]
    assert 1500 < sum(sizes) / len(sizes) < 2800  # about 2 KB a note
    text = "\n".join((tmp_path / "v" / rel).read_text("utf-8") for rel in m["terms"])
    for shape in ("title: ", "aliases: [", "tags: [", "## Glossary", "- **", "）: ", "：", "[[",
                  "  - "):
        assert shape in text
    kinds = {k: rel for rel, k in m["broken"].items()}
    assert (tmp_path / "v" / kinds["empty"]).stat().st_size == 0
    assert b"\xff" in (tmp_path / "v" / kinds["bytes"]).read_bytes()
    assert "synonym:[" in (tmp_path / "v" / kinds["yaml"]).read_text("utf-8")
    assert not (tmp_path / "v" / MANIFEST).name.endswith(".md")


def test_graph_has_the_terms(tmp_path):
    m = generate(tmp_path / "v", 30, seed=2)
    result = build(tmp_path / "v", workers=1)
    assert len(result.notes) == 30
    missing, split = [], []
    for rel, terms in m["terms"].items():
        for labels in terms:
            ids = {result.label_index.get(merge_key(label)) for label in labels}
            if None in ids:
                missing.append((rel, labels))
            elif len(ids) > 1:
                split.append((rel, labels))
    assert not missing, missing[:5]
    assert not split, split[:5]
    for rel, title in m["titles"].items():
        assert result.concept_by_label(title) is not None, title
    edges = result.counts()["edges"]
    assert edges.get("RELATED_TO:mention", 0) > 100
    assert edges.get("RELATED_TO:link", 0) > 30
    codes = {w.code for w in result.warnings}
    assert {"empty", "encoding", "yaml"} <= codes
