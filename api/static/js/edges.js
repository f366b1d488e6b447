/* Which edges a big view draws and lays out (pure: tested by tests/viewer/edges.test.mjs).
 * Edge elements are plain objects { data: { id, source, target, ek, count } }; `prio` maps an
 * edge kind to its priority (lower first; kinds.js builds it from the registry). */

const rank = (prio, e) => (prio[e.data.ek] ?? 1e6);

/* The whole-graph view of a big graph draws a budget of edges: per node its strongest few
 * (in rounds: every node's strongest edge first, then its second, …), then the strongest others.
 * Returns { drawn, dropped } (each in the input order). */
export function capEdges(edgeEls, budget, prio) {
  if (edgeEls.length <= budget) return { drawn: edgeEls.slice(), dropped: [] };
  const sorted = edgeEls.slice().sort((a, b) => (rank(prio, a) - rank(prio, b)) ||
    ((b.data.count || 1) - (a.data.count || 1)));
  const per = new Map();
  const keep = new Set();
  for (let round = 1; round <= 4 && keep.size < budget; round++) {
    for (const e of sorted) {
      if (keep.size >= budget) break;
      if (keep.has(e)) continue;
      const ka = per.get(e.data.source) || 0; const kb = per.get(e.data.target) || 0;
      if (ka < round || kb < round) {
        keep.add(e); per.set(e.data.source, ka + 1); per.set(e.data.target, kb + 1);
      }
    }
  }
  for (const e of sorted) { if (keep.size >= budget) break; keep.add(e); }
  const drawn = []; const dropped = [];
  for (const e of edgeEls) (keep.has(e) ? drawn : dropped).push(e);
  return { drawn, dropped };
}

/* A dense graph is laid out along the strongest few edges of each node (springs cost per edge
 * and the picture is about the same); every edge is still drawn. At most `per` edges a node,
 * one edge per pair of nodes, no loops. */
export function layoutEdges(edgeEls, nodeCount, prio, per = 3) {
  if (edgeEls.length <= per * nodeCount) return edgeEls;
  const kept = new Map();
  const pairs = new Set();
  const keep = [];
  const sorted = edgeEls.slice().sort((a, b) => rank(prio, a) - rank(prio, b));
  for (const e of sorted) {
    const a = e.data.source; const b = e.data.target;
    if (a === b) continue;
    const key = a < b ? a + '\u0000' + b : b + '\u0000' + a;
    if (pairs.has(key)) continue;
    const ka = kept.get(a) || 0; const kb = kept.get(b) || 0;
    if (ka < per || kb < per) {
      pairs.add(key); keep.push(e); kept.set(a, ka + 1); kept.set(b, kb + 1);
    }
  }
  return keep;
}

/* Dropped edges by node id: { total, dropped: Map id -> [edge], ids: Set of dropped edge ids }. */
export function edgeCapOf(total, dropped) {
  if (!dropped.length) return null;
  const map = new Map();
  const put = (id, e) => { const l = map.get(id); if (l) l.push(e); else map.set(id, [e]); };
  for (const e of dropped) { put(e.data.source, e); put(e.data.target, e); }
  return { total, dropped: map, ids: new Set(dropped.map((e) => e.data.id)) };
}
