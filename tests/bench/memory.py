"""Memory of a served build: RSS and where it goes (issue 12).

    .venv/bin/python tests/bench/memory.py NOTES [--trace] [--edits N] [--server]

Builds NOTES the way `glossgraph serve` does (Builder.refresh, then a StoreHolder over a
MemoryStore, the extraction warm-up the watcher does), prints VmRSS after each step and, with
--trace, the biggest tracemalloc groups by file (slow: tracing doubles the build time).
--edits N then appends a glossary bullet to one note of a copy N times, refreshing and swapping
after each, and prints RSS every few edits (the growth the live server would see).
--server starts `glossgraph serve` on a copy instead, waits for /health and prints the VmRSS of
the server and of its children (the extraction worker).
"""

from __future__ import annotations

import argparse
import json
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def rss_mb(pid: int | str = "self") -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            pass
    return out


def say(what: str) -> None:
    print(f"{what:<32} RSS {rss_mb():7.1f} MB", flush=True)


def top(snapshot, n: int = 25, by: str = "filename") -> None:
    stats = snapshot.statistics(by)
    total = sum(s.size for s in stats)
    print(f"traced: {total / 2**20:.1f} MB")
    for s in stats[:n]:
        name = s.traceback[0].filename
        name = name.replace(str(ROOT) + "/", "").split("site-packages/")[-1]
        line = f":{s.traceback[0].lineno}" if by == "lineno" else ""
        print(f"  {s.size / 2**20:8.1f} MB {s.count:>9} blocks  {name}{line}")


def serve(notes: Path, port: int, edits: int = 0) -> None:
    import urllib.request

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / notes.name
        shutil.copytree(notes, copy)
        # This checkout's code, whatever the interpreter's environment has installed (a
        # worktree runs the shared venv's python, whose editable install points elsewhere).
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
        proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", str(copy),
                                 "--port", str(port)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=env, cwd=str(ROOT))
        try:
            started = time.monotonic()
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() - started > 600:
                        raise SystemExit("server did not start")
                    time.sleep(0.5)
            time.sleep(8)  # the warm-up thread and the worker's warm-up
            def show(what: str) -> None:
                print(f"{what}: server {rss_mb(proc.pid):.1f} MB, children "
                      f"{[round(rss_mb(c), 1) for c in children(proc.pid)]} MB", flush=True)

            show(f"ready after {time.monotonic() - started:.0f} s")
            target = max(copy.rglob("*.md"), key=lambda p: p.stat().st_size)
            for i in range(1, edits + 1):
                edit_until_visible(target, port, i)
                if i % 5 == 0 or i == edits:
                    time.sleep(1)
                    show(f"after {i} edits")
        finally:
            proc.terminate()
            proc.wait(30)


