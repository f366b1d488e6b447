"""More of the `glossgraph` command as a user runs it: exclusions, external links, stats, show."""

import json
import os
import re

from tests.api.test_cli import run
from tests.conftest import write_notes


def test_build_v_lists_what_was_excluded_and_why(tmp_path):
    root = write_notes(tmp_path / "n", {
        "glossgraph.toml": 'exclude = ["SOURCE.md", "drafts/**"]\n',
        "SOURCE.md": "- 来源(provenance)\n", "Source-notes.md": "- 源(my source)\n",
        "LICENSE.md": "- 许可(license)\n", "drafts/a.md": "- 草稿(draft)\n",
        ".obsidian/app.md": "- 隐藏(hidden)\n", "ok.md": "- 好(fine)\n"})
    p = run("build", str(root))
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("3 notes, ")  # Source-notes.md, LICENSE.md, ok.md
    assert "3 excluded (-v lists them)" in p.stdout
    p = run("build", "-v", str(root))
    lines = [line.split() for line in p.stdout.splitlines() if "excluded  " in line]
    assert lines == [["excluded", ".obsidian/", "(hidden", "folder)"],
                     ["excluded", "SOURCE.md", "(exclude:", "SOURCE.md", "in", "glossgraph.toml)"],
                     ["excluded", "drafts/", "(exclude:", "drafts/**", "in", "glossgraph.toml)"]]
    assert run("show", "许可", str(root)).returncode == 0  # LICENSE.md is a note
    assert run("show", "来源", str(root)).returncode == 2


def _outside(tmp_path):
    outside = write_notes(tmp_path / "outside", {"secret.md": "- 机密(classified)\n"
                                                               "  - 口令: hunter2-outside\n"})
    root = write_notes(tmp_path / "n", {"ok.md": "- 好(fine)\n"})
    os.symlink(outside / "secret.md", root / "secret.md")
    return root


def test_follow_external_links_flag_on_every_command(tmp_path):
    root = _outside(tmp_path)
    outside = ("symlink points outside the notes folder: skipped "
               "(--follow-external-links to read it)")
    p = run("build", "-v", str(root))
    assert f"secret.md:0: {outside}" in p.stdout
    p = run("build", "-v", "--follow-external-links", str(root))
    assert "outside" not in p.stdout and p.stdout.startswith("2 notes")
    assert run("show", "机密", str(root)).returncode == 2
    assert run("show", "机密", str(root), "--follow-external-links").returncode == 0
    stats = [json.loads(run("stats", "--json", str(root), *flag).stdout)["concepts"]
             for flag in ((), ("--follow-external-links",))]
    assert stats[0] < stats[1]
    assert "hunter2-outside" not in run("export", str(root)).stdout
    assert "hunter2-outside" in run("export", "--follow-external-links", str(root)).stdout
    counts = [re.search(r"in (\d+) concepts", run("validate", str(root), *flag).stdout).group(1)
              for flag in ((), ("--follow-external-links",))]
    assert int(counts[0]) < int(counts[1])
    (root / "glossgraph.toml").write_text("follow_external_links = true\n")
    assert run("show", "机密", str(root)).returncode == 0


def test_serve_passes_its_options_to_the_server(monkeypatch, tmp_path):
    import api.server
    from api.cli import main

    seen = {}
    monkeypatch.setattr(api.server, "run", lambda path, **kw: seen.update(kw, path=path) or 0)
    assert main(["serve", str(tmp_path), "--allowed-host", "notes.lan", "--allowed-host",
                 "10.0.0.2", "--max-body-bytes", "2048", "--follow-external-links"]) == 0
    assert seen["allowed_hosts"] == ["notes.lan", "10.0.0.2"]
    assert seen["max_body_bytes"] == 2048 and seen["follow_external_links"] is True
    assert main(["serve", str(tmp_path)]) == 0
    assert seen["allowed_hosts"] == [] and seen["max_body_bytes"] == 1_048_576
    assert seen["follow_external_links"] is None  # glossgraph.toml decides
    p = run("serve", "--help")
    for option in ("--allowed-host HOST", "--max-body-bytes N", "--follow-external-links"):
        assert option in p.stdout


def test_stats_prints_a_table():
    p = run("stats")
    assert p.returncode == 0, p.stderr
    assert "{" not in p.stdout and "}" not in p.stdout
    rows = p.stdout.splitlines()
    names = [row.split()[0] for row in rows]
    assert names[:4] == ["notes", "concepts", "tags", "edges"]
    assert names[-2:] == ["warnings", "seconds"] and "RELATED_TO:mention" in names
    assert len({len(row) for row in rows}) == 1  # numbers right-aligned in one column
    assert rows[0].split() == ["notes", "1"]


def test_show_suggests_the_nearest_concepts():
    p = run("show", "pytroch")
    assert p.returncode == 2
    assert p.stderr.startswith("glossgraph: no concept named 'pytroch' in data; did you mean: ")
    assert "PyTorch" in p.stderr and p.stderr.count("\n") == 1
    p = run("show", "sjwl")  # pinyin initials
    assert p.returncode == 2 and "神经网络" in p.stderr
    p = run("show", "qqqqzzzzxxxx")
    assert p.returncode == 2 and "did you mean" not in p.stderr


def test_fifo_and_yaml_bomb_do_not_hang_the_command(tmp_path):
    bomb = ("---\na: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{k}: &{k} [{', '.join(['*' + p] * 9)}]\n"
                      for p, k in zip("abcdefgh", "bcdefghi"))
            + "tags: *i\n---\n- 炸弹(bomb)\n")
    root = write_notes(tmp_path / "n", {"bomb.md": bomb, "ok.md": "- 好(fine)\n"})
    os.mkfifo(root / "pipe.md")
    p = run("build", "-v", str(root))  # run() has a 120 s timeout; this took forever before
    assert p.returncode == 0, p.stderr
    assert "pipe.md:0: not a regular file (FIFO): skipped" in p.stdout
    assert "bomb.md:6: front matter expands to more than 10,000 values" in p.stdout
