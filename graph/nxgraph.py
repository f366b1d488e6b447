"""Merged concepts → typed nodes and edges (and, on demand, a networkx `MultiDiGraph`).

Node ids are prefixed by kind (`term:rag`, `synonym:检索增强生成`, `tag:机器学习`,
`note:ai-basics.md`); every node and edge carries `file` and `line` of where it came from.
`typed_graph(merged)` gives them as plain lists — what a build keeps and the store reads;
`networkx_of` puts the same nodes and edges in a networkx graph for callers that want one
(`BuildResult.graph`; building it is a third of a rebuild on a large vault, so builds do not).

>>> from graph import build
>>> g = build("data").graph
>>> g.nodes["term:rag"]["kind"], sorted({d["type"] for *_, d in g.out_edges("term:rag", data=True)})
('term', ['DEFINED_IN', 'HAS_SYNONYM', 'RELATED_TO'])
"""

from __future__ import annotations

import networkx as nx

from .merge import Merged
from .model import (BROADER, DEFINED_IN, HAS_SYNONYM, NARROWER, NOTE, RELATED_TO, SYNONYM, TAG,
                    TAGGED, TERM)
from .text import merge_key, normalize


def term_node(cid: str) -> str:
    return f"term:{cid}"


def typed_graph(merged: Merged) -> tuple[dict[str, dict], list[tuple[str, str, dict]]]:
    """The nodes (id → attributes) and edges ((u, v, attributes), in a stable order)."""
    nodes: dict[str, dict] = {}
    edges: list[tuple[str, str, dict]] = []
    for path, note in sorted(merged.notes.items()):
        nodes[f"note:{path}"] = dict(kind=NOTE, label=note.title, path=path, file=path,
                                     line=1, concept=note.concept)
    for tid, tag in sorted(merged.tags.items()):
        first = min(tag.sources) if tag.sources else None
        nodes[f"tag:{tid}"] = dict(kind=TAG, label=tag.label,
                                   file=first.file if first else None,
                                   line=first.line if first else None,
                                   concept=merged.label_index.get(merge_key(tag.label)))
        for source in sorted(set(tag.sources)):
            edges.append((f"note:{source.file}", f"tag:{tid}",
                          {"type": TAGGED, "file": source.file, "line": source.line}))
    for cid, c in sorted(merged.concepts.items()):
        node = term_node(cid)
        first = c.sources[0]
        nodes[node] = dict(kind=TERM, label=c.label,
                           labels=[(x.text, x.lang) for x in c.labels],
                           definition=c.definition, file=first.file, line=first.line,
                           rule=c.rule, confidence=c.confidence)
        for syn in c.synonyms:
            src = c.label_sources.get(normalize(syn.text), first)
            sid = f"synonym:{normalize(syn.text)}"
            if sid not in nodes:
                nodes[sid] = dict(kind=SYNONYM, label=syn.text, lang=syn.lang,
                                  file=src.file, line=src.line)
            edges.append((node, sid, {"type": HAS_SYNONYM, "file": src.file, "line": src.line}))
        for tid in c.tags:
            src = min(merged.tags[tid].sources)
            edges.append((node, f"tag:{tid}", {"type": TAGGED, "file": src.file,
                                               "line": src.line}))
        for source in c.sources:
            edges.append((node, f"note:{source.file}", {"type": DEFINED_IN, "file": source.file,
                                                        "line": source.line}))
    seen: set[tuple[str, str, str]] = set()
    # Sorted on plain tuples: comparing Source dataclasses is several times slower.
    for rel in sorted(merged.relations, key=lambda r: (r.source, r.target, r.kind,
                                                       r.evidence.file, r.evidence.line)):
        if (rel.source, rel.target, rel.kind) in seen:
            continue
        seen.add((rel.source, rel.target, rel.kind))
        a, b = term_node(rel.source), term_node(rel.target)
        where = {"file": rel.evidence.file, "line": rel.evidence.line, "text": rel.text,
                 "rule": rel.rule or rel.kind, "confidence": rel.confidence}
        if rel.kind == BROADER:
            edges.append((a, b, {"type": BROADER, **where}))
            edges.append((b, a, {"type": NARROWER, **where}))
        else:
            edges.append((a, b, {"type": RELATED_TO, "kind": rel.kind, **where}))
    return nodes, edges


def networkx_of(nodes: dict[str, dict], edges: list[tuple[str, str, dict]]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_nodes_from(nodes.items())
    # Explicit keys: networkx would otherwise search for a free key on every parallel edge.
    keys: dict[tuple[str, str], int] = {}
    keyed = []
    for u, v, data in edges:
        k = keys.get((u, v), 0)
        keys[(u, v)] = k + 1
        keyed.append((u, v, k, data))
    g.add_edges_from(keyed)
    return g

