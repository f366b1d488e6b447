"""The viewer's first picture (issue 13): how long after navigation the whole graph is first
drawn and how long until its layout is final, on a real vault, in headless Debian Chromium.

A benchmark, not a test: it measures and compares with the goals (first drawn graph
<= 1.5 s, settled layout <= 3 s on ../shared/corpora/oldwinter-garden), it never fails on
them. The figures come from the page itself: `window.glossgraph.firstRenderMs` and
`settledMs` (api/static/js/view.js), milliseconds since navigation start (performance.now()),
set after the frame that shows the graph is painted.

One `glossgraph serve NOTES --no-watch` is started; after /health answers, the first
navigation is measured as soon as the server answers ("cold": the server may still be warming
its communities and layout in the background), then VIEWER_RUNS navigations, each in a new
browser context (no HTTP cache), once the server's layout is ready ("warm").

    python tests/bench/viewer_bench.py [NOTES]          # prints a Markdown table, writes JSON
    VIEWER_RUNS=5 VIEWER_WIDTH=1280 VIEWER_HEIGHT=800   # the defaults

For tests/bench/run.py: `section_viewer(report)` writes the same table through its Report
(report.say / report.table / report.data).
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
GARDEN = REPO.parent / "shared" / "corpora" / "oldwinter-garden"
GLOSSGRAPH = Path(sys.executable).parent / "glossgraph"
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
GOAL_FIRST_MS = 1500
GOAL_SETTLED_MS = 3000
SERVER_TIMEOUT = 600.0  # s: a 2,000-note vault builds in well under that
PAGE_TIMEOUT = 60_000  # ms


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(base: str, query: str) -> dict:
    req = urllib.request.Request(base + "/graphql", data=json.dumps({"query": query}).encode(),
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.load(r)


class Server:
    """`glossgraph serve NOTES --no-watch` on a free port, until close()."""

    def __init__(self, notes: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.mkstemp(prefix="viewer-bench-", suffix=".log")[1])
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                [str(GLOSSGRAPH), "serve", str(notes), "--host", "127.0.0.1", "--port",
                 str(self.port), "--no-watch"], cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
        started = time.monotonic()
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"glossgraph serve exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() - started > SERVER_TIMEOUT:
                self.close()
                raise RuntimeError(f"no /health within {SERVER_TIMEOUT:g} s")
            time.sleep(0.2)
        self.ready_s = time.monotonic() - started

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _navigate(browser, url: str, width: int, height: int) -> dict:
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/viewer")
        page.wait_for_function("document.body.dataset.settledMs !== undefined || "
                               "document.body.dataset.state === 'error'", timeout=PAGE_TIMEOUT)
        got = page.evaluate("""() => ({ first: window.glossgraph.firstRenderMs,
            settled: window.glossgraph.settledMs, layout: document.body.dataset.layout || '',
            nodes: window.glossgraph.cy ? window.glossgraph.cy.nodes().length : 0,
            edges: window.glossgraph.cy ? window.glossgraph.cy.edges().length : 0,
            state: document.body.dataset.state, timings: window.glossgraph.timings })""")
        got["errors"] = errors
        return got
    finally:
        context.close()


def measure(notes: Path = GARDEN, runs: int | None = None, width: int | None = None,
            height: int | None = None) -> dict:
    """The figures of one benchmark run (see the module's docstring)."""
    from playwright.sync_api import sync_playwright

    runs = runs or int(os.environ.get("VIEWER_RUNS", "5"))
    width = width or int(os.environ.get("VIEWER_WIDTH", "1280"))
    height = height or int(os.environ.get("VIEWER_HEIGHT", "800"))
    server = Server(Path(notes))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=BROWSER_ARGS)
            try:
                cold = _navigate(browser, server.url, width, height)
                t = time.perf_counter()
                _post(server.url, "{ layout(limit: 400) { id } }")  # ready (or made) now
                layout_wait = time.perf_counter() - t
                warm = [_navigate(browser, server.url, width, height) for _ in range(runs)]
            finally:
                browser.close()
    finally:
        server.close()
    return {"notes": str(notes), "width": width, "height": height, "runs": runs,
            "server_ready_s": round(server.ready_s, 2), "layout_wait_s": round(layout_wait, 3),
            "cold": cold, "warm": warm}


def summary(data: dict) -> list[list[str]]:
    """Rows of the Markdown table: cold, then warm median (min–max), against the goals."""
    def row(name: str, runs: list[dict]) -> list[str]:
        out = [name]
        for key, goal in (("first", GOAL_FIRST_MS), ("settled", GOAL_SETTLED_MS)):
            values = [r[key] for r in runs if isinstance(r.get(key), (int, float))]
            if not values:
                out.append("—")
                continue
            med = statistics.median(values)
            spread = f" ({min(values):.0f}–{max(values):.0f})" if len(values) > 1 else ""
            out.append(f"{med:.0f} ms{spread} {'✓' if med <= goal else '✗'}")
        first = runs[0] if runs else {}
        out.append(f"{first.get('nodes', 0)} / {first.get('edges', 0)}")
        out.append(first.get("layout", ""))
        return out

    return [row("first navigation (server just up)", [data["cold"]]),
            row(f"median of {data['runs']} (new context each)", data["warm"])]


HEADER = ["navigation", f"first drawn graph (goal ≤ {GOAL_FIRST_MS} ms)",
          f"settled layout (goal ≤ {GOAL_SETTLED_MS} ms)", "nodes / edges", "positions"]


def section_viewer(report, notes: Path | None = None) -> None:
    """For tests/bench/run.py: the viewer's first picture, as a section of the report."""
    notes = Path(os.environ.get("BENCH_VIEWER_NOTES", notes or GARDEN))
    report.say(f"## Viewer: first picture of {notes.name} (headless Chromium)")
    report.say()
    if not Path(CHROMIUM).exists() or not notes.is_dir():
        report.say(f"skipped: {CHROMIUM} or {notes} is missing")
        report.say()
        return
    data = measure(notes)
    report.data["viewer"] = data
    report.table(HEADER, summary(data))
    report.say(f"server up in {data['server_ready_s']} s; its layout was ready "
               f"{data['layout_wait_s']} s after the first navigation; "
               f"{data['width']}×{data['height']} viewport.")
    report.say()


def main() -> int:
    notes = Path(sys.argv[1]) if len(sys.argv) > 1 else GARDEN
    data = measure(notes)
    print(f"## Viewer: first picture of {notes.name}\n")
    print("| " + " | ".join(HEADER) + " |")
    print("|" + "|".join("---" for _ in HEADER) + "|")
    for r in summary(data):
        print("| " + " | ".join(r) + " |")
    print(f"\nserver up in {data['server_ready_s']} s; layout ready "
          f"{data['layout_wait_s']} s after the first navigation")
    out = Path(os.environ.get("BENCH_OUT", REPO / "bench-output"))
    out.mkdir(parents=True, exist_ok=True)
    (out / "viewer.json").write_text(json.dumps(data, indent=2, ensure_ascii=False),
                                     encoding="utf-8")
    print(f"figures in {out / 'viewer.json'}")
    errors = [e for r in [data["cold"], *data["warm"]] for e in r.get("errors", [])]
    if errors:
        print("page errors:", *errors, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