def edit_until_visible(target: Path, port: int, i: int, within: float = 120) -> None:
    """Append glossary bullet `i` to `target`; return once the server on `port` answers it."""
    import urllib.request

    label = f"MEMZ{i}TERM"
    with open(target, "a", encoding="utf-8") as fh:
        fh.write(f"\n- {label}(Memory Zeta {i}): 测试术语\n")
    body = json.dumps({"query": "query($l:String!){concept(label:$l){id}}",
                       "variables": {"l": label}}).encode()
    t = time.monotonic()
    while time.monotonic() - t < within:
        req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", body,
                                     {"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as answer:
            if json.load(answer)["data"]["concept"] is not None:
                return
        time.sleep(0.05)


def in_process_server(src: Path, port: int, edits: int) -> None:
    import threading
    import weakref

    import uvicorn

    from api.app import create_app
    from api.holder import StoreHolder
    from api.server import _listen, start_watching
    from graph.build import Builder
    from graph.gcpause import settle

    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / src.name
        shutil.copytree(src, notes)
        builder = Builder(notes)
        holder = StoreHolder(builder.refresh())
        stores = [weakref.ref(holder.current.store)]
        holder.subscribe(lambda snap: stores.append(weakref.ref(snap.store)))
        app = create_app(holder, on_startup=[settle])
        sock = _listen("127.0.0.1", port)
        stop = start_watching(builder, holder)
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
        time.sleep(15)
        say("ready")
        target = max(notes.rglob("*.md"), key=lambda p: p.stat().st_size)
        for i in range(1, edits + 1):
            edit_until_visible(target, port, i)
            if i % 5 == 0 or i == edits:
                time.sleep(1)
                alive = [n for n, ref in enumerate(stores) if ref() is not None]
                say(f"after {i} edits (stores alive {alive})")
        old = next((ref() for ref in stores[:-1] if ref() is not None), None)
        gc.unfreeze()  # frozen objects are invisible to gc.get_referrers
        if old is not None:  # who holds it (two levels)
            import sys as _sys
            here = _sys._getframe()
            for r in gc.get_referrers(old):
                if r is here:
                    continue
                if type(r).__name__ == "frame":
                    print("old store held by frame", r.f_code.co_name, r.f_code.co_filename,
                          r.f_lineno, "<-", [type(x).__name__ for x in gc.get_referrers(r)][:5])
                    continue
                up = []
                for x in gc.get_referrers(r):
                    if x is here or type(x).__name__ == "frame":
                        continue
                    up2 = [type(y).__name__ + (f"{sorted(map(str, y))[:4]}" if isinstance(y, dict)
                                               else "") for y in gc.get_referrers(x)][:3]
                    up.append(type(x).__name__ + (f"{sorted(map(str, x))[:5]}" if isinstance(
                        x, dict) else "") + f" <- {up2}")
                print("old store held by", type(r).__name__,
                      sorted(map(str, r)) if isinstance(r, dict) else "", "<-", up)
        stop()
        server.should_exit = True
        time.sleep(2)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("notes", type=Path)
    ap.add_argument("--trace", action="store_true")
    ap.add_argument("--lines", type=int, default=0, help="with --trace: top N source lines too")
    ap.add_argument("--edits", type=int, default=0)
    ap.add_argument("--server", action="store_true")
    ap.add_argument("--app", action="store_true",
                    help="with --edits: serve through the app in this process (a TestClient), "
                         "a GraphQL query after each edit; count the stores still alive")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--uvicorn", action="store_true",
                    help="with --edits: the server's pieces in this process (uvicorn in a "
                         "thread, the watcher), edits over HTTP; count the stores still alive")
    args = ap.parse_args()
    if args.server:
        return serve(args.notes, args.port, args.edits)
    if args.uvicorn:
        return in_process_server(args.notes, args.port, args.edits)
    if args.trace:
        import tracemalloc

        tracemalloc.start()
    say("start")
    import api.holder  # noqa: F401  (the server's imports)
    from graph.build import Builder

    say("imports")
    tmp = None
    notes = args.notes
    if args.edits:
        tmp = tempfile.TemporaryDirectory()
        notes = Path(tmp.name) / args.notes.name
        shutil.copytree(args.notes, notes)
    from graph import memo

    builder = Builder(notes)
    builder.follow()  # as `glossgraph serve`: the segmenter is the worker's (graph.segment)
    result = builder.refresh()
    say("built")
    from api.holder import StoreHolder

    memo.drop()
    holder = StoreHolder(result)
    del result
    memo.drop()
    say("store")
    builder.warm()  # nothing here while the worker reads edits
    say("warm (extraction tables)")
    gc.collect()
    say("after gc")
    if args.trace:
        snapshot = tracemalloc.take_snapshot()
        top(snapshot)
        if args.lines:
            top(snapshot, args.lines, "lineno")
        del snapshot
    if args.edits:
        import weakref

        from graph.watch import diff

        stores = [weakref.ref(holder.current.store)]
        client = None
        if args.app:
            from fastapi.testclient import TestClient

            from api.app import create_app
            from graph.gcpause import settle

            client = TestClient(create_app(holder, on_startup=[settle])).__enter__()
            time.sleep(10)  # the viewer's warm-up of the first graph
            say("app")
        target = max(notes.rglob("*.md"), key=lambda p: p.stat().st_size)
        for i in range(1, args.edits + 1):
            with open(target, "a", encoding="utf-8") as fh:
                fh.write(f"\n- MemTerm{i}: a term added by tests/bench/memory.py\n")
            old = builder.result
            new = builder.refresh()
            change = diff(old, new)
            del old
            holder.swap(new, change=change)
            stores.append(weakref.ref(holder.current.store))
            del new, change
            if client is not None:
                answer = client.post("/graphql", json={
                    "query": "query($l:String!){concept(label:$l){id label}}",
                    "variables": {"l": f"MemTerm{i}"}})
                assert answer.status_code == 200, answer.text
            if i % 5 == 0 or i == args.edits:
                alive = [n for n, ref in enumerate(stores) if ref() is not None]
                say(f"after {i} edits (stores alive {alive})")
        builder.unfollow()
        if client is not None:
            client.__exit__(None, None, None)
        if args.trace:
            top(tracemalloc.take_snapshot())
        tmp.cleanup()


if __name__ == "__main__":
    main()
