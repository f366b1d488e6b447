"""glossgraph benchmarks (`make bench`): build, rebuild, scaling, export, query.

Prints Markdown tables (median and min–max of each measurement) and writes the same figures
to bench-output/bench.json. Generated vaults live in bench-output/ (git-ignored) and are
reused while the generator's format and parameters stay the same.

Environment:
  BENCH_LARGE=1        also the 100k-note vault (builds only)
  BENCH_SIZES=1000,..  vault sizes of sections 1 and 3 (default 1000,10000)
  BENCH_REPEAT=3       runs of each measurement; a run longer than BENCH_LONG seconds
  BENCH_LONG=30        (default) is not repeated (so the whole run stays near 20 minutes)
  BENCH_SECTIONS=1,2,3,4,5,6,live,push,store,viewer   (`load` = 6, `live` = 7, `push` = 8;
                       `viewer` = tests/bench/viewer_bench.py)
  BENCH_QUERY_NOTES=1000  vault size served in section 5
  BENCH_REQUESTS=2000, BENCH_CONCURRENCY=8   load of section 5, per query
  BENCH_OBSIDIAN_TIMEOUT=300  obsidiantools runs longer than this are stopped (reported so)
  BENCH_OUT=bench-output
  BENCH_LOAD_NOTES=../shared/corpora/wwfyde-notes   notes served (a copy) in section 6 (`load`)
  BENCH_LOAD_SECONDS=30, BENCH_LOAD_CONCURRENCY=32, BENCH_LOAD_EDIT_EVERY=2   load of section 6
  BENCH_LIVE_NOTES=../shared/corpora/wwfyde-notes   the real notes of sections 7 and 8 (a copy)
  BENCH_LIVE_SYNTH=10000   synthetic vault served in section 7 and pushed in 8 (0: none;
                       BENCH_PUSH_SYNTH overrides it for section 8)
  BENCH_LIVE_EDITS=10  timed edits per vault in section 7 (of the note defining the most
                       concepts; then BENCH_LIVE_TYPICAL_EDITS=5 of a median note); BENCH_LIVE_RSS_EDITS=0 more edits
                       after them, for RSS across a longer run (0: skipped)
  BENCH_LIVE_LOAD_SECONDS=10, BENCH_LIVE_CONCURRENCY=4   the p99 client of section 7
  BENCH_LIVE_EDIT_TIMEOUT=300   an edit not visible after this long counts as missed
  BENCH_LIVE_BUDGET=600   no further timed edits of a vault once they took this long
  BENCH_LIVE_RESTART=1  section 7 also restarts each server on its filled record cache

Each measurement runs in a subprocess (`run.py --child NAME …`), so peak RSS is that of
the measured work alone (os.wait4's ru_maxrss: the largest single process of the child's
tree, pool workers included, not their sum) and one measurement cannot warm another's
caches in-process. The run starts by measuring how many cores two CPU-bound processes really
get (other work on a shared machine can leave about one), which the parallel figures need.

obsidiantools 0.11 stops with UnboundLocalError on a non-UTF-8 note, so it is tried once on
the full vault and then measured on a hard-linked copy without those notes (said so in a
footnote). Section 4 times rdf.serialize cold (its per-build triple cache cleared) and warm.
Section 5 runs the GraphQL server and a plain FastAPI JSON app (here, `--child plain`) over
the same MemoryStore, one after the other, with an httpx load from a separate process.
Section 6 (`BENCH_SECTIONS=load` alone) is the load check of issue 10: GraphQL `concept(label:)`
and `search(text:)` from BENCH_LOAD_CONCURRENCY connections for BENCH_LOAD_SECONDS each
(`--child soak`), against a watching `glossgraph serve` of a copy of a real corpus, first
quiet, then while this process appends a glossary bullet to one note every
BENCH_LOAD_EDIT_EVERY seconds. Goal: 0 errors, p99 during edits <= 2x p99 without.
Section 7 (`live`, issue 12) serves a copy of the author's notebook and of the synthetic vault,
each with a `glossgraph serve` of its own (record cache empty at the first start, then one
restart on the filled cache), and times edit -> visible: a glossary bullet appended to one
note, GraphQL `concept(label:)` polled every 20 ms until the new term answers; then RSS
(/proc VmRSS of the server and its children) and `concept(label:)` p99 from a client process
(`--child liveload`) with and without edits, beside the issue's targets.
Section 8 (`push`, issue 14) starts `oxigraph serve` (.venv/bin/oxigraph; `pip install
oxigraph` provides it, the section says so when it is missing) on a fresh database per vault
and times `graph.remote.push` in a child (`--child push`): the first push (triples/s), a push
with nothing changed, and the push after one note is edited (graphs sent).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from gen import FORMAT, read_manifest  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent
OUT = Path(os.environ.get("BENCH_OUT", REPO / "bench-output"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
LONG = float(os.environ.get("BENCH_LONG", "30"))
SEED = 7
OBSIDIAN_TIMEOUT = float(os.environ.get("BENCH_OBSIDIAN_TIMEOUT", "300"))


# =========================================================================== children
# Each `--child NAME args` prints one JSON object on its last stdout line.

def child_floor(vault: str) -> dict:
    """The floor: read every note, python-frontmatter, markdown-it-py commonmark parse."""
    import frontmatter
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    notes = tokens = 0
    for dirpath, dirnames, filenames in os.walk(vault):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.endswith(".md"):
                continue
            with open(os.path.join(dirpath, name), "rb") as fh:
                text = fh.read().decode("utf-8", errors="replace")
            try:
                post = frontmatter.loads(text)
                body = post.content
            except Exception:  # bad YAML: the whole text is the body
                body = text
            tokens += len(md.parse(body))
            notes += 1
    return {"notes": notes, "tokens": tokens}


def child_glossgraph(vault: str, workers: str) -> dict:
    from graph import build

    result = build(vault, workers=int(workers))
    return {"notes": len(result.notes), "concepts": len(result.concepts),
            "edges": len(result.graph_edges), "warnings": len(result.warnings)}


def child_obsidiantools(vault: str) -> dict:
    import obsidiantools.api as otools

    vault_obj = otools.Vault(Path(vault)).connect().gather()
    return {"notes": len(vault_obj.md_file_index), "edges": vault_obj.graph.number_of_edges()}


def child_rebuild(vault: str, runs: str) -> dict:
    """Builder in process: full build, then (touch one note | edit one note) + refresh()."""
    from graph import Builder

    builder = Builder(vault)
    t = time.perf_counter()
    first = builder.refresh()
    full = time.perf_counter() - t
    manifest = read_manifest(vault)
    paths = sorted(manifest["terms"])
    out = {"full": full, "notes": len(first.notes), "touch": [], "edit": [], "reparsed": []}
    # The same note each time: touch it (same bytes, new mtime), then edit it (a new term).
    path = Path(vault) / paths[len(paths) // 2]
    original = path.read_bytes()
    st = path.stat()
    try:
        for k in range(int(runs)):
            path.write_bytes(original)
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + (2 * k + 1) * 1_000_000_000))
            t = time.perf_counter()
            res = builder.refresh()
            out["touch"].append(time.perf_counter() - t)
            out["reparsed"].append(res.reparsed)
            path.write_bytes(original + f"\n- 新术语{k}(bench edit term {k}): 一个新的定义句子。\n"
                             .encode())
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + (2 * k + 2) * 1_000_000_000))
            t = time.perf_counter()
            res = builder.refresh()
            out["edit"].append(time.perf_counter() - t)
            out["reparsed"].append(res.reparsed)
            if res.concept_by_label(f"bench edit term {k}") is None:
                out["error"] = "the edited note's new term is missing after refresh()"
            if out["touch"][-1] + out["edit"][-1] > 2 * LONG:
                break  # long ones are not repeated
    finally:
        path.write_bytes(original)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    return out


def child_export(vault: str, runs: str) -> dict:
    """graph.rdf.serialize (Turtle, N-Triples) vs pyoxigraph dumping the same triples.

    rdf.py keeps a build's triples once made (per result), so each format is timed cold
    (caches cleared: making the triples + writing, what `glossgraph export` does) and warm
    (triples kept: writing only, the like of pyoxigraph's Store.dump)."""
    from graph import build, rdf
    from pyoxigraph import DefaultGraph, RdfFormat, Store

    def clear():
        for name in ("clear_cache",):
            if hasattr(rdf, name):
                getattr(rdf, name)()
        for name in ("_segment_cache", "_url_cache"):
            if isinstance(getattr(rdf, name, None), dict):
                getattr(rdf, name).clear()

    result = build(vault)
    out: dict = {k: [] for k in ("turtle_cold", "turtle", "nt_cold", "nt", "oxi_turtle",
                                 "oxi_nt")}
    nt = b""
    for _ in range(int(runs)):
        for fmt in ("turtle", "nt"):
            clear()
            t = time.perf_counter()
            data = rdf.serialize(result, fmt)
            out[f"{fmt}_cold"].append(time.perf_counter() - t)
            t = time.perf_counter()
            data = rdf.serialize(result, fmt)
            out[fmt].append(time.perf_counter() - t)
            if fmt == "nt":
                nt = data
        if out["turtle_cold"][-1] + out["nt_cold"][-1] > LONG:
            break
    out["nt_bytes"] = len(nt)
    store = Store()
    store.bulk_load(nt, format=RdfFormat.N_TRIPLES)
    out["triples"] = len(store)
    for _ in range(int(runs)):
        t = time.perf_counter()
        store.dump(format=RdfFormat.TURTLE, from_graph=DefaultGraph())
        out["oxi_turtle"].append(time.perf_counter() - t)
        t = time.perf_counter()
        store.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
        out["oxi_nt"].append(time.perf_counter() - t)
    return out


def child_plain(vault: str, port: str) -> None:
    """The comparison server: plain FastAPI JSON endpoints over graph.build's result."""
    import uvicorn
    from fastapi import FastAPI, HTTPException

    from graph import build
    from graph.store import MemoryStore

    result = build(vault)
    store = MemoryStore(result)
    app = FastAPI()

    def concept_json(c) -> dict:
        return {"conceptId": c.id, "labels": [{"value": x.text, "language": x.lang}
                                              for x in c.labels],
                "synonyms": [{"value": x.text} for x in c.synonyms],
                "tags": [{"label": t.label} for t in (store.tag(tid) for tid in c.tags) if t],
                "related": [{"kind": r.kind.upper(), "target": {"conceptId": r.target}}
                            for r in store.relations(c.id)[:50]
                            if store.concept(r.target) is not None]}

    @app.get("/concept")
    def concept(label: str):
        c = store.concept_by_label(label)
        if c is None:
            raise HTTPException(404)
        return concept_json(c)

    @app.get("/search")
    def search(text: str):
        out = []
        for hit in store.search(text, first=10):
            c = store.concept(hit.concept_id)
            if c is not None:
                out.append({"concept": {"conceptId": c.id, "label": c.label},
                            "score": float(hit.score), "matched": hit.matched,
                            "field": hit.field})
        return out

    @app.get("/neighborhood")
    def neighborhood(id: str, depth: int = 2):  # noqa: A002
        sub = store.neighborhood(id, depth)
        return {"center": sub.center,
                "nodes": [{"id": n.id, "kind": n.kind, "label": n.label,
                           "conceptId": n.concept_id, "degree": n.degree} for n in sub.nodes],
                "edges": [{"source": e.source, "target": e.target, "type": e.type,
                           "kind": e.kind} for e in sub.edges],
                "truncated": sub.truncated}

    @app.get("/health")
    def health():
        return {"ok": True}

    uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning", access_log=False)


GQL = {
    "concept": ("query($l:String!){concept(label:$l){labels{value language} synonyms{value} "
                "tags{label} related{kind target{conceptId}}}}", "l"),
    "search": ("query($t:String!){search(text:$t){concept{conceptId label} score matched field}}",
               "t"),
    "neighborhood": ("query($i:String!){neighborhood(id:$i,depth:2){center nodes{id kind label "
                     "conceptId degree} edges{source target type kind} truncated}}", "i"),
}


def child_load(base: str, mode: str, query: str, args_file: str, requests: str,
               concurrency: str) -> dict:
    """Send `requests` requests with `concurrency` threads; latencies of the successful ones."""
    import httpx

    values = json.loads(Path(args_file).read_text("utf-8"))[query]
    if not values:
        raise SystemExit(f"no arguments for {query}")
    n, conc = int(requests), int(concurrency)
    with httpx.Client(base_url=base, timeout=30) as client:  # warm-up, not counted
        for value in values[:20]:
            if mode == "graphql":
                doc, var = GQL[query]
                client.post("/graphql", json={"query": doc, "variables": {var: value}})
            else:
                key = {"concept": "label", "search": "text", "neighborhood": "id"}[query]
                client.get(f"/{query}", params={key: value})
    lat: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(n))

    def worker():
        with httpx.Client(base_url=base, timeout=30) as client:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                value = values[i % len(values)]
                t = time.perf_counter()
                if mode == "graphql":
                    doc, var = GQL[query]
                    r = client.post("/graphql", json={"query": doc, "variables": {var: value}})
                    ok = r.status_code == 200 and not r.json().get("errors")
                else:
                    key = {"concept": "label", "search": "text", "neighborhood": "id"}[query]
                    r = client.get(f"/{query}", params={key: value})
                    ok = r.status_code == 200
                dt = time.perf_counter() - t
                with lock:
                    if ok:
                        lat.append(dt)
                    else:
                        errors[0] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(conc)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - started
    lat.sort()
    pick = (lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] if lat else None)
    return {"requests": n, "ok": len(lat), "errors": errors[0], "seconds": wall,
            "rps": len(lat) / wall if wall else 0, "p50": pick(0.50), "p99": pick(0.99)}


