/* GraphQL nodes and edges → cytoscape element data (sizes by degree, forces, colour groups). */

import { app } from './app.js';
import { edgeKey } from './kinds.js';

export const FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

// sizes are relative to the best-connected concept of the loaded graph (app.maxDegree)
function rel(degree) {
  return Math.sqrt(Math.min(1, Math.max(0, degree || 0) / app.maxDegree));
}

export function nodeSize(kind, degree) {
  switch (kind) {
    case 'term': return 14 + 50 * rel(degree);
    case 'tag': return 20 + 22 * rel(degree);
    case 'synonym': return 11;
    case 'ghost': return 12;
    default: return 18;
  }
}

export function nodeFont(kind, degree) {
  if (kind === 'synonym' || kind === 'ghost') return 9;
  if (kind === 'tag') return 12.5;
  return 10 + 9 * rel(degree);
}

// layout forces are element data (they can be sent to the layout worker as they are)
export function forceData(kind, ek) {
  if (ek) return { len: ek === 'synonym' ? 36 : ek === 'tagged' ? 90 : ek === 'defined' ? 110 : 78, el: ek === 'synonym' ? 0.7 : 0.45 };
  return { rep: kind === 'synonym' ? 3000 : 9000 };
}

export function nodeData(n) {
  const kind = n.kind;
  return {
    id: n.id, kind, label: n.label || n.id,
    conceptId: kind === 'term' ? n.id.replace(/^term:/, '') : (n.conceptId || null),
    degree: n.degree || 0, size: nodeSize(kind, n.degree), fs: nodeFont(kind, n.degree),
    lfs: nodeFont(kind, n.degree), lmw: 220,
    community: n.community ?? null, path: n.path || null, ghost: !!n.ghost, tag: n.tag || null,
    target: n.target || null,
    color: kindColor(kind),
    ...forceData(kind),
  };
}

export function kindColor(kind) {
  const k = app.kinds.nodeKinds.find((x) => x.key === kind);
  return k ? k.color : '#94a3b8';
}

/* Elements of a GraphQL Neighborhood (nodes first); several edges of one kind between two nodes
 * are one element with a count. Each node gets a first place on a sunflower disc. */
export function toElements(hood) {
  const nodes = [];
  const seen = new Set();
  for (const n of hood.nodes || []) {
    if (!n || !n.id || seen.has(n.id)) continue;
    seen.add(n.id);
    nodes.push({ group: 'nodes', data: nodeData(n) });
  }
  const edges = new Map();
  for (const e of hood.edges || []) {
    if (!e || !seen.has(e.source) || !seen.has(e.target) || e.type === 'NARROWER') continue;
    const ek = edgeKey(app.kinds, e);
    const id = `${e.source}\u2192${e.target}\u00b7${ek}`;
    const prev = edges.get(id);
    if (prev) { prev.data.count += 1; continue; }
    edges.set(id, { group: 'edges', data: { id, source: e.source, target: e.target, type: e.type, ek, count: 1, ...forceData(null, ek) } });
  }
  const r = 40 * Math.sqrt(nodes.length + 1);
  nodes.forEach((e, i) => {
    const a = i * 2.399963; const d = r * Math.sqrt((i + 0.5) / (nodes.length + 1));
    e.position = { x: d * Math.cos(a), y: d * Math.sin(a) };
  });
  return nodes.concat([...edges.values()]);
}

/* What every (re)load of a view does with the answer: overview state, size scale, elements. */
export function viewElements(hood) {
  const s = app.state;
  if (s.view === 'overview') {
    s.truncated = !!hood.truncated;
    app.loadedTagsKey = s.truncated ? s.tags.join(',') : '';
  }
  app.maxDegree = Math.max(1, ...(hood.nodes || []).filter((n) => n.kind === 'term').map((n) => n.degree || 0));
  const elements = toElements(hood);
  markMajor(elements);
  return elements;
}

/* the best-connected concepts are the first whose labels are shown */
export function markMajor(elements) {
  const terms = elements.filter((e) => e.group === 'nodes' && e.data.kind === 'term');
  terms.sort((a, b) => b.data.degree - a.data.degree);
  const n = Math.max(12, Math.min(60, Math.round(terms.length / 12)));
  terms.slice(0, n).forEach((e) => { e.classes = 'major'; });
}
