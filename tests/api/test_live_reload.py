"""Live reload against a real `glossgraph serve` on a temporary copy of notes: edits show up
in queries, subscribers hear of each change, queries during rebuilds all succeed.

Every wait is for an event, with a deadline generous enough for a busy machine (`LIVE`); the
time each edit took to show up is printed (`-s`), not asserted (issue 6 asks for < 2 s, which
`make bench` and a quiet machine show; a shared two-core machine cannot promise it)."""

from __future__ import annotations

import asyncio
import shutil
import threading
import time

import httpx
import pytest
from gql import Client, gql
from gql.transport.exceptions import TransportError
from gql.transport.websockets import WebsocketsTransport

from tests.conftest import DATA, LIVE, http, prove_live, running_server

CONCEPT = "query($l: String!) { concept(label: $l) { conceptId definition synonyms { value } } }"


def ask(url, query, **variables):
    r = http().post(f"{url}/graphql", json={"query": query, "variables": variables}, timeout=10)
    r.raise_for_status()
    body = r.json()
    assert "errors" not in body, body
    return body["data"]


def within(seconds, check):
    """Poll `check()` until it returns a truthy value; fail after `seconds`."""
    started = time.monotonic()
    deadline = started + seconds
    while True:
        value = check()
        if value:
            print(f"seen after {time.monotonic() - started:.2f} s")
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"not seen within {seconds} s")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """One watching server for the module (a start costs seconds on a busy machine). The tests
    edit the same copy of the notes; neither depends on the other's edits, in either order."""
    notes = tmp_path_factory.mktemp("live") / "notes"
    shutil.copytree(DATA, notes)
    (notes / "extra.md").write_text("---\ntitle: 附加笔记\n---\n- 向量数据库(vector database)\n",
                                    encoding="utf-8")
    with running_server(notes) as running:
        prove_live(running, notes)  # the watcher is up: an edit made now is seen
        yield running.url, notes, running


