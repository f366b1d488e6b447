/* The search box: Chinese, pinyin, English, typos (the server ranks); arrows, Enter, Esc. */

import { app, busy } from './app.js';
import { $, h, highlight } from './dom.js';
import { gql, Q_SEARCH } from './api.js';
import { selectConcept, clearSelection } from './select.js';
import { showInList } from './listview.js';

const search = { input: null, list: null, timer: null, seq: 0, hits: [], active: -1, text: '' };
const FIELD_NAMES = { label: 'label', synonym: 'synonym', pinyin: 'pinyin', initials: 'pinyin initials', definition: 'definition' };

function openResults(open) {
  search.list.hidden = !open;
  search.input.setAttribute('aria-expanded', String(open));
}

export function clearSearch() {
  clearTimeout(search.timer);
  search.seq += 1;
  search.input.value = '';
  search.hits = [];
  search.active = -1;
  search.list.textContent = '';
  openResults(false);
}

export function hasSearchText() {
  return !!search.input.value;
}

export function focusSearch() {
  search.input.focus();
  search.input.select();
}

function onSearchInput() {
  clearTimeout(search.timer);
  const text = search.input.value.trim();
  if (!text) { search.seq += 1; search.hits = []; search.list.textContent = ''; openResults(false); return; }
  search.timer = setTimeout(() => runSearch(text), 160);
}

async function runSearch(text) {
  const seq = ++search.seq;
  search.text = text;
  search.list.textContent = '';
  search.list.append(h('li', { class: 'sr-msg' }, 'Searching…'));
  openResults(true);
  busy(1);
  try {
    const data = await gql(Q_SEARCH, { text });
    if (seq !== search.seq) return;
    search.hits = (data.search || []).filter((hit) => hit && hit.concept);
    search.active = search.hits.length ? 0 : -1;
    renderResults();
  } catch (err) {
    if (seq !== search.seq) return;
    search.hits = [];
    search.list.textContent = '';
    search.list.append(h('li', { class: 'sr-msg error' }, `Search failed: ${err.message}`));
  } finally {
    busy(-1);
  }
}

function renderResults() {
  search.list.textContent = '';
  if (!search.hits.length) {
    search.list.append(h('li', { class: 'sr-msg' }, `No concept matches “${search.text}”.`));
    return;
  }
  search.hits.forEach((hit, i) => {
    const c = hit.concept;
    const others = (c.labels || []).map((l) => l.value).filter((v) => v !== c.label);
    const inGraph = app.cy && app.cy.$id('term:' + c.conceptId).length > 0;
    const showMatched = hit.matched && hit.matched !== c.label && !others.includes(hit.matched);
    search.list.append(h('li', {
      id: `sr-${i}`, role: 'option', class: 'sr' + (i === search.active ? ' active' : ''),
      'aria-selected': String(i === search.active), dataset: { concept: c.conceptId },
      onmousedown: (e) => { e.preventDefault(); chooseResult(i); },
      onmousemove: () => { if (search.active !== i) { search.active = i; paintActive(); } },
    },
    h('span', { class: 'sr-main' }, h('span', { class: 'sr-label' }, highlight(c.label, [search.text])),
      others.length ? h('span', { class: 'sr-alt' }, highlight(others.join(' · '), [search.text])) : null),
    h('span', { class: 'sr-meta' },
      showMatched ? h('span', { class: 'sr-matched' }, highlight(hit.matched, [search.text])) : null,
      h('span', { class: `sr-field f-${hit.field}` }, FIELD_NAMES[hit.field] || hit.field),
      inGraph ? null : h('span', { class: 'sr-out', title: 'Not in the current view: its neighbourhood will be added' }, '+'))));
  });
  paintActive();
}

function paintActive() {
  [...search.list.querySelectorAll('.sr')].forEach((li, i) => {
    li.classList.toggle('active', i === search.active);
    li.setAttribute('aria-selected', String(i === search.active));
    if (i === search.active) {
      search.input.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView({ block: 'nearest' });
    }
  });
  if (search.active < 0) search.input.removeAttribute('aria-activedescendant');
}

function chooseResult(i) {
  const hit = search.hits[i];
  if (!hit) return;
  search.input.value = hit.concept.label;
  openResults(false);
  search.input.blur();
  selectConcept(hit.concept.conceptId, { push: true, center: true });
  showInList();
}

function onSearchKey(e) {
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    if (!search.hits.length) return;
    e.preventDefault();
    if (search.list.hidden) openResults(true);
    const d = e.key === 'ArrowDown' ? 1 : -1;
    search.active = (search.active + d + search.hits.length) % search.hits.length;
    paintActive();
  } else if (e.key === 'Enter') {
    e.preventDefault();
    const text = search.input.value.trim();
    if (!text) return;
    if (search.hits.length && text === search.text) chooseResult(Math.max(0, search.active));
    else {
      clearTimeout(search.timer);
      runSearch(text).then(() => { if (search.hits.length) chooseResult(0); });
    }
  } else if (e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation();
    if (search.input.value || !search.list.hidden) clearSearch();
    else { search.input.blur(); clearSelection(true); }
  }
}

export function wireSearch() {
  search.input = $('search');
  search.list = $('search-results');
  search.input.addEventListener('input', onSearchInput);
  search.input.addEventListener('keydown', onSearchKey);
  search.input.addEventListener('focus', () => { if (search.hits.length && search.input.value.trim()) openResults(true); });
  search.input.addEventListener('blur', () => setTimeout(() => openResults(false), 120));
}
