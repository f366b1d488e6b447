/* Node and edge kinds, their colours, styles and priorities: all from the server's registry
 * (GET /registry, graph/registry.py). Pure (tested by tests/viewer/kinds.test.mjs). */

/* Edge kinds in legend order: broader, then the kinds of "related", then the rest. */
export function kindsFrom(registry) {
  if (!registry || !Array.isArray(registry.kinds) || !Array.isArray(registry.nodeKinds)) {
    throw new Error('the registry has no kinds');
  }
  const all = registry.kinds.map((k, i) => ({
    key: k.key,
    label: k.label,
    edgeType: k.edge_type,
    related: !!k.related,
    rank: Number.isFinite(k.path_rank) ? k.path_rank : 9,
    order: i,
    color: k.color,
    style: k.line || 'solid',
    width: Number(k.width) || 1.2,
    arrow: !!k.arrow,
    title: k.description || '',
  }));
  const edgeKinds = [
    ...all.filter((k) => !k.related && k.edgeType === 'BROADER'),
    ...all.filter((k) => k.related),
    ...all.filter((k) => !k.related && k.edgeType !== 'BROADER'),
  ];
  const nodeKinds = registry.nodeKinds.map((k) => ({ key: k.key, label: k.label, color: k.color, shape: k.shape }));
  const relationKinds = (registry.relationKinds || all.filter((k) => k.related))
    .map((k) => ({ key: String(k.key).toUpperCase(), kind: k.key, label: k.label, color: k.color,
      rank: Number.isFinite(k.path_rank) ? k.path_rank : k.rank }));
  // priority of an edge kind (0 first): the registry's path rank, then its order
  const prio = {};
  for (const k of all) prio[k.key] = k.rank * 100 + k.order;
  const byType = {};
  for (const k of all) if (!k.related) byType[k.edgeType] = k.key;
  return { nodeKinds, edgeKinds, relationKinds, prio, byType };
}

/* The kind key of a GraphEdge {type, kind}: its kind (GraphQL writes the registry's keys in
 * upper case, LINK … BROADER, TAGGED), else its type's kind. */
export function edgeKey(kinds, e) {
  const key = e.kind ? String(e.kind).toLowerCase() : '';
  if (key && Object.prototype.hasOwnProperty.call(kinds.prio, key)) return key;
  if (e.type === 'RELATED_TO') return key || 'link';
  if (e.type === 'NARROWER') return 'narrower';
  if (e.type === 'UNRESOLVED') return 'ghost';   // a link to no note (ghosts.js)
  return kinds.byType[e.type] || 'other';
}
