"""The record cache (graph.cache) as a build uses it: notes read before come from the cache in
the building process, only the others are extracted (by worker processes when many)."""

from __future__ import annotations

import sys

import pytest

from graph.build import Builder
from tests.conftest import write_notes

build_module = sys.modules["graph.build"]  # (the package's `build` is the function)

NOTES = {f"n{i}.md": f"# 笔记{i}\n\n- 术语{i}(Term {i}): 第{i}个定义。\n- RAG: 检索增强生成\n"
         for i in range(12)}


def concepts(result) -> dict[str, tuple]:
    return {cid: (c.label, tuple(sorted(x.text for x in c.labels)))
            for cid, c in result.concepts.items()}


@pytest.fixture
def extracted(monkeypatch):
    """The paths `extract_text` is called for (in this process)."""
    calls: list[str] = []
    real = build_module.extract_text

    def counting(path, text, config):
        calls.append(path)
        return real(path, text, config)

    monkeypatch.setattr(build_module, "extract_text", counting)
    return calls


def test_notes_read_before_need_no_worker(tmp_path, monkeypatch, extracted):
    root = write_notes(tmp_path / "notes", NOTES)
    cache = str(tmp_path / "cache")
    first = Builder(root, workers=1)
    first.cache_dir = cache
    expected = concepts(first.refresh())
    assert sorted(set(extracted)) == sorted(NOTES)  # each extracted once, then cached
    extracted.clear()

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for notes read before")

    monkeypatch.setattr(build_module, "ProcessPoolExecutor", no_pool)
    monkeypatch.setattr(build_module, "PARALLEL_MIN_NOTES", 2)  # as if a big folder
    second = Builder(root, workers=2)
    second.cache_dir = cache
    assert concepts(second.refresh()) == expected
    assert extracted == []


def test_only_changed_notes_are_extracted_again(tmp_path, extracted):
    root = write_notes(tmp_path / "notes", NOTES)
    cache = str(tmp_path / "cache")
    first = Builder(root, workers=1)
    first.cache_dir = cache
    first.refresh()
    (root / "n3.md").write_text("# 笔记3\n\n- 新术语(New Term): 改过的定义。\n", encoding="utf-8")
    for entry in (tmp_path / "cache").glob("*/*.pickle"):
        if entry.stat().st_size and entry.name < "1":  # some entries unreadable: read again
            entry.write_bytes(b"not a pickle")
    extracted.clear()
    again = Builder(root, workers=1)
    again.cache_dir = cache
    result = again.refresh()
    assert "n3.md" in extracted and len(extracted) < len(NOTES)
    fresh = Builder(root, workers=1)
    fresh.cache_dir = None
    assert concepts(result) == concepts(fresh.refresh())
    assert result.concept_by_label("New Term") is not None
