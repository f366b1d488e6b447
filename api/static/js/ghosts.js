/* Ghost nodes: links to no note, drawn when asked (off by default, as in Obsidian). A concept
 * known only from links (GraphNode.ghost) is in the graph already and only shown; a link whose
 * name made no concept at all becomes a node of its own ("ghost:" + its name), linked from the
 * concept of the note it is written in, when that concept is in the view. */

import { api, app } from './app.js';
import { gql, Q_GHOSTS } from './api.js';
import { nodeData } from './elements.js';
import { placeNear } from './layout.js';
import { updateLegendCounts } from './filters.js';

let cache = null;   // { version, links }

async function ghostLinks() {
  if (cache && cache.version === api.version) return cache.links;
  const data = await gql(Q_GHOSTS);
  const links = (data.unresolvedLinks || []).filter((l) => !l.concept && l.note && l.note.concept);
  cache = { version: api.version, links };
  return links;
}

const nameOf = (target) => String(target).replace(/^!?\[\[|\]\]$/g, '').split('|')[0].split('#')[0].trim() || target;

/* The ghost nodes and edges of a view whose concepts are `ids` (a Set of node ids). */
async function ghostsFor(ids) {
  const nodes = new Map();
  const edges = [];
  for (const l of await ghostLinks()) {
    const from = 'term:' + l.note.concept.conceptId;
    if (!ids.has(from)) continue;
    const name = nameOf(l.target);
    const id = 'ghost:' + name.toLowerCase();
    if (!nodes.has(id)) nodes.set(id, { id, kind: 'ghost', label: name, degree: 0, target: l.target });
    edges.push({ source: from, target: id, type: 'UNRESOLVED', kind: null });
  }
  return { nodes: [...nodes.values()], edges };
}

/* a fetched view with its ghost nodes (when ghosts are shown) */
export async function addGhostsTo(hood) {
  if (!app.state.ghosts || !hood) return hood;
  try {
    const more = await ghostsFor(new Set((hood.nodes || []).map((n) => n.id)));
    return { ...hood, nodes: (hood.nodes || []).concat(more.nodes), edges: (hood.edges || []).concat(more.edges) };
  } catch (err) {
    console.warn('glossgraph: ghost links unavailable', err);
    return hood;
  }
}

/* the ghost toggle changed: add or remove the ghost nodes of the graph on screen */
export async function syncGhosts() {
  const cy = app.cy;
  if (!cy) return;
  if (!app.state.ghosts) {
    cy.remove(cy.nodes('[kind="ghost"]'));
    updateLegendCounts();
    return;
  }
  if (cy.nodes('[kind="ghost"]').length) return;
  const more = await ghostsFor(new Set(cy.nodes('[kind="term"]').map((n) => n.id())));
  if (app.cy !== cy || !app.state.ghosts) return;
  const nodeEls = more.nodes.map((n) => ({ group: 'nodes', data: { ...nodeData(n), target: n.target } }));
  const edgeEls = more.edges.map((e, i) => ({ group: 'edges', data: { id: `${e.source}\u2192${e.target}\u00b7ghost${i}`, source: e.source, target: e.target, type: e.type, ek: 'ghost', count: 1 } }));
  placeNear(nodeEls, edgeEls);
  cy.add(nodeEls.concat(edgeEls));
  updateLegendCounts();
}
