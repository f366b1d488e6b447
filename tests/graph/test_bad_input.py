"""Bad input never stops a build: one warning naming the file and line, the rest still used."""

import os

import pytest

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


def test_icon_font_glyphs_are_spaces_not_letters_of_a_name(notes):
    # Private-use characters pasted from a web page: a bullet glyph, one between a bold name
    # and its text, an Apple logo in a menu name (职场管理.md, macOS禁用SIP教程.md).
    r = notes({"a.md": "# 报告\n\n\uf04c **雅可比矩阵**\ue004雅可比矩阵又称函数矩阵，它由一阶导数排成。\n\n"
                       "- 卷积核\U000f0001(kernel)\n"})
    labels = {x.text for c in r.concepts.values() for x in (*c.labels, *c.synonyms)}
    assert {"雅可比矩阵", "函数矩阵", "kernel"} <= labels
    assert not any(ch >= "\ue000" and ch <= "\uf8ff" or ch >= "\U000f0000"
                   for label in labels for ch in label), labels
    assert r.concept_by_label("kernel").sources[0].line == 5


def test_gb18030_text_keeps_the_characters_its_codec_maps_to_private_use():
    from graph.notes import decode

    data = "# 笔记\n\n- 名词(noun)\n".encode("gb18030") + b"\xfe\x51\n"
    text, warnings = decode("a.md", data)
    assert warnings and text.endswith(b"\xfe\x51".decode("gb18030") + "\n")


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


def test_no_built_in_name_list_only_hidden_and_tool_folders(notes):
    r = notes({".obsidian/x.md": "- 隐藏(Hidden)\n", "node_modules/y.md": "- 依赖(Dep)\n",
               "SOURCE.md": "- 来源(Source)\n", "LICENSE-UPSTREAM.md": "- 许可(Lic)\n",
               "notes/z.markdown": "- 泽塔(zeta)\n", "w.mdx": "- 双(dub)\n", "v.txt": "- 文本(V)\n",
               ".hidden.md": "- 藏(Hid)\n", "~$temp.md": "- 临时(Tmp)\n"})
    assert r.concept_by_label("zeta") and r.concept_by_label("dub")
    assert r.concept_by_label("SOURCE") and r.concept_by_label("LICENSE-UPSTREAM")  # notes now
    for label in ("Hidden", "Dep", "V", "Hid", "Tmp", "隐藏", "依赖", "藏", "临时"):
        assert r.concept_by_label(label) is None, label
    assert r.excluded == [(".hidden.md", "hidden file"), (".obsidian/", "hidden folder"),
                          ("node_modules/", "dependency folder"),
                          ("~$temp.md", "editor temporary file")]


def test_exclude_globs_in_glossgraph_toml(tmp_path):
    from graph import build

    root = write_notes(tmp_path / "notes", {
        "glossgraph.toml": 'exclude = ["SOURCE.md", "drafts/**", "**/LICENSE*", "a/*.tmp.md"]\n',
        "SOURCE.md": "- 来源(provenance)\n", "sub/SOURCE.md": "- 子来源(sub provenance)\n",
        "Source.md": "- 源(my source)\n",  # another name: a note
        "drafts/d.md": "- 草稿(draft)\n", "x/drafts/kept.md": "- 保留(kept draft)\n",
        "LICENSE.md": "- 许可(license)\n", "deep/er/LICENSE-X.md": "- 深(deep license)\n",
        "a/b.tmp.md": "- 乙(bee)\n", "a/c/b.tmp.md": "- 丙(sea)\n",
    })
    r = build(root)
    assert not [w for w in r.warnings if w.code == "config"]
    for label in ("源", "保留", "丙"):
        assert r.concept_by_label(label), label
    for label in ("来源", "子来源", "草稿", "许可", "深", "乙"):
        assert r.concept_by_label(label) is None, label
    assert dict(r.excluded) == {
        "SOURCE.md": "exclude: SOURCE.md in glossgraph.toml",
        "sub/SOURCE.md": "exclude: SOURCE.md in glossgraph.toml",
        "drafts/": "exclude: drafts/** in glossgraph.toml",
        "LICENSE.md": "exclude: **/LICENSE* in glossgraph.toml",
        "deep/er/LICENSE-X.md": "exclude: **/LICENSE* in glossgraph.toml",
        "a/b.tmp.md": "exclude: a/*.tmp.md in glossgraph.toml"}


