/* What is shown: node kinds, edge kinds, tags, colour groups (the legend filters), concepts
 * with at least N connections, a folder, ghost nodes, orphans; and the colours themselves. */

import { app, track } from './app.js';
import { $, h, fmt } from './dom.js';
import { assignColors, groupOf, legendOf, OTHER, OTHER_KEY, folderOf } from './colors.js';
import { refreshGroups, scheduleLabels, groupName } from './labels.js';
import { writeUrl } from './urlsync.js';
import { loadGraph, updateInfo, fitVisible } from './view.js';
import { highlightSelection } from './select.js';
import { renderList } from './listview.js';

// ------------------------------------------------------------------ colours

/* Colour the concepts of the view by the current mode (community, tag or folder). */
export function recolor() {
  const cy = app.cy;
  if (!cy) return;
  const mode = app.state.color;
  const counts = new Map();
  const terms = cy.nodes('[kind="term"]');
  terms.forEach((n) => {
    if (n.data('ghost') && !app.state.ghosts) return;
    const key = groupOf(n.data(), mode);
    if (key !== null) counts.set(key, (counts.get(key) || 0) + 1);
  });
  const previous = app.colorMode === mode ? app.colors : null;
  app.colors = assignColors(counts, { previous });
  app.colorMode = mode;
  app.groupCounts = counts;
  const fallback = app.kinds.nodeKinds.find((k) => k.key === 'term');
  cy.batch(() => {
    terms.forEach((n) => {
      const key = groupOf(n.data(), mode);
      const c = key === null ? (mode === 'community' && fallback ? fallback.color : OTHER) : (app.colors.get(key) || OTHER);
      if (n.data('color') !== c) n.data('color', c);
    });
  });
  renderGroupLegend();
}

/* the legend key of a node for the hide filter: its group, or "other" past the palette */
function legendKey(data) {
  const key = groupOf(data, app.state.color);
  if (key === null) return null;
  const c = app.colors.get(key);
  return !c || c === OTHER ? OTHER_KEY : key;
}

function renderGroupLegend() {
  const list = $('legend-groups');
  if (!list) return;
  list.textContent = '';
  const names = new Map([...(app.groupCounts || new Map()).keys()].map((k) => [k, groupName(k)]));
  const items = legendOf(app.groupCounts || new Map(), app.colors, names);
  if (!items.length) {
    list.append(h('li', { class: 'muted' }, app.state.color === 'tag' ? 'No tagged concepts in this view.' : 'No groups in this view.'));
    return;
  }
  for (const it of items) {
    list.append(h('li', null, h('label', { class: 'legend-item', title: it.key === OTHER_KEY
      ? 'The smaller groups, in grey' : `Show or hide “${it.label}”` },
    h('input', { type: 'checkbox', name: 'group', value: it.key, onchange: onGroupToggle }),
    h('span', { class: 'swatch node-swatch', style: `--c:${it.color}`, 'aria-hidden': 'true' }),
    h('span', { class: 'legend-label' }, it.label),
    h('span', { class: 'count' }, fmt(it.count)))));
  }
  syncFilterControls();
}

function onGroupToggle(e) {
  const v = e.target.value;
  const s = app.state;
  s.hide = e.target.checked ? s.hide.filter((k) => k !== v) : [...new Set(s.hide.concat([v]))];
  filtersChanged({ keepView: true });
}

// ------------------------------------------------------------------ filtering

function tagMembers() {
  // term node ids tagged with any selected tag, plus the tag nodes themselves
  const cy = app.cy;
  const keep = new Set();
  for (const t of app.state.tags) {
    const tn = cy.$id('tag:' + t);
    if (!tn.length) continue;
    keep.add(tn.id());
    tn.connectedEdges('[ek="tagged"]').sources('[kind="term"]').forEach((n) => { keep.add(n.id()); });
  }
  for (const [cid, tags] of app.knownConceptTags) {
    if (tags.some((t) => app.state.tags.includes(t))) keep.add('term:' + cid);
  }
  return keep;
}

/* Show and hide the elements of the view by the filters (only the elements that change are
 * restyled: on a big graph, touching all of them costs seconds). */
