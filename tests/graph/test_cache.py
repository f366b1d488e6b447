"""The record cache (graph.cache) as a build uses it: notes read before come from the cache in
the building process, only the others are extracted (by worker processes when many)."""

from __future__ import annotations

import sys

import pytest

from graph.budget import NoteTimeout
from graph.build import Builder, extraction_settings
from graph.cache import RecordCache
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
    # n5's entry unreadable (a half-written file, another version's pickle): read again
    entry = RecordCache(cache)._file(RecordCache.key(
        "n5.md", (root / "n5.md").read_bytes(), extraction_settings(first.config)))
    assert entry.exists()
    entry.write_bytes(b"not a pickle")
    extracted.clear()
    again = Builder(root, workers=1)
    again.cache_dir = cache
    result = again.refresh()
    assert sorted(set(extracted)) == ["n3.md", "n5.md"]
    fresh = Builder(root, workers=1)
    fresh.cache_dir = None
    assert concepts(result) == concepts(fresh.refresh())
    assert result.concept_by_label("New Term") is not None


@pytest.mark.parametrize("thread", [False, True], ids=["main thread", "other thread"])
def test_a_note_past_its_budget_while_read_from_the_cache_is_skipped_with_a_warning(
        tmp_path, monkeypatch, thread):
    """The cache pass reads notes under the same per-note budget as extraction: a note whose
    reading takes too long (here waiting, past the wall-clock backstop of 6 budgets) is
    skipped with the timeout warning; the build goes on."""
    import threading
    import time

    root = write_notes(tmp_path / "notes", NOTES)
    cache = str(tmp_path / "cache")
    first = Builder(root, workers=1)
    first.cache_dir = cache
    first.refresh()
    real = build_module.read_bytes

    def slow(base, path, *args):
        if path == "n4.md":
            time.sleep(2.0)
        return real(base, path, *args)

    monkeypatch.setattr(build_module, "read_bytes", slow)
    monkeypatch.setattr(build_module, "PARALLEL_MIN_NOTES", 2)  # the cache pass runs
    again = Builder(root, workers=1)
    again.cache_dir = cache
    again.config.max_note_seconds = 0.2
    out: dict = {}

    def run():
        try:
            out["result"] = again.refresh()
        except BaseException as exc:  # noqa: BLE001 - what escaped is the failure
            out["error"] = exc

    if thread:
        worker = threading.Thread(target=run)
        worker.start()
        worker.join()
    else:
        run()
    assert "error" not in out, out.get("error")
    result = out["result"]
    assert [w.message for w in result.warnings if w.file == "n4.md"] == [
        "took longer than 0.2 s to read: skipped"]
    assert result.concept_by_label("Term 5") is not None
    assert not isinstance(out.get("error"), NoteTimeout)


def test_the_extraction_modules_are_read_once_and_kept_beside_the_cache(tmp_path, monkeypatch):
    """Which modules a note's records depend on is read from their imports once, then kept in
    the cache folder under the sources' sizes and times (a new process does not parse them
    again); a kept list naming files that are gone is read again from the sources."""
    from graph import cache as cache_module

    monkeypatch.setenv("GLOSSGRAPH_CACHE_DIR", str(tmp_path))
    fresh = cache_module.extraction_modules()
    memos = list(tmp_path.glob("modules-*.txt"))
    assert len(memos) == 1 and fresh
    memos[0].write_text("extract.py\ntext.py", encoding="utf-8")  # what a later process reads
    assert [p.name for p in cache_module.extraction_modules()] == ["extract.py", "text.py"]
    memos[0].write_text("gone.py", encoding="utf-8")
    assert cache_module.extraction_modules() == fresh