def test_bad_config_values_are_reported_not_fatal(tmp_path):
    from graph import build

    root = write_notes(tmp_path / "notes", {
        "glossgraph.toml": 'exclude = "x.md"\nfollow_external_links = "yes"\n'
                           'max_note_seconds = -1\n',
        "x.md": "- 甲(ex)\n", "y.md": "- 乙(why)\n"})
    r = build(root)
    problems = " ".join(w.message for w in r.warnings if w.code == "config")
    assert "follow_external_links must be true or false" in problems
    assert "max_note_seconds must be a number" in problems
    assert r.config.follow_external_links is False and r.config.max_note_seconds == 10
    assert r.concept_by_label("甲") is None and r.concept_by_label("乙")  # one glob: fine


def test_is_note_name():
    from graph.notes import is_note_name

    for name in ("Source.md", "LICENSE.md", "license-x.markdown", "a.MDX"):
        assert is_note_name(name), name
    for name in (".a.md", "~a.md", "#a.md#", "a.md~", ".#a.md", "a.txt", "a.md.swp"):
        assert not is_note_name(name), name


# ----------------------------------------------------------------- files that are not files


def _in_thread(func, timeout=20):
    """func() in a daemon thread: (finished?, result). A hang fails a test, not the run."""
    import threading

    out = {}
    thread = threading.Thread(target=lambda: out.setdefault("r", func()), daemon=True)
    thread.start()
    thread.join(timeout)
    return not thread.is_alive(), out.get("r")


def test_fifo_socket_and_device_are_skipped_never_opened(tmp_path):
    import socket
    import stat

    from graph import build

    root = write_notes(tmp_path / "notes", {"ok.md": "- 好(fine)\n"})
    os.mkfifo(root / "pipe.md")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(root / "sock.md"))
    device = True
    try:
        os.mknod(root / "null.md", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        device = False  # no CAP_MKNOD here: FIFO and socket only
    try:
        finished, r = _in_thread(lambda: build(root))
    finally:
        sock.close()
    assert finished, "the build hung on a FIFO"
    assert [str(w) for w in warnings_for(r, "pipe.md")] == \
        ["pipe.md:0: not a regular file (FIFO): skipped"]
    assert [w.message for w in warnings_for(r, "sock.md")] == \
        ["not a regular file (socket): skipped"]
    if device:
        assert [w.message for w in warnings_for(r, "null.md")] == \
            ["not a regular file (character device): skipped"]
    assert r.concept_by_label("好") and len(r.notes) == 1


def test_read_bytes_never_blocks_on_a_fifo(tmp_path):
    from graph.notes import read_bytes

    os.mkfifo(tmp_path / "pipe.md")
    finished, (data, warnings) = _in_thread(lambda: read_bytes(tmp_path, "pipe.md", 1000))
    assert finished and data is None and "FIFO" in warnings[0].message


def test_unreadable_file_gives_one_warning(tmp_path, monkeypatch):
    from graph import build, notes as notes_module

    root = write_notes(tmp_path / "notes", {"secret.md": "- 秘(hidden away)\n",
                                            "ok.md": "- 好(fine)\n"})
    (root / "secret.md").chmod(0)
    if os.geteuid() == 0:  # root reads a mode-000 file: refuse the open another way
        real_open = os.open

        def refuse(path, *args, **kwargs):
            if str(path).endswith("secret.md"):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(notes_module.os, "open", refuse)
    r = build(root, workers=1)
    assert [w.message for w in warnings_for(r, "secret.md")] == \
        ["cannot read note: Permission denied"]
    assert r.concept_by_label("好") and r.concept_by_label("秘") is None


# ----------------------------------------------------------------- symlinks


def _outside_setup(tmp_path):
    """A notes folder with symlinks to a file and a folder outside it, and one inside."""
    outside = write_notes(tmp_path / "outside", {"passwd.md": "- 机密(top secret)\n",
                                                  "dir/o.md": "- 外部(outer space)\n"})
    root = write_notes(tmp_path / "notes", {"ok.md": "- 好(fine)\n",
                                            "sub/inner.md": "- 内(inner)\n"})
    os.symlink(outside / "passwd.md", root / "passwd.md")
    os.symlink(outside / "dir", root / "linked")
    os.symlink(root / "sub" / "inner.md", root / "alias.md")  # inside: followed
    return root


def test_symlinks_out_of_the_folder_are_not_followed_by_default(tmp_path):
    from graph import build

    root = _outside_setup(tmp_path)
    r = build(root)
    message = ("symlink points outside the notes folder: skipped "
               "(--follow-external-links to read it)")
    assert [w.message for w in warnings_for(r, "passwd.md")] == [message]
    assert [w.message for w in warnings_for(r, "linked")] == [message]
    assert r.concept_by_label("机密") is None and r.concept_by_label("外部") is None
    assert sorted(r.notes) == ["alias.md", "ok.md", "sub/inner.md"]


def test_follow_external_links_opt_in(tmp_path):
    from graph import Builder, build

    root = _outside_setup(tmp_path)
    for result in (build(root, follow_external_links=True),
                   Builder(root, follow_external_links=True).refresh()):
        assert result.concept_by_label("机密") and result.concept_by_label("外部")
        assert not [w for w in result.warnings if w.code == "symlink"]
    (root / "glossgraph.toml").write_text("follow_external_links = true\n")
    assert build(root).concept_by_label("机密")
    assert build(root, follow_external_links=False).concept_by_label("机密") is None


def test_a_symlink_swapped_in_after_the_scan_is_not_read(tmp_path):
    from graph.notes import read_bytes

    root = _outside_setup(tmp_path)
    data, warnings = read_bytes(root, "passwd.md", 1000, confine=os.path.realpath(root))
    assert data is None and warnings[0].code == "symlink"
    assert read_bytes(root, "alias.md", 1000, confine=os.path.realpath(root))[0]


def test_symlink_loops_give_one_warning_each(tmp_path):
    from graph import build

    root = write_notes(tmp_path / "notes", {"ok.md": "- 好(fine)\n"})
    os.symlink(root, root / "loop")
    os.symlink(root / "self.md", root / "self.md")
    finished, r = _in_thread(lambda: build(root))
    assert finished
    assert [w.message for w in warnings_for(r, "loop")] == ["symlink loop: folder already visited"]
    assert [w.message for w in warnings_for(r, "self.md")] == ["symlink loop"]


# ----------------------------------------------------------------- front matter is bounded data

BOMB = ("---\ntitle: Bomb\n"
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"{k}: &{k} [{','.join(['*' + p] * 9)}]\n" for p, k in zip("abcdefgh",
                                                                            "bcdefghi"))
        + "tags: *i\n---\n- 炸弹(bomb term)\n")


