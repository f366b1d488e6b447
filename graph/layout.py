"""Positions of the whole-graph view, computed on the server once per build (pure Python).

The viewer draws the whole graph at once with these positions instead of running a force
layout in the browser. The picture is made to be read by topic: each community (see
graph.communities) is laid out on its own by a force-directed layout (Fruchterman–Reingold,
a grid bounding the repulsion, node sizes kept apart), then the communities are packed as
discs, largest first, each as close to the middle and to the communities it has most edges
with as it fits, and turned so that its nodes with edges to other communities face them.
A node whose community has fewer than MIN_GROUP nodes in the view is laid out with the
community it has most edges to; tags go with the community of most of their concepts.

Deterministic: the same nodes and edges give the same positions (no randomness).

>>> pos = layout(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")],
...              {"a": 0, "b": 0, "c": 0, "d": 0}, {n: 10.0 for n in "abcd"})
>>> sorted(pos), all(isinstance(v, float) for p in pos.values() for v in p)
(['a', 'b', 'c', 'd'], True)
>>> min(((pos[u][0] - pos[v][0]) ** 2 + (pos[u][1] - pos[v][1]) ** 2) ** 0.5
...     for u in pos for v in pos if u < v) >= 20
True
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence

MAX_NODES = 3000  # larger views are laid out by the browser
MIN_GROUP = 3  # a community with fewer nodes in the view is laid out with its neighbours
EDGE_LENGTH = 58.0  # ideal distance of two joined nodes (model units, as the viewer's)
GAP = 6.0  # least space between two node discs
GROUP_GAP = 46.0  # between two communities
LOOSE = ("loose",)  # the group of nodes joined to nothing in the view
_HALF = ((1, -1), (1, 0), (1, 1), (0, 1))  # with the cell itself: each pair of cells once


def node_radius(degree: int, max_degree: int, kind: str = "term") -> float:
    """The viewer's node size (diameter 14..64 by degree, tags 20..42), halved."""
    rel = math.sqrt(min(1.0, max(0, degree) / max(1, max_degree)))
    if kind == "tag":
        return (20 + 22 * rel) / 2
    return (14 + 50 * rel) / 2


def layout(nodes: Sequence[str], edges: Iterable[tuple[str, str]],
           group_of: Mapping[str, Hashable | None], radius: Mapping[str, float]
           ) -> dict[str, tuple[float, float]]:
    """Positions (x, y) of `nodes` (most important first: they go to the middle of their
    community); `group_of` gives each node's community (None: by its neighbours)."""
    index = {n: i for i, n in enumerate(nodes)}
    pairs = set()
    for a, b in edges:
        if a in index and b in index and a != b:
            pairs.add((a, b) if index[a] < index[b] else (b, a))
    # In node order, never in set order: a set of strings iterates differently in each
    # process (hash randomization), and the positions must not.
    pairs = sorted(pairs, key=lambda p: (index[p[0]], index[p[1]]))
    adj: dict[str, list[str]] = defaultdict(list)
    for a, b in pairs:
        adj[a].append(b)
        adj[b].append(a)
    groups = _layout_groups(nodes, adj, group_of)
    members: dict[Hashable, list[str]] = defaultdict(list)
    for n in nodes:
        members[groups[n]].append(n)
    local: dict[Hashable, dict[str, tuple[float, float]]] = {}
    extent: dict[Hashable, float] = {}
    for key, names in members.items():
        inside = set(names)
        group_edges = [(a, b) for a, b in pairs if a in inside and b in inside]
        pos = _force(names, group_edges, radius)
        local[key] = pos
        extent[key] = max((math.hypot(x, y) + radius.get(n, 10.0) for n, (x, y) in pos.items()),
                          default=10.0)
    between: Counter = Counter()
    for a, b in pairs:
        ga, gb = groups[a], groups[b]
        if ga != gb:
            between[(ga, gb)] += 1
            between[(gb, ga)] += 1
    order = sorted(members, key=lambda k: (k == LOOSE, -len(members[k]), index[members[k][0]]))
    centers = _pack(order, extent, between)
    out: dict[str, tuple[float, float]] = {}
    for key in order:
        cx, cy = centers[key]
        angle = _facing(key, local[key], groups, adj, centers)
        cos, sin = math.cos(angle), math.sin(angle)
        for n, (x, y) in local[key].items():
            out[n] = (round(cx + x * cos - y * sin, 2), round(cy + x * sin + y * cos, 2))
    return out


