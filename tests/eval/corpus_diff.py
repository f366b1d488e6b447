#!/usr/bin/env python3
"""The corpus-wide check of a rule: which concept labels a change adds and removes on whole corpora.

A rule earns its place when what it adds on notes nobody tuned for is mostly real terms. This
builds each corpus of ../shared/corpora in this process (no per-note time budget, no cache),
writes its concepts (label, rule, confidence, first sources, other labels) to DIR/<corpus>.tsv,
and, given a baseline folder written the same way before the change, prints per corpus how many
labels were added and removed and how many (label, other name) pairs were joined and parted,
and a seeded random sample of both to judge by hand.

usage: corpus_diff.py DIR [--base BASEDIR] [--sample N] [--seed S] [CORPUS ...]

  corpus_diff.py /tmp/recall/base                    # before the change
  corpus_diff.py /tmp/recall/new --base /tmp/recall/base --sample 40

One corpus at a time, one worker: the largest takes about a minute on a quiet machine.
"""

from __future__ import annotations

import os
import random
import sys
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPORA = REPO.parent / "shared" / "corpora"


def dump(corpus: Path, out: Path) -> int:
    """Build `corpus` and write one line per concept to `out`; the number of concepts."""
    sys.path.insert(0, str(REPO))
    from graph import build
    from graph.config import load_config

    config = replace(load_config(corpus)[0], max_note_seconds=0)
    result = build(corpus, config, workers=1)
    with out.open("w", encoding="utf-8") as f:
        for c in result.concepts.values():
            sources = ";".join(f"{s.file}:{s.line}" for s in c.sources[:2])
            others = " | ".join(x.text for x in c.all_labels()[1:])
            f.write(f"{c.label}\t{c.rule}\t{c.confidence:.2f}\t{sources}\t{others}\n")
    return len(result.concepts)


def labels(path: Path) -> dict[str, str]:
    """Label → the rest of its line, from a file `dump` wrote."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        label, _, rest = line.partition("\t")
        out.setdefault(label, rest)
    return out


def name_pairs(path: Path) -> set[tuple[str, str]] | None:
    """Each two names of one concept (sorted: a label that becomes the main one is no
    change), from a file `dump` wrote; None for a file written before the names were."""
    out, fifth = set(), False
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        fifth = fifth or len(cells) >= 5
        names = [cells[0], *(cells[4].split(" | ") if len(cells) >= 5 and cells[4] else ())]
        out.update(tuple(sorted((a, b))) for i, a in enumerate(names) for b in names[i + 1:])
    return out if fifth else None


def compare(before: dict[str, str], after: dict[str, str]) -> tuple[list[str], list[str]]:
    """Labels added and removed, sorted.

    >>> compare({"a": "", "b": ""}, {"b": "", "c": ""})
    (['c'], ['a'])
    """
    return sorted(set(after) - set(before)), sorted(set(before) - set(after))


def main(argv: list[str]) -> None:
    os.environ.setdefault("GLOSSGRAPH_CACHE_DIR", "off")
    args, opts, i = [], {}, 0
    while i < len(argv):
        if argv[i] in ("--base", "--sample", "--seed"):
            opts[argv[i]] = argv[i + 1]
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if not args:
        sys.exit(__doc__)
    out_dir = Path(args[0])
    out_dir.mkdir(parents=True, exist_ok=True)
    names = args[1:] or sorted(p.name for p in CORPORA.iterdir() if p.is_dir())
    added_all: list[tuple[str, str, str]] = []
    pairs_all: list[tuple[str, str, tuple[str, str]]] = []
    for name in names:
        n = dump(CORPORA / name, out_dir / f"{name}.tsv")
        line = f"{name}: {n} concepts"
        if "--base" in opts:
            base = Path(opts["--base"]) / f"{name}.tsv"
            after = labels(out_dir / f"{name}.tsv")
            added, removed = compare(labels(base), after)
            line += f", {len(added)} labels added, {len(removed)} removed"
            added_all += [(name, label, after[label]) for label in added]
            before_pairs = name_pairs(base)
            if before_pairs is None:
                line += "; other names: not in the base (written by an older corpus_diff)"
                before_pairs = name_pairs(out_dir / f"{name}.tsv")
            joined, parted = compare(dict.fromkeys(before_pairs),
                                     dict.fromkeys(name_pairs(out_dir / f"{name}.tsv")))
            line += f"; pairs of names: {len(joined)} joined, {len(parted)} parted"
            pairs_all += [(name, "joined", pair) for pair in joined]
            pairs_all += [(name, "parted", pair) for pair in parted]
        print(line, flush=True)
    if added_all and "--sample" in opts:
        rng = random.Random(int(opts.get("--seed", "1")))
        sample = rng.sample(added_all, min(int(opts["--sample"]), len(added_all)))
        for name, label, rest in sample:
            print(f"  {name}\t{label}\t{rest}")
    if pairs_all and "--sample" in opts:
        rng = random.Random(int(opts.get("--seed", "1")))
        for name, how, (label, other) in rng.sample(pairs_all,
                                                    min(int(opts["--sample"]), len(pairs_all))):
            print(f"  {name}\t{how}\t{label} = {other}")


if __name__ == "__main__":
    main(sys.argv[1:])