class Subscriber(threading.Thread):
    """Collects `graphChanged` messages over graphql-transport-ws in a thread."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url = url.replace("http://", "ws://") + "/graphql"
        self.messages: list[dict] = []
        self.ready = threading.Event()

    def run(self):
        try:
            asyncio.run(self._listen())
        except TransportError:
            pass  # the server stopped at the end of the test

    async def _listen(self):
        transport = WebsocketsTransport(url=self.url,
                                        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL])
        async with Client(transport=transport) as session:
            query = gql("subscription { graphChanged { version builtAt added changed removed } }")
            self.ready.set()
            async for message in session.subscribe(query):
                self.messages.append(message["graphChanged"])


def test_edits_additions_deletions_and_broken_yaml(live):
    url, notes, proc = live
    sub = Subscriber(url)
    sub.start()
    assert sub.ready.wait(LIVE)
    prove_live(proc, notes, heard=lambda: len(sub.messages))  # the subscription is live
    seed = notes / "ai-basics.md"
    before = ask(url, "{ stats { version } }")["stats"]["version"]

    # 1. edit a definition
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("- 参数\n", "- 参数: 模型在训练中学到的数值，决定模型的行为。\n"),
                    encoding="utf-8")
    within(LIVE, lambda: (ask(url, CONCEPT, l="参数")["concept"]["definition"] or "")
           .startswith("模型在训练中学到的数值"))
    within(LIVE, lambda: any("参数" in m["changed"] for m in sub.messages))

    # 2. add a note
    (notes / "new.md").write_text("- 注意力机制(attention mechanism): 一种加权求和的方法。\n",
                                  encoding="utf-8")
    within(LIVE, lambda: ask(url, CONCEPT, l="attention mechanism")["concept"])
    within(LIVE, lambda: any("注意力机制" in m["added"] for m in sub.messages))

    # 3. delete a note
    (notes / "extra.md").unlink()
    within(LIVE, lambda: ask(url, CONCEPT, l="vector database")["concept"] is None)
    within(LIVE, lambda: any("向量数据库" in m["removed"] for m in sub.messages))

    # 4. break a note's YAML: the rest of the graph stays, a warning appears; then fix it
    (notes / "new.md").write_text("---\nsynonym:[a, b\n---\n- 注意力机制(attention mechanism)\n",
                                  encoding="utf-8")
    within(LIVE, lambda: any(w["file"] == "new.md" for w in
                          ask(url, "{ warnings { file line message } }")["warnings"]))
    assert ask(url, CONCEPT, l="RAG")["concept"]["conceptId"] == "rag"
    assert ask(url, CONCEPT, l="attention mechanism")["concept"]
    (notes / "new.md").write_text("---\nsynonym: [注意力]\n---\n- 注意力机制(attention mechanism)\n",
                                  encoding="utf-8")
    within(LIVE, lambda: not any(w["file"] == "new.md" for w in
                              ask(url, "{ warnings { file } }")["warnings"]))
    assert {s["value"] for s in ask(url, CONCEPT, l="new")["concept"]["synonyms"]} == {"注意力"}

    # 5. editor swap files are ignored: they cause no rebuild (no new version), and the next
    # real edit's rebuild, which reads the folder with them in it, does not read them either
    version = ask(url, "{ stats { version } }")["stats"]["version"]
    heard = len(sub.messages)
    (notes / ".ai-basics.md.swp").write_bytes(b"\x00junk")
    (notes / "ai-basics.md~").write_text("- 不算(not counted)\n", encoding="utf-8")
    (notes / "new.md").write_text("---\nsynonym: [注意力]\n---\n- 注意力机制(attention mechanism)\n"
                                  "- 哨兵(sentinel)\n", encoding="utf-8")
    within(LIVE, lambda: ask(url, CONCEPT, l="sentinel")["concept"])
    assert ask(url, "{ stats { version } }")["stats"]["version"] == version + 1
    assert ask(url, CONCEPT, l="not counted")["concept"] is None
    within(LIVE, lambda: len(sub.messages) > heard)
    assert [m["version"] for m in sub.messages[heard:]] == [version + 1]

    stats = ask(url, "{ stats { version builtAt } }")["stats"]
    assert stats["version"] > before and stats["builtAt"]
    versions = [m["version"] for m in sub.messages]
    assert versions == sorted(versions) and len(versions) >= 5


def test_concurrent_queries_during_rebuilds_are_consistent(live):
    url, notes, proc = live
    seed = notes / "ai-basics.md"
    original = seed.read_text(encoding="utf-8")
    query = "{ stats { version concepts } concepts(first: 1) { totalCount } }"
    errors: list[str] = []
    seen: dict[int, set[int]] = {}
    latest = [0]  # the newest version a query saw
    stop = threading.Event()

    def hammer():
        with httpx.Client(timeout=10) as client:
            while not stop.is_set():
                r = client.post(f"{url}/graphql", json={"query": query})
                body = r.json()
                if r.status_code != 200 or "errors" in body:
                    errors.append(r.text)
                    continue
                data = body["data"]
                # one request sees one build: its two counts agree
                if data["stats"]["concepts"] != data["concepts"]["totalCount"]:
                    errors.append(f"mixed builds: {data}")
                seen.setdefault(data["stats"]["version"], set()).add(data["stats"]["concepts"])
                latest[0] = max(latest[0], data["stats"]["version"])

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        within(LIVE, lambda: latest[0])
        for i in range(6):
            # each edit adds a term: the next version has one concept more; the next edit
            # waits until the queries have seen this one (edits never merge into one rebuild)
            before = latest[0]
            extra = "".join(f"- 临时术语{i}_{j}(temp term {i} {j})\n" for j in range(i + 1))
            seed.write_text(original + "\n## 临时\n\n" + extra, encoding="utf-8")
            within(LIVE, lambda: latest[0] > before)
    finally:
        stop.set()
        for t in threads:
            t.join(10)
        seed.write_text(original, encoding="utf-8")
    assert not errors, errors[:3]
    assert len(seen) >= 7  # queries ran across every rebuild
    assert all(len(counts) == 1 for counts in seen.values())  # a version is one graph


def _children(pid: int) -> set[int]:
    """Processes whose parent is `pid` (from /proc)."""
    from pathlib import Path

    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except OSError:
        return False


@pytest.mark.parametrize("how", ["terminate", "kill"])
def test_the_extraction_worker_ends_with_the_server(tmp_path, how):
    """A watching server extracts edits in a worker process: stopping the server, even with
    SIGKILL, leaves no process behind."""
    notes = tmp_path / "notes"
    shutil.copytree(DATA, notes)
    with running_server(notes) as server:
        proc = server.proc
        deadline = time.monotonic() + LIVE
        while not _children(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = _children(proc.pid)
        assert workers, "no worker process started"
        getattr(proc, how)()
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(map(_alive, workers)):
            assert time.monotonic() < deadline, "the worker outlived its server"
            time.sleep(0.2)
