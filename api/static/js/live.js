/* Live updates. The server pushes `graphChanged` after each rebuild of the notes (GraphQL
 * subscription over the browser's WebSocket, graphql-transport-ws protocol). The view is
 * re-fetched and merged in place: existing nodes keep their positions, the zoom, filters and
 * selection stay; new nodes are placed next to their neighbours. The connection comes back
 * with a backoff. */

import { api, app, busy, idle } from './app.js';
import { $, h } from './dom.js';
import { ApiError, gql, Q_CHANGES, Q_CONCEPT } from './api.js';
import { viewElements } from './elements.js';
import { placeNear } from './layout.js';
import { applyFilters, recolor, updateLegendCounts } from './filters.js';
import { fetchGraph, loadGraph, updateInfo } from './view.js';
import { highlightSelection } from './select.js';
import { renderConcept, renderPanelRemoved, showTag } from './panel.js';
import { refreshGroups, scheduleLabels } from './labels.js';
import { addGhostsTo } from './ghosts.js';

const live = { ws: null, attempt: 0, timer: null, everAcked: false, pending: null, running: false };
let restart = null;   // main.js start(): the first load, when the page has not loaded yet

export function liveBadge(text, kind, title) {
  let el = $('live');
  if (!el) {
    el = h('div', { id: 'live', class: 'live', role: 'status', 'aria-live': 'polite' });
    (document.querySelector('.graph-wrap') || document.body).append(el);
  }
  el.dataset.kind = kind;
  el.textContent = text;
  el.title = title || '';
  el.hidden = !text;
}

export function connectLive(start, loadMeta) {
  restart = { start, loadMeta };
  clearTimeout(live.timer);
  if (typeof WebSocket !== 'function') return;
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql';
  api.live = live.attempt ? 'retrying' : 'connecting';
  let ws;
  try { ws = new WebSocket(url, 'graphql-transport-ws'); } catch (err) { retryLive(); return; }
  live.ws = ws;
  const send = (m) => { if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m)); };
  ws.onopen = () => send({ type: 'connection_init', payload: {} });
  ws.onmessage = (ev) => {
    let m;
    try { m = JSON.parse(ev.data); } catch (err) { return; }
    if (m.type === 'connection_ack') {
      const again = live.everAcked;
      live.everAcked = true;
      live.attempt = 0;
      api.live = 'live';
      send({ id: 'graph', type: 'subscribe', payload: { query: Q_CHANGES } });
      if (again) queueUpdate(null);          // changes may have been missed while away
      else liveBadge('live', 'live', 'Following edits of the notes');
    } else if (m.type === 'ping') {
      send({ type: 'pong' });
    } else if (m.type === 'next' && m.id === 'graph') {
      const change = m.payload && m.payload.data && m.payload.data.graphChanged;
      if (change) queueUpdate(change);
      else if (m.payload && m.payload.errors) console.warn('glossgraph: live update error', m.payload.errors);
    } else if (m.type === 'error' && m.id === 'graph') {
      console.warn('glossgraph: the server refused live updates', m.payload);
      ws.close(1000);
    } else if (m.type === 'complete' && m.id === 'graph') {
      ws.close(1000);                        // the server ended the stream: subscribe again
    }
  };
  ws.onclose = () => {
    if (live.ws !== ws) return;
    live.ws = null;
    retryLive();
  };
}

function retryLive() {
  clearTimeout(live.timer);
  const delay = Math.min(30000, 1000 * 2 ** Math.min(live.attempt, 5)) * (0.75 + Math.random() * 0.5);
  live.attempt += 1;
  api.live = 'retrying';
  liveBadge('offline · retrying', 'off', 'The connection to the server was lost; reconnecting…');
  live.timer = setTimeout(() => connectLive(restart.start, restart.loadMeta), delay);
}

function queueUpdate(change) {
  // changes arriving while one is applied are merged into one more update
  const c = change || { version: null, added: [], changed: [], removed: [], full: true };
  const p = live.pending;
  if (p) {
    if (c.version !== null && (p.version === null || c.version > p.version)) p.version = c.version;
    for (const k of ['added', 'changed', 'removed']) p[k] = [...new Set(p[k].concat(c[k] || []))];
    p.full = p.full || !!c.full;
  } else {
    live.pending = { version: c.version, added: (c.added || []).slice(), changed: (c.changed || []).slice(),
      removed: (c.removed || []).slice(), full: !!c.full };
  }
  if (!live.running) drainUpdates();
}

async function drainUpdates() {
  live.running = true;
  try {
    while (live.pending) {
      const c = live.pending;
      live.pending = null;
      try {
        await applyChange(c);
      } catch (err) {
        console.warn('glossgraph: live update failed', err);
        liveBadge('update failed', 'off', String((err && err.message) || err));
      }
    }
  } finally {
    live.running = false;
  }
}

