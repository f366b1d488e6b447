"""A rebuild from watcher events looks only at the files they name, and sees what a full scan
sees (graph.notes.rescan, Builder.refresh(changed=...))."""

from __future__ import annotations

import os
import random

import pytest

from graph import Builder
from graph.notes import rescan, scan
from tests.conftest import write_notes

NAMES = ["a.md", "b.md", "sub/c.md", "sub/d.md", "sub/deep/e.md", "~tmp.md", "x.markdown",
         "sub/g.MD"]


def apply(root, rng: random.Random, outside) -> set[str]:
    """One random change to the folder; the paths a watcher would name."""
    name = rng.choice(NAMES)
    path = root / name
    op = rng.choice(["write", "write", "delete", "fifo", "link-out", "link-in", "unreadable"])
    if path.is_symlink() or path.exists():
        if path.is_dir():
            return set()
        path.unlink()
    if op == "write":
        write_notes(root, {name: f"- Term{rng.randrange(100)}(术语): text\n"})
    elif op == "fifo":
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
    elif op == "link-out":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(outside)
    elif op == "link-in":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(root / "a.md")  # inside (perhaps broken: a.md may be gone)
    elif op == "unreadable":
        write_notes(root, {name: "- Locked: a note\n"})
        path.chmod(0)
    return {name}


@pytest.mark.parametrize("seed", range(6))
def test_rescan_sees_what_a_full_scan_sees(tmp_path, seed):
    rng = random.Random(seed)
    root = write_notes(tmp_path / "notes", {"a.md": "- A\n", "sub/deep/e.md": "- E\n",
                                             "drafts/f.md": "- F\n", "glossgraph.toml":
                                             'exclude = ["drafts/**", "sub/g.MD"]\n'})
    outside = tmp_path / "secret.md"
    outside.write_text("- Secret\n")
    exclude = ["drafts/**", "sub/g.MD"]
    current = scan(root, exclude)
    for _ in range(25):
        changed = apply(root, rng, outside)
        again = rescan(current, root, changed, exclude)
        assert again is not None, changed
        full = scan(root, exclude)
        assert (again.notes, again.signatures, again.warnings, again.excluded) == \
            (full.notes, full.signatures, full.warnings, full.excluded), changed
        current = again


def test_folders_need_a_full_scan(tmp_path):
    root = write_notes(tmp_path / "notes", {"a.md": "- A\n", "sub/b.md": "- B\n"})
    before = scan(root)
    assert rescan(before, root, ["sub"]) is None  # a folder went or came: its notes with it
    assert rescan(before, root, ["new/c.md"]) is None  # below a folder not read before
    assert rescan(before, root, ["sub/b.md"]) is not None
    (root / "view").symlink_to(root / "sub")  # sub's notes again, as view/…: events name sub/…
    assert rescan(scan(root), root, ["sub/b.md"]) is None


def test_refresh_from_events_reads_only_what_they_name(tmp_path):
    root = write_notes(tmp_path / "notes", {"a.md": "- Alpha(阿尔法): first\n",
                                             "b.md": "- Beta(贝塔): second\n"})
    builder = Builder(root, workers=1)
    builder.refresh()
    (root / "b.md").write_text("- Beta(贝塔): second\n- Gamma(伽马): third\n", encoding="utf-8")
    (root / "a.md").write_text("- Alpha(阿尔法): first\n- Delta(德尔塔): unseen\n",
                               encoding="utf-8")
    result = builder.refresh(changed=["b.md"])
    assert result.reparsed == 1 and "gamma" in result.concepts
    assert "delta" not in result.concepts
    # what no event named is seen by the next full look at every file
    full = builder.refresh()
    assert full.reparsed == 1 and "delta" in full.concepts
    (root / "b.md").unlink()
    gone = builder.refresh(changed=["b.md"])
    assert "gamma" not in gone.concepts and "alpha" in gone.concepts


def test_a_symlinked_note_follows_its_target(tmp_path):
    root = write_notes(tmp_path / "notes", {"sub/target.md": "# Target\n- Alpha(阿尔法): one\n"})
    (root / "link.md").symlink_to(root / "sub" / "target.md")
    builder = Builder(root, workers=1)
    builder.refresh()
    (root / "sub" / "target.md").write_text("# Target\n- Omega(欧米伽): two\n", encoding="utf-8")
    result = builder.refresh(changed=["sub/target.md"])  # the event names the target only
    assert result.reparsed == 2 and "alpha" not in result.concepts
    (root / "sub" / "target.md").unlink()
    result = builder.refresh(changed=["sub/target.md"])
    assert "omega" not in result.concepts and "link.md" not in result.notes
    assert any(w.file == "link.md" and "broken symlink" in w.message for w in result.warnings)


def test_after_a_failed_build_the_next_one_misses_nothing(tmp_path, monkeypatch):
    root = write_notes(tmp_path / "notes", {"a.md": "- Alpha(阿尔法): one\n",
                                             "b.md": "- Beta(贝塔): two\n"})
    builder = Builder(root, workers=1)
    builder.refresh()
    write_notes(root, {"a.md": "- Alpha(阿尔法): one\n- Gamma(伽马): three\n"})
    real = builder._extract_many
    monkeypatch.setattr(builder, "_extract_many", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        builder.refresh(changed=["a.md"])
    monkeypatch.setattr(builder, "_extract_many", real)
    write_notes(root, {"b.md": "- Beta(贝塔): two\n- Delta(德尔塔): four\n"})
    result = builder.refresh(changed=["b.md"])  # the event of a.md came with the failed one
    assert {"gamma", "delta"} <= set(result.concepts)


def test_a_folder_with_a_dot_in_its_name_goes_with_its_notes(tmp_path):
    from graph.watch import NotesFilter

    root = write_notes(tmp_path / "notes", {"a.md": "- Alpha(阿尔法): one\n",
                                             "v1.0/old.md": "- Legacy(遗留): old\n"})
    builder = Builder(root, workers=1)
    assert "legacy" in builder.refresh().concepts
    (root / "v1.0").rename(tmp_path / "v1.0")  # moved out: one event, for the folder
    assert NotesFilter()(None, str(root / "v1.0"))
    result = builder.refresh(changed=["v1.0"])
    assert "legacy" not in result.concepts and "alpha" in result.concepts
