/* Where nodes go. The whole graph comes with positions computed on the server once per build
 * (graph/layout.py): it is drawn at once. Other views are laid out here with fcose: a small
 * graph on the page, from WORKER_MIN nodes in a worker (layout-worker.js; the page stays
 * usable) and, above BIG nodes, drawn a chunk per frame once laid out. New nodes of a live
 * update or an expansion go next to their neighbours (placeNear, ring). */

import { app, mark } from './app.js';
import { declutter } from './declutter.js';
import { layoutEdges } from './edges.js';
import { nextFrame, pause } from './dom.js';

export const BIG = 1000;          // above this many nodes: no animation, cheaper rendering
export const HEAVY_EDGES = 1500;  // above this many edges: cheaper rendering
export const CHUNK = 800;         // big graphs are added this many elements per frame
const WORKER_MIN = 250;           // nodes from which fcose runs in a worker
const ONE_BATCH = 6000;           // elements added at once when their positions are known
const VENDOR = ['/vendor/cytoscape.js', '/vendor/layout-base.js', '/vendor/cose-base.js', '/vendor/cytoscape-fcose.js'];
const WORKER_URL = '/static/js/layout-worker.js';

/* fcose parameters: plain data (they are sent to the worker as they are) */
export function layoutParams(n, incremental) {
  const big = n > BIG;
  return {
    // fcose iterates at least 5 × nodes times whatever numIter says: above BIG nodes only its
    // spectral phase ('draft') runs, which places a graph of thousands of nodes in seconds
    quality: incremental ? 'proof' : big ? 'draft' : 'default',
    randomize: !incremental,
    animate: !big && !!incremental,
    animationDuration: 450,
    fit: !incremental,
    padding: 36,
    nodeDimensionsIncludeLabels: false,
    packComponents: false,
    numIter: big ? 600 : 1000,
    sampleSize: big ? 20 : 25,
    nodeSeparation: 80,
    gravity: 0.3,
    gravityRange: 3.2,
    tile: true,
    tilingPaddingVertical: 14,
    tilingPaddingHorizontal: 14,
    initialEnergyOnIncremental: 0.25,
    scale: big ? 0.75 : 1,
  };
}

/* fcose options on the page: forces read the element data, scaled (the worker gets the data
 * already scaled: layoutInWorker) */
function withForces(params) {
  return Object.assign({ name: 'fcose' }, params, {
    nodeRepulsion: (node) => (node.data('rep') || 9000) * params.scale,
    idealEdgeLength: (edge) => (edge.data('len') || 78) * params.scale,
    edgeElasticity: (edge) => edge.data('el') || 0.45,
  });
}

export function runLayout(eles, params) {
  return new Promise((resolve) => {
    const layout = eles.layout(Object.assign(withForces(params), { stop: () => resolve() }));
    try { layout.run(); } catch (err) { console.warn('glossgraph: layout failed', err); resolve(); }
  });
}

// ------------------------------------------------------------------ the worker
let worker = null;
let workerJob = null;        // { id, resolve, reject }
let workerSeq = 0;

export function stopWorker() {
  if (worker) { worker.terminate(); worker = null; }
  if (workerJob) { workerJob.reject(new Error('cancelled')); workerJob = null; }
}

function layoutInWorker(nodeEls, edgeEls, params) {
  if (workerJob) stopWorker();            // a newer layout replaces a running one
  if (!worker) {
    worker = new Worker(WORKER_URL);
    worker.onmessage = (ev) => {
      const job = workerJob;
      if (!job || ev.data.id !== job.id) return;
      workerJob = null;
      if (ev.data.ok) job.resolve(ev.data.pos); else job.reject(new Error(ev.data.error));
    };
    worker.onerror = (ev) => {
      ev.preventDefault();
      const job = workerJob;
      workerJob = null;
      if (worker) { worker.terminate(); worker = null; }
      if (job) job.reject(new Error(ev.message || 'the layout worker failed'));
    };
  }
  const s = params.scale || 1;
  const elements = [];
  for (const n of nodeEls) elements.push({ group: 'nodes', data: { id: n.data.id, size: n.data.size, rep: (n.data.rep || 9000) * s } });
  for (const e of edgeEls) {
    elements.push({ group: 'edges', data: { id: e.data.id, source: e.data.source, target: e.data.target, len: (e.data.len || 78) * s, el: e.data.el } });
  }
  const id = ++workerSeq;
  return new Promise((resolve, reject) => {
    workerJob = { id, resolve, reject };
    worker.postMessage({ id, scripts: VENDOR.map((v) => new URL(v, location.href).href), elements, params });
  });
}

