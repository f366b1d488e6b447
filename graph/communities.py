"""Topics of a glossary: communities of the concept graph, each named by its most central concept.

The concept graph here is undirected and weighted: two concepts are joined when a relation
(link, mention, hierarchy, front matter) or a broader/narrower edge joins them, the weight
counting those edges. Communities are networkx's Louvain method with a fixed seed over nodes
and edges in sorted order, so one graph always gives the same communities. Ids are ranks:
0 is the largest community (ties: by the label of its centre). A community is named by its
most central concept: the one with the most neighbours inside it (ties: more neighbours in
all, then the id).

>>> from graph import build
>>> found = detect(build("data"))
>>> found.groups[0].id, found.groups[0].size > 1, found.of["rag"] >= 0
(0, True, True)
>>> sum(g.size for g in found.groups) == len(found.of)
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from .model import BROADER, RELATED_TO

if TYPE_CHECKING:  # imported when topics are first asked for (20 MB in a server otherwise)
    import networkx as nx

SEED = 13
RESOLUTION = 1.0


@dataclass(frozen=True)
class Community:
    id: int  # rank by size: 0 is the largest
    label: str  # the label of its most central concept
    center: str  # that concept's id
    size: int
    members: tuple[str, ...] = field(repr=False, default=())


@dataclass(frozen=True)
class Communities:
    groups: tuple[Community, ...]
    of: dict[str, int]  # concept id → community id

    def get(self, cid: str) -> int | None:
        return self.of.get(cid)


def concept_graph(result) -> nx.Graph:
    """Concepts joined by relations and broader edges (undirected; weight = how many)."""
    weights: dict[tuple[str, str], int] = {}
    for u, v, data in result.graph_edges:
        if data.get("type") not in (RELATED_TO, BROADER) or u == v:
            continue
        a, b = u.removeprefix("term:"), v.removeprefix("term:")
        if a not in result.concepts or b not in result.concepts:
            continue
        key = (a, b) if a < b else (b, a)
        weights[key] = weights.get(key, 0) + 1
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(sorted(result.concepts))
    g.add_edges_from((a, b, {"weight": w}) for (a, b), w in sorted(weights.items()))
    return g


def detect(result, seed: int = SEED, resolution: float = RESOLUTION) -> Communities:
    """The communities of a build's concepts (every concept is in exactly one)."""
    import networkx as nx

    g = concept_graph(result)
    if g.number_of_nodes() == 0:
        return Communities((), {})
    parts = nx.community.louvain_communities(g, weight="weight", resolution=resolution,
                                             seed=seed)
    named = []
    for members in parts:
        inside = g.subgraph(members)
        center = min(members, key=lambda n: (-inside.degree(n), -g.degree(n), n))
        named.append((sorted(members), center, result.concepts[center].label))
    named.sort(key=lambda x: (-len(x[0]), x[2], x[1]))
    groups = tuple(Community(i, label, center, len(members), tuple(members))
                   for i, (members, center, label) in enumerate(named))
    of = {cid: grp.id for grp in groups for cid in grp.members}
    return Communities(groups, of)
