"""Bad input never stops a build: one warning naming the file and line, the rest still used."""

import os

from tests.conftest import write_notes


def warnings_for(result, path):
    return [w for w in result.warnings if w.file == path]


def test_malformed_yaml_is_salvaged(notes):
    r = notes({"bad.md": "---\ntitle: Bad YAML\nsynonym:[a, b]\ntags: [x\n---\n- RAG(检索): x\n",
               "good.md": "- 向量(vector)\n"})
    (w,) = warnings_for(r, "bad.md")
    assert w.line in (2, 3, 4, 5) and "YAML" in w.message
    assert r.concept_by_label("Bad YAML") is not None  # title salvaged key by key
    assert r.concept_by_label("RAG") and r.concept_by_label("vector")


def test_front_matter_that_is_not_a_mapping(notes):
    r = notes({"a.md": "---\njust a string\n---\n- TERM(别名)\n"})
    assert warnings_for(r, "a.md") and r.concept_by_label("别名") is not None


def test_encodings_bom_crlf_tabs(notes):
    r = notes({
        "latin.md": "- caf\xe9(coffee)\n".encode("latin-1"),
        "gbk.md": "- 张量(tensor)\n".encode("gbk"),
        "bom.md": "\ufeff---\ntitle: 带BOM\n---\n- 矩阵(matrix)\n".encode("utf-8"),
        "crlf.md": b"---\r\ntitle: CRLF\r\n---\r\n# H\r\n\r\n- A1(alpha one)\r\n",
        "tabs.md": "- 标量(scalar)\n\t- 子项(child item)\n",
    })
    assert r.concept_by_label("tensor") is not None
    assert warnings_for(r, "latin.md") and warnings_for(r, "gbk.md")
    assert r.concept_by_label("带BOM") and r.concept_by_label("matrix")
    assert r.concept_by_label("CRLF") and r.concept_by_label("alpha one")
    assert r.concept_by_label("scalar") and r.concept_by_label("child item")
    assert r.concept_by_label("alpha one").sources[0].line == 6


def test_empty_binary_and_broken_link_files(notes, tmp_path):
    root = tmp_path / "notes"
    root.mkdir()
    os.symlink(root / "nowhere.md", root / "dangling.md")
    os.symlink(root, root / "loop")  # a symlink loop
    r = notes({"empty.md": "", "blank.md": "  \n\n", "binary.md": b"\x89PNG\x00\x00\x01\x02" * 64,
               "ok.md": "- 卷积(convolution)\n"})
    assert warnings_for(r, "empty.md")[0].message == "empty note"
    assert "binary" in warnings_for(r, "binary.md")[0].message
    assert warnings_for(r, "dangling.md")
    assert any("loop" in w.message for w in r.warnings)
    assert r.concept_by_label("convolution") is not None


def test_huge_note_is_read_up_to_the_limit(tmp_path):
    from graph import build
    from graph.config import Config

    big = "- 大文件(big file)\n" + "plain text line for padding\n" * 2_000_000  # ~56 MB
    root = write_notes(tmp_path / "notes", {"big.md": big, "small.md": "- 小(small one)\n"})
    r = build(root, Config(max_note_bytes=2_000_000))
    (w,) = warnings_for(r, "big.md")
    assert w.code == "size" and "MB" in w.message
    assert r.concept_by_label("big file") and r.concept_by_label("small one")


def test_hidden_folders_and_provenance_files_are_skipped(notes):
    r = notes({".obsidian/x.md": "- Hidden(h)\n", "node_modules/y.md": "- Dep(d)\n",
               "SOURCE.md": "- Source(s)\n", "LICENSE-UPSTREAM.md": "- Lic(l)\n",
               "notes/z.markdown": "- Z(zed)\n", "w.mdx": "- W(dub)\n", "v.txt": "- V(v)\n"})
    assert r.concept_by_label("zed") and r.concept_by_label("dub")
    for label in ("Hidden", "Dep", "Source", "Lic", "V"):
        assert r.concept_by_label(label) is None, label


def test_notes_folder_is_never_written(tmp_path):
    from graph import build

    root = write_notes(tmp_path / "notes", {"a.md": "- A(α)\n", "b.md": "---\nbad: [\n---\n"})
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in root.rglob("*")}
    build(root)
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in root.rglob("*")}
    assert before == after
