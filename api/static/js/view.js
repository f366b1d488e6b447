/* The graph on screen: loading a view (the whole graph or a local graph), drawing it, the
 * capped edges of a big whole graph, expanding a node, the view pill. */

import { api, app, busy, mark } from './app.js';
import { $, fmt, h, nextFrame, pause, setStatus, toast } from './dom.js';
import { ApiError, gql, preloaded, Q_LAYOUT, Q_NEIGHBORHOOD, Q_OVERVIEW, SERVER_LAYOUT_MAX } from './api.js';
import { capEdges, edgeCapOf } from './edges.js';
import { toElements, viewElements } from './elements.js';
import { cyStyle } from './style.js';
import { BIG, CHUNK, HEAVY_EDGES, layoutAll, layoutParams, ring, runLayout } from './layout.js';
import { applyFilters, recolor, updateLegendCounts } from './filters.js';
import { drawGroups, readable, refreshGroups, scheduleLabels, updateLabels } from './labels.js';
import { highlightSelection, labelOf, onNodeTap, selectConcept, clearSelection } from './select.js';
import { writeUrl } from './urlsync.js';
import { addGhostsTo } from './ghosts.js';

const EDGE_BUDGET = 9000;  // the whole graph draws at most this many edges (per node its strongest)

// ------------------------------------------------------------------ cytoscape

export function createCy(elements, size, edgeCount) {
  const nodeCount = size === undefined ? elements.filter((e) => e.group === 'nodes').length : size;
  // many nodes or edges: straight "haystack" edges without arrows, a texture while panning
  const big = nodeCount > BIG || (edgeCount || 0) > HEAVY_EDGES;
  if (app.cy) { app.cy.destroy(); app.cy = null; }
  const cy = cytoscape({
    container: $('cy'),
    elements,
    style: cyStyle(big),
    minZoom: 0.03, maxZoom: 5,
    boxSelectionEnabled: false,
    selectionType: 'single',
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    motionBlur: false,
    pixelRatio: big ? 1 : 'auto',
  });
  cy.scratch('_gg', { big });
  app.cy = cy;
  bindCyEvents(cy);
  return cy;
}

function bindCyEvents(cy) {
  cy.on('viewport', () => { drawGroups(); scheduleLabels(); });
  cy.on('resize', () => { drawGroups(); scheduleLabels(); });
  cy.on('tap', 'node', (evt) => onNodeTap(evt.target));
  cy.on('dbltap', 'node', (evt) => expandNode(evt.target));
  cy.on('tap', (evt) => { if (evt.target === cy) clearSelection(true); });
  cy.on('mouseover', 'node', (evt) => {
    readable(evt.target);
    evt.target.addClass('hover');
    $('cy').style.cursor = 'pointer';
  });
  cy.on('mouseout', 'node', (evt) => {
    evt.target.removeClass('hover');
    $('cy').style.cursor = '';
  });
}

// ------------------------------------------------------------------ loading a view

/* The view's nodes and edges, and their positions when the server has them. */
export async function fetchGraph() {
  const s = app.state;
  if (s.view === 'local' && s.center) {
    const data = await gql(Q_NEIGHBORHOOD, { id: s.center, depth: s.depth });
    return { hood: data.neighborhood, positions: null };
  }
  // the whole graph is loaded when small: tags filter it here; a partial overview asks the server
  if (s.truncated && s.tags.length) {
    const data = await gql(Q_OVERVIEW, { limit: s.limit, tags: s.tags });
    return { hood: data.overview, positions: null };
  }
  if (s.limit > SERVER_LAYOUT_MAX) {
    const data = await gql(Q_OVERVIEW, { limit: s.limit });
    return { hood: data.overview, positions: null };
  }
  // the request made before the page was wired up (prefetchOverview), else a new one
  const pending = early && early.limit === s.limit ? early.promise : overviewRequest(s.limit);
  early = null;
  const [data, layout] = await pending;
  const positions = new Map(((layout && layout.layout) || []).map((p) => [p.id, { x: p.x, y: p.y }]));
  return { hood: data.overview, positions };
}

// the overview and its positions at once (two requests: the server answers them in parallel)
function overviewRequest(limit) {
  const v = { limit };
  return Promise.all([
    gql(Q_OVERVIEW, v, preloaded(Q_OVERVIEW, v)),
    gql(Q_LAYOUT, v, preloaded(Q_LAYOUT, v)).catch((err) => { console.warn('glossgraph: no positions from the server', err); return null; }),
  ]);
}

