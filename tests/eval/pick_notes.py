#!/usr/bin/env python3
"""Pick notes for new held-out keys: a seeded draw per corpus of notes nobody has keyed.

    tests/eval/pick_notes.py SEED [--per wwfyde-notes=8,oldwinter-garden=6,...] [KEYDIR ...]

Excluded: every note a key already reads (tests/eval/keys, ../shared/eval/keys and any KEYDIR
given, e.g. the folders of keys being written), a note whose file name is a keyed note's in
another folder (the author's notebook keeps TechNotes/ and techdocs/ copies of many notes), and
a note sharing more than 30 % of its longer lines with a keyed note or an earlier pick. Notes
of 1.5–25 KB only: a key of a longer one takes a reader hours. Prints one path (relative to
shared/) per line, to hand to the key writers with the format of ../shared/eval/README.md.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1].parent / "shared"
QUOTA = {"wwfyde-notes": 8, "oldwinter-garden": 6, "dendron-vault": 3, "cncf-glossary": 3}


def keyed_sources(folders: list[Path]) -> set[str]:
    out = set()
    for folder in folders:
        for path in folder.glob("*.json"):
            out.update(json.loads(path.read_text(encoding="utf-8")).get("sources", ()))
    return out


def long_lines(path: Path) -> set[str]:
    return {line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
            if len(line.strip()) > 20}


def pick(seed: int, quota: dict[str, int], folders: list[Path]) -> list[str]:
    keyed = keyed_sources(folders)
    names = {Path(s).name.lower() for s in keyed} | {Path(s).stem.lower() for s in keyed}
    seen: set[str] = set()
    for source in keyed:
        if (SHARED / source).is_file():
            seen |= long_lines(SHARED / source)
    rng = random.Random(seed)
    picked = []
    for corpus, count in quota.items():
        candidates = sorted(
            str(p.relative_to(SHARED)) for p in (SHARED / "corpora" / corpus).rglob("*.md")
            if p.name != "SOURCE.md" and 1500 <= p.stat().st_size <= 25000
            and str(p.relative_to(SHARED)) not in keyed
            and p.name.lower() not in names and p.stem.lower() not in names)
        rng.shuffle(candidates)
        taken = 0
        for candidate in candidates:
            if taken == count:
                break
            lines = long_lines(SHARED / candidate)
            if lines and len(lines & seen) > 0.3 * len(lines):
                continue  # a near copy of a keyed note or of a pick
            picked.append(candidate)
            seen |= lines
            taken += 1
    return picked


def main(argv: list[str]) -> int:
    if not argv or not argv[0].isdigit():
        print(__doc__)
        return 2
    quota = dict(QUOTA)
    folders = [HERE / "keys", SHARED / "eval" / "keys"]
    for arg in argv[1:]:
        if arg.startswith("--per="):
            quota = {k: int(v) for k, v in (p.split("=") for p in arg[6:].split(","))}
        else:
            folders.append(Path(arg))
    print("\n".join(pick(int(argv[0]), quota, folders)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
