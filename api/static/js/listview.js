/* On a narrow screen the view opens as a list: the concepts of the view by group (topic, tag
 * or folder, as coloured), most connected first; the graph is one tap away (List | Graph). */

import { app } from './app.js';
import { $, fmt, h } from './dom.js';
import { byKey, groupOf, OTHER, OTHER_KEY } from './colors.js';
import { groupName, refreshGroups, scheduleLabels } from './labels.js';
import { selectConcept } from './select.js';
import { fitVisible } from './view.js';

const NARROW = '(max-width: 799px)';
const SHOWN = 8;            // concepts of a group listed before "show all"
let mode = 'graph';
const opened = new Set();   // groups shown in full

export const isNarrow = () => window.matchMedia(NARROW).matches;
export const listMode = () => mode;

export function initListView() {
  mode = isNarrow() ? 'list' : 'graph';
  $('btn-list').addEventListener('click', () => setMode('list'));
  $('btn-graph').addEventListener('click', () => setMode('graph'));
  window.matchMedia(NARROW).addEventListener('change', () => setMode(isNarrow() ? 'list' : 'graph'));
  paint();
}

export function setMode(m) {
  if (m === mode) return;
  mode = m;
  paint();
  if (mode === 'graph' && app.cy) {
    app.cy.resize();
    fitVisible(false);
    refreshGroups();
    scheduleLabels(0);
  }
  renderList();
}

function paint() {
  document.body.dataset.mode = mode;
  $('btn-list').setAttribute('aria-pressed', String(mode === 'list'));
  $('btn-graph').setAttribute('aria-pressed', String(mode === 'graph'));
  $('list-view').hidden = mode !== 'list';
}

/* The list of the view's concepts by group (only drawn while the list is shown). */
export function renderList() {
  const box = $('list-view');
  const cy = app.cy;
  if (mode !== 'list' || !box) return;
  const top = box.scrollTop;
  box.textContent = '';
  if (!cy || !cy.nodes().length) {
    box.append(h('p', { class: 'muted lv-empty' }, document.body.dataset.state === 'ready' ? 'Nothing to list.' : 'Loading…'));
    return;
  }
  const groups = new Map();
  cy.nodes('[kind="term"]').forEach((n) => {
    if (n.hasClass('hidden')) return;
    const d = n.data();
    let key = groupOf(d, app.state.color);
    const c = key === null ? null : app.colors.get(key);
    if (key === null || !c || c === OTHER) key = OTHER_KEY;
    let g = groups.get(key);
    if (!g) { g = { key, color: key === OTHER_KEY ? OTHER : c, nodes: [] }; groups.set(key, g); }
    g.nodes.push(d);
  });
  const list = [...groups.values()].sort((a, b) => (a.key === OTHER_KEY) - (b.key === OTHER_KEY)
    || b.nodes.length - a.nodes.length || byKey(a.key, b.key));
  const what = { community: 'topic', tag: 'tag', folder: 'folder' }[app.state.color];
  box.append(h('p', { class: 'lv-head' }, `${fmt(list.reduce((s, g) => s + g.nodes.length, 0))} concepts by ${what}, most connected first · `,
    h('button', { type: 'button', class: 'link-btn', onclick: () => setMode('graph') }, 'show the graph')));
  for (const g of list) {
    g.nodes.sort((a, b) => b.degree - a.degree || a.label.localeCompare(b.label));
    const all = opened.has(g.key);
    const shown = all ? g.nodes.slice(0, 300) : g.nodes.slice(0, SHOWN);
    box.append(h('section', { class: 'lv-group', dataset: { key: g.key } },
      h('h3', null, h('span', { class: 'swatch node-swatch', style: `--c:${g.color}` }),
        h('span', { class: 'lv-name' }, g.key === OTHER_KEY ? 'Other' : groupName(g.key)),
        h('span', { class: 'count' }, fmt(g.nodes.length))),
      h('ul', { class: 'lv-items' }, shown.map((d) => h('li', null, h('button', {
        type: 'button', class: 'lv-item' + (d.conceptId === app.state.concept ? ' on' : ''), dataset: { concept: d.conceptId },
        onclick: () => { selectConcept(d.conceptId, { push: true, center: false }); showInList(); },
      }, h('span', { class: 'lv-label' }, d.label), h('span', { class: 'count' }, fmt(d.degree)))))),
      g.nodes.length > SHOWN ? h('button', { type: 'button', class: 'link-btn lv-more', onclick: () => {
        if (all) opened.delete(g.key); else opened.add(g.key);
        renderList();
      } }, all ? 'Show fewer' : `Show all ${fmt(g.nodes.length)}`) : null));
  }
  box.scrollTop = top;
}

export function markListSelection() {
  const box = $('list-view');
  if (!box || mode !== 'list') return;
  box.querySelectorAll('.lv-item').forEach((b) => b.classList.toggle('on', b.dataset.concept === app.state.concept));
}

/* after choosing a concept on a narrow screen: its panel (below the list) comes into view */
export function showInList() {
  if (mode !== 'list') return;
  const panel = $('panel');
  if (panel && panel.scrollIntoView) panel.scrollIntoView({ block: 'start', behavior: 'smooth' });
}