def _layout_groups(nodes: Sequence[str], adj: Mapping[str, list[str]],
                   group_of: Mapping[str, Hashable | None]) -> dict[str, Hashable]:
    """The group each node is laid out in (its community, unless too small in the view)."""
    size = Counter(group_of.get(n) for n in nodes)
    big = {g for g, c in size.items() if g is not None and c >= MIN_GROUP}
    groups: dict[str, Hashable] = {}
    for n in nodes:
        g = group_of.get(n)
        if g in big:
            groups[n] = g
            continue
        votes = Counter(group_of.get(m) for m in adj.get(n, ()) if group_of.get(m) in big)
        if votes:
            groups[n] = min(votes, key=lambda k: (-votes[k], str(k)))
        elif g is not None and size[g] >= 2:
            groups[n] = ("small", g)  # a pair of its own, apart from the rest
        else:
            groups[n] = LOOSE
    return groups


def _force(names: Sequence[str], edges: Sequence[tuple[str, str]],
           radius: Mapping[str, float]) -> dict[str, tuple[float, float]]:
    """A force-directed layout of one group, centred on (0, 0)."""
    n = len(names)
    r = [radius.get(x, 10.0) for x in names]
    if n == 1:
        return {names[0]: (0.0, 0.0)}
    idx = {x: i for i, x in enumerate(names)}
    links = [(idx[a], idx[b]) for a, b in edges]
    deg = [0] * n
    for i, j in links:
        deg[i] += 1
        deg[j] += 1
    k = EDGE_LENGTH
    # a sunflower: the first (most important) nodes in the middle
    spread = k * 0.55 * math.sqrt(n)
    xs = [spread * math.sqrt((i + 0.5) / n) * math.cos(i * 2.399963) for i in range(n)]
    ys = [spread * math.sqrt((i + 0.5) / n) * math.sin(i * 2.399963) for i in range(n)]
    k2 = k * k
    cutoff = k * 3.2 if n > 120 else float("inf")
    cutoff2 = cutoff * cutoff
    iterations = 80 if n > 600 else 110
    temperature = k * 2.5
    gravity = 0.035 if n > 8 else 0.08
    for it in range(iterations):
        t = temperature * (1 - it / iterations) + 1.0
        dx = [0.0] * n
        dy = [0.0] * n
        cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        size = cutoff if cutoff != float("inf") else 1e12
        for i in range(n):
            cells[(int(xs[i] // size), int(ys[i] // size))].append(i)
        for (cx, cy), here in cells.items():
            # each pair once: this cell, and half of the cells around it
            others = [j for ox, oy in _HALF for j in cells.get((cx + ox, cy + oy), ())]
            for a, i in enumerate(here):
                xi, yi, ri = xs[i], ys[i], r[i]
                fx = fy = 0.0
                for j in (here[a + 1:] + others if others else here[a + 1:]):
                    vx = xi - xs[j]
                    vy = yi - ys[j]
                    d2 = vx * vx + vy * vy
                    if d2 > cutoff2:
                        continue
                    if d2 < 1e-4:
                        vx, vy, d2 = math.cos(i * 7 + j), math.sin(i * 7 + j), 1.0
                    f = k2 / d2  # k² / d, along (vx, vy) / d
                    need = ri + r[j] + GAP
                    if d2 < need * need:
                        d = math.sqrt(d2)
                        f += (need - d) * 6.0 / d
                    px = vx * f
                    py = vy * f
                    fx += px
                    fy += py
                    dx[j] -= px
                    dy[j] -= py
                dx[i] += fx
                dy[i] += fy
        for i, j in links:
            vx = xs[i] - xs[j]
            vy = ys[i] - ys[j]
            d = math.sqrt(vx * vx + vy * vy) or 0.01
            # hubs pull less on each leaf: a star spreads into a disc instead of a knot
            f = d * d / k / math.sqrt(max(1, min(deg[i], deg[j])))
            fx, fy = vx / d * f, vy / d * f
            dx[i] -= fx
            dy[i] -= fy
            dx[j] += fx
            dy[j] += fy
        for i in range(n):
            dx[i] -= xs[i] * gravity * k / 10
            dy[i] -= ys[i] * gravity * k / 10
            length = math.hypot(dx[i], dy[i])
            if length > 0:
                step = min(length, t) / length
                xs[i] += dx[i] * step
                ys[i] += dy[i] * step
    mx, my = sum(xs) / n, sum(ys) / n
    # a group with few edges inside drifts apart: bring it to the density of a joined one
    target = 0.62 * k * math.sqrt(n) + max(r)
    reach = max(math.hypot(xs[i] - mx, ys[i] - my) + r[i] for i in range(n))
    if reach > target:
        f = target / reach
        for i in range(n):
            xs[i] = mx + (xs[i] - mx) * f
            ys[i] = my + (ys[i] - my) * f
    _separate(xs, ys, r)
    mx, my = sum(xs) / n, sum(ys) / n
    return {names[i]: (xs[i] - mx, ys[i] - my) for i in range(n)}


def _separate(xs: list[float], ys: list[float], r: Sequence[float], passes: int = 30) -> None:
    """Push overlapping discs apart (a grid keeps each pass linear)."""
    n = len(xs)
    cell = 2 * max(r) + GAP
    for _ in range(passes):
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(n):
            grid[(int(xs[i] // cell), int(ys[i] // cell))].append(i)
        moved = False
        for i in range(n):
            gx, gy = int(xs[i] // cell), int(ys[i] // cell)
            for ox in (-1, 0, 1):
                for oy in (-1, 0, 1):
                    for j in grid.get((gx + ox, gy + oy), ()):
                        if j <= i:
                            continue
                        vx = xs[j] - xs[i]
                        vy = ys[j] - ys[i]
                        d = math.hypot(vx, vy)
                        need = r[i] + r[j] + GAP
                        if d >= need:
                            continue
                        if d < 0.01:
                            vx, vy, d = math.cos(i + j), math.sin(i + j), 1.0
                        push = (need - d) / 2 / d
                        xs[i] -= vx * push
                        ys[i] -= vy * push
                        xs[j] += vx * push
                        ys[j] += vy * push
                        moved = True
        if not moved:
            break


def _pack(order: Sequence[Hashable], extent: Mapping[Hashable, float],
          between: Mapping[tuple[Hashable, Hashable], int]) -> dict[Hashable, tuple[float, float]]:
    """Centres of the groups' discs: none overlap; each goes where it is closest to the middle
    and to the groups it shares edges with (those already placed)."""
    placed: list[tuple[Hashable, float, float, float]] = []
    centers: dict[Hashable, tuple[float, float]] = {}
    angles = [2 * math.pi * a / 24 for a in range(24)]
    for key in order:
        R = extent[key]
        if not placed:
            best = (0.0, 0.0)
        else:
            ties = [(q, between.get((key, q), 0)) for q, *_ in placed]
            weight = sum(w for _, w in ties)
            best, best_score = None, float("inf")
            for q, qx, qy, qr in placed:
                for a in angles:
                    dist = qr + R + GROUP_GAP
                    cx, cy = qx + dist * math.cos(a), qy + dist * math.sin(a)
                    if any(math.hypot(cx - px, cy - py) < pr + R + GROUP_GAP - 1e-6
                           for _, px, py, pr in placed):
                        continue
                    # a screen is wider than high: spreading sideways costs less
                    score = math.hypot(cx / 1.25, cy)
                    if weight:
                        score += 1.5 * sum(w * math.hypot(cx - centers[g][0], cy - centers[g][1])
                                           for g, w in ties if w) / weight
                    if score < best_score:
                        best, best_score = (cx, cy), score
        centers[key] = best
        placed.append((key, best[0], best[1], R))
    return centers


def _facing(key: Hashable, local: Mapping[str, tuple[float, float]],
            groups: Mapping[str, Hashable], adj: Mapping[str, list[str]],
            centers: Mapping[Hashable, tuple[float, float]]) -> float:
    """The turn of a group that brings its nodes with outside edges nearest to the groups
    those edges lead to (maximises the sum of the dot products)."""
    cx, cy = centers[key]
    dot = cross = 0.0
    for n, (x, y) in local.items():
        for m in adj.get(n, ()):
            other = groups[m]
            if other == key:
                continue
            ux, uy = centers[other][0] - cx, centers[other][1] - cy
            norm = math.hypot(ux, uy) or 1.0
            ux, uy = ux / norm, uy / norm
            dot += x * ux + y * uy
            cross += x * uy - y * ux
    if dot == 0 and cross == 0:
        return 0.0
    return math.atan2(cross, dot)