async function applyChange(c) {
  await idle();                              // let a running load or selection finish first
  const first = !api.isReady;
  busy(1);
  try {
    const selected = app.state.concept;
    const selLabel = selected && app.cy && app.cy.$id('term:' + selected).length
      ? app.cy.$id('term:' + selected).data('label') : selected;
    let touched = new Set();
    if (first || !app.cy || app.cy.nodes().length === 0 || document.body.dataset.state !== 'ready') {
      // nothing usable on screen (empty graph, error, missing centre): load the view anew
      if (first) await restart.start(); else await loadGraph({ reselect: false });
      touched = null;
    } else {
      const seq = app.loadSeq;
      let hood = null;
      try {
        hood = (await fetchGraph()).hood;
        hood = await addGhostsTo(hood);
      } catch (err) {
        if (!(app.state.view === 'local' && err instanceof ApiError && /no concept/i.test(err.detail))) throw err;
      }
      if (seq !== app.loadSeq) return;
      if (hood) touched = mergeView(hood, c);
      else { await loadGraph({ reselect: false }); touched = null; }   // the centre is gone
    }
    await refreshSelection(selected, selLabel, c, touched);
    await restart.loadMeta();
    api.version = c.version !== null ? c.version : (app.stats ? app.stats.version : api.version);
    api.liveUpdates += 1;
    document.body.dataset.version = String(api.version);
    const n = (c.added || []).length + (c.changed || []).length + (c.removed || []).length;
    liveBadge(`updated · v${api.version}`, 'live', c.full ? 'Reloaded after reconnecting'
      : `${n} concept${n === 1 ? '' : 's'} changed in the notes (+${(c.added || []).length} ~${(c.changed || []).length} −${(c.removed || []).length})`);
    const badge = $('live');
    badge.classList.remove('pulse');
    void badge.offsetWidth;                  // restart the animation
    badge.classList.add('pulse');
  } finally {
    busy(-1);
  }
}

/* merge a re-fetched view into the graph; returns the ids of the nodes added, updated or removed */
function mergeView(hood, c) {
  const cy = app.cy;
  const elements = viewElements(hood);
  const ids = new Set(elements.map((e) => e.data.id));
  const removedTerms = new Set((c.removed || []).map((id) => 'term:' + id));
  const touched = new Set();
  const gone = cy.elements().filter((e) => (app.viewIds.has(e.id()) && !ids.has(e.id())) || removedTerms.has(e.id()));
  gone.nodes().forEach((n) => { touched.add(n.id()); });
  gone.edges().forEach((e) => { touched.add(e.data('source')); touched.add(e.data('target')); });
  const fresh = [];
  cy.batch(() => {
    gone.remove();
    for (const e of elements) {
      const el = cy.getElementById(e.data.id);
      if (!el.length) { fresh.push(e); continue; }
      const d = el.data();
      const upd = {};
      for (const [k, v] of Object.entries(e.data)) {
        // colours and label sizes are the view's, not the server's
        if (k === 'id' || k === 'source' || k === 'target' || k === 'color' || k === 'lfs' || k === 'lmw') continue;
        if (d[k] !== v) upd[k] = v;
      }
      if (Object.keys(upd).length) {
        el.data(upd);
        if (e.group === 'nodes' && ('label' in upd || 'kind' in upd)) touched.add(e.data.id);
      }
      if (e.group === 'nodes') el.toggleClass('major', e.classes === 'major');
    }
  });
  const freshNodes = fresh.filter((e) => e.group === 'nodes');
  // a capped whole graph keeps its drawn edges: the ones left out stay out (they are new only to cy)
  const cap = app.edgeCap;
  const freshEdges = fresh.filter((e) => e.group === 'edges' && !(cap && cap.ids.has(e.data.id)));
  if (cap) {
    cap.total = elements.length - elements.filter((e) => e.group === 'nodes').length;
    fresh.splice(0, fresh.length, ...freshNodes, ...freshEdges);
  }
  placeNear(freshNodes, freshEdges);
  freshNodes.forEach((e) => touched.add(e.data.id));
  freshEdges.forEach((e) => { touched.add(e.data.source); touched.add(e.data.target); });
  const added = cy.add(fresh);
  app.viewIds = ids;
  if (app.state.view === 'local' && app.state.center) cy.$id('term:' + app.state.center).addClass('center');
  recolor();
  updateLegendCounts();
  applyFilters();
  updateInfo(hood);
  refreshGroups();
  scheduleLabels();
  const news = added.nodes();
  if (news.length) {
    news.addClass('flash');
    setTimeout(() => news.removeClass('flash'), 1500);
  }
  return touched;
}

async function refreshSelection(id, label, c, touched) {
  const s = app.state;
  if (!id) {
    if (s.tag) await showTag(s.tag, null, false);
    return;
  }
  if (s.concept !== id) return;
  const cy = app.cy;
  const listed = c.full || touched === null || [c.added, c.changed, c.removed].some((l) => (l || []).includes(id));
  const near = touched && [...touched].some((t) => t === 'term:' + id ||
    (cy && cy.$id('term:' + id).neighborhood('node').some((n) => n.id() === t)));
  if (!listed && !near && $('panel').dataset.kind === 'concept') {
    highlightSelection(false);
    return;
  }
  const seq = app.selSeq;
  const data = await gql(Q_CONCEPT, { id });
  if (seq !== app.selSeq || s.concept !== id) return;   // the user picked something else meanwhile
  if (!data.concept) { renderPanelRemoved(id, label); return; }
  app.knownConceptTags.set(id, (data.concept.tags || []).map((t) => t.tagId));
  const body = $('panel-body');
  const top = body.scrollTop;
  await renderConcept(data.concept);
  body.scrollTop = top;
  $('panel').dataset.version = String(c.version !== null ? c.version : '');
  applyFilters();
}
