"""The `glossgraph` command as a user runs it: a subprocess."""

import json
import subprocess

from tests.conftest import DATA, GLOSSGRAPH, REPO, write_notes


def run(*args, cwd=REPO):
    return subprocess.run([str(GLOSSGRAPH), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_build_defaults_to_data():
    p = run("build")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("1 notes, ") and "RELATED_TO:mention" in p.stdout
    assert "0 warnings" in p.stdout


def test_show_finds_by_any_label_case_and_width_insensitively():
    for name in ("RAG", "rag", "ＲＡＧ", "检索增强生成"):
        p = run("show", name)
        assert p.returncode == 0, p.stderr
        assert p.stdout.startswith("RAG  [rag]")
        assert "synonyms: Retrieval-Augment Generation@en, 检索增强生成@zh" in p.stdout
        assert "sources: ai-basics.md:57" in p.stdout
    p = run("show", "cudnn", str(DATA))
    assert "broader: NVidia (ai-basics.md:144)" in p.stdout


def test_show_unknown_term():
    p = run("show", "no-such-term")
    assert p.returncode == 2 and "no concept named 'no-such-term'" in p.stderr


def test_stats_json():
    p = run("stats", "--json")
    data = json.loads(p.stdout)
    assert data["notes"] == 1 and data["concepts"] > 80 and data["warnings"] == 0
    assert data["edges"]["HAS_SYNONYM"] > 10


def test_usage_and_io_errors_are_one_line(tmp_path):
    p = run("build", str(tmp_path / "missing"))
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "Traceback" not in p.stderr
    p = run("frobnicate")
    assert p.returncode == 2 and "Traceback" not in p.stderr


def test_strict_and_verbose(tmp_path):
    root = write_notes(tmp_path / "n", {"a.md": "---\nsynonym:[a, b]\n---\n- X(y)\n",
                                        "b.md": "see [[nowhere]]\n"})
    p = run("build", str(root))
    assert p.returncode == 0 and "2 warnings (-v lists them)" in p.stdout
    p = run("build", "-v", "--strict", str(root))
    assert p.returncode == 1
    assert "a.md:2: front matter" in p.stdout and "b.md:1: unresolved link: [[nowhere]]" in p.stdout