let early = null;   // { limit, promise }: the first view, asked before the page is wired up

/* Ask for the whole graph now (the page's first view), before the registry and the controls. */
export function prefetchOverview(limit) {
  const promise = overviewRequest(limit);
  promise.catch(() => { /* reported when the view is loaded */ });
  early = { limit, promise };
}

function emptyView(hood, text, detail) {
  createCy([], 0);
  updateInfo(hood);
  setStatus('empty', text, detail);
  refreshGroups();
  return true;
}

export async function loadGraph(opts) {
  const seq = ++app.loadSeq;
  const first = !api.isReady;
  const s = app.state;
  busy(1);
  try {
    setStatus('loading', s.view === 'local'
      ? `Loading the local graph around “${s.center}”…` : 'Loading the graph…');
    mark('fetch-start');
    let { hood, positions } = await fetchGraph();
    mark('fetched');
    if (seq !== app.loadSeq) return false;
    if (s.view === 'overview' && hood.truncated && !s.truncated && s.tags.length) {
      s.truncated = true;             // learnt only now that the overview is partial
      ({ hood, positions } = await fetchGraph());
      if (seq !== app.loadSeq) return false;
    }
    if (s.ghosts) hood = await addGhostsTo(hood);
    const elements = viewElements(hood);
    app.viewIds = new Set(elements.map((e) => e.data.id));
    const nodeCount = elements.filter((e) => e.group === 'nodes').length;
    let drawnEls = elements;
    app.edgeCap = null;
    if (s.view === 'overview' && elements.length - nodeCount > EDGE_BUDGET) {
      const edgeEls = elements.filter((e) => e.group === 'edges');
      const { drawn, dropped } = capEdges(edgeEls, EDGE_BUDGET, app.kinds.prio);
      app.edgeCap = edgeCapOf(edgeEls.length, dropped);
      drawnEls = elements.filter((e) => e.group === 'nodes').concat(drawn);
    }
    if (s.view === 'local' && !hood.center && nodeCount === 0) {
      return emptyView(hood, `No concept “${s.center}” in this graph.`,
        'It may have been renamed or removed. Search for it, or go back to the whole graph.');
    }
    if (nodeCount === 0) {
      return emptyView(hood, 'The graph is empty.',
        'No concepts were found in the notes folder. Add Markdown glossary notes and they will show up here.');
    }
    const known = positions && positions.size > 0;
    setStatus(known ? 'loading' : 'layout', known ? 'Drawing the graph…' : `Laying out ${fmt(nodeCount)} nodes…`,
      nodeCount > BIG && !known ? 'A large graph: this can take a few seconds.' : '');
    createCy([], nodeCount, drawnEls.length - nodeCount);
    if (!known) {
      await nextFrame();                    // paint the "laying out" state before the heavy work
      if (seq !== app.loadSeq) return false;
    }
    mark('cy-created');
    const laidOut = await layoutAll(drawnEls, seq, positions);
    mark('layout-done');
    if (!laidOut || seq !== app.loadSeq) return false;
    if (s.view === 'local' && s.center) app.cy.$id('term:' + s.center).addClass('center');
    recolor();
    updateLegendCounts();
    setStatus('ready');
    applyFilters();
    mark('filtered');
    updateInfo(hood);
    fitVisible(false);
    updateLabels();
    mark('labelled');
    await nextFrame();
    mark('painted');
    const now = Math.round(performance.now());   // since navigation start
    if (first && api.firstRenderMs === null) {
      api.firstRenderMs = now;
      document.body.dataset.firstRenderMs = String(now);
    }
    if (first && api.settledMs === null) {
      api.settledMs = now;                       // the positions drawn are the final ones
      document.body.dataset.settledMs = String(now);
      document.body.dataset.layout = laidOut;
    }
    if (opts && opts.reselect !== false && s.concept) highlightSelection();
    return true;
  } catch (err) {
    if (seq !== app.loadSeq) return false;
    if (s.view === 'local' && err instanceof ApiError && /no concept/i.test(err.detail)) {
      return emptyView(null, `No concept “${s.center}” in this graph.`,
        'It may have been renamed or removed. Search for it, or go back to the whole graph.');
    }
    showError(err);
    return false;
  } finally {
    busy(-1);
  }
}