export function applyFilters() {
  const cy = app.cy;
  if (!cy) return;
  const s = app.state;
  const kinds = new Set(s.kinds);
  const edgeKinds = new Set(s.edges);
  const tagKeep = s.tags.length ? tagMembers() : null;
  const hiddenGroups = new Set(s.hide);
  const folder = s.folder ? s.folder.replace(/\/+$/, '') : '';
  const pinned = new Set();
  if (s.concept) pinned.add('term:' + s.concept);
  if (s.view === 'local' && s.center) pinned.add('term:' + s.center);
  const termLevel = !!(tagKeep || s.minDegree || folder || hiddenGroups.size);
  const hide = new Set();
  const termShown = (n) => {
    const d = n.data();
    if (d.ghost && !s.ghosts) return false;
    if (!kinds.has('term')) return false;
    if (tagKeep && !tagKeep.has(d.id)) return false;
    if (s.minDegree && d.degree < s.minDegree) return false;
    if (folder && !(d.path && (d.path === folder || d.path.startsWith(folder + '/')))) return false;
    if (hiddenGroups.size) {
      const key = legendKey(d);
      if (key !== null && hiddenGroups.has(key)) return false;
    }
    return true;
  };
  cy.nodes('[kind="term"]').forEach((n) => { if (!pinned.has(n.id()) && !termShown(n)) hide.add(n.id()); });
  cy.nodes().forEach((n) => {
    const kind = n.data('kind');
    if (kind === 'term' || pinned.has(n.id())) return;
    let show = kind === 'ghost' ? s.ghosts : kinds.has(kind);
    if (show && kind === 'tag' && tagKeep) show = tagKeep.has(n.id());
    else if (show && termLevel) {
      show = n.neighborhood('node[kind="term"]').some((m) => !hide.has(m.id()));
    }
    if (!show) hide.add(n.id());
  });
  cy.edges().forEach((e) => {
    const ek = e.data('ek');
    if ((!edgeKinds.has(ek) && ek !== 'other' && ek !== 'ghost') ||
      hide.has(e.data('source')) || hide.has(e.data('target'))) hide.add(e.id());
  });
  if (s.hideOrphans) {
    cy.nodes().forEach((n) => {
      if (pinned.has(n.id()) || hide.has(n.id())) return;
      if (!n.connectedEdges().some((e) => !hide.has(e.id()))) hide.add(n.id());
    });
  }
  cy.batch(() => {
    cy.elements('.hidden').filter((e) => !hide.has(e.id())).removeClass('hidden');
    const add = [];
    for (const id of hide) { const el = cy.getElementById(id); if (!el.hasClass('hidden')) add.push(el); }
    if (add.length) cy.collection(add).addClass('hidden');
  });
  if (s.concept) highlightSelection(false);
  updateInfo();
  syncFilterControls();
  refreshGroups();
  scheduleLabels(0);
  renderList();
}

export function filtersActive() {
  const s = app.state;
  return s.tags.length + (app.kinds.nodeKinds.length - s.kinds.length) +
    (app.kinds.edgeKinds.length - s.edges.length) + (s.hideOrphans ? 1 : 0) +
    s.hide.length + (s.minDegree ? 1 : 0) + (s.folder ? 1 : 0);
}

export async function filtersChanged(opts) {
  writeUrl(false);
  syncFilterControls();
  const s = app.state;
  const needsServer = s.view === 'overview' && s.truncated && s.tags.join(',') !== app.loadedTagsKey;
  if (needsServer) await loadGraph();
  else {
    applyFilters();
    if (!(opts && opts.keepView)) fitVisible(true);
  }
}

// ------------------------------------------------------------------ legend and controls

