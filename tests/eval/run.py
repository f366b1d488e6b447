#!/usr/bin/env python3
"""`make eval`: graph quality on hand-labelled keys of real notes (precision, recall, …).

Scores every key in ../shared/eval/keys (the yardstick) and in tests/eval/keys (our own dev
set, written by readers who saw only the note) with ../shared/eval/score.py, and prints one
line per key and a total per key set. By default each key's notes are exported by the real
command line (`glossgraph export`); `--fast` builds in this process instead (same export code,
no process start per key) for quick iteration.

usage: run.py [--verbose] [--fast] [--json FILE] [--update-ratchet] [KEY.json ...]

`tests/eval/ratchet.json` holds the best totals reached so far; `tests/eval/test_ratchet.py`
fails when a change makes any of them worse, and `--update-ratchet` raises them (never
lowers them) after a change made them better.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import tempfile
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
GLOSSGRAPH = REPO / ".venv" / "bin" / "glossgraph"


def load_scorer():
    if not SCORER.is_file():
        sys.exit(f"eval: the scorer {SCORER} is missing (the shared/ folder must sit beside the "
                 "checkout)")
    spec = importlib.util.spec_from_file_location("gg_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def copy_notes(scorer, key: dict, work: Path) -> Path:
    """The key's notes alone in a folder (a whole corpus is read in place). Notes that share
    a file name (the CNCF glossary's en/ and zh-cn/ copies of one term) keep their folder."""
    import shutil

    if "corpus" in key:
        return scorer.SHARED / key["corpus"]
    notes = work / "notes"
    shutil.rmtree(notes, ignore_errors=True)
    notes.mkdir(parents=True)
    names = [Path(src).name for src in key["sources"]]
    for src in key["sources"]:
        target = notes / Path(src).name
        if names.count(Path(src).name) > 1:
            target = notes / Path(src).parent.name / Path(src).name
            target.parent.mkdir(exist_ok=True)
        shutil.copy(scorer.SHARED / src, target)
    return notes


def cli_export(scorer):
    """`score.export` by the real command line, with `copy_notes`."""
    import subprocess

    from rdflib import Graph

    def export(gg, key, work):
        notes = copy_notes(scorer, key, work)
        out = subprocess.run([gg, "export", str(notes), "--format", "turtle"],
                             capture_output=True, timeout=300)
        if out.returncode != 0:
            raise RuntimeError(out.stderr.decode(errors="replace").strip().splitlines()[-1:])
        g = Graph()
        g.parse(data=out.stdout.decode(), format="turtle")
        return g

    return export


def in_process_export(scorer):
    """`score.export` without a process per key: build and serialize here."""
    sys.path.insert(0, str(REPO))
    from graph import build, rdf
    from graph.config import load_config

    def export(_gg, key, work):
        notes = copy_notes(scorer, key, work)
        # No per-note time budget: on a busy machine a long note could pass it in one run
        # and not in the next, and the figures would move for no change of the rules.
        config = replace(load_config(notes)[0], max_note_seconds=0)
        data = rdf.serialize(build(notes, config, workers=1), "nt")
        return _rdflib_graph(data)

    return export


def _rdflib_graph(ntriples: bytes):
    """An rdflib Graph of the N-Triples the scorer reads, parsed by pyoxigraph (rdflib's own
    parser was half of a run's time), its terms as rdflib's N-Triples parser makes them.

    score.py asks a graph for concepts (rdf:type, skos:inScheme), their labels and the edges
    between them (any predicate, an IRI as object): the other triples with a literal object
    (definitions, notes, provenance: about half) would only be stored, not read."""
    import pyoxigraph as ox
    from rdflib import BNode, Graph, Literal, URIRef

    xsd_string = "http://www.w3.org/2001/XMLSchema#string"

    def term(t):
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == xsd_string:
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))

    labels = {"http://www.w3.org/2004/02/skos/core#prefLabel",
              "http://www.w3.org/2004/02/skos/core#altLabel"}
    g = Graph()
    for q in ox.parse(ntriples, ox.RdfFormat.N_TRIPLES):
        if isinstance(q.object, ox.Literal) and q.predicate.value not in labels:
            continue
        g.add((term(q.subject), term(q.predicate), term(q.object)))
    return g