SOAK = {
    "concept": ("query($l:String!){concept(label:$l){conceptId label synonyms{value} "
                "definition tags{label} related(first:20){kind target{conceptId label}}}}", "l"),
    "search": ("query($t:String!){search(text:$t,first:10){concept{conceptId label} score "
               "matched field}}", "t"),
}


def _ask_until(base: str, doc: str, var: str, values: list, k: int, step: int,
               timeout: float, done, lat: list, failures: list, lock) -> None:
    """One client thread: GraphQL `doc` with values k, k+step, … until `done()`; latencies of
    good answers and the problems of the others go into `lat` / `failures`."""
    import httpx

    mine: list[float] = []
    bad: list[str] = []
    i = k
    with httpx.Client(base_url=base, timeout=timeout) as client:
        while not done():
            value = values[i % len(values)]
            i += step
            t = time.perf_counter()
            try:
                r = client.post("/graphql", json={"query": doc, "variables": {var: value}})
                ok = r.status_code == 200 and not r.json().get("errors")
                problem = "" if ok else f"{r.status_code} {r.text[:200]}"
            except (httpx.HTTPError, ValueError) as exc:
                problem = f"{type(exc).__name__}: {exc}"
            dt = time.perf_counter() - t
            if problem:
                bad.append(problem)
            else:
                mine.append(dt)
    with lock:
        lat.extend(mine)
        failures.extend(bad)


def _latencies(lat: list[float], failures: list[str], wall: float) -> dict:
    lat.sort()
    pick = (lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] if lat else None)
    return {"ok": len(lat), "errors": len(failures), "error_samples": failures[:3],
            "seconds": wall, "rps": len(lat) / wall if wall else 0, "p50": pick(0.50),
            "p99": pick(0.99), "max": lat[-1] if lat else None,
            "over_2s": sum(1 for x in lat if x > 2.0)}


def child_soak(base: str, query: str, args_file: str, seconds: str, concurrency: str) -> dict:
    """`concurrency` threads, one keep-alive connection each, send `query` for `seconds`."""
    import httpx

    values = json.loads(Path(args_file).read_text("utf-8"))[query]
    doc, var = SOAK[query]
    with httpx.Client(base_url=base, timeout=30) as client:  # warm-up, not counted
        for value in values[:20]:
            client.post("/graphql", json={"query": doc, "variables": {var: value}})
    lat: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(int(concurrency) + 1)
    deadline = [0.0]

    def worker(k: int) -> None:
        start.wait()
        _ask_until(base, doc, var, values, k, int(concurrency), 30,
                   lambda: time.perf_counter() >= deadline[0], lat, failures, lock)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(int(concurrency))]
    for th in threads:
        th.start()
    deadline[0] = time.perf_counter() + float(seconds)
    started = time.perf_counter()
    start.wait()
    for th in threads:
        th.join()
    wall = time.perf_counter() - started
    return _latencies(lat, failures, wall)


def child_liveload(base: str, args_file: str, stopfile: str, concurrency: str) -> dict:
    """`concurrency` threads send GraphQL `concept(label:)` until `stopfile` exists.

    Writes `stopfile`.go once warmed up, so the caller starts its clock (and its edits) then."""
    import httpx

    values = json.loads(Path(args_file).read_text("utf-8"))["concept"]
    doc, var = SOAK["concept"]
    with httpx.Client(base_url=base, timeout=60) as client:  # warm-up, not counted
        for value in values[:20]:
            client.post("/graphql", json={"query": doc, "variables": {var: value}})
    lat: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop_path = Path(stopfile)

    def worker(k: int) -> None:
        _ask_until(base, doc, var, values, k, int(concurrency), 60, stop_path.exists, lat,
                   failures, lock)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(int(concurrency))]
    started = time.perf_counter()
    for th in threads:
        th.start()
    Path(stopfile + ".go").touch()
    for th in threads:
        th.join()
    wall = time.perf_counter() - started
    return _latencies(lat, failures, wall)


def child_push(vault: str, url: str, edit: str) -> dict:
    """Builder + graph.remote.push: the first push, a push with nothing changed, then (when
    `edit` is "1") one glossary bullet appended to the note defining the most concepts,
    refresh() and a push again. The note's bytes are restored afterwards."""
    from graph import Builder
    from graph.remote import push

    def rep(r) -> dict:
        return {"seconds": r.seconds, "graphs": len(r.put), "notes": len(r.notes_put),
                "shards": len(r.put) - len(r.notes_put), "triples": r.triples,
                "bytes": r.bytes, "deleted": len(r.deleted), "kept": r.kept,
                "version": r.version, "line": r.line()}

    builder = Builder(vault)
    t = time.perf_counter()
    result = builder.refresh()
    out: dict = {"build": time.perf_counter() - t, "notes": len(result.notes),
                 "concepts": len(result.concepts)}
    t = time.perf_counter()
    first = push(result, url)
    out["first"] = rep(first) | {"wall": time.perf_counter() - t}
    t = time.perf_counter()
    out["again"] = rep(push(result, url)) | {"wall": time.perf_counter() - t}
    if edit != "1":
        return out
    counts: dict[str, int] = {}
    for c in result.concepts.values():
        for p in set(c.note_paths):
            counts[p] = counts.get(p, 0) + 1
    note = max(sorted(counts), key=lambda p: counts[p])
    path = Path(vault) / note
    original = path.read_bytes()
    st = path.stat()
    out["edited_note"] = note
    out["edited_note_concepts"] = counts[note]
    try:
        sep = b"" if original.endswith(b"\n") else b"\n"
        path.write_bytes(original + sep + "\n- QZPUSHTERM(Quux Zeta Push): 测试术语\n".encode())
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        t = time.perf_counter()
        result = builder.refresh()
        out["refresh"] = time.perf_counter() - t
        out["refresh_reparsed"] = result.reparsed
        t = time.perf_counter()
        out["one"] = rep(push(result, url)) | {"wall": time.perf_counter() - t}
        if result.concept_by_label("QZPUSHTERM") is None and \
                result.concept_by_label("Quux Zeta Push") is None:
            out["error"] = "the edited note's new term is missing after refresh()"
    finally:
        path.write_bytes(original)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    return out


