/* What the viewer's modules share: the view state, the graph (cy) and a few loaded catalogues,
 * in one object (`app`), plus the busy counter tests wait on and the window.glossgraph API.
 *
 * For tests: window.glossgraph = { cy, ready (Promise), isReady, state, firstRenderMs,
 * settledMs, timings, idle(), edgeCap, droppedEdges(nodeId), select(id), version, liveUpdates,
 * live, colors(), labelsShown() }; body[data-state] = loading | layout | ready | empty | error;
 * body[data-busy] = true | false. firstRenderMs counts from navigation start to the first
 * drawn graph, settledMs to the moment its layout is final.
 */

export const timings = {};
export const mark = (name) => { timings[name] = Math.round(performance.now()); };

export const app = {
  kinds: null,              // kinds.js: node/edge kinds from the server's registry
  state: {
    view: 'overview',       // overview | local
    center: null,           // concept id of the local graph
    depth: 1,
    concept: null,          // selected concept id
    tag: null,              // or: selected tag (URL tag=…, where /tag/{id} lands)
    note: null,             // or: selected note (URL note=…, where /note/{path} lands)
    tags: [],               // tag filter
    kinds: [],
    edges: [],
    hideOrphans: false,
    truncated: false,       // the overview is a part of a larger graph
    limit: 400,
    color: 'community',     // community | tag | folder
    hide: [],               // colour groups hidden
    minDegree: 0,
    folder: '',
    ghosts: false,
  },
  cy: null,
  stats: null,
  tagsCatalog: [],          // [{tagId,label,count}], null when unknown
  communities: new Map(),   // community id (string) -> { id, label, size, centerId }
  colors: new Map(),        // group key -> colour of the current colour mode
  edgeCap: null,            // see edges.js edgeCapOf, while the drawn edges are capped
  knownConceptTags: new Map(),   // conceptId -> [tagId], learnt from the panel queries
  loadedTagsKey: '',        // tags the current (truncated) overview was fetched with
  viewIds: new Set(),       // element ids of the last fetched view (live updates remove gone ones)
  loadSeq: 0,
  selSeq: 0,
  maxDegree: 1,
};

// ------------------------------------------------------------------ busy / idle
let pending = 0;
let idleWaiters = [];

export function busy(delta) {
  pending = Math.max(0, pending + delta);
  document.body.dataset.busy = pending > 0 ? 'true' : 'false';
  if (pending === 0) {
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((w) => w());
  }
}

export function idle() {
  return pending === 0 ? Promise.resolve() : new Promise((r) => idleWaiters.push(r));
}

export async function track(promise) {
  busy(1);
  try { return await promise; } finally { busy(-1); }
}

// ------------------------------------------------------------------ the API for tests
let readyResolve;
const ready = new Promise((resolve) => { readyResolve = resolve; });

export const api = {
  get cy() { return app.cy; },
  ready,
  isReady: false,
  state: app.state,
  firstRenderMs: null,
  settledMs: null,
  timings,
  idle,
  select: null,             // set by main.js
  version: null,            // build version of the graph shown (graphChanged / stats)
  liveUpdates: 0,           // graphChanged messages applied to the view
  live: 'off',              // live connection: off | connecting | live | retrying
  // a capped whole graph: { total, left } edges of the view, of which `left` are not drawn
  get edgeCap() { return app.edgeCap ? { total: app.edgeCap.total, left: app.edgeCap.ids.size } : null; },
  droppedEdges: (nodeId) => (app.edgeCap && app.edgeCap.dropped.has(nodeId)
    ? app.edgeCap.dropped.get(nodeId).filter((e) => app.edgeCap.ids.has(e.data.id)).length : 0),
  colors: () => Object.fromEntries(app.colors),
  labelsShown: () => (app.cy ? app.cy.nodes('.lbl').map((n) => n.id()) : []),
};

export function setCommunities(list) {
  if (Array.isArray(list)) app.communities = new Map(list.map((c) => [String(c.id), c]));
}

export function markReady() {
  if (api.isReady) return;
  api.isReady = true;
  readyResolve(api);
}

window.glossgraph = api;
