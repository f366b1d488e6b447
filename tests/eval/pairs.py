"""The related and broader pairs of the eval keys that the graph misses, and why.

    .venv/bin/python tests/eval/pairs.py [--missing] [--synonyms] [KEY.json ...]

For each key (default: the shared keys and tests/eval/keys), builds its notes in this process
(as `run.py --fast` does) and prints each pair the scorer counts as missed: a pair whose two
concepts are both found but not joined the right way (with the edges that do join them:
`SAME` when one concept carries both labels, `~narrower` for an edge from the second to the
first), and with --missing also the pairs where a concept is missing (recall's work, not the
relation rules'). With --synonyms also each key concept whose labels are split, with
where each label sits (`-`: on no concept). The last line counts them per kind. Reads `score.py`'s own label
normalisation, so a pair listed here is one the scorer misses.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from rdflib.namespace import RDF, SKOS

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (tests/eval/run.py, beside this file)


def edges_between(g, by_label: dict, norm, a: str, b: str) -> set[str]:
    """The properties joining a concept labelled `a` to one labelled `b` (`~p`: b → a)."""
    out = set()
    for x in by_label.get(norm(a), ()):
        for y in by_label.get(norm(b), ()):
            if x == y:
                out.add("SAME")
                continue
            out.update(p.split("#")[-1].split("/")[-1] for p in g.predicates(x, y))
            out.update("~" + p.split("#")[-1].split("/")[-1] for p in g.predicates(y, x))
    return out


def split_synonyms(g, by_label: dict, scorer, key: dict, counts: Counter) -> list[str]:
    """One line per key concept whose labels are not all on one exported concept: each label
    with the preferred label of the concept(s) carrying it, `-` for a label found nowhere."""
    lines = []
    for concept in key["concepts"]:
        names = [scorer.norm(label) for label in concept["labels"]]
        if len(names) < 2:
            continue
        counts["synonyms", "groups"] += 1
        if set.intersection(*[by_label.get(n, set()) for n in names]):
            continue
        missing = [n for n in names if n not in by_label]
        counts["synonyms", "a label missing" if missing else "all found, apart"] += 1
        where = []
        for n in names:
            owners = sorted(str(next(iter(g.objects(c, SKOS.prefLabel)), c))
                            for c in by_label.get(n, ()))
            where.append(f"{n} @ {'|'.join(owners) or '-'}")
        lines.append("    synonyms: " + "; ".join(where))
    return lines


def main(argv: list[str]) -> None:
    scorer = run.load_scorer()
    export = run.in_process_export(scorer)
    paths = [Path(a) for a in argv if not a.startswith("--")]
    if not paths:
        paths = [p for group in run.key_sets([]).values() for p in group]
    counts: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            key = json.loads(path.read_text(encoding="utf-8"))
            g = export(None, key, Path(tmp))
            by_label: dict[str, set] = defaultdict(set)
            for c in set(g.subjects(RDF.type, SKOS.Concept)):
                if scorer.is_tag(g, c):
                    continue
                for prop in (SKOS.prefLabel, SKOS.altLabel):
                    for label in g.objects(c, prop):
                        by_label[scorer.norm(label)].add(c)
            lines = []
            if "--synonyms" in argv:
                lines += split_synonyms(g, by_label, scorer, key, counts)
            for kind in ("related", "broader"):
                for a, b in key.get(kind, []):
                    found = [scorer.norm(x) in by_label for x in (a, b)]
                    joined = edges_between(g, by_label, scorer.norm, a, b) if all(found) else set()
                    ok = bool(joined - {"SAME"}) if kind == "related" else \
                        bool(joined & {"broader", "~narrower"})
                    counts[kind, "pairs"] += 1
                    if ok:
                        continue
                    if not all(found):
                        counts[kind, "a concept missing"] += 1
                        if "--missing" in argv:
                            gone = " and ".join(x for x, f in zip((a, b), found) if not f)
                            lines.append(f"    {kind}: {a} → {b}   (no concept {gone})")
                        continue
                    counts[kind, "both found, not joined"] += 1
                    lines.append(f"    {kind}: {a} → {b}   edges: {sorted(joined) or '-'}")
            if lines:
                print(path.stem)
                print("\n".join(lines))
    print(", ".join(f"{kind} {what}: {n}" for (kind, what), n in sorted(counts.items())))


if __name__ == "__main__":
    main(sys.argv[1:])
