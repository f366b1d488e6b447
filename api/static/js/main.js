/* glossgraph viewer: the concept graph over GraphQL (cytoscape + fcose; ES modules served as
 * they are, no build step). This module starts the page: the registry of kinds, the controls,
 * the first view (from the URL), live updates. See app.js for what tests can read. */

import { api, app, busy, markReady, setCommunities, track } from './app.js';
import { $, setStatus } from './dom.js';
import { getRegistry, gql, Q_META, SERVER_LAYOUT_MAX } from './api.js';
import { kindsFrom } from './kinds.js';
import { stateFromUrl } from './urlsync.js';
import { readUrl } from './urlstate.js';
import { applyFilters, buildLegend, recolor, renderTagList, syncFilterControls, wireFilters } from './filters.js';
import { fitVisible, loadGraph, prefetchOverview, showError, showLocal, showOverview, syncViewButtons, updateInfo, zoomBy } from './view.js';
import { clearSelection, selectConcept } from './select.js';
import { renderIntro, showNote, showTag } from './panel.js';
import { clearSearch, focusSearch, hasSearchText, wireSearch } from './search.js';
import { connectLive } from './live.js';
import { initListView, renderList } from './listview.js';
import { refreshGroups } from './labels.js';
import { syncGhosts } from './ghosts.js';

api.select = (id) => selectConcept(id, { push: true });

async function loadMeta() {
  try {
    const data = await gql(Q_META);
    app.tagsCatalog = data.tags || [];
    app.stats = data.stats || null;
    setCommunities(data.communities);
    if (app.stats && api.version === null) api.version = app.stats.version;
  } catch (err) {
    app.tagsCatalog = null;                     // unknown, not "no tags"
  }
  renderTagList();
  if (app.cy) { recolor(); refreshGroups(); renderList(); }
  if (!app.state.concept && $('panel').dataset.kind === '') renderIntro();
}

async function start() {
  busy(1);
  try {
    Object.assign(app.state, stateFromUrl());
    syncViewButtons();
    syncFilterControls();
    if (!app.state.concept) renderIntro();
    const meta = loadMeta();
    const ok = await loadGraph({ reselect: false });
    await meta;
    const s = app.state;
    if (ok && s.concept) await selectConcept(s.concept, { center: s.view !== 'local' });
    else if (ok && s.tag) await showTag(s.tag, null, false);
    else if (ok && s.note) await showNote(s.note, false);
    if (ok) markReady();
    updateInfo();
  } finally {
    busy(-1);
  }
}

async function restoreFromUrl() {
  const s = app.state;
  const u = stateFromUrl();
  const graphChanged = u.view !== s.view || u.center !== s.center || u.limit !== s.limit ||
    (u.view === 'local' && u.depth !== s.depth) ||
    (u.view === 'overview' && s.truncated && u.tags.join(',') !== app.loadedTagsKey);
  const ghostsChanged = u.ghosts !== s.ghosts;
  const colorChanged = u.color !== s.color;
  Object.assign(s, {
    view: u.view, center: u.center, tags: u.tags, kinds: u.kinds, edges: u.edges, hideOrphans: u.hideOrphans,
    limit: u.limit, color: u.color, hide: u.hide, minDegree: u.minDegree, folder: u.folder, ghosts: u.ghosts,
  });
  if (u.view === 'local') s.depth = u.depth;
  syncViewButtons();
  syncFilterControls();
  if (graphChanged || !app.cy) await loadGraph({ reselect: false });
  else {
    if (ghostsChanged) await syncGhosts();
    if (ghostsChanged || colorChanged) recolor();
    applyFilters();
  }
  if (u.concept) await selectConcept(u.concept, { center: u.view !== 'local' || !graphChanged });
  else if (u.tag) await showTag(u.tag, null, false);
  else if (u.note) await showNote(u.note, false);
  else { s.concept = null; clearSelection(false); }
}

function isTyping(target) {
  return target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function isFiltersOpenByDefault() { return window.matchMedia('(min-width: 1100px)').matches; }
function isFiltersOpen() {
  if (document.body.classList.contains('filters-open')) return true;
  if (document.body.classList.contains('filters-closed')) return false;
  return isFiltersOpenByDefault();
}
function setFiltersOpen(open) {
  document.body.classList.toggle('filters-open', open);
  document.body.classList.toggle('filters-closed', !open);
  $('btn-filters').setAttribute('aria-expanded', String(open));
  if (app.cy) setTimeout(() => app.cy.resize(), 0);
}

function wire() {
  wireSearch();
  wireFilters();
  document.addEventListener('keydown', (e) => {
    if (e.key === '/' && !isTyping(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      focusSearch();
    } else if (e.key === 'Escape' && !isTyping(e.target)) {
      if (hasSearchText()) clearSearch();
      clearSelection(true);
    }
  });
  $('btn-overview').addEventListener('click', () => {
    if (app.state.view === 'overview') { fitVisible(true); return; }
    track(showOverview(true));
  });
  $('btn-local').addEventListener('click', () => {
    const id = app.state.concept || app.state.center;
    if (id) track(showLocal(id, app.state.depth, true));
  });
  $('depth').addEventListener('change', (e) => {
    const s = app.state;
    s.depth = parseInt(e.target.value, 10) || 1;
    const id = s.view === 'local' ? s.center : null;
    if (id) track(showLocal(id, s.depth, true));
    else if (s.concept) {
      const btn = $('panel-local');
      if (btn) btn.textContent = `Local graph · depth ${s.depth}`;
    }
  });
  $('btn-filters').addEventListener('click', () => setFiltersOpen(!isFiltersOpen()));
  $('btn-retry').addEventListener('click', () => { init(); });
  $('zoom-in').addEventListener('click', () => zoomBy(1.35));
  $('zoom-out').addEventListener('click', () => zoomBy(1 / 1.35));
  $('zoom-fit').addEventListener('click', () => fitVisible(true));
  window.addEventListener('popstate', () => { track(restoreFromUrl()); });
}

let wired = false;
let started = false;

async function init() {
  if (!app.kinds) {
    busy(1);
    try {
      app.kinds = kindsFrom(await getRegistry());
    } catch (err) {
      showError(err);
      return;
    } finally {
      busy(-1);
    }
  }
  if (!wired) {
    wired = true;
    Object.assign(app.state, stateFromUrl());
    buildLegend();
    wire();
    initListView();
    $('btn-filters').setAttribute('aria-expanded', String(isFiltersOpen()));
  }
  await start();
  if (!started) {
    started = true;
    connectLive(start, loadMeta);
  }
}

function boot() {
  if (typeof window.cytoscape !== 'function') {
    setStatus('error', 'The graph library did not load.',
      'The server did not serve /vendor/cytoscape.js; run `make install` (npm ci) and restart the server.');
    return;
  }
  if (typeof window.cytoscapeFcose === 'function') {
    try { window.cytoscape.use(window.cytoscapeFcose); } catch (err) { /* already registered */ }
  } else {
    setStatus('error', 'The layout library did not load.', 'The server did not serve /vendor/cytoscape-fcose.js.');
    return;
  }
  // the first view's graph is asked for at once, beside the registry (both are needed first)
  const first = readUrl(location.search, { nodeKinds: [], edgeKinds: [] });
  if (first.view === 'overview' && !first.tags.length && first.limit <= SERVER_LAYOUT_MAX) prefetchOverview(first.limit);
  init();
}

boot();
