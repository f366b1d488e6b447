/* Labels that can be read at every zoom: the names of the colour groups (topics) over their
 * part of the picture, and node labels shown by importance (selection, hubs, degree) where
 * they do not overlap one another nor a topic name (declutter.js pickLabels). Node labels are
 * picked again when the view stops moving; topic names follow the view at every frame. */

import { app } from './app.js';
import { $, h } from './dom.js';
import { pickLabels, textEms } from './declutter.js';
import { groupOf, OTHER } from './colors.js';

const MIN_PX = 10.5;        // the smallest label font on screen
const MAX_PX = 22;
const GROUP_MIN = 4;        // a group needs this many visible nodes for its name to show

let timer = null;
let frame = 0;
let centroids = [];         // [{ key, label, color, x, y, n, r }] model coordinates
let groupBoxes = [];        // topic names shown, screen boxes (obstacles of node labels)

/* Pick the node labels again soon (after a zoom, pan, filter or selection). */
export function scheduleLabels(delay = 110) {
  clearTimeout(timer);
  timer = setTimeout(updateLabels, delay);
}

/* The groups' centres (model coordinates), after a layout, a filter or a recolouring. */
export function refreshGroups() {
  const cy = app.cy;
  centroids = [];
  if (!cy) { drawGroups(); return; }
  const acc = new Map();
  cy.nodes().forEach((n) => {
    if (n.hasClass('hidden')) return;
    const key = groupOf(n.data(), app.state.color);
    if (key === null) return;
    const c = app.colors.get(key);
    if (!c || c === OTHER) return;
    const p = n.position();
    let a = acc.get(key);
    if (!a) { a = { key, color: c, x: 0, y: 0, n: 0, pts: [] }; acc.set(key, a); }
    a.x += p.x; a.y += p.y; a.n += 1; a.pts.push(p);
  });
  for (const a of acc.values()) {
    if (a.n < GROUP_MIN) continue;
    a.x /= a.n; a.y /= a.n;
    // the spread of the group: most of its nodes are within r of its centre
    const d = a.pts.map((p) => Math.hypot(p.x - a.x, p.y - a.y)).sort((x, y) => x - y);
    a.r = d[Math.floor(d.length * 0.8)] || 0;
    a.label = groupName(a.key);
    delete a.pts;
    centroids.push(a);
  }
  centroids.sort((a, b) => b.n - a.n);
  drawGroups();
}

export function groupName(key) {
  if (app.state.color === 'community') {
    const c = app.communities.get(String(key));
    return c ? c.label : `topic ${key}`;
  }
  if (app.state.color === 'tag') {
    const t = (app.tagsCatalog || []).find((x) => x.tagId === key);
    return '#' + (t ? t.label : key);
  }
  return key === '/' ? '(notes folder)' : key + '/';
}

/* Topic names over their groups, at the current zoom and pan (every frame while moving). */
export function drawGroups() {
  cancelAnimationFrame(frame);
  frame = requestAnimationFrame(drawGroupsNow);
}

function drawGroupsNow() {
  const layer = $('group-labels');
  const cy = app.cy;
  if (!layer) return;
  groupBoxes = [];
  if (!cy || !centroids.length || document.body.dataset.state !== 'ready') { layer.textContent = ''; return; }
  const z = cy.zoom(); const pan = cy.pan(); const W = cy.width(); const H = cy.height();
  const items = [];
  for (const g of centroids) {
    // zoomed into a group, its name is not needed: its nodes' labels say enough
    if (g.r * z > 0.42 * Math.min(W, H) && centroids.length > 1) continue;
    const px = 12 + Math.min(5, Math.log2(1 + g.n));
    const w = textEms(g.label) * px + 20; const hgt = px * 1.3 + 8;
    items.push({ id: g.key, x: g.x * z + pan.x, y: g.y * z + pan.y, w, h: hgt, px, g });
  }
  // the labels of the selected node and of the most connected one always show (updateLabels):
  // a topic name never covers them
  const keepClear = [cy.$('node.focus'), topHub(cy)].filter((n) => n && n.length)
    .map((n) => n.renderedBoundingBox({ includeLabels: true, includeEdges: false }));
  const clear = (it) => keepClear.every((fb) => it.x + it.w / 2 < fb.x1 || it.x - it.w / 2 > fb.x2 ||
    it.y + it.h / 2 < fb.y1 || it.y - it.h / 2 > fb.y2);
  const shown = new Set(pickLabels(items.filter(clear), { width: W, height: H, margin: 6 }));
  const keep = new Map([...layer.children].map((el) => [el.dataset.key, el]));
  for (const it of items) {
    if (!shown.has(it.id)) continue;
    let el = keep.get(String(it.id));
    if (el) keep.delete(String(it.id));
    else {
      el = h('button', { type: 'button', class: 'group-label', dataset: { key: String(it.id) },
        title: 'Zoom to this group', onclick: () => zoomToGroup(it.g.key) });
      layer.append(el);
    }
    el.textContent = it.g.label;
    el.style.setProperty('--c', it.g.color);
    el.style.fontSize = `${it.px}px`;
    el.style.transform = `translate(${Math.round(it.x - it.w / 2)}px, ${Math.round(it.y - it.h / 2)}px)`;
    groupBoxes.push({ x: it.x, y: it.y, w: it.w, h: it.h });
  }
  for (const el of keep.values()) el.remove();
}