def test_yaml_alias_bomb_is_refused_quickly(notes):
    import time

    started = time.monotonic()
    finished, r = _in_thread(lambda: notes({"bomb.md": BOMB, "ok.md": "- 好(fine)\n"}))
    assert finished and time.monotonic() - started < 10
    (w,) = warnings_for(r, "bomb.md")
    assert w.code == "yaml" and w.line == 7 and "more than 10,000 values" in w.message
    assert r.concept_by_label("炸弹") and r.concept_by_label("好")  # the body is read
    assert not r.tags


def test_yaml_budgets(notes):
    many = "---\nx: &x 1\nl: [" + ", ".join(["*x"] * 101) + "]\n---\n- 甲(alpha one)\n"
    loop = "---\na: &a [1, *a]\n---\n- 乙(beta two)\n"
    deep = "---\na: " + "[" * 100 + "]" * 100 + "\n---\n- 丙(gamma three)\n"
    huge = "---\ntitle: 巨大标题\nbig: " + "x" * 70_000 + "\n---\n- 丁(delta four)\n"
    r = notes({"many.md": many, "loop.md": loop, "deep.md": deep, "huge.md": huge})
    messages = {path: [w.message for w in warnings_for(r, path)]
                for path in ("many.md", "loop.md", "deep.md", "huge.md")}
    assert messages == {
        "many.md": ["front matter has more than 100 YAML aliases: ignored"],
        "loop.md": ["front matter refers to itself (a recursive YAML alias): ignored"],
        "deep.md": ["front matter is nested more than 64 levels deep: ignored"],
        "huge.md": ["front matter is over 64 KB: ignored"]}
    for label in ("alpha one", "beta two", "gamma three", "delta four"):
        assert r.concept_by_label(label), label
    assert r.concept_by_label("巨大标题") is None