export function buildLegend() {
  const { nodeKinds, edgeKinds } = app.kinds;
  const nodeList = $('legend-nodes');
  nodeList.textContent = '';
  for (const k of nodeKinds) {
    const sw = h('span', { class: `swatch node-swatch shape-${k.shape}`, style: `--c:${k.color}`, 'aria-hidden': 'true' });
    nodeList.append(h('li', null, h('label', { class: 'legend-item' },
      h('input', { type: 'checkbox', name: 'kind', value: k.key, onchange: onKindToggle }),
      sw, h('span', { class: 'legend-label' }, k.label),
      h('span', { class: 'count', 'data-count-kind': k.key }, ''))));
  }
  const edgeList = $('legend-edges');
  edgeList.textContent = '';
  let inGroup = false;
  for (const k of edgeKinds) {
    if (k.related && !inGroup) edgeList.append(h('li', { class: 'legend-sub' }, 'Related, found by'));
    inGroup = k.related;
    const dash = k.style === 'dashed' ? '5 3' : k.style === 'dotted' ? '1.5 2.5' : '';
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 34 10');
    svg.setAttribute('aria-hidden', 'true');
    const line = document.createElementNS(ns, 'line');
    for (const [a, v] of Object.entries({ x1: 1, y1: 5, x2: k.arrow ? 26 : 33, y2: 5, stroke: k.color,
      'stroke-width': Math.max(1.5, k.width), 'stroke-linecap': 'round' })) line.setAttribute(a, v);
    if (dash) line.setAttribute('stroke-dasharray', dash);
    svg.append(line);
    if (k.arrow) {
      const head = document.createElementNS(ns, 'path');
      head.setAttribute('d', 'M25 1.5 33 5 25 8.5z');
      head.setAttribute('fill', k.color);
      svg.append(head);
    }
    edgeList.append(h('li', { class: k.related ? 'in-group' : null }, h('label', { class: 'legend-item', title: k.title || null },
      h('input', { type: 'checkbox', name: 'edge', value: k.key, onchange: onEdgeToggle }),
      h('span', { class: 'swatch edge-swatch' }, svg), h('span', { class: 'legend-label' }, k.label),
      h('span', { class: 'count', 'data-count-edge': k.key }, ''))));
  }
}

export function updateLegendCounts() {
  const cy = app.cy;
  if (!cy) return;
  for (const k of app.kinds.nodeKinds) {
    const el = document.querySelector(`[data-count-kind="${k.key}"]`);
    const n = cy.nodes(`[kind="${k.key}"]`).length;
    if (el) { el.textContent = fmt(n); el.closest('li').classList.toggle('zero', n === 0); }
  }
  for (const k of app.kinds.edgeKinds) {
    const el = document.querySelector(`[data-count-edge="${k.key}"]`);
    const n = cy.edges(`[ek="${k.key}"]`).length;
    if (el) { el.textContent = fmt(n); el.closest('li').classList.toggle('zero', n === 0); }
  }
  const ghosts = cy.nodes('[?ghost], [kind="ghost"]').length;
  const gc = $('ghost-count');
  if (gc) gc.textContent = ghosts ? fmt(ghosts) : '';
  updateDegreeSlider();
  updateFolderList();
}

export function renderTagList() {
  const list = $('tag-list');
  list.textContent = '';
  if (app.tagsCatalog === null) {
    list.append(h('li', { class: 'muted' }, 'Tags are unavailable right now.'));
    return;
  }
  if (!app.tagsCatalog.length) {
    list.append(h('li', { class: 'muted' }, 'No tags in these notes.'));
    return;
  }
  const known = new Set(app.tagsCatalog.map((t) => t.tagId));
  const items = app.tagsCatalog.slice().sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  for (const t of app.state.tags) if (!known.has(t)) items.unshift({ tagId: t, label: t, count: 0 });
  for (const t of items) {
    list.append(h('li', null, h('label', { class: 'tag-item' },
      h('input', { type: 'checkbox', name: 'tag', value: t.tagId, onchange: (e) => setTagFilter(t.tagId, e.target.checked) }),
      h('span', { class: 'tag-name' }, '#' + t.label),
      h('span', { class: 'count' }, fmt(t.count)))));
  }
  syncFilterControls();
  if (app.state.color === 'tag') recolor();   // tag names for the legend
}

function updateDegreeSlider() {
  const cy = app.cy;
  const input = $('min-degree');
  if (!cy || !input) return;
  const degrees = cy.nodes('[kind="term"]').map((n) => n.data('degree'));
  const top = Math.max(1, ...degrees);
  input.max = String(Math.min(top, 100));
  syncDegreeLabel();
}

function syncDegreeLabel() {
  const cy = app.cy;
  const n = app.state.minDegree;
  const out = $('min-degree-value');
  if (!out) return;
  if (!n) { out.textContent = 'all'; return; }
  const count = cy ? cy.nodes('[kind="term"]').filter((x) => x.data('degree') >= n).length : 0;
  out.textContent = `≥ ${n} · ${fmt(count)} concepts`;
}