export function showError(err) {
  console.warn('glossgraph:', err);
  const detail = err instanceof ApiError ? err.detail : String(err && err.message ? err.message : err);
  const message = err instanceof ApiError ? err.message : 'Something went wrong while drawing the graph.';
  setStatus('error', message, detail);
}

export function fitVisible(animate) {
  const cy = app.cy;
  if (!cy) return;
  const vis = cy.nodes().not('.hidden');
  if (!vis.length) return;
  // a handful of nodes is not blown up to fill the screen
  const MAX_FIT_ZOOM = 1.6;
  if (animate && !cy.scratch('_gg').big) {
    cy.stop();
    const w = cy.width() - 72; const hgt = cy.height() - 72; const bb = vis.boundingBox();
    const z = Math.min(MAX_FIT_ZOOM, Math.max(cy.minZoom(), Math.min(w / Math.max(1, bb.w), hgt / Math.max(1, bb.h))));
    cy.animate({ zoom: z, center: { eles: vis } }, { duration: 300 });
  } else {
    cy.fit(vis, 36);
    if (cy.zoom() > MAX_FIT_ZOOM) { cy.zoom(MAX_FIT_ZOOM); cy.center(vis); }
  }
}

/* The view pill: what is shown, how much of it, and the selected concept's connections (the
 * same count as the side panel's). */
export function updateInfo(hood) {
  const el = $('graph-info');
  const cy = app.cy;
  const s = app.state;
  el.textContent = '';
  if (!cy) return;
  const total = cy.nodes().length;
  // counted by the filter class: ':visible' can lag behind a batch of class changes
  const visible = total - cy.nodes('.hidden').length;
  const edges = cy.edges().length - cy.edges('.hidden').length;
  const title = s.view === 'local'
    ? h('span', { class: 'info-title' }, 'Local graph · ', h('b', null, labelOf(s.center)), ` · depth ${s.depth}`)
    : h('span', { class: 'info-title' }, 'Whole graph');
  const cap = app.edgeCap;
  const edgeText = cap ? `showing ${fmt(edges)} of ${fmt(cap.total)} edges` : `${fmt(edges)} edges`;
  const counts = visible === total
    ? `${fmt(total)} nodes · ${edgeText}`
    : `${fmt(visible)} of ${fmt(total)} nodes shown · ${edgeText}`;
  el.append(title, h('span', { class: 'info-counts', id: 'info-counts',
    title: cap ? 'A large graph: each node shows its strongest edges. Select a node, expand it or open its local graph to see all of its edges.' : null,
  }, counts));
  el.dataset.edgesCapped = cap ? 'true' : 'false';
  const truncated = hood ? hood.truncated : el.dataset.truncated === 'true';
  el.dataset.truncated = truncated ? 'true' : 'false';
  if (truncated) {
    el.append(h('span', { class: 'info-note' }, s.view === 'local'
      ? 'truncated: the neighbourhood is large'
      : (app.stats ? `the ${fmt(total)} best-connected of ${fmt(app.stats.concepts)} concepts and their neighbours`
        : 'the best-connected concepts and their neighbours')));
  }
  const node = s.concept ? cy.$id('term:' + s.concept) : null;
  if (node && node.length) {
    const near = node.neighborhood('node[kind="term"]').filter((n) => n.id() !== node.id());
    const shown = near.filter((n) => !n.hasClass('hidden')).length;
    const degree = node.data('degree');
    el.append(h('span', { class: 'info-selection', id: 'info-selection' },
      'Selected ', h('b', null, node.data('label')), ` · ${fmt(degree)} connection${degree === 1 ? '' : 's'}`,
      ` · ${fmt(shown)} in view`));
  }
}

// ------------------------------------------------------------------ capped edges

function edgeFiltered(e) {
  return (!app.state.edges.includes(e.data('ek')) && e.data('ek') !== 'other') ||
    e.source().hasClass('hidden') || e.target().hasClass('hidden');
}