def test_python_tags_in_front_matter_run_nothing(notes, tmp_path):
    probe = tmp_path / "probe"
    r = notes({
        "apply.md": f"---\ntitle: Apply\nx: !!python/object/apply:os.system ['touch {probe}']\n"
                    "---\n- 甲(alpha one)\n",
        "new.md": "---\nx: !!python/object/new:os.system\n  args: ['touch " + str(probe)
                  + "']\n---\n- 乙(beta two)\n",
        "name.md": "---\nx: !!python/name:os.system\n---\n- 丙(gamma three)\n"})
    assert not probe.exists()
    for path in ("apply.md", "new.md", "name.md"):
        (w,) = warnings_for(r, path)
        assert w.code == "yaml" and "constructor" in w.message, w
    assert r.concept_by_label("Apply") and r.concept_by_label("alpha one")  # salvaged key by key
    assert r.concept_by_label("beta two") and r.concept_by_label("gamma three")


# ----------------------------------------------------------------- one note, bounded cost


def test_a_note_past_its_time_budget_is_skipped(tmp_path):
    import threading

    from graph import build
    from graph.config import Config

    slow = "- 慢(slow term)\n\n" + "[" * 60_000 + "\n"  # markdown-it: seconds
    root = write_notes(tmp_path / "notes", {"slow.md": slow, "ok.md": "- 好(fine)\n"})
    results = {}

    def run(where):
        results[where] = build(root, Config(max_note_seconds=0.3), workers=1)

    run("main")
    thread = threading.Thread(target=run, args=("thread",))  # the watcher's case: no signals
    thread.start()
    thread.join(60)
    for where, r in results.items():
        assert [str(w) for w in warnings_for(r, "slow.md")] == \
            ["slow.md:1: took longer than 0.3 s to read: skipped"], where
        assert r.concept_by_label("fine") and r.concept_by_label("slow") is not None, where
        assert r.concept_by_label("slow term") is None, where
    assert set(results) == {"main", "thread"}


def test_time_budget_restores_an_outer_timer():
    import signal
    import time

    from graph.budget import NoteTimeout, time_limit

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with time_limit(5):
            pass
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0.3  # still armed, ours is gone
        try:
            with time_limit(0.05):
                time.sleep(1)
            raise AssertionError("not interrupted")
        except NoteTimeout:
            pass
        deadline = time.monotonic() + 5
        while not fired and time.monotonic() < deadline:
            time.sleep(0.01)
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the dropped one
def test_a_timeout_dropped_by_python_is_raised_again():
    """A timeout that lands in a __del__ (or a weakref callback) is printed and dropped by
    Python; the budget must still end the block, on the main thread and on another."""
    import threading
    import time

    from graph.budget import NoteTimeout, time_limit

    class SlowToDie:
        def __del__(self):
            end = time.monotonic() + 0.3
            while time.monotonic() < end:  # the first timeout lands here
                pass

    def run(out: list) -> None:
        started = time.monotonic()
        try:
            with time_limit(0.05):
                SlowToDie()  # collected at once: __del__ runs inside the block
                while time.monotonic() - started < 5:
                    pass
        except NoteTimeout:
            out.append(time.monotonic() - started)

    for where in ("main", "thread"):
        out: list[float] = []
        if where == "main":
            run(out)
        else:
            thread = threading.Thread(target=run, args=(out,))
            thread.start()
            thread.join(10)
        assert out and out[0] < 2, (where, out)


def test_long_lines_are_cut_and_deep_nesting_reported(notes):
    long = "- 长行(long line): " + "x" * 1_000_100 + "\n- 后面(after long)\n"
    deep_list = "- " * 3000 + "deep\n"
    deep_quote = "> " * 5000 + "deep\n\n# After quote\n"
    r = notes({"long.md": long, "list.md": deep_list, "quote.md": deep_quote,
               "ok.md": "".join("  " * i + f"- 项{i}(item {i})\n" for i in range(9))})
    assert [str(w) for w in warnings_for(r, "long.md")] == \
        ["long.md:1: line of 1,000,117 characters: cut to 1,000,000"]
    assert r.concept_by_label("long line") and r.concept_by_label("after long")
    for path, depth in (("list.md", 3000), ("quote.md", 5000)):
        (w,) = warnings_for(r, path)
        assert w.line == 1 and w.message.startswith(f"nested {depth} levels deep"), w
    assert not warnings_for(r, "ok.md") and r.concept_by_label("item 8")  # 9 levels: fine