function updateFolderList() {
  const cy = app.cy;
  const list = $('folder-list');
  if (!cy || !list) return;
  const counts = new Map();
  cy.nodes('[kind="term"]').forEach((n) => {
    const p = n.data('path');
    if (!p) return;
    for (const depth of [1, 2]) {
      const f = folderOf(p, depth);
      if (f && f !== '/') counts.set(f, (counts.get(f) || 0) + 1);
    }
  });
  list.textContent = '';
  [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60).forEach(([f, n]) => {
    list.append(h('option', { value: f }, `${n} concepts`));
  });
}

export function syncFilterControls() {
  const s = app.state;
  document.querySelectorAll('input[name="kind"]').forEach((i) => { i.checked = s.kinds.includes(i.value); });
  document.querySelectorAll('input[name="edge"]').forEach((i) => { i.checked = s.edges.includes(i.value); });
  document.querySelectorAll('input[name="tag"]').forEach((i) => {
    i.checked = s.tags.includes(i.value);
    i.closest('.tag-item').classList.toggle('on', i.checked);
  });
  document.querySelectorAll('input[name="group"]').forEach((i) => { i.checked = !s.hide.includes(i.value); });
  $('hide-orphans').checked = s.hideOrphans;
  $('show-ghosts').checked = s.ghosts;
  $('color-mode').value = s.color;
  const md = $('min-degree');
  if (md && Number(md.value) !== s.minDegree) md.value = String(s.minDegree);
  syncDegreeLabel();
  const fo = $('folder');
  if (fo && document.activeElement !== fo && fo.value !== s.folder) fo.value = s.folder;
  const n = filtersActive();
  $('btn-reset').disabled = n === 0;
  const badge = $('filter-badge');
  badge.hidden = n === 0;
  badge.textContent = String(n);
}

function onKindToggle(e) {
  const v = e.target.value;
  const s = app.state;
  s.kinds = e.target.checked ? app.kinds.nodeKinds.map((k) => k.key).filter((k) => k === v || s.kinds.includes(k))
    : s.kinds.filter((k) => k !== v);
  filtersChanged();
}

function onEdgeToggle(e) {
  const v = e.target.value;
  const s = app.state;
  s.edges = e.target.checked ? app.kinds.edgeKinds.map((k) => k.key).filter((k) => k === v || s.edges.includes(k))
    : s.edges.filter((k) => k !== v);
  filtersChanged({ keepView: true });
}

export function setTagFilter(tagId, on) {
  const s = app.state;
  const has = s.tags.includes(tagId);
  if (on && !has) s.tags = s.tags.concat([tagId]);
  else if (!on && has) s.tags = s.tags.filter((t) => t !== tagId);
  else return Promise.resolve();
  return track(filtersChanged());
}

export function resetFilters() {
  const s = app.state;
  s.tags = [];
  s.kinds = app.kinds.nodeKinds.map((k) => k.key);
  s.edges = app.kinds.edgeKinds.map((k) => k.key);
  s.hideOrphans = false;
  s.hide = [];
  s.minDegree = 0;
  s.folder = '';
  return track(filtersChanged());
}

export function wireFilters() {
  const s = app.state;
  $('hide-orphans').addEventListener('change', (e) => { s.hideOrphans = e.target.checked; filtersChanged(); });
  $('show-ghosts').addEventListener('change', async (e) => {
    s.ghosts = e.target.checked;
    const { syncGhosts } = await import('./ghosts.js');
    await track(syncGhosts());
    recolor();
    filtersChanged({ keepView: true });
  });
  $('color-mode').addEventListener('change', (e) => {
    s.color = e.target.value;
    s.hide = [];
    recolor();
    filtersChanged({ keepView: true });
  });
  let degreeTimer = null;
  $('min-degree').addEventListener('input', (e) => {
    s.minDegree = parseInt(e.target.value, 10) || 0;
    syncDegreeLabel();
    clearTimeout(degreeTimer);
    degreeTimer = setTimeout(() => filtersChanged({ keepView: true }), 120);
  });
  let folderTimer = null;
  const folderChanged = () => {
    clearTimeout(folderTimer);
    const v = $('folder').value.trim().replace(/^\/+/, '');
    if (v === s.folder) return;
    s.folder = v;
    filtersChanged();
  };
  $('folder').addEventListener('input', () => { clearTimeout(folderTimer); folderTimer = setTimeout(folderChanged, 400); });
  $('folder').addEventListener('change', folderChanged);
  $('btn-reset').addEventListener('click', () => { resetFilters(); });
}