/* all edges of these nodes (ids) are drawn; returns the edges added */
export function revealEdges(ids) {
  const cy = app.cy;
  const cap = app.edgeCap;
  if (!cy || !cap) return cy ? cy.collection() : null;
  const add = [];
  for (const id of ids) {
    const list = cap.dropped.get(id);
    if (!list) continue;
    cap.dropped.delete(id);
    for (const e of list) {
      if (cy.getElementById(e.data.id).length || !cy.getElementById(e.data.source).length ||
        !cy.getElementById(e.data.target).length) continue;
      add.push(e);
    }
  }
  if (!add.length) return cy.collection();
  for (const e of add) cap.ids.delete(e.data.id);
  const put = (part) => {
    let added;
    cy.batch(() => {
      added = cy.add(part);
      added.filter(edgeFiltered).addClass('hidden');
      // still selected: the new edges belong to the highlighted neighbourhood
      const focus = cy.$('node.focus');
      if (focus.length) added.filter((e) => e.source().same(focus) || e.target().same(focus)).addClass('nb');
    });
    return added;
  };
  const first = put(add.slice(0, CHUNK));
  updateLegendCounts();
  if (add.length > CHUNK) {
    // a hub: the rest of its edges come a chunk per frame (the page stays usable)
    busy(1);
    (async () => {
      try {
        for (let i = CHUNK; i < add.length; i += CHUNK) {
          await pause();
          if (app.cy !== cy) return;
          put(add.slice(i, i + CHUNK));
        }
        updateLegendCounts();
        updateInfo();
      } finally { busy(-1); }
    })();
  }
  return first;
}

// ------------------------------------------------------------------ expanding

export async function mergeElements(hood, anchorId) {
  const cy = app.cy;
  const elements = toElements(hood).filter((e) => !cy.getElementById(e.data.id).length);
  const newNodes = elements.filter((e) => e.group === 'nodes');
  if (!elements.length) return 0;
  ring(newNodes, hood, anchorId);
  const added = cy.add(elements);
  added.nodes().addClass('new');
  recolor();
  updateLegendCounts();
  applyFilters();
  const n = cy.nodes().length;
  if (n <= 300) await runLayout(cy.elements(), layoutParams(n, true));
  setTimeout(() => added.nodes().removeClass('new'), 1200);
  updateInfo();
  refreshGroups();
  scheduleLabels();
  return newNodes.length;
}

export async function expandNode(node) {
  if (!node || !node.length) return;
  busy(1);
  try {
    if (app.edgeCap) revealEdges([node.id()]);
    const kind = node.data('kind');
    let hood = null;
    if (kind === 'term') hood = (await gql(Q_NEIGHBORHOOD, { id: node.data('conceptId'), depth: 1 })).neighborhood;
    else if (kind === 'synonym') {
      const owner = node.neighborhood('node[kind="term"]').first();
      if (owner.length) hood = (await gql(Q_NEIGHBORHOOD, { id: owner.data('conceptId'), depth: 1 })).neighborhood;
    } else if (kind === 'tag') {
      hood = (await gql(Q_OVERVIEW, { limit: app.state.limit, tags: [node.id().slice(4)] })).overview;
    }
    if (!hood) return;
    const added = await mergeElements(hood, node.id());
    toast(added ? `Added ${fmt(added)} neighbour${added === 1 ? '' : 's'} of “${node.data('label')}”.`
      : `All neighbours of “${node.data('label')}” are already shown.`);
    if (app.state.concept) highlightSelection(false);
  } catch (err) {
    toast(err.message || String(err));
  } finally {
    busy(-1);
  }
}

// ------------------------------------------------------------------ views

export async function showLocal(conceptId, depth, push) {
  const s = app.state;
  s.view = 'local';
  s.center = conceptId;
  s.concept = conceptId;
  s.depth = depth || s.depth;
  $('depth').value = String(s.depth);
  syncViewButtons();
  writeUrl(push);
  await loadGraph();
  if (s.concept) await selectConcept(s.concept, { center: false });
}

export async function showOverview(push) {
  const s = app.state;
  s.view = 'overview';
  s.center = null;
  syncViewButtons();
  writeUrl(push);
  await loadGraph();
  if (s.concept) await selectConcept(s.concept, { center: true });
}

export function syncViewButtons() {
  const s = app.state;
  $('btn-overview').setAttribute('aria-pressed', String(s.view === 'overview'));
  $('btn-local').setAttribute('aria-pressed', String(s.view === 'local'));
  $('btn-local').disabled = !(s.concept || s.center);
  $('depth').value = String(s.depth);
}

export function zoomBy(f) {
  const cy = app.cy;
  if (!cy) return;
  const z = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * f));
  cy.animate({ zoom: { level: z, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } } }, { duration: 180 });
}