/* false when a newer load replaced this one meanwhile */
export async function addChunked(els, seq, size) {
  const cy = app.cy;
  for (let i = 0; i < els.length; i += size || CHUNK) {
    const part = els.slice(i, i + (size || CHUNK));
    cy.batch(() => { cy.add(part); });
    await pause();
    if (seq !== app.loadSeq || cy !== app.cy) return false;
  }
  return true;
}

function fitBox(nodeEls) {
  let x1 = Infinity; let y1 = Infinity; let x2 = -Infinity; let y2 = -Infinity;
  for (const n of nodeEls) {
    const p = n.position;
    x1 = Math.min(x1, p.x); y1 = Math.min(y1, p.y); x2 = Math.max(x2, p.x); y2 = Math.max(y2, p.y);
  }
  if (x1 <= x2) app.cy.fit({ x1, y1, x2, y2, w: x2 - x1, h: y2 - y1 }, 36);
}

function spreadApart(nodes, gap) {
  // fcose leaves a few nodes on top of each other around hubs: push them apart
  const xs = new Float64Array(nodes.length); const ys = new Float64Array(nodes.length);
  const rs = new Float64Array(nodes.length);
  nodes.forEach((n, i) => { xs[i] = n.x; ys[i] = n.y; rs[i] = n.size / 2 + gap; });
  declutter(xs, ys, rs, false);
  return nodes.map((n, i) => ({ x: xs[i], y: ys[i] }));
}

/* Lay out and draw a view's elements (nodes first). `positions`: Map id -> {x, y} from the
 * server, used when it places every node. Returns 'server' | 'layout' when drawn, false when
 * a newer load replaced this one. */
export async function layoutAll(elements, seq, positions) {
  const cy = app.cy;
  const nodeEls = elements.filter((e) => e.group === 'nodes');
  const edgeEls = elements.filter((e) => e.group === 'edges');
  mark('layout-start');
  if (positions && positions.size && nodeEls.every((n) => positions.has(n.data.id))) {
    for (const n of nodeEls) n.position = { ...positions.get(n.data.id) };
    fitBox(nodeEls);
    if (elements.length <= ONE_BATCH) cy.batch(() => { cy.add(elements); });
    else {
      if (!await addChunked(nodeEls, seq, 1000)) return false;
      if (!await addChunked(edgeEls, seq)) return false;
    }
    mark('positions');
    return 'server';
  }
  const params = layoutParams(nodeEls.length, false);
  const layoutEdgeEls = layoutEdges(edgeEls, nodeEls.length, app.kinds.prio);
  if (nodeEls.length >= WORKER_MIN && typeof Worker === 'function') {
    const big = nodeEls.length > BIG;
    if (!big) {
      cy.add(nodeEls);
      cy.fit(undefined, 36);
      await nextFrame();
      if (seq !== app.loadSeq) return false;
    }
    try {
      const pos = await layoutInWorker(nodeEls, layoutEdgeEls, params);
      if (seq !== app.loadSeq) return false;
      mark('positions');
      const placed = spreadApart(nodeEls.map((n) => {
        const p = pos[n.data.id] || [0, 0];
        return { x: p[0], y: p[1], size: n.data.size || 16 };
      }), 4);
      nodeEls.forEach((n, i) => { n.position = placed[i]; });
      if (big) {
        // a big graph is drawn once laid out, a chunk of nodes, then of edges, per frame
        fitBox(nodeEls);
        if (!await addChunked(nodeEls, seq, 1000)) return false;
      } else {
        const at = new Map(nodeEls.map((n) => [n.data.id, n.position]));
        cy.batch(() => { cy.nodes().positions((n) => at.get(n.id()) || n.position()); });
      }
      if (edgeEls.length > CHUNK) {
        if (!await addChunked(edgeEls, seq)) return false;
      } else cy.add(edgeEls);
      return 'layout';
    } catch (err) {
      if (err && err.message === 'cancelled') return false;
      console.warn('glossgraph: layout worker failed; laying out on the page', err);
      if (seq !== app.loadSeq) return false;
      cy.add(nodeEls.filter((e) => !cy.getElementById(e.data.id).length));
      cy.add(edgeEls.filter((e) => !cy.getElementById(e.data.id).length));
    }
  } else {
    cy.add(elements);
  }
  const eles = layoutEdgeEls.length === edgeEls.length ? cy.elements()
    : cy.nodes().union(cy.collection(layoutEdgeEls.map((e) => cy.getElementById(e.data.id))));
  await runLayout(eles, params);
  const nodes = cy.nodes().toArray();
  const placed = spreadApart(nodes.map((n) => ({ ...n.position(), size: n.data('size') })), 6);
  cy.batch(() => nodes.forEach((n, i) => n.position(placed[i])));
  mark('positions');
  return 'layout';
}