CHILDREN = {"floor": child_floor, "glossgraph": child_glossgraph,
            "obsidiantools": child_obsidiantools, "rebuild": child_rebuild,
            "export": child_export, "plain": child_plain, "load": child_load,
            "soak": child_soak, "liveload": child_liveload, "push": child_push}


# =========================================================================== measuring

def run_child(argv: list[str], timeout: float = 3600) -> tuple[float, int, dict | None, str]:
    """Run a subprocess; (wall seconds, peak RSS in KB, last-line JSON or None, error text)."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    out_chunks: list[bytes] = []
    err_chunks: list[bytes] = []
    readers = [threading.Thread(target=lambda s=s, c=c: c.append(s.read()))
               for s, c in ((proc.stdout, out_chunks), (proc.stderr, err_chunks))]
    for r in readers:
        r.start()
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    timer.cancel()
    for r in readers:
        r.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    out = b"".join(out_chunks).decode("utf-8", "replace")
    err = b"".join(err_chunks).decode("utf-8", "replace")
    data = None
    lines = out.strip().splitlines()
    if proc.returncode == 0 and lines:
        try:
            data = json.loads(lines[-1])
        except ValueError:
            data = None
    problem = ""
    if proc.returncode != 0:
        tail = [x for x in err.strip().splitlines() if x.strip()]
        problem = f"exit {proc.returncode}: {tail[-1] if tail else ''}"[:200]
    return wall, usage.ru_maxrss, data, problem


def child_argv(name: str, *args) -> list[str]:
    return [PY, str(Path(__file__).resolve()), "--child", name, *map(str, args)]


def repeat(argv: list[str], runs: int = REPEAT, timeout: float = 3600) -> dict:
    """Run `argv` up to `runs` times (once if a run takes longer than LONG seconds)."""
    walls, rss, data, problem = [], [], None, ""
    for _ in range(runs):
        wall, peak, data, problem = run_child(argv, timeout)
        if problem and wall >= timeout:
            problem = f"did not finish in {timeout:.0f} s (stopped)"
        if problem:
            break
        walls.append(wall)
        rss.append(peak)
        if wall > LONG:
            break
    return {"seconds": walls, "rss_kb": rss, "data": data, "error": problem}


def stats(values: list[float]) -> dict | None:
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "runs": len(values)}


def fmt_range(values: list[float], unit: str = "s", scale: float = 1.0, digits: int = 2) -> str:
    if not values:
        return "–"
    v = [x * scale for x in values]
    med = statistics.median(v)
    if len(v) == 1:
        return f"{med:.{digits}f} {unit} (1 run)"
    return f"{med:.{digits}f} {unit} ({min(v):.{digits}f}–{max(v):.{digits}f}, {len(v)} runs)"


def ratio(a: list[float], b: list[float]) -> str:
    if not a or not b:
        return "–"
    return f"{statistics.median(a) / statistics.median(b):.2f}×"


class Report:
    def __init__(self):
        self.data: dict = {"machine": {"python": platform.python_version(),
                                       "cpus": os.cpu_count(), "platform": platform.platform()},
                           "started": time.strftime("%Y-%m-%d %H:%M:%S"), "sections": {}}
        self.lines: list[str] = []

    def say(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.say("| " + " | ".join(header) + " |")
        self.say("|" + "|".join("---" for _ in header) + "|")
        for row in rows:
            self.say("| " + " | ".join(row) + " |")
        self.say()

    def save(self) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        self.data["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
        (OUT / "bench.json").write_text(json.dumps(self.data, indent=2, ensure_ascii=False),
                                        encoding="utf-8")
        (OUT / "bench.md").write_text("\n".join(self.lines) + "\n", encoding="utf-8")


def vault_for(notes: int, report: Report) -> Path:
    """The generated vault of `notes` notes, made (in a subprocess) unless already there.

    Never generated in this process: a child forked from a big parent inherits its peak RSS
    (ru_maxrss survives exec), which would inflate every later measurement."""
    path = OUT / f"vault-{notes}"
    manifest = read_manifest(path)
    if manifest and (manifest["notes"], manifest["seed"], manifest["format"]) == \
            (notes, SEED, FORMAT):
        return path
    t = time.perf_counter()
    subprocess.run([PY, str(HERE / "gen.py"), str(path), "--notes", str(notes), "--seed",
                    str(SEED)], check=True, stdout=subprocess.DEVNULL, cwd=REPO)
    manifest = read_manifest(path)
    print(f"(generated {notes} notes, {manifest['bytes'] / 1e6:.1f} MB, in "
          f"{time.perf_counter() - t:.1f} s)", flush=True)
    return path


def utf8_copy(vault: Path) -> tuple[Path, int]:
    """The vault without its non-UTF-8 notes (hard links), for tools that crash on them."""
    manifest = read_manifest(vault)
    skip = {p for p, kind in manifest["broken"].items() if kind == "bytes"}
    dest = vault.with_name(vault.name + "-utf8")
    if read_manifest(dest) == manifest:
        return dest, len(skip)
    if dest.exists():
        shutil.rmtree(dest)
    for src in vault.rglob("*.md"):
        rel = src.relative_to(vault).as_posix()
        if rel in skip:
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(src, target)
    shutil.copy(vault / ".gen-manifest.json", dest / ".gen-manifest.json")
    return dest, len(skip)


# =========================================================================== sections

def section_build(report: Report, sizes: list[int]) -> dict:
    report.say("## 1. Build: glossgraph vs the floor vs obsidiantools")
    report.say()
    report.say("Wall time of a subprocess (interpreter start and imports included); peak RSS = "
               "largest single process (wait4 ru_maxrss). FLOOR = read each file + "
               "python-frontmatter + markdown-it-py commonmark parse, one process.")
    report.say()
    results: dict = {}
    rows = []
    notes: list[str] = []
    obsidian_failure: tuple[str, int] | None = None
    for n in sizes:
        vault = vault_for(n, report)
        res: dict = {}
        res["floor"] = repeat(child_argv("floor", vault))
        res["glossgraph"] = repeat([str(BIN / "glossgraph"), "build", str(vault)])
        res["glossgraph_1proc"] = repeat(child_argv("glossgraph", vault, 1))
        # obsidiantools crashes on non-UTF-8 bytes (UnicodeDecodeError, then UnboundLocalError
        # in its own handler): try once on the (smallest) full vault, then measure it on the
        # vault without those notes.
        if obsidian_failure is None:
            first = run_child(child_argv("obsidiantools", vault), OBSIDIAN_TIMEOUT)
            obsidian_failure = (first[3], n) if first[3] else ("", n)
        if obsidian_failure[0]:
            clean, skipped = utf8_copy(vault)
            res["obsidiantools_full_error"] = obsidian_failure[0]
            res["obsidiantools"] = repeat(child_argv("obsidiantools", clean),
                                          timeout=OBSIDIAN_TIMEOUT)
            res["obsidiantools_note"] = (f"fails on the full vault ({obsidian_failure[0]}, seen at "
                                         f"{obsidian_failure[1]:,} notes); measured on the vault "
                                         f"without its {skipped} non-UTF-8 notes")
        else:
            res["obsidiantools"] = repeat(child_argv("obsidiantools", vault),
                                          timeout=OBSIDIAN_TIMEOUT)
        results[n] = res
        floor = res["floor"]["seconds"]
        for key, name in (("floor", "FLOOR (read + frontmatter + markdown-it)"),
                          ("glossgraph", f"`glossgraph build` ({os.cpu_count()} workers)"),
                          ("glossgraph_1proc", "graph.build(workers=1)"),
                          ("obsidiantools", "obsidiantools Vault.connect().gather()")):
            r = res[key]
            note = ""
            if key == "obsidiantools" and res.get("obsidiantools_note"):
                notes.append(f"{n:,} notes: obsidiantools {res['obsidiantools_note']}")
                note = f" [{len(notes)}]"
            name += note
            if r["error"].startswith("did not finish"):
                stopped = OBSIDIAN_TIMEOUT if key == "obsidiantools" else 3600
                gg = res["glossgraph"]["seconds"]
                rows.append([f"{n:,}", name, f"> {stopped:.0f} s (stopped)",
                             f"< {n / stopped:.0f} notes/s", "–",
                             f"> {stopped / statistics.median(gg):.2f}× of glossgraph"
                             if gg and key == "obsidiantools" else "–"])
                continue
            if r["error"]:
                rows.append([f"{n:,}", name, f"not available: {r['error']}", "", "", ""])
                continue
            secs = r["seconds"]
            nps = [n / s for s in secs]
            if key == "obsidiantools":
                rel = f"{ratio(secs, res['glossgraph']['seconds'])} of glossgraph"
            elif key == "floor":
                rel = "1.00× floor"
            else:
                rel = f"{ratio(secs, floor)} floor"
            rows.append([f"{n:,}", name, fmt_range(secs),
                         fmt_range(nps, "notes/s", digits=0),
                         fmt_range(r["rss_kb"], "MB", 1 / 1024, 0), rel])
        report.data["sections"]["build"] = results
        report.save()
    report.table(["notes", "what", "time: median (min–max)", "notes/s", "peak RSS", "ratio"],
                 rows)
    for i, text in enumerate(notes, 1):
        report.say(f"[{i}] {text}")
    if notes:
        report.say()
    return results


def section_rebuild(report: Report, n: int) -> None:
    report.say(f"## 2. Rebuild after one changed note ({n:,} notes, Builder in process)")
    report.say()
    vault = vault_for(n, report)
    wall, rss, data, problem = run_child(child_argv("rebuild", vault, REPEAT))
    report.data["sections"]["rebuild"] = {"notes": n, "data": data, "error": problem,
                                          "rss_kb": rss}
    if problem or data is None:
        report.say(f"not available: {problem or 'no result'}")
        report.say()
        return
    rows = [["full build: Builder.refresh() (first)", fmt_range([data["full"]]), "all"],
            ["touch one note (mtime only) + refresh()", fmt_range(data["touch"]), "1"],
            ["edit one note (new term) + refresh()", fmt_range(data["edit"]), "1"]]
    report.table(["what", "time: median (min–max)", "notes re-read"], rows)
    if data.get("error"):
        report.say(f"**problem:** {data['error']}")
    report.say(f"notes re-read per refresh: {sorted(set(data['reparsed']))}; rebuild/full = "
               f"{statistics.median(data['edit']) / data['full']:.2f}")
    report.say()
    report.save()


def section_scaling(report: Report, build: dict) -> None:
    report.say("## 3. Scaling (from section 1)")
    report.say()
    rows = []
    sizes = sorted(build)
    for n in sizes:
        r = build[n]
        g, f = r["glossgraph"], r["floor"]
        if g["error"] or not g["seconds"]:
            rows.append([f"{n:,}", "not available", "", "", ""])
            continue
        t = statistics.median(g["seconds"])
        mem = statistics.median(g["rss_kb"]) / 1024
        t1 = statistics.median(r["glossgraph_1proc"]["seconds"]) \
            if r["glossgraph_1proc"]["seconds"] else float("nan")
        rows.append([f"{n:,}", f"{t:.2f} s", f"{t / n * 1e3:.2f} ms",
                     f"{t1 / n * 1e3:.2f} ms",
                     f"{statistics.median(f['seconds']) / n * 1e3:.2f} ms" if f["seconds"] else "–",
                     f"{mem:.0f} MB", f"{mem * 1024 / n:.1f} KB"])
    report.table(["notes", "glossgraph build", "per note", "per note (1 process)",
                  "floor per note", "peak RSS", "RSS per note"], rows)
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        ga, gb = build[a]["glossgraph"], build[b]["glossgraph"]
        if ga["seconds"] and gb["seconds"]:
            growth = statistics.median(gb["seconds"]) / statistics.median(ga["seconds"])
            mgrowth = statistics.median(gb["rss_kb"]) / statistics.median(ga["rss_kb"])
            report.say(f"{b // a}× the notes → {growth:.1f}× the build time, {mgrowth:.1f}× the "
                       f"peak RSS (linear would be {b // a}×).")
            report.say()
            report.data["sections"]["scaling"] = {"from": a, "to": b, "time_growth": growth,
                                                  "rss_growth": mgrowth}
    report.save()


def section_export(report: Report, n: int) -> None:
    report.say(f"## 4. RDF export ({n:,} notes)")
    report.say()
    if not (REPO / "graph" / "rdf.py").exists():
        report.say("skipped: graph/rdf.py does not exist yet")
        report.say()
        report.data["sections"]["export"] = {"skipped": "graph/rdf.py does not exist yet"}
        return
    vault = vault_for(n, report)
    wall, rss, data, problem = run_child(child_argv("export", vault, REPEAT))
    report.data["sections"]["export"] = {"notes": n, "data": data, "error": problem}
    report.save()
    if problem or data is None:
        report.say(f"not available: {problem or 'no result'}")
        report.say()
        return
    rows = []
    for fmt, name in (("turtle", "Turtle"), ("nt", "N-Triples")):
        oxi = data[f"oxi_{fmt}"]
        rows.append([name, "cold (triples made + written)", fmt_range(data[f"{fmt}_cold"]),
                     fmt_range(oxi), ratio(data[f"{fmt}_cold"], oxi)])
        rows.append([name, "warm (2nd call, triples kept)", fmt_range(data[fmt]),
                     fmt_range(oxi), ratio(data[fmt], oxi)])
    report.say(f"{data['triples']:,} triples; pyoxigraph = Store.dump of the same triples "
               f"(loaded from glossgraph's N-Triples), serialization only")
    report.say()
    report.table(["format", "graph.rdf.serialize", "time", "pyoxigraph dump",
                  "glossgraph/pyoxigraph"], rows)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, timeout: float) -> str:
    import httpx

    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            return f"server exited with {proc.returncode}"
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return ""
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    return f"no answer from {url} in {timeout:.0f} s"


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def query_args(vault: Path, base: str) -> dict:
    """Deterministic arguments: labels from the manifest, ids looked up through GraphQL."""
    import random

    import httpx

    manifest = read_manifest(vault)
    rng = random.Random(SEED)
    terms = [labels for rel in sorted(manifest["terms"]) for labels in manifest["terms"][rel]]
    picked = rng.sample(terms, min(200, len(terms)))
    labels = [rng.choice(x) for x in picked]
    search = [label[: max(2, len(label) // 2)] for label in labels]
    ids = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for label in labels[:50]:
            r = client.post("/graphql", json={"query": "query($l:String!){concept(label:$l)"
                                                       "{conceptId}}", "variables": {"l": label}})
            c = (r.json().get("data") or {}).get("concept")
            if c:
                ids.append(c["conceptId"])
    return {"concept": labels, "search": search, "neighborhood": ids}


def section_query(report: Report, n: int) -> None:
    report.say(f"## 5. Query load ({n:,} notes)")
    report.say()
    requests = int(os.environ.get("BENCH_REQUESTS", "2000"))
    conc = int(os.environ.get("BENCH_CONCURRENCY", "8"))
    if not (REPO / "api" / "app.py").exists():
        report.say("skipped: api/app.py does not exist yet")
        report.say()
        report.data["sections"]["query"] = {"skipped": "api/app.py does not exist yet"}
        return
    vault = vault_for(n, report)
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    results: dict = {"notes": n, "requests": requests, "concurrency": conc}
    port = free_port()
    gql_log = open(logs / "serve.log", "wb")
    server = subprocess.Popen([str(BIN / "glossgraph"), "serve", str(vault), "--host",
                               "127.0.0.1", "--port", str(port), "--no-watch"],
                              stdout=gql_log, stderr=subprocess.STDOUT, cwd=REPO)
    plain_port = free_port()
    plain_log = open(logs / "plain.log", "wb")
    plain = None
    try:
        problem = wait_http(f"http://127.0.0.1:{port}/health", server, 1200)
        if problem:
            tail = (logs / "serve.log").read_text("utf-8", "replace").strip().splitlines()[-1:]
            report.say(f"skipped: `glossgraph serve` did not come up ({problem}; "
                       f"{' '.join(tail)})")
            report.say()
            results["skipped"] = problem
            report.data["sections"]["query"] = results
            return
        base = f"http://127.0.0.1:{port}"
        args = query_args(vault, base)
        args_file = OUT / "query-args.json"
        args_file.write_text(json.dumps(args, ensure_ascii=False), encoding="utf-8")
        # One server at a time on the two cores: GraphQL first, then the plain app.
        gql = {}
        for q in GQL:
            child_load_argv = child_argv("load", base, "graphql", q, args_file, requests, conc)
            _, _, data, err = run_child(child_load_argv)
            gql[q] = data or {"error": err}
        stop(server)
        plain = subprocess.Popen(child_argv("plain", vault, plain_port), stdout=plain_log,
                                 stderr=subprocess.STDOUT, cwd=REPO)
        problem = wait_http(f"http://127.0.0.1:{plain_port}/health", plain, 1200)
        flat = {}
        if not problem:
            pbase = f"http://127.0.0.1:{plain_port}"
            for q in GQL:
                _, _, data, err = run_child(child_argv("load", pbase, "plain", q, args_file,
                                                       requests, conc))
                flat[q] = data or {"error": err}
        results.update(graphql=gql, plain=flat, plain_error=problem)
        report.data["sections"]["query"] = results
        report.save()

        def cell(d: dict | None) -> list[str]:
            if not d or d.get("error"):
                return [f"not available: {(d or {}).get('error', problem)}", "", "", ""]
            return [f"{d['rps']:.0f}", f"{d['p50'] * 1e3:.1f} ms", f"{d['p99'] * 1e3:.1f} ms",
                    f"{d['errors']}"]

        rows = []
        for q in GQL:
            g, p = gql.get(q), flat.get(q)
            r = (f"p50 {g['p50'] / p['p50']:.2f}×, time/request {p['rps'] / g['rps']:.2f}×"
                 if g and p and not g.get("error") and not p.get("error") and g["ok"] and p["ok"]
                 else "–")
            rows.append([q, "GraphQL", *cell(g), r])
            rows.append([q, "plain FastAPI JSON", *cell(p), ""])
        report.say(f"{requests} requests per row, {conc} concurrent (httpx threads in one "
                   f"process), one uvicorn worker; the same MemoryStore calls behind both.")
        report.say()
        report.table(["query", "server", "req/s", "p50", "p99", "errors", "GraphQL/plain"], rows)
    finally:
        stop(server)
        if plain is not None:
            stop(plain)
        gql_log.close()
        plain_log.close()


def served_args(base: str) -> tuple[dict, str]:
    """Labels (for concept) and label prefixes (for search) of the served graph, and the note
    to edit (the one defining the most of them), all chosen with the same seed every run.
    `args["typical"]` is a typical note: the median by concepts defined."""
    import random

    import httpx

    concepts: list[dict] = []
    after = None
    with httpx.Client(base_url=base, timeout=60) as client:
        while True:
            r = client.post("/graphql", json={
                "query": "query($a:String){concepts(first:100,after:$a){edges{node{label "
                         "sources{file}}} pageInfo{hasNextPage endCursor}}}",
                "variables": {"a": after}})
            page = r.json()["data"]["concepts"]
            concepts += [e["node"] for e in page["edges"]]
            if not page["pageInfo"]["hasNextPage"] or len(concepts) >= 5000:
                break
            after = page["pageInfo"]["endCursor"]
    rng = random.Random(SEED)
    labels = [c["label"] for c in rng.sample(concepts, min(300, len(concepts)))]
    search = [label[: max(2, len(label) // 2)] for label in labels]
    files = [s["file"] for c in concepts for s in c["sources"] if s["file"].endswith(".md")]
    note = max(sorted(set(files)), key=files.count)
    by_count = sorted(sorted(set(files)), key=files.count)
    typical = by_count[len(by_count) // 2]
    return {"concept": labels, "search": search, "typical": typical}, note


class Editor(threading.Thread):
    """Appends `- 术语N(TermN): 定义` to one note every `every` seconds until stopped."""

    def __init__(self, path: Path, every: float, first: int):
        super().__init__(daemon=True)
        self.path, self.every, self.n, self.stop = path, every, first, threading.Event()
        self.edits = 0

    def run(self) -> None:
        while not self.stop.wait(0 if self.edits == 0 else self.every):
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(f"\n- 术语{self.n}(Term{self.n}): 定义\n")
            self.n += 1
            self.edits += 1


def section_load(report: Report) -> None:
    src = Path(os.environ.get("BENCH_LOAD_NOTES", REPO.parent / "shared" / "corpora" /
                              "wwfyde-notes"))
    seconds = float(os.environ.get("BENCH_LOAD_SECONDS", "30"))
    conc = int(os.environ.get("BENCH_LOAD_CONCURRENCY", "32"))
    every = float(os.environ.get("BENCH_LOAD_EDIT_EVERY", "2"))
    report.say(f"## 6. Load: GraphQL at {conc} connections, quiet and while a note is edited "
               f"({src.name})")
    report.say()
    results: dict = {"notes": str(src), "seconds": seconds, "concurrency": conc,
                     "edit_every": every}
    report.data["sections"]["load"] = results
    if not src.is_dir():
        report.say(f"skipped: {src} is not a folder")
        report.say()
        results["skipped"] = f"{src} is not a folder"
        return
    notes = OUT / "load-notes"  # a copy: the edits never touch the corpus
    if notes.exists():
        shutil.rmtree(notes)
    shutil.copytree(src, notes, symlinks=True)
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = open(logs / "serve-load.log", "wb")
    server = subprocess.Popen([str(BIN / "glossgraph"), "serve", str(notes), "--host",
                               "127.0.0.1", "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    try:
        problem = wait_http(f"{base}/health", server, 1200)
        if problem:
            tail = (logs / "serve-load.log").read_text("utf-8", "replace").strip()
            report.say(f"skipped: `glossgraph serve` did not come up ({problem}): "
                       f"{tail.splitlines()[-1:] or ''}")
            report.say()
            results["skipped"] = problem
            return
        args, note = served_args(base)
        args_file = OUT / "load-args.json"
        args_file.write_text(json.dumps(args, ensure_ascii=False), encoding="utf-8")
        results["edited_note"] = note
        rows = []
        n = 0

        def version() -> int:
            import httpx

            return httpx.get(f"{base}/health", timeout=60).json()["version"]

        for query in SOAK:
            runs = {}
            for edits in (False, True):
                v0 = version()
                editor = Editor(notes / note, every, n) if edits else None
                if editor:
                    editor.start()
                _, _, data, err = run_child(child_argv("soak", base, query, args_file, seconds,
                                                       conc), timeout=seconds * 10 + 600)
                if editor:
                    editor.stop.set()
                    editor.join()
                    n = editor.n
                    # the last edit is served (the watcher kept up): its term can be asked for
                    import httpx

                    deadline = time.time() + 60
                    found = None
                    while time.time() < deadline and not found:
                        r = httpx.post(f"{base}/graphql", timeout=60, json={
                            "query": "query($l:String!){concept(label:$l){conceptId}}",
                            "variables": {"l": f"Term{n - 1}"}})
                        found = (r.json().get("data") or {}).get("concept")
                        if not found:
                            time.sleep(0.2)
                    data = data or {"error": err}
                    data.update(edits=editor.edits, rebuilds=version() - v0,
                                last_edit_served=bool(found))
                runs["edits" if edits else "quiet"] = data or {"error": err}
            results[query] = runs

            def cell(d: dict) -> list[str]:
                if not d or d.get("error") or not d.get("ok"):
                    return [f"not available: {(d or {}).get('error', 'no result')}",
                            "", "", "", "", "", ""]
                return [f"{d['rps']:.0f}", f"{d['p50'] * 1e3:.1f} ms",
                        f"{d['p99'] * 1e3:.1f} ms", f"{d['max'] * 1e3:.0f} ms",
                        f"{d['over_2s']}", f"{d['errors']}"]

            q, e = runs["quiet"], runs["edits"]
            ratio_p99 = (e["p99"] / q["p99"] if q.get("p99") and e.get("p99") else None)
            results[query]["p99_ratio"] = ratio_p99
            rows.append([f"`{query}`", "none", *cell(q), ""])
            rows.append([f"`{query}`", f"{e.get('edits', 0)} edits, {e.get('rebuilds', 0)} "
                         f"rebuilds", *cell(e),
                         f"{ratio_p99:.2f}×" if ratio_p99 is not None else "–"])
            report.save()
        report.say(f"{seconds:.0f} s per row, {conc} concurrent keep-alive connections (httpx "
                   f"threads in one process), one uvicorn worker, the watcher on; edits append "
                   f"`- 术语N(TermN): 定义` to `{note}` every {every:g} s.")
        report.say()
        report.table(["query", "edits", "req/s", "p50", "p99", "max", "> 2 s", "errors",
                      "p99 edits/quiet"], rows)
        verdicts = []
        for query in SOAK:
            r = results[query]
            errors = sum(r[k].get("errors", 0) for k in ("quiet", "edits"))
            ok = errors == 0 and r["p99_ratio"] is not None and r["p99_ratio"] <= 2
            verdicts.append(f"`{query}` {'meets' if ok else 'misses'} the goal "
                            f"(p99 ratio {r['p99_ratio'] or float('nan'):.2f}×, {errors} errors"
                            f"{'' if r['edits'].get('last_edit_served') else '; the last edit was not served'})")
            samples = r["quiet"].get("error_samples", []) + r["edits"].get("error_samples", [])
            if samples:
                verdicts.append(f"`{query}` errors, e.g.: {samples[0][:200]}")
        report.say("Goal: 0 errors and p99 during edits ≤ 2× p99 without. " + "; ".join(verdicts)
                   + ".")
        report.say()
        report.save()
    finally:
        stop(server)
        log.close()


def tree_rss_kb(pid: int) -> tuple[int, int, int]:
    """(VmRSS of `pid`, VmRSS summed over it and its descendants, processes) in KB, from /proc.

    The sum counts pages shared between a parent and its forked workers once per process."""
    def rss(p: int) -> int:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def kids(p: int) -> list[int]:
        out: list[int] = []
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                try:
                    out += [int(x) for x in (task / "children").read_text().split()]
                except OSError:
                    pass
        except OSError:
            pass
        return out

    seen, todo = [], [pid]
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.append(p)
        todo += kids(p)
    return rss(pid), sum(rss(p) for p in seen), len(seen)


def note_count(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*.md") if not any(
        part.startswith(".") for part in p.relative_to(folder).parts))


def append_bullet(path: Path, text: str) -> None:
    """Append `text` (a glossary bullet line) to `path`, with a newline before it if needed."""
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        ends_nl = True
        if fh.tell():
            fh.seek(-1, os.SEEK_END)
            ends_nl = fh.read(1) == b"\n"
    with open(path, "ab") as fh:
        fh.write((("" if ends_nl else "\n") + "\n" + text + "\n").encode("utf-8"))


def wait_ready(url: str, proc: subprocess.Popen, timeout: float) -> tuple[float | None, str]:
    """(seconds from now until `url` answers 200, polled every 0.1 s, or None; problem)."""
    import httpx

    t = time.perf_counter()
    while time.perf_counter() - t < timeout:
        if proc.poll() is not None:
            return None, f"server exited with {proc.returncode}"
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return time.perf_counter() - t, ""
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    return None, f"no answer from {url} in {timeout:.0f} s"


class LiveEdits:
    """Appends `- QZ{i}TERM(Quux Zeta {i}): 测试术语` to one note and polls GraphQL
    `concept(label: "QZ{i}TERM")` every 20 ms until it is non-null."""

    # Either of the new term's two labels: which one becomes a concept's label depends on the
    # note's context (in the synthetic notes' "Notes" sections only "Quux Zeta i" is taken).
    DOC = "query($l:String!,$m:String!){a:concept(label:$l){id} b:concept(label:$m){id}}"

    def __init__(self, base: str, note: Path, timeout: float, prefix: str = "QZ"):
        import httpx

        self.client = httpx.Client(base_url=base, timeout=60)
        self.note, self.timeout, self.i, self.prefix = note, timeout, 0, prefix
        self.answered: dict[str, int] = {}  # which label answered first: how many times

    def one(self) -> float | None:
        """Seconds from the write to the first non-null answer (None: not seen in time)."""
        label, other = f"{self.prefix}{self.i}TERM", f"Quux Zeta {self.prefix} {self.i}"
        append_bullet(self.note, f"- {label}({other}): 测试术语")
        self.i += 1
        t = time.perf_counter()
        while time.perf_counter() - t < self.timeout:
            try:
                r = self.client.post("/graphql", json={"query": self.DOC,
                                                        "variables": {"l": label, "m": other}})
                data = r.json().get("data") or {}
                if data.get("a") is not None or data.get("b") is not None:
                    dt = time.perf_counter() - t
                    key = f"{self.prefix}{{i}}TERM" if data.get("a") is not None \
                        else f"Quux Zeta {self.prefix} {{i}}"
                    self.answered[key] = self.answered.get(key, 0) + 1
                    print(f"  ({self.note.name}: {label} visible after {dt:.2f} s)",
                          file=sys.stderr, flush=True)
                    return dt
            except Exception:  # noqa: BLE001 - a refused or broken answer: poll again
                pass
            time.sleep(0.02)
        print(f"  ({self.note.name}: {label} not visible in {self.timeout:.0f} s)",
              file=sys.stderr, flush=True)
        return None

    def close(self) -> None:
        self.client.close()


def live_vault(name: str, src: Path, report: Report) -> dict:
    """Serve a copy of `src` (cold record cache), time edits, RSS, p99 quiet vs edits."""
    edits = int(os.environ.get("BENCH_LIVE_EDITS", "10"))
    rss_edits = int(os.environ.get("BENCH_LIVE_RSS_EDITS", "0"))
    load_seconds = float(os.environ.get("BENCH_LIVE_LOAD_SECONDS", "10"))
    conc = int(os.environ.get("BENCH_LIVE_CONCURRENCY", "4"))
    edit_timeout = float(os.environ.get("BENCH_LIVE_EDIT_TIMEOUT", "300"))
    budget = float(os.environ.get("BENCH_LIVE_BUDGET", "600"))
    copy = OUT / f"live-{name}"
    cache = OUT / f"live-cache-{name}"
    for folder in (copy, cache):
        if folder.exists():
            shutil.rmtree(folder)
    shutil.copytree(src, copy, symlinks=True)
    res: dict = {"source": str(src), "notes": note_count(copy), "edits_asked": edits}
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GLOSSGRAPH_CACHE_DIR": str(cache)}

    def start(log_name: str) -> tuple[subprocess.Popen, str, float | None, str]:
        port = free_port()
        log = open(logs / log_name, "wb")
        proc = subprocess.Popen([str(BIN / "glossgraph"), "serve", str(copy), "--host",
                                 "127.0.0.1", "--port", str(port)], stdout=log,
                                stderr=subprocess.STDOUT, cwd=REPO, env=env)
        log.close()
        base = f"http://127.0.0.1:{port}"
        ready, problem = wait_ready(f"{base}/health", proc, 1800)
        return proc, base, ready, problem

    server, base, ready, problem = start(f"serve-live-{name}.log")
    editor = None
    try:
        res["ready"] = ready
        if problem:
            tail = (logs / f"serve-live-{name}.log").read_text("utf-8", "replace").strip()
            res["error"] = f"`glossgraph serve` did not come up ({problem}): " \
                           f"{' '.join(tail.splitlines()[-1:])}"
            return res
        res["rss_ready"] = tree_rss_kb(server.pid)
        args, note = served_args(base)
        args_file = OUT / f"live-args-{name}.json"
        args_file.write_text(json.dumps(args, ensure_ascii=False), encoding="utf-8")
        res["edited_note"] = note
        editor = LiveEdits(base, copy / note, edit_timeout)
        # 1. edit → visible, nothing else running
        res["visible"] = []
        t = time.perf_counter()
        for _ in range(edits):
            res["visible"].append(editor.one())
            if res["visible"][-1] is None:
                break
            if time.perf_counter() - t > budget:
                res["budget_stop"] = True
                break
        # 1b. the same on a typical note (median by concepts defined)
        typical = LiveEdits(base, copy / args["typical"], edit_timeout, prefix="QT")
        res["typical_note"], res["visible_typical"] = args["typical"], []
        try:
            for _ in range(int(os.environ.get("BENCH_LIVE_TYPICAL_EDITS", "5"))):
                res["visible_typical"].append(typical.one())
                if res["visible_typical"][-1] is None:
                    break
        finally:
            typical.close()
        time.sleep(1)  # let the last rebuild's garbage go
        res["rss_edits"] = tree_rss_kb(server.pid)
        res["edits_done"] = editor.i + len(res["visible_typical"])
        report.save()

        # 2. concept(label:) p99 with no edits, then while edits follow each other
        def client_run(with_edits: bool) -> dict:
            stopfile = OUT / f"live-stop-{name}"
            for p in (stopfile, Path(f"{stopfile}.go")):
                p.unlink(missing_ok=True)
            box: list = []
            th = threading.Thread(target=lambda: box.append(run_child(
                child_argv("liveload", base, args_file, stopfile, conc), timeout=3600)))
            th.start()
            go = Path(f"{stopfile}.go")
            while not go.exists() and th.is_alive():
                time.sleep(0.05)
            t = time.perf_counter()
            seen: list[float | None] = []
            if with_edits:  # at least load_seconds and two edits, each waited for
                while (time.perf_counter() - t < load_seconds or len(seen) < 2) and \
                        (not seen or seen[-1] is not None) and th.is_alive():
                    seen.append(editor.one())
            else:
                while time.perf_counter() - t < load_seconds and th.is_alive():
                    time.sleep(0.1)
            stopfile.touch()
            th.join()
            _, _, data, err = box[0]
            data = data or {"error": err or "no result"}
            if with_edits:
                data.update(edits=len(seen), visible=seen)
            return data

        res["quiet"] = client_run(False)
        res["during_edits"] = client_run(True)
        res["rss_load"] = tree_rss_kb(server.pid)
        report.save()
        # 3. optional: RSS across a longer run of edits
        if rss_edits:
            res["rss_run"] = {"edits": rss_edits, "visible": []}
            for _ in range(rss_edits):
                res["rss_run"]["visible"].append(editor.one())
                if res["rss_run"]["visible"][-1] is None:
                    break
            time.sleep(1)
            res["rss_run"]["rss"] = tree_rss_kb(server.pid)
            res["rss_run"]["done"] = len(res["rss_run"]["visible"])
        res["edits_total"] = editor.i + len(res["visible_typical"])
    finally:
        if editor is not None:
            res["answered"] = editor.answered
            editor.close()
        stop(server)
    # 4. a restart with the record cache the first start filled
    if os.environ.get("BENCH_LIVE_RESTART", "1") == "1":
        server, base, ready, problem = start(f"serve-live-{name}-restart.log")
        try:
            res["ready_warm"] = ready
            res["ready_warm_error"] = problem
            if not problem:
                res["rss_ready_warm"] = tree_rss_kb(server.pid)
        finally:
            stop(server)
    return res


def section_live(report: Report) -> None:
    """Issue 12: edit → visible through a watching `glossgraph serve`, RSS, p99 under edits."""
    src = Path(os.environ.get("BENCH_LIVE_NOTES", REPO.parent / "shared" / "corpora" /
                              "wwfyde-notes"))
    synth = int(os.environ.get("BENCH_LIVE_SYNTH", "10000"))
    report.say("## 7. Live: edit → visible through `glossgraph serve` (issue 12)")
    report.say()
    results: dict = {}
    report.data["sections"]["live"] = results
    vaults: list[tuple[str, Path]] = []
    if src.is_dir():
        vaults.append((src.name, src))
    else:
        report.say(f"({src} is not a folder: the author's notebook is left out)")
    if synth:
        vaults.append((f"synthetic-{synth}", vault_for(synth, report)))
    for name, path in vaults:
        results[name] = live_vault(name, path, report)
        report.save()
    if not results:
        report.say("skipped: nothing to serve")
        report.say()
        return
    names = list(results)
    author = src.name

    def med(values) -> float | None:
        ok = [v for v in values or [] if v is not None]
        return statistics.median(ok) if ok else None

    def secs(v: float | None) -> str:
        return "–" if v is None else f"{v:.2f} s"

    def mb(t) -> str:
        return "–" if not t else (f"{t[1] / 1024:.0f} MB" + (f" ({t[2]} processes; main "
                                                              f"{t[0] / 1024:.0f} MB)"
                                                              if t[2] > 1 else ""))

    def verdict(ok: bool | None) -> str:
        return "" if ok is None else (" ✓" if ok else " ✗")

    rows: list[list[str]] = []

    def row(what: str, target: str, cell) -> None:
        rows.append([what, target, *[cell(results[n]) for n in names]])

    def err_or(r: dict, text: str) -> str:
        return f"not available: {r['error']}" if r.get("error") else text

    row("notes served", "", lambda r: f"{r['notes']:,}")
    row("ready (/health 200), empty record cache", "15 s today on the notebook",
        lambda r: err_or(r, secs(r.get("ready"))))
    row("ready after a restart (cache filled)", "near-instant",
        lambda r: secs(r.get("ready_warm")) if "ready_warm" in r else "–")

    def visible(r: dict) -> str:
        if r.get("error"):
            return err_or(r, "")
        v = r.get("visible") or []
        ok = [x for x in v if x is not None]
        m = med(v)
        target = 0.3 if r["source"] == str(src) else 1.0
        text = (f"{m:.2f} s / {max(ok):.2f} s ({len(ok)} edits)" if ok else "–") + \
            verdict(None if m is None else m <= target)
        missed = len(v) - len(ok)
        if r.get("budget_stop"):
            text += (f" (stopped after {len(v)} of {r['edits_asked']}: BENCH_LIVE_BUDGET "
                     f"{os.environ.get('BENCH_LIVE_BUDGET', '600')} s)")
        return text + (f"; {missed} not visible in {os.environ.get('BENCH_LIVE_EDIT_TIMEOUT', '300')} s"
                       if missed else "")

    row("edit → visible: median / max", "≤ 0.3 s notebook, ≤ 1 s at 10k", visible)

    def visible_typical(r: dict) -> str:
        v = [x for x in r.get("visible_typical") or [] if x is not None]
        if not v:
            return "–"
        return f"{med(v):.2f} s / {max(v):.2f} s ({len(v)} edits of `{r['typical_note']}`)"

    row("edit → visible, a typical note (median by concepts): median / max", "",
        visible_typical)
    row("label that answered", "", lambda r: ", ".join(
        f"`{k}` {v}×" for k, v in sorted((r.get("answered") or {}).items())) or "–")

    def rss_cell(key: str, target: bool):
        def cell(r: dict) -> str:
            t = r.get(key)
            if not t:
                return "–"
            text = mb(t)
            kb_note = t[1] / max(1, r["notes"])
            if r["source"] == str(src):
                return text + (verdict(t[1] <= 200 * 1024) if target else "")
            return f"{text}, {kb_note:.0f} KB/note" + (verdict(kb_note <= 40) if target else "")
        return cell

    row("RSS after ready (server + children)", "≤ 200 MB notebook, ≤ 40 KB/note at 10k",
        rss_cell("rss_ready", True))
    row("RSS after the timed edits", "flat", lambda r: rss_cell("rss_edits", False)(r) +
        (f" (after {r.get('edits_done', 0)} edits)" if r.get("rss_edits") else ""))
    row("RSS after the load runs", "flat", lambda r: rss_cell("rss_load", False)(r) +
        (f" (after {r.get('edits_done', 0) + r.get('during_edits', {}).get('edits', 0)} edits)"
         if r.get("rss_load") else ""))
    if any("rss_run" in results[n] for n in names):
        row("RSS after the longer run of edits", "flat across 100 edits",
            lambda r: (rss_cell("rss", False)({**r["rss_run"], "notes": r["notes"],
                                               "source": r["source"]})
                       + f" (after {r.get('edits_total', 0)} edits)") if "rss_run" in r else "–")
    if any(results[n].get("rss_ready_warm") for n in names):
        row("RSS after ready, restart", "", rss_cell("rss_ready_warm", False))

    def p99(key: str):
        def cell(r: dict) -> str:
            d = r.get(key)
            if not d:
                return "–"
            if d.get("error") or not d.get("ok"):
                return f"not available: {d.get('error', 'no result')}"
            extra = f", {d['edits']} edits" if "edits" in d else ""
            return (f"{d['p99'] * 1e3:.0f} ms (p50 {d['p50'] * 1e3:.0f} ms, {d['rps']:.0f} "
                    f"req/s, {d['errors']} errors{extra})")
        return cell

    row("`concept(label:)` p99, no edits", "", p99("quiet"))
    row("`concept(label:)` p99, during edits", "", p99("during_edits"))

    def p99_ratio(r: dict) -> str:
        q, e = r.get("quiet") or {}, r.get("during_edits") or {}
        if not q.get("p99") or not e.get("p99"):
            return "–"
        x = e["p99"] / q["p99"]
        r["p99_ratio"] = x
        errors = q.get("errors", 0) + e.get("errors", 0)
        return f"{x:.2f}×" + verdict(x <= 2 and errors == 0)

    row("p99 during edits / without", "≤ 2×, 0 errors", p99_ratio)

    def visible_load(r: dict) -> str:
        v = (r.get("during_edits") or {}).get("visible") or []
        m = med(v)
        return "–" if m is None else f"{m:.2f} s / {max(x for x in v if x is not None):.2f} s"

    row("edit → visible under that load: median / max", "", visible_load)
    conc = os.environ.get("BENCH_LIVE_CONCURRENCY", "4")
    secs_load = os.environ.get("BENCH_LIVE_LOAD_SECONDS", "10")
    report.say(f"A copy of each vault served by `glossgraph serve` (watching, one process, its "
               f"record cache empty at the first start). Each edit appends "
               f"`- QZ{{i}}TERM(Quux Zeta {{i}}): 测试术语` to the note defining the most "
               f"concepts and polls GraphQL `concept(label: \"QZ{{i}}TERM\")` and `concept(label: "
               f"\"Quux Zeta {{i}}\")` (one request) every 20 ms until either answers; the "
               f"next edit waits for the previous one. p99: {conc} httpx threads asking "
               f"`concept(label:)` for {secs_load} s without edits, then for at least "
               f"{secs_load} s and two edits while edits follow each other. RSS: VmRSS of the "
               f"server process and its children (/proc).")
    report.say()
    report.table(["measure", "target (issue 12)", *[f"`{n}`" if n == author else n
                                                    for n in names]], rows)
    report.save()


def oxigraph_server(db: Path, log_path: Path) -> tuple[subprocess.Popen | None, str, str]:
    """(process, base URL, problem) of `oxigraph serve` on a fresh database."""
    import httpx

    exe = BIN / "oxigraph"
    if not exe.exists():
        return None, "", (f"the oxigraph command is missing ({exe}): install it with "
                          f"`{BIN / 'pip'} install oxigraph`")
    if db.exists():
        shutil.rmtree(db)
    port = free_port()
    log = open(log_path, "wb")
    proc = subprocess.Popen([str(exe), "serve", "--location", str(db), "--bind",
                             f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    log.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            return None, "", f"oxigraph serve exited with {proc.returncode}"
        try:
            if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return proc, url, ""
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop(proc)
    return None, "", "oxigraph serve did not answer in 60 s"


def section_push(report: Report) -> None:
    """Issue 14: `push` to a real Oxigraph server: first push, no-op push, one-note push."""
    src = Path(os.environ.get("BENCH_LIVE_NOTES", REPO.parent / "shared" / "corpora" /
                              "wwfyde-notes"))
    synth = int(os.environ.get("BENCH_PUSH_SYNTH", os.environ.get("BENCH_LIVE_SYNTH", "10000")))
    report.say("## 8. Push to a SPARQL store (Oxigraph server, Graph Store Protocol; issue 14)")
    report.say()
    results: dict = {}
    report.data["sections"]["push"] = results
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    if not (BIN / "oxigraph").exists():
        line = (f"skipped: the oxigraph command is missing ({BIN / 'oxigraph'}); install it "
                f"with `{BIN / 'pip'} install oxigraph`")
        report.say(line)
        report.say()
        results["skipped"] = line
        return
    vaults: list[tuple[str, Path]] = []
    if synth:
        vaults.append((f"synthetic-{synth}", vault_for(synth, report)))
    if src.is_dir():
        copy = OUT / f"push-{src.name}"  # edited (and restored): a copy all the same
        if copy.exists():
            shutil.rmtree(copy)
        shutil.copytree(src, copy, symlinks=True)
        vaults.append((src.name, copy))
    cache = OUT / "push-cache"  # records by content: the build is not what is measured here
    old_cache = os.environ.get("GLOSSGRAPH_CACHE_DIR")
    os.environ["GLOSSGRAPH_CACHE_DIR"] = str(cache)
    try:
        for name, path in vaults:
            proc, url, problem = oxigraph_server(OUT / f"oxigraph-{name}",
                                                 logs / f"oxigraph-{name}.log")
            if problem:
                results[name] = {"error": problem}
                continue
            try:
                wall, rss, data, err = run_child(child_argv("push", path, f"{url}/store", "1"))
                results[name] = data or {"error": err or "no result"}
                results[name]["child_rss_kb"] = rss
                results[name]["wall"] = wall
            finally:
                stop(proc)
            report.save()
    finally:
        if old_cache is None:
            os.environ.pop("GLOSSGRAPH_CACHE_DIR", None)
        else:
            os.environ["GLOSSGRAPH_CACHE_DIR"] = old_cache
    names = list(results)

    def cell(key: str):
        def f(r: dict) -> str:
            if r.get("error") and key not in r:
                return f"not available: {r['error']}"
            p = r.get(key)
            if not p:
                return "–"
            rate = p["triples"] / p["seconds"] if p["seconds"] else 0
            return (f"{p['seconds']:.2f} s: {p['graphs']:,} graphs ({p['notes']:,} notes, "
                    f"{p['shards']} shards), {p['triples']:,} triples, "
                    f"{p['bytes'] / 1e6:.1f} MB" + (f", {rate:,.0f} triples/s"
                                                     if key == "first" else "")
                    + (f", {p['deleted']} deleted" if p["deleted"] else ""))
        return f

    rows = [["notes / concepts", *[f"{results[n]['notes']:,} / {results[n]['concepts']:,}"
                                    if "notes" in results[n] else "–" for n in names]],
            ["build before the push (Builder.refresh)",
             *[f"{results[n]['build']:.1f} s" if "build" in results[n] else "–"
               for n in names]],
            ["first push (empty store)", *[cell("first")(results[n]) for n in names]],
            ["push again, nothing changed", *[
                f"{results[n]['again']['seconds']:.2f} s ({results[n]['again']['graphs']} "
                f"graphs sent)" if "again" in results[n] else "–" for n in names]],
            ["one note edited: refresh()", *[
                f"{results[n]['refresh']:.2f} s ({results[n]['refresh_reparsed']} note re-read)"
                if "refresh" in results[n] else "–" for n in names]],
            ["one note edited: push", *[cell("one")(results[n]) for n in names]],
            ["GraphQL through the SPARQL store vs memory store, p50 (goal ≤ 3×)",
             *["not built (`serve --store`)" for _ in names]]]
    report.say("`graph.remote.push` of a `Builder` result in a child process to a fresh "
               "`oxigraph serve` database per vault (the time is the PushReport's: reading the "
               "manifest, the PUTs, the manifest, the DELETEs). The one-note edit appends a "
               "glossary bullet to the note defining the most concepts (restored afterwards).")
    report.say()
    report.table(["measure", *names], rows)
    problems = [f"{n}: {results[n]['error']}" for n in names if results[n].get("error")]
    if problems:
        report.say("**problems:** " + "; ".join(problems))
        report.say()
    report.save()


def _spin(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def parallel_capacity(n: int = 3_000_000) -> float:
    """How many cores this run really gets: one CPU job in process vs two on a 2-process pool.

    2.0 on an idle two-core machine; near 1.0 when other work takes the second core (then the
    parallel build cannot beat the one-process build, whatever the code does)."""
    from concurrent.futures import ProcessPoolExecutor

    t = time.perf_counter()
    _spin(n)
    one = time.perf_counter() - t
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_spin, [1000, 1000]))  # start the workers
        t = time.perf_counter()
        list(pool.map(_spin, [n, n]))
        two = time.perf_counter() - t
    return 2 * one / two


STORE_QUERIES = {
    "concept(label:) + definitions + related targets": (
        "query($v: String!) { concept(label: $v) { conceptId label definitions { text "
        "source { file line } } notes { text } related(first: 20) { kind target { conceptId "
        "label definitions { text } } } } }", "label"),
    "search(text:)": ("query($v: String!) { search(text: $v, first: 10) { score concept { "
                      "conceptId label definition } } }", "label"),
    "neighborhood(depth: 2)": ("query($v: String!) { neighborhood(id: $v, depth: 2) { nodes { "
                               "id label } edges { source target type } } }", "id"),
}


def section_store(report: Report) -> None:
    """Issue 14: GraphQL latency through `serve --store` (SPARQL store) vs the memory store."""
    import httpx

    src = Path(os.environ.get("BENCH_LIVE_NOTES", REPO.parent / "shared" / "corpora" /
                              "wwfyde-notes"))
    requests = int(os.environ.get("BENCH_STORE_REQUESTS", "300"))
    report.say("## 9. GraphQL through a SPARQL store (`serve --store`, Oxigraph) vs memory "
               "(issue 14)")
    report.say()
    results: dict = {"notes": str(src), "requests": requests}
    report.data["sections"]["store"] = results
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    exe = BIN / "glossgraph"
    oxi, url, problem = oxigraph_server(OUT / "oxigraph-store", logs / "oxigraph-store.log")
    if problem or not src.is_dir():
        results["error"] = problem or f"{src} is missing"
        report.say(f"skipped: {results['error']}")
        report.say()
        return
    procs: list[subprocess.Popen] = []
    try:
        t = time.perf_counter()
        pushed = subprocess.run([str(exe), "push", str(src), "--to", f"{url}/store"],
                                capture_output=True, text=True, timeout=3600, cwd=REPO)
        results["push"] = {"seconds": time.perf_counter() - t, "out": pushed.stdout.strip(),
                           "error": pushed.stderr.strip()}
        servers = {}
        for name, args in (("memory", [str(src), "--no-watch"]),
                           ("store", ["--store", f"{url}/query"])):
            port = free_port()
            log = open(logs / f"store-{name}.log", "wb")
            started = time.perf_counter()
            proc = subprocess.Popen([str(exe), "serve", *args, "--port", str(port)], cwd=REPO,
                                    stdout=log, stderr=subprocess.STDOUT)
            log.close()
            procs.append(proc)
            base = f"http://127.0.0.1:{port}"
            problem = wait_http(f"{base}/health", proc, 900)
            if problem:
                results["error"] = f"{name}: {problem}"
                report.say(f"not available: {results['error']}")
                return
            servers[name] = base
            results[f"{name}_ready"] = time.perf_counter() - started
        with httpx.Client(base_url=servers["memory"], timeout=60) as c:
            page = c.post("/graphql", json={"query": "{ concepts(first: 100) { edges { node { "
                                                     "conceptId label } } } }"}).json()
        nodes = [e["node"] for e in page["data"]["concepts"]["edges"]]
        values = {"label": [n["label"] for n in nodes], "id": [n["conceptId"] for n in nodes]}
        for qname, (doc, kind) in STORE_QUERIES.items():
            row = results.setdefault(qname, {})
            for name, base in servers.items():
                lat: list[float] = []
                bad: list[str] = []
                t = time.perf_counter()
                with httpx.Client(base_url=base, timeout=60) as c:
                    for i in range(requests):
                        v = values[kind][i % len(values[kind])]
                        t0 = time.perf_counter()
                        r = c.post("/graphql", json={"query": doc, "variables": {"v": v}})
                        if r.status_code == 200 and not r.json().get("errors"):
                            lat.append(time.perf_counter() - t0)
                        else:
                            bad.append(r.text[:200])
                row[name] = _latencies(lat, bad, time.perf_counter() - t)
            report.save()
    finally:
        for proc in procs:
            stop(proc)
        stop(oxi)
    rows = []
    for qname in STORE_QUERIES:
        m, s_ = results[qname]["memory"], results[qname]["store"]
        ok = m["p50"] and s_["p50"]
        rows.append([qname, f"{m['p50'] * 1e3:.1f} / {m['p99'] * 1e3:.1f} ms" if ok else "–",
                     f"{s_['p50'] * 1e3:.1f} / {s_['p99'] * 1e3:.1f} ms" if ok else "–",
                     f"{s_['p50'] / m['p50']:.2f}× / {s_['p99'] / m['p99']:.2f}×" if ok else "–",
                     f"{m['errors']} / {s_['errors']}"])
    report.say(f"`{src.name}` pushed to a fresh `oxigraph serve` ({results['push']['seconds']:.1f}"
               f" s), then a memory `serve` (ready in {results['memory_ready']:.1f} s) and a "
               f"`serve --store` (ready in {results['store_ready']:.1f} s: the concept layer "
               f"read once); {requests} requests per query and server from one client, the "
               f"values cycling over 100 concepts (the first pass reads the store's records, "
               f"later ones hit the per-version cache).")
    report.say()
    report.table(["query", "memory p50 / p99", "store p50 / p99", "ratio p50 / p99 (goal ≤ 3× "
                  "p50)", "errors mem / store"], rows)
    report.save()


def load_avg() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        data = CHILDREN[sys.argv[2]](*sys.argv[3:])
        if data is not None:
            print(json.dumps(data))
        return 0
    sizes = [int(x) for x in os.environ.get("BENCH_SIZES", "1000,10000").split(",") if x]
    if os.environ.get("BENCH_LARGE") == "1" and 100_000 not in sizes:
        sizes.append(100_000)
    sections = set(os.environ.get("BENCH_SECTIONS",
                                  "1,2,3,4,5,6,live,push,store,viewer").split(","))
    for name, number in (("load", "6"), ("live", "7"), ("push", "8")):
        if name in sections or number in sections:
            sections.update((name, number))
    mid = 10_000 if 10_000 in sizes else sizes[-1]
    report = Report()
    report.data["sizes"] = sizes
    started = time.perf_counter()
    report.say(f"# glossgraph benchmarks — {time.strftime('%Y-%m-%d %H:%M')}, "
               f"Python {platform.python_version()}, {os.cpu_count()} CPUs")
    report.say()
    load0 = report.data["machine"]["load_at_start"] = load_avg()
    cores = report.data["machine"]["effective_cores"] = round(parallel_capacity(), 2)
    report.say(f"Load average {load0}; effective cores for two CPU-bound processes: {cores:.1f} "
               f"of {os.cpu_count()} (other work on the machine takes the rest).")
    report.say()
    build: dict = {}
    if "1" in sections or "3" in sections:
        build = section_build(report, sizes)
    if "2" in sections:
        section_rebuild(report, mid)
    if "3" in sections and build:
        section_scaling(report, build)
    if "4" in sections:
        section_export(report, mid)
    if "5" in sections:
        section_query(report, int(os.environ.get("BENCH_QUERY_NOTES", "1000")))
    if "6" in sections:
        section_load(report)
    if "live" in sections:
        section_live(report)
    if "push" in sections:
        section_push(report)
    if "store" in sections:
        section_store(report)
    if "viewer" in sections:
        from viewer_bench import section_viewer  # tests/bench is on sys.path when run as a script

        section_viewer(report)
    report.say(f"total {time.perf_counter() - started:.0f} s; load average at start "
               f"{load0}, at end {load_avg()} (other work on the machine skews the figures); "
               f"figures in {OUT / 'bench.json'}")
    report.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