function zoomToGroup(key) {
  const cy = app.cy;
  if (!cy) return;
  const eles = cy.nodes().filter((n) => !n.hasClass('hidden') && groupOf(n.data(), app.state.color) === key);
  if (!eles.length) return;
  cy.stop();
  cy.animate({ fit: { eles, padding: 40 } }, { duration: 350 });
}

/* The visible concept with the most connections (ties: the first id): its label always shows. */
function topHub(cy) {
  let best = null;
  cy.nodes('[kind="term"]').forEach((n) => {
    if (n.hasClass('hidden')) return;
    const d = n.data('degree') || 0;
    if (!best || d > best.d || (d === best.d && n.id() < best.n.id())) best = { n, d };
  });
  return best ? best.n : null;
}

/* Choose the node labels to show now (most important first, none overlapping). */
export function updateLabels() {
  clearTimeout(timer);
  const cy = app.cy;
  if (!cy) return;
  drawGroupsNow();
  const hub = topHub(cy);
  const hubId = hub ? hub.id() : null;
  const z = cy.zoom(); const pan = cy.pan(); const W = cy.width(); const H = cy.height();
  const items = [];
  const sizeOf = new Map();
  cy.nodes().forEach((n) => {
    if (n.hasClass('hidden')) return;
    const p = n.position();
    const x = p.x * z + pan.x; const y = p.y * z + pan.y;
    if (x < -200 || y < -60 || x > W + 200 || y > H + 60) return;
    const d = n.data();
    const rel = Math.max(0, Math.min(1, (d.fs - 10) / 9));
    const px = Math.min(MAX_PX, Math.max(d.fs * z, MIN_PX + 3 * rel));
    const w = Math.min(220, textEms(d.label) * px) + 4; const hgt = px * 1.25;
    const focus = n.hasClass('focus') || n.hasClass('center') || d.id === hubId;
    const rank = (focus ? 4e6 : 0) + (n.hasClass('nb') ? 2e6 : 0) + (n.hasClass('major') ? 1e6 : 0) +
      (d.kind === 'tag' ? 5e5 : 0) + (d.kind === 'term' ? d.degree : 0) + d.size;
    items.push({ id: d.id, x, y: y + (d.size / 2) * z + 3 * z + hgt / 2, w, h: hgt, always: focus, rank });
    sizeOf.set(d.id, px);
  });
  items.sort((a, b) => b.rank - a.rank);
  const shown = new Set(pickLabels(items, { width: W, height: H, obstacles: groupBoxes }));
  cy.batch(() => {
    cy.nodes('.lbl').forEach((n) => { if (!shown.has(n.id())) n.removeClass('lbl'); });
    for (const id of shown) {
      const n = cy.getElementById(id);
      const lfs = sizeOf.get(id) / z;
      if (Math.abs((n.data('lfs') || 0) - lfs) > 0.02 * lfs) n.data({ lfs, lmw: 220 / z });
      if (!n.hasClass('lbl')) n.addClass('lbl');
    }
  });
}

/* A hovered or selected node's label is readable whatever the zoom. */
export function readable(node) {
  const cy = app.cy;
  if (!cy || !node || !node.length) return;
  const px = Math.min(MAX_PX, Math.max(node.data('fs') * cy.zoom(), 13));
  node.data({ lfs: px / cy.zoom(), lmw: 220 / cy.zoom() });
}
