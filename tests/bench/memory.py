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


def top(snapshot, n: int = 25) -> None:
    stats = snapshot.statistics("filename")
    total = sum(s.size for s in stats)
    print(f"traced: {total / 2**20:.1f} MB")
    for s in stats[:n]:
        name = s.traceback[0].filename
        name = name.replace(str(ROOT) + "/", "").split("site-packages/")[-1]
        print(f"  {s.size / 2**20:8.1f} MB {s.count:>9} blocks  {name}")


def serve(notes: Path, port: int) -> None:
    import urllib.request

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / notes.name
        shutil.copytree(notes, copy)
        proc = subprocess.Popen([str(ROOT / ".venv/bin/glossgraph"), "serve", str(copy),
                                 "--port", str(port)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
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
            print(f"ready after {time.monotonic() - started:.0f} s: server "
                  f"{rss_mb(proc.pid):.1f} MB, children "
                  f"{[round(rss_mb(c), 1) for c in children(proc.pid)]} MB")
        finally:
            proc.terminate()
            proc.wait(30)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("notes", type=Path)
    ap.add_argument("--trace", action="store_true")
    ap.add_argument("--edits", type=int, default=0)
    ap.add_argument("--server", action="store_true")
    ap.add_argument("--port", type=int, default=8765)
    args = ap.parse_args()
    if args.server:
        return serve(args.notes, args.port)
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
    builder = Builder(notes)
    result = builder.refresh()
    say("built")
    from api.holder import StoreHolder

    holder = StoreHolder(result)
    del result
    say("store")
    builder.warm()
    say("warm (extraction tables)")
    gc.collect()
    say("after gc")
    if args.trace:
        top(tracemalloc.take_snapshot())
    if args.edits:
        from graph.watch import diff

        target = max(notes.rglob("*.md"), key=lambda p: p.stat().st_size)
        builder.follow()
        for i in range(1, args.edits + 1):
            with open(target, "a", encoding="utf-8") as fh:
                fh.write(f"\n- MemTerm{i}: a term added by tests/bench/memory.py\n")
            old = builder.result
            new = builder.refresh()
            change = diff(old, new)
            del old
            holder.swap(new, change=change)
            del new, change
            if i % 5 == 0 or i == args.edits:
                say(f"after {i} edits")
        builder.unfollow()
        if args.trace:
            top(tracemalloc.take_snapshot())
        tmp.cleanup()


if __name__ == "__main__":
    main()