def key_sets(args: list[str]) -> dict[str, list[Path]]:
    if args:
        return {"given": [Path(a) for a in args]}
    own = Path(os.environ.get("GG_DEV_KEYS", HERE / "keys"))
    return {"shared/eval/keys": sorted((SHARED / "eval" / "keys").glob("*.json")),
            "tests/eval/keys": sorted(own.glob("*.json"))}


def run(argv: list[str]) -> dict:
    verbose = "--verbose" in argv
    fast = "--fast" in argv
    out_json = None
    if "--json" in argv:
        out_json = Path(argv[argv.index("--json") + 1])
        argv = [a for i, a in enumerate(argv) if a != "--json" and argv[i - 1] != "--json"]
    args = [a for a in argv if not a.startswith("--")]
    scorer = load_scorer()
    scorer.export = in_process_export(scorer) if fast else cli_export(scorer)
    totals: dict[str, dict[str, list[int]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, keys in key_sets(args).items():
            if not keys:
                continue
            print(f"## {name} ({len(keys)} keys)")
            total: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            for k in keys:
                try:
                    r = scorer.score(str(GLOSSGRAPH), k, Path(tmp), verbose)
                except Exception as exc:  # an export that fails scores nothing, visibly
                    print(f"{k.stem}: EXPORT FAILED {exc}")
                    continue
                print(f"{k.stem}: {scorer.fmt(r)}", flush=True)
                for field, (a, b) in r.items():
                    total[field][0] += a
                    total[field][1] += b
            print(f"ALL {len(keys)} keys: {scorer.fmt({k: tuple(v) for k, v in total.items()})}")
            print()
            totals[name] = {k: list(v) for k, v in total.items()}
            totals[name]["keys"] = [k.stem for k in keys]
    if out_json:
        out_json.write_text(json.dumps(totals, indent=2))
    if "--update-ratchet" in argv and not args:
        update_ratchet(totals)
    return totals


RATCHET = HERE / "ratchet.json"
# Figures that must not go down (a share of a total) and counts that must not go up.
UP = ("P", "R", "syn", "lab", "rel", "brd")
DOWN = ("neg", "dist")


def share(pair: list[int]) -> float:
    return round(100 * pair[0] / pair[1], 1) if pair[1] else 100.0


def compare(totals: dict, floor: dict, slack: float = 0.0) -> list[str]:
    """What got worse than the ratchet: one line per figure."""
    worse = []
    for name, best in floor.items():
        got = totals.get(name)
        if got is None:
            worse.append(f"{name}: not scored")
            continue
        if "keys" in best and best["keys"] != got.get("keys"):
            came = sorted(set(got.get("keys", ())) - set(best["keys"]))
            went = sorted(set(best["keys"]) - set(got.get("keys", ())))
            worse.append(f"{name}: other keys than the ratchet's (new: {', '.join(came) or '-'}; "
                         f"gone: {', '.join(went) or '-'}): set a new floor with "
                         "tests/eval/run.py --fast --update-ratchet")
            continue
        for field in UP:
            if field in best and share(got[field]) + slack < best[field]:
                worse.append(f"{name} {field}: {share(got[field])}% < {best[field]}%")
        for field in DOWN:
            if field in best and got[field][0] > best[field]:
                worse.append(f"{name} {field}: {got[field][0]} > {best[field]}")
    return worse


def update_ratchet(totals: dict) -> None:
    floor = json.loads(RATCHET.read_text()) if RATCHET.is_file() else {}
    for name, got in totals.items():
        best = floor.setdefault(name, {})
        if best.get("keys") != got["keys"]:
            best.clear()  # another yardstick: its figures are the new floor
            best["keys"] = got["keys"]
        for field in UP:
            best[field] = max(best.get(field, 0.0), share(got[field]))
        for field in DOWN:
            best[field] = min(best.get(field, got[field][0]), got[field][0])
    RATCHET.write_text(json.dumps(floor, indent=2, sort_keys=True) + "\n")
    print(f"ratchet: {RATCHET.relative_to(REPO)} updated")


if __name__ == "__main__":
    run(sys.argv[1:])