def test_progress_reports_reading_then_each_phase(tmp_path):
    from graph import Builder

    root = write_notes(tmp_path / "notes", {f"n{i}.md": f"- 词{i}(term {i})\n" for i in range(30)})
    calls = []
    builder = Builder(root, workers=1)
    builder.refresh(progress=lambda *call: calls.append(call))
    reads = [c for c in calls if c[0] == "read"]
    assert reads[0] == ("read", 0, 30) and reads[-1] == ("read", 30, 30)
    assert all(0 <= done <= total == 30 for _, done, total in reads)
    assert len(reads) <= 5  # throttled (≤ 20 a second), not one call a note
    assert [c[0] for c in calls[len(reads):]] == ["merge", "link", "graph"]
    calls.clear()
    builder.refresh(progress=lambda *call: calls.append(call))  # nothing changed
    assert calls == [("read", 0, 0)]


def test_notes_folder_is_never_written(tmp_path):
    from graph import build

    root = write_notes(tmp_path / "notes", {"a.md": "- A(α)\n", "b.md": "---\nbad: [\n---\n"})
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in root.rglob("*")}
    build(root)
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in root.rglob("*")}
    assert before == after


def test_the_budget_counts_cpu_time_so_a_busy_machine_leaves_no_note_out():
    """Waiting (another process has the core) is not spending: a block that sleeps twice its
    budget runs to the end, on the main thread and on another; one that computes past its
    budget is stopped; one that waits past the wall-clock backstop (6 budgets) is stopped."""
    import threading
    import time

    from graph.budget import WALL_FACTOR, NoteTimeout, time_limit

    def run(out: list, work) -> None:
        started = time.monotonic()
        try:
            with time_limit(0.1):
                work()
            out.append(("done", time.monotonic() - started))
        except NoteTimeout:
            out.append(("stopped", time.monotonic() - started))

    def spin():
        end = time.monotonic() + 5
        while time.monotonic() < end:
            pass

    cases = {"waits 2 budgets": (lambda: time.sleep(0.2), "done"),
             "computes": (spin, "stopped"),
             "waits past the backstop": (lambda: time.sleep(0.1 * WALL_FACTOR + 1), "stopped")}
    for where in ("main", "thread"):
        for name, (work, expected) in cases.items():
            out: list = []
            if where == "main":
                run(out, work)
            else:
                thread = threading.Thread(target=run, args=(out, work))
                thread.start()
                thread.join(20)
            assert out and out[0][0] == expected, (where, name, out)


def test_a_nul_escaped_in_front_matter_leaves_the_note_readable(notes):
    # YAML's "\0" makes a NUL in a string; the word tables must not be asked for it (marisa
    # stops at a NUL: the whole note was lost to "unpack requires a buffer of 8 bytes")
    r = notes({"nul.md": '---\ntitle: "沙\\0箱"\nsynonym: ["分\\0卷", "a\\0b"]\n---\n'
                         "# 沙箱\n\n- 分卷: 一种存储方式\n"})
    assert not [w for w in r.warnings if "could not be read" in str(w)]
    assert r.concept_by_label("分卷") is not None


def test_a_file_or_folder_name_that_is_no_utf8_is_skipped_with_a_warning(tmp_path):
    import subprocess

    from tests.conftest import GLOSSGRAPH

    root = tmp_path / "notes"
    root.mkdir()
    # Python reads such a name's bytes as lone surrogates, which no title or IRI can hold:
    # the whole build stopped with "internal error: UnicodeEncodeError"
    with open(os.fsencode(root) + b"/" + "沙".encode() + b"\xff" + "箱.md".encode(), "w") as fh:
        fh.write("沙箱是一种隔离的运行环境。\n")
    os.mkdir(os.fsencode(root) + b"/dir\xfe")
    with open(os.fsencode(root) + b"/dir\xfe/inner.md", "w") as fh:
        fh.write("# 分卷\n")
    (root / "good.md").write_text("# 卷标\n\n- 分卷: 一种存储方式\n", encoding="utf-8")
    out = subprocess.run([str(GLOSSGRAPH), "build", str(root), "-v"], capture_output=True,
                         env={**os.environ, "GLOSSGRAPH_CACHE_DIR": "off"}, timeout=120)
    text = out.stdout.decode() + out.stderr.decode()
    assert out.returncode == 0, text
    assert text.count("not valid UTF-8") == 2 and "沙\N{REPLACEMENT CHARACTER}箱.md" in text
    assert "2 notes" not in text and "1 notes" in text  # good.md read, the other two left out
