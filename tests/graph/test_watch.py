"""Live rebuilds: the watcher re-reads only the edited note and reports the difference."""

import threading
import time

from graph import Builder
from graph.watch import diff, watch_notes
from tests.conftest import LIVE, write_notes


def test_refresh_rereads_only_changed_notes(tmp_path):
    root = write_notes(tmp_path / "n", {f"n{i}.md": f"- 术语{i}(term {i})\n" for i in range(20)})
    b = Builder(root)
    first = b.refresh()
    assert first.reparsed == 20
    (root / "n3.md").write_text("- 术语3(term 3): 新的定义，改过了。\n- 新词(new word)\n")
    (root / "n4.md").unlink()
    second = b.refresh()
    assert second.reparsed == 1
    change = diff(first, second)
    assert change.added == ["新词"] and change.removed == ["n4", "术语4"] and "术语3" in change.changed


def test_watcher_follows_edits_and_survives_broken_yaml(tmp_path):
    root = write_notes(tmp_path / "n", {"a.md": "- 向量(vector)\n", "b.md": "- 矩阵(matrix)\n"})
    b = Builder(root)
    b.refresh()
    seen, ready = [], threading.Event()
    stop = threading.Event()
    thread = threading.Thread(target=watch_notes, args=(b, lambda r, c: seen.append((r, c)), stop),
                              kwargs={"on_ready": ready.set}, daemon=True)
    thread.start()

    def wait_for(pred, timeout=LIVE):
        """The last rebuild once it satisfies `pred` (a deadline, generous for a busy machine)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if seen and pred(seen[-1][0]):
                return seen[-1]
            time.sleep(0.05)
        raise AssertionError(f"no such rebuild within {timeout} s; rebuilds seen: {len(seen)}")

    try:
        assert ready.wait(LIVE), "the watcher never said it was ready"
        assert not seen  # nothing changed since the build
        (root / "c.md").write_text("- 张量(tensor)\n")
        wait_for(lambda r: r.concept_by_label("tensor") is not None)
        (root / ".c.md.swp").write_text("junk")  # editor swap file: ignored
        (root / "b.md").write_text("---\nsynonym:[a\n---\n- 矩阵(matrix)\n")
        result, _ = wait_for(lambda r: any(w.file == "b.md" for w in r.warnings))
        assert result.concept_by_label("matrix") and result.concept_by_label("vector")
        (root / "b.md").write_text("---\nsynonym: [阵列]\n---\n- 矩阵(matrix)\n")
        result, _ = wait_for(lambda r: not any(w.file == "b.md" for w in r.warnings))
        (root / "a.md").unlink()
        result, change = wait_for(lambda r: r.concept_by_label("vector") is None)
        assert "向量" in change.removed
    finally:
        stop.set()
        thread.join(5)


def test_an_edit_before_the_watches_are_set_up_is_not_lost(tmp_path):
    """Between the build and the moment the file watches exist, an edit gives no event; the
    watcher checks the notes against the build before it says it is ready."""
    root = write_notes(tmp_path / "n", {"a.md": "- 向量(vector)\n"})
    b = Builder(root)
    b.refresh()
    (root / "a.md").write_text("- 向量(vector)\n- 矩阵(matrix)\n")  # no watcher yet
    seen, ready, stop = [], threading.Event(), threading.Event()
    thread = threading.Thread(target=watch_notes, args=(b, lambda r, c: seen.append((r, c)), stop),
                              kwargs={"on_ready": ready.set}, daemon=True)
    thread.start()
    try:
        assert ready.wait(LIVE), "the watcher never said it was ready"
        assert len(seen) == 1 and seen[0][1].added == ["矩阵"]
    finally:
        stop.set()
        thread.join(5)


def test_incremental_rebuild_equals_a_fresh_build(tmp_path):
    from graph import build

    root = write_notes(tmp_path / "n", {
        "a.md": "- 向量(vector): 一组数\n- 矩阵(matrix): 由向量组成\n",
        "b.md": "# 张量\n\n张量是矩阵的推广。\n"})
    b = Builder(root)
    b.refresh()
    (root / "b.md").write_text("# 张量\n\n张量是向量和矩阵的推广。\n")  # text only
    b.refresh()
    (root / "c.md").write_text("- 标量(scalar): 一个数，不是向量\n")  # a new label
    incremental = b.refresh()
    fresh = build(root)
    assert sorted(map(repr, incremental.graph.edges(data=True))) == \
        sorted(map(repr, fresh.graph.edges(data=True)))


def test_a_following_builder_extracts_edits_in_a_worker_process(tmp_path, monkeypatch):
    """While it follows edits, the builder's process only assembles: extraction (the
    interpreter time a serving process needs for requests) runs in a worker."""
    import sys

    root = write_notes(tmp_path / "n", {"a.md": "- 向量(vector)\n"})
    b = Builder(root, workers=1)
    b.refresh()
    b.follow()
    try:
        def nowhere(*args):
            raise AssertionError("extracted in the serving process")

        monkeypatch.setattr(sys.modules["graph.build"], "extract_text", nowhere)
        (root / "a.md").write_text("- 向量(vector)\n- 矩阵(matrix)\n")
        assert b.refresh().concept_by_label("matrix") is not None
    finally:
        b.unfollow()


def test_a_dead_extraction_worker_is_replaced(tmp_path):
    import os
    import signal

    root = write_notes(tmp_path / "n", {"a.md": "- 向量(vector)\n"})
    b = Builder(root, workers=1)
    b.refresh()
    b.follow()
    try:
        (root / "a.md").write_text("- 向量(vector)\n- 矩阵(matrix)\n")
        b.refresh()
        for pid in list(b._worker._processes):  # the worker is gone (OOM killer, a crash)
            os.kill(pid, signal.SIGKILL)
        (root / "b.md").write_text("- 张量(tensor)\n")
        result = b.refresh()
        assert result.concept_by_label("tensor") is not None
        assert not any(w.code == "internal" for w in result.warnings)
        (root / "c.md").write_text("- 标量(scalar)\n")  # and the new worker goes on
        assert b.refresh().concept_by_label("scalar") is not None
    finally:
        b.unfollow()


def test_a_following_builder_segments_in_its_worker_with_the_same_mentions(tmp_path,
                                                                          monkeypatch):
    """Mention boundaries and the words of labels are asked of the worker's segmenter
    (graph.segment.elsewhere): the serving process need not load it, and finds the same."""
    import rjieba

    from graph import memo

    notes = {"a.md": "- 兴趣(interest): 爱好\n- 机器学习(ML): 我对机器学习感兴趣，也对兴趣有兴趣\n",
             "b.md": "- 向量(vector): 机器学习用的数组\n"}
    plain = Builder(write_notes(tmp_path / "p", notes), workers=1).refresh()
    memo.drop()  # the words of labels are not remembered from that build
    b = Builder(write_notes(tmp_path / "f", notes), workers=1)
    b.follow()
    try:
        def not_here(text, *args):
            raise AssertionError("segmented in the serving process")

        monkeypatch.setattr(rjieba, "cut", not_here)  # the spawned worker has its own
        followed = b.refresh()
    finally:
        b.unfollow()
    assert sorted(map(repr, followed.relations)) == sorted(map(repr, plain.relations))
    assert any(r.kind == "mention" for r in followed.relations)