/* New nodes go next to their neighbours already placed, on a free spot; existing nodes stay. */
export function placeNear(nodeEls, edgeEls) {
  const cy = app.cy;
  if (!nodeEls.length) return;
  const adj = new Map();
  const link = (a, b) => { if (!adj.has(a)) adj.set(a, []); adj.get(a).push(b); };
  for (const e of edgeEls) { link(e.data.source, e.data.target); link(e.data.target, e.data.source); }
  for (const e of cy.edges().toArray()) { link(e.data('source'), e.data('target')); link(e.data('target'), e.data('source')); }
  const placed = new Map();
  const where = (id) => {
    if (placed.has(id)) return placed.get(id);
    const n = cy.getElementById(id);
    return n.length && n.isNode() ? n.position() : null;
  };
  const check = nodeEls.length <= 200 && cy.nodes().length <= 5000;
  const occupied = check ? cy.nodes().map((n) => ({ x: n.position('x'), y: n.position('y'), r: (n.data('size') || 16) / 2 })) : [];
  const bb = cy.nodes().length ? cy.nodes().boundingBox() : { x2: 0, y1: 0, h: 0 };
  let outside = 0;
  const put = (e, origin) => {
    const r = (e.data.size || 16) / 2;
    let spot = null;
    for (let ring = 0; ring < 8 && !spot; ring++) {
      const radius = 55 + r + ring * 30;
      const start = (e.data.id.length * 0.7 + ring) % (2 * Math.PI);
      for (let k = 0; k < 12 && !spot; k++) {
        const a = start + (k * 2 * Math.PI) / 12;
        const p = { x: origin.x + radius * Math.cos(a), y: origin.y + radius * Math.sin(a) };
        if (!check || occupied.every((o) => Math.hypot(o.x - p.x, o.y - p.y) >= o.r + r + 10)) spot = p;
      }
    }
    spot = spot || { x: origin.x + 60, y: origin.y + 60 };
    e.position = spot;
    placed.set(e.data.id, spot);
    if (check) occupied.push({ x: spot.x, y: spot.y, r });
  };
  let todo = nodeEls.slice();
  while (todo.length) {
    const later = [];
    for (const e of todo) {
      const near = (adj.get(e.data.id) || []).map(where).filter(Boolean);
      if (!near.length) { later.push(e); continue; }
      put(e, { x: near.reduce((s, p) => s + p.x, 0) / near.length, y: near.reduce((s, p) => s + p.y, 0) / near.length });
    }
    if (later.length === todo.length) {
      // not connected to anything on screen: a column to the right of the graph
      for (const e of later) put(e, { x: bb.x2 + 120, y: bb.y1 + bb.h / 2 + (outside++) * 40 });
      break;
    }
    todo = later;
  }
}

/* New nodes on a ring around their anchor (or a neighbour already in the graph). */
export function ring(newNodes, hood, anchorId) {
  const cy = app.cy;
  const anchor = anchorId ? cy.$id(anchorId) : cy.collection();
  let origin = null;
  if (anchor.length) origin = anchor.position();
  else {
    const known = (hood.edges || []).map((e) => (cy.$id(e.source).length ? e.source : (cy.$id(e.target).length ? e.target : null))).find(Boolean);
    if (known) origin = cy.$id(known).position();
  }
  if (!origin) {
    const bb = cy.nodes().length ? cy.nodes().boundingBox() : { x2: 0, y1: 0, h: 0 };
    origin = { x: bb.x2 + 160, y: bb.y1 + bb.h / 2 };
  }
  const radius = 70 + 9 * Math.sqrt(newNodes.length);
  newNodes.forEach((e, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, newNodes.length);
    e.position = e.data.id === anchorId ? { x: origin.x, y: origin.y }
      : { x: origin.x + radius * Math.cos(a), y: origin.y + radius * Math.sin(a) };
  });
}
