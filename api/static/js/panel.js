/* The side panel: the intro, a concept (its note beside the graph, labels, definitions,
 * related concepts one row per concept, sources), a tag, a note, another node. */

import { app, busy } from './app.js';
import { $, fmt, h, highlight, toast } from './dom.js';
import { gql, Q_IRI, Q_NOTES, Q_SECTION, Q_TAG } from './api.js';
import { writeUrl } from './urlsync.js';
import { setTagFilter } from './filters.js';
import { showLocal, expandNode } from './view.js';
import { focusNode, labelOf, selectConcept } from './select.js';
import { groupName } from './labels.js';

const LANG_NAMES = { zh: '中文', en: 'English' };
const langAttr = (l) => (l === 'zh' ? 'zh-Hans' : (l || null));

export function panelReset(kind, id) {
  const panel = $('panel');
  panel.dataset.kind = kind || '';
  if (id) panel.dataset.conceptId = id; else delete panel.dataset.conceptId;
  panel.classList.toggle('has-content', !!kind);
  const body = $('panel-body');
  body.textContent = '';
  body.scrollTop = 0;
  return body;
}

export function renderIntro() {
  const body = panelReset('', null);
  const st = app.stats;
  const topics = [...app.communities.values()].filter((c) => c.size > 1).slice(0, 8);
  body.append(
    h('div', { class: 'intro' },
      h('h2', null, 'Explore the glossary'),
      h('p', null, 'Each dot is a concept from the notes; its colour is its topic (a group of concepts that link to each other, named after its most connected one), its size how connected it is.'),
      st ? h('dl', { class: 'stats' },
        h('div', null, h('dt', null, 'Concepts'), h('dd', null, fmt(st.concepts))),
        h('div', null, h('dt', null, 'Tags'), h('dd', null, fmt(st.tags))),
        h('div', null, h('dt', null, 'Notes'), h('dd', null, fmt(st.notes))),
        h('div', null, h('dt', null, 'Edges'), h('dd', null, fmt(st.edges)))) : null,
      topics.length ? h('div', { class: 'intro-topics' }, h('h3', null, 'Largest topics'),
        h('ul', { class: 'links' }, topics.map((t) => h('li', null,
          conceptLink({ conceptId: t.centerId, label: t.label }, null, `${fmt(t.size)} concepts`))))) : null,
      h('ul', { class: 'tips' },
        h('li', null, h('b', null, 'Click'), ' a concept to read where it is written in your notes, its labels, tags and related concepts with their evidence.'),
        h('li', null, h('b', null, 'Double-click'), ' a node to add its neighbours to the graph.'),
        h('li', null, 'Search in Chinese, English or pinyin (', h('code', null, 'jqxx'), ' finds 机器学习). Press ', h('kbd', null, '/'), ' to search, ', h('kbd', null, 'Esc'), ' to clear.'),
        h('li', null, h('b', null, 'Filters'), ' colour by topic, tag or folder; the legend shows or hides each group.'),
        h('li', null, h('b', null, 'Local graph'), ' shows the concepts up to 1–3 steps around the selected one; the address bar always holds a link to the current view.'))));
}

export function renderPanelLoading(conceptId) {
  const body = panelReset('loading', conceptId);
  body.append(h('div', { class: 'panel-loading' }, h('div', { class: 'spinner small' }),
    h('span', null, `Loading “${labelOf(conceptId)}”…`)));
}

export function renderPanelError(conceptId, err) {
  const body = panelReset('error', conceptId);
  body.append(h('div', { class: 'panel-message error' },
    h('h2', null, 'Could not load this concept'),
    h('p', null, err.message || String(err)),
    err.detail ? h('p', { class: 'muted' }, err.detail) : null,
    h('button', { type: 'button', class: 'btn', onclick: () => selectConcept(conceptId, {}) }, 'Try again')));
}

export function renderPanelMissing(conceptId) {
  const body = panelReset('missing', conceptId);
  body.append(h('div', { class: 'panel-message' },
    h('h2', null, 'No such concept'),
    h('p', null, `There is no concept “${conceptId}” in this graph. It may have been renamed or removed from the notes.`),
    h('p', { class: 'muted' }, 'Try the search box above.')));
}

export function renderPanelRemoved(conceptId, label) {
  const body = panelReset('removed', conceptId);
  body.append(h('div', { class: 'panel-message removed' },
    h('div', { class: 'kind-chip term' }, 'Concept'),
    h('h2', null, `“${label || conceptId}” was removed`),
    h('p', null, 'This concept is no longer in the notes: it was deleted or renamed while you were looking at it.'),
    h('p', { class: 'muted' }, 'Search for it above, or pick another concept in the graph.')));
}

export function conceptLink(c, extraClass, title) {
  return h('a', {
    href: `/viewer?concept=${encodeURIComponent(c.conceptId)}`, class: 'concept-link ' + (extraClass || ''),
    dataset: { concept: c.conceptId }, title: title || null,
    onclick: (e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      selectConcept(c.conceptId, { push: true, center: true });
    },
  }, c.label);
}

function sourceRef(s) {
  return h('span', { class: 'src', title: `${s.file}, line ${s.line}` }, `${s.file}:${s.line}`);
}

function section(title, ...content) {
  const items = content.flat().filter(Boolean);
  if (!items.length) return null;
  return h('section', { class: 'psec' }, h('h3', null, title), ...items);
}

/* Related concepts, one row per concept (several relations to one concept are one row), in
 * groups by the strongest kind joining them (the registry's rank). */
function relatedRows(c) {
  const kinds = app.kinds.relationKinds;
  const rankOf = (k) => { const x = kinds.find((y) => y.key === k); return x ? x.rank : 9; };
  const rows = new Map();
  for (const r of c.related) {
    const id = r.target.conceptId;
    let row = rows.get(id);
    if (!row) { row = { target: r.target, rels: [], kinds: new Set(), dirs: new Set() }; rows.set(id, row); }
    row.rels.push(r); row.kinds.add(r.kind); row.dirs.add(r.direction);
  }
  for (const row of rows.values()) {
    row.rels.sort((a, b) => rankOf(a.kind) - rankOf(b.kind));
    row.best = row.rels[0].kind;
  }
  return rows;
}

/* degree = distinct concepts related, broader or narrower: the panel says how they add up.
 * `related` lists at most 100 relations; relatedCount (the server) counts all of them, so the
 * header, the pill and the section title say the same numbers for a hub too. */
export function connectionCounts(c) {
  const rows = relatedRows(c);
  const total = Number.isFinite(c.relatedCount) ? Math.max(c.relatedCount, rows.size) : rows.size;
  const others = Math.max(0, (c.degree || 0) - total);
  return { related: total, listed: rows.size, hierarchy: others, rows, truncated: rows.size < total };
}

export async function renderConcept(c) {
  const body = panelReset('concept', c.conceptId);
  const main = c.labels.find((l) => l.preferred) || c.labels[0];
  const langs = new Map();
  for (const l of c.labels) if (!langs.has(l.language)) langs.set(l.language, l);
  const inGraph = app.cy && app.cy.$id('term:' + c.conceptId).length > 0;
  const counts = connectionCounts(c);
  const topic = c.community;
  const topicColor = topic && app.state.color === 'community' ? app.colors.get(String(topic.id)) : null;
  const breakdown = `(${fmt(counts.related)} related${counts.hierarchy ? `, ${fmt(counts.hierarchy)} only broader/narrower` : ''})`;

  const header = h('header', { class: 'phead' },
    h('div', { class: 'kind-chip term' }, c.ghost ? 'Ghost concept' : 'Concept'),
    h('h2', { class: 'ptitle', id: 'panel-title' }, c.label || (main && main.value) || c.conceptId),
    h('ul', { class: 'labels' }, [...langs.values()].map((l) =>
      h('li', { class: 'label-item' }, h('span', { class: 'lang' }, LANG_NAMES[l.language] || l.language),
        h('span', { class: 'label-value', lang: langAttr(l.language) }, l.value)))),
    h('div', { class: 'meta' },
      h('span', { title: 'Concept id' }, h('code', null, c.conceptId)),
      h('span', { id: 'panel-degree', title: 'Distinct concepts it is related to, broader or narrower' },
        `${fmt(c.degree)} connection${c.degree === 1 ? '' : 's'} `, h('span', { class: 'muted' }, breakdown)),
      topic ? h('span', { class: 'topic', id: 'panel-topic', title: `Its topic: ${fmt(topic.size)} concepts` },
        h('span', { class: 'swatch node-swatch', style: `--c:${topicColor || '#94a3b8'}` }), ' ', topic.label) : null,
      inGraph ? null : h('span', { class: 'muted' }, 'not in the current view')),
    c.ghost ? h('p', { class: 'ghost-note' }, 'Known only from links to it: no note defines it yet.') : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn primary small', id: 'panel-local',
        onclick: () => showLocal(c.conceptId, app.state.depth, true) },
      `Local graph · depth ${app.state.depth}`),
      h('button', { type: 'button', class: 'btn small', onclick: () => {
        const n = app.cy && app.cy.$id('term:' + c.conceptId);
        if (n && n.length) expandNode(n);
      } }, 'Expand'),
      h('button', { type: 'button', class: 'btn small ghost', title: 'Copy a link to this view',
        onclick: () => copyLink() }, 'Copy link')));

  const note = h('section', { class: 'psec note-sec', id: 'panel-note', hidden: true });

  const synonyms = c.synonyms.length ? section('Synonyms', h('ul', { class: 'chips', id: 'panel-synonyms' },
    c.synonyms.map((s) => h('li', { class: 'chip syn', lang: langAttr(s.language) },
      s.value, h('span', { class: 'chip-lang' }, s.language))))) : null;

  const defs = c.definitions.length ? c.definitions : (c.definition ? [{ text: c.definition, language: '', source: null }] : []);
  const definition = defs.length ? section(defs.length > 1 ? 'Definitions' : 'Definition',
    defs.map((d) => h('blockquote', { class: 'def', lang: langAttr(d.language) },
      h('p', null, d.text), d.source ? h('footer', null, sourceRef(d.source)) : null))) : null;

  const notes = c.notes.length ? section('Notes', h('ul', { class: 'notes' },
    c.notes.map((n) => h('li', { lang: langAttr(n.language) }, n.text, ' ', sourceRef(n.source))))) : null;

  const tags = c.tags.length ? section('Tags', h('ul', { class: 'chips' }, c.tags.map((t) =>
    h('li', null, h('button', {
      type: 'button', class: 'chip tag' + (app.state.tags.includes(t.tagId) ? ' on' : ''), dataset: { tag: t.tagId },
      title: app.state.tags.includes(t.tagId) ? 'Remove this tag filter' : 'Show only concepts with this tag',
      onclick: async (e) => {
        const on = !app.state.tags.includes(t.tagId);
        await setTagFilter(t.tagId, on);
        e.target.classList.toggle('on', on);
      },
    }, '#' + t.label, h('span', { class: 'chip-count' }, fmt(t.count))))))) : null;

  const hier = [];
  if (c.broader.length) hier.push(h('div', { class: 'hier' }, h('span', { class: 'hier-k' }, 'Broader'),
    h('ul', { class: 'links' }, c.broader.map((b) => h('li', null, conceptLink(b, 'broader'))))));
  if (c.narrower.length) hier.push(h('div', { class: 'hier' }, h('span', { class: 'hier-k' }, 'Narrower'),
    h('ul', { class: 'links' }, c.narrower.map((b) => h('li', null, conceptLink(b, 'narrower'))))));
  const hierarchy = section('Broader / narrower', hier);

  const needles = c.labels.map((l) => l.value).concat(c.synonyms.map((s) => s.value));
  const rows = [...counts.rows.values()];
  const groups = app.kinds.relationKinds.slice().sort((a, b) => a.rank - b.rank)
    .map((k) => ({ k, rows: rows.filter((r) => r.best === k.key) })).filter((g) => g.rows.length);
  const kindLabel = (key) => { const k = app.kinds.relationKinds.find((x) => x.key === key); return k ? k.label : key; };
  const kindColor = (key) => { const k = app.kinds.relationKinds.find((x) => x.key === key); return k ? k.color : '#94a3b8'; };
  const related = groups.length ? section(`Related concepts (${fmt(counts.related)})`, counts.truncated
    ? h('p', { class: 'muted', id: 'panel-related-shown' }, `The ${fmt(counts.listed)} with the first 100 relations are listed: open the local graph to see more of them.`)
    : null, groups.map((g) =>
    h('details', { class: 'rel-group', open: g.rows.length <= 12 || g === groups[0] ? true : null, dataset: { kind: g.k.kind } },
      h('summary', null, h('span', { class: 'rel-dot', style: `background:${g.k.color}` }), g.k.label,
        h('span', { class: 'count' }, fmt(g.rows.length))),
      h('ul', { class: 'rel-list' }, g.rows.map((row) => {
        const r = row.rels[0];
        const dir = row.dirs.size > 1 ? '↔' : (r.direction === 'out' ? '→' : '←');
        return h('li', { class: 'rel', dataset: { concept: row.target.conceptId } },
          h('div', { class: 'rel-head' },
            h('span', { class: 'dir', title: dir === '↔' ? 'both ways' : r.direction === 'out' ? 'this concept → target' : 'target → this concept' }, dir),
            conceptLink(row.target),
            [...row.kinds].filter((k) => k !== row.best).map((k) =>
              h('span', { class: 'rel-also', title: kindLabel(k), style: `--c:${kindColor(k)}` }, kindLabel(k))),
            h('span', { class: 'src' }, `${r.evidence.file}:${r.evidence.line}`)),
          r.evidence.text ? h('p', { class: 'evidence' }, highlight(r.evidence.text, needles.concat([row.target.label]))) : null,
          row.rels.length > 1 ? h('p', { class: 'rel-more muted' }, `${row.rels.length} relations: `,
            row.rels.slice(1, 6).map((x) => `${kindLabel(x.kind)} ${x.evidence.file}:${x.evidence.line}`).join(' · ')) : null);
      }))))) : null;

  const resources = c.resources.length ? section('Resources', h('ul', { class: 'resources' }, c.resources.map((r) =>
    h('li', null,
      h('a', { href: r.url, target: '_blank', rel: 'noopener noreferrer', class: r.image ? 'res-image' : null },
        r.image ? h('span', { class: 'res-kind' }, 'image') : null, r.title || r.url),
      r.image ? h('button', { type: 'button', class: 'link-btn', onclick: (e) => showImage(e.target, r) }, 'preview') : null,
      ' ', sourceRef(r.source))))) : null;

  const sources = section('Sources', h('ul', { class: 'chips sources' }, c.sources.map((s) => h('li', null, sourceRef(s)))),
    h('p', { class: 'iri', id: 'panel-iri', hidden: true }));
  gql(Q_IRI, { id: c.conceptId }).then((d) => {
    const el = document.getElementById('panel-iri');
    if (!el || !d.concept || !d.concept.iri || $('panel').dataset.conceptId !== c.conceptId) return;
    el.append(h('span', { class: 'muted' }, 'IRI '), h('a', { href: d.concept.iri, class: 'iri-link' }, d.concept.iri));
    el.hidden = false;
  }, () => { /* the IRI is optional */ });

  body.append(h('article', { class: 'concept', dataset: { conceptId: c.conceptId } },
    header, note, synonyms, definition, tags, hierarchy, related, notes, resources, sources));
  await loadSection(c.conceptId, false);
}

/* The note beside the graph: the section of the note where the concept is written. */
async function loadSection(conceptId, images) {
  let data;
  try {
    data = await gql(Q_SECTION, { id: conceptId, images });
  } catch (err) {
    return;   // the panel is whole without it
  }
  const box = document.getElementById('panel-note');
  if (!box || $('panel').dataset.conceptId !== conceptId) return;
  const sec = data.concept && data.concept.section;
  box.textContent = '';
  if (!sec) { box.hidden = true; return; }
  const html = h('div', { class: 'note-html' });
  html.innerHTML = sec.html || '';   // rendered on the server: HTML escaped, no scripts (graph/sections.py)
  if (!sec.html.trim()) html.append(h('p', { class: 'muted' }, 'The note has no text beyond its front matter.'));
  html.querySelectorAll('a.wikilink[data-concept]').forEach((a) => {
    a.addEventListener('click', (e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      selectConcept(a.dataset.concept, { push: true, center: true });
    });
  });
  const where = `${sec.file}:${sec.line}`;
  box.append(...[
    h('h3', null, 'In the note'),
    h('div', { class: 'note-where' },
      h('span', { class: 'src', title: `${sec.file}, lines ${sec.startLine}–${sec.endLine}` }, where),
      sec.editor.map((e) => h('a', { class: 'editor-link', href: e.url, dataset: { editor: e.editor } }, `Open in ${e.name}`))),
    html,
    sec.truncated ? h('p', { class: 'muted note-cut' }, `Lines ${sec.startLine}–${sec.endLine} of the section.`) : null,
    sec.remoteImages ? h('button', { type: 'button', class: 'link-btn', id: 'note-images',
      onclick: () => loadSection(conceptId, true) },
    `Show ${sec.remoteImages} remote image${sec.remoteImages === 1 ? '' : 's'}`) : null].filter(Boolean));
  box.hidden = false;
  const here = html.querySelector('.here');
  if (here) html.scrollTop = Math.max(0, here.offsetTop - html.offsetTop - 24);
}

export async function showTag(tagId, node, push = true) {
  const seq = ++app.selSeq;
  const s = app.state;
  s.concept = null; s.note = null; s.tag = tagId;
  writeUrl(push);
  node = node || (app.cy ? app.cy.$id('tag:' + tagId) : null);
  focusNode(node);
  const body = panelReset('tag', null);
  body.append(h('div', { class: 'panel-loading' }, h('div', { class: 'spinner small' }), h('span', null, `Loading #${tagId}…`)));
  busy(1);
  try {
    const data = await gql(Q_TAG, { name: tagId });
    if (seq !== app.selSeq) return;
    const t = data.tag;
    const b = panelReset('tag', null);
    if (!t) {
      b.append(h('div', { class: 'panel-message' }, h('h2', null, 'No such tag'),
        h('p', null, `There is no tag “${tagId}” in this graph.`)));
      return;
    }
    const on = s.tags.includes(t.tagId);
    b.append(h('article', { class: 'tag-panel' },
      h('header', { class: 'phead' },
        h('div', { class: 'kind-chip tag' }, 'Tag'),
        h('h2', { class: 'ptitle' }, '#' + t.label),
        h('div', { class: 'meta' }, h('span', null, `${fmt(t.count)} concepts`)),
        h('div', { class: 'actions' }, h('button', {
          type: 'button', class: 'btn primary small',
          onclick: () => setTagFilter(t.tagId, !on).then(() => showTag(tagId, null, false)),
        }, on ? 'Remove this tag filter' : 'Show only this tag'))),
      section('Concepts', h('ul', { class: 'links' }, t.concepts.map((c) => h('li', null, conceptLink(c)))))));
  } catch (err) {
    if (seq === app.selSeq) renderPanelError(tagId, err);
  } finally {
    busy(-1);
  }
}

export async function showNote(path, push = true) {
  const seq = ++app.selSeq;
  const s = app.state;
  s.concept = null; s.tag = null; s.note = path;
  writeUrl(push);
  focusNode(app.cy ? app.cy.$id('note:' + path) : null);
  const body = panelReset('note', null);
  body.append(h('div', { class: 'panel-loading' }, h('div', { class: 'spinner small' }), h('span', null, `Loading ${path}…`)));
  busy(1);
  try {
    const data = await gql(Q_NOTES);
    if (seq !== app.selSeq) return;
    const note = (data.notes || []).find((n) => n.path === path);
    const b = panelReset('note', null);
    if (!note) {
      b.append(h('div', { class: 'panel-message' }, h('h2', null, 'No such note'),
        h('p', null, `There is no note “${path}” in this graph.`)));
      return;
    }
    b.append(h('article', null, h('header', { class: 'phead' },
      h('div', { class: 'kind-chip note' }, 'Note'),
      h('h2', { class: 'ptitle' }, note.title || note.path),
      h('div', { class: 'meta' }, h('code', null, note.path))),
    note.concept ? section('Concept of this note', h('ul', { class: 'links' }, h('li', null, conceptLink(note.concept)))) : null));
  } catch (err) {
    if (seq === app.selSeq) renderPanelError(path, err);
  } finally {
    busy(-1);
  }
}

export function showNodeInfo(node) {
  app.selSeq += 1;
  const kind = node.data('kind');
  const body = panelReset(kind, null);
  const k = app.kinds.nodeKinds.find((x) => x.key === kind);
  const owners = node.neighborhood('node[kind="term"]');
  const ghost = kind === 'ghost';
  body.append(h('article', null, h('header', { class: 'phead' },
    h('div', { class: `kind-chip ${kind}` }, ghost ? 'Link to no note' : (k ? k.label : kind)),
    h('h2', { class: 'ptitle' }, node.data('label')),
    ghost ? h('p', { class: 'ghost-note' }, `Written as ${node.data('target')}: no note has this name, and it names no concept.`) : null),
  owners.length ? section(kind === 'note' ? 'Concepts defined here' : ghost ? 'Linked from' : 'Concepts',
    h('ul', { class: 'links' }, owners.map((n) => h('li', null, conceptLink({ conceptId: n.data('conceptId'), label: n.data('label') }))))) : null));
}

function showImage(button, r) {
  // remote images are only fetched on request: the viewer works offline and leaks nothing
  const img = h('img', { src: r.url, alt: r.title || 'image', referrerpolicy: 'no-referrer', class: 'res-preview' });
  img.addEventListener('error', () => { img.replaceWith(h('span', { class: 'muted' }, ' (image unavailable)')); });
  button.replaceWith(img);
}

function copyLink() {
  const url = location.href;
  const done = () => toast('Link to this view copied.');
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(url).then(done, () => toast(url));
  } else {
    toast(url);
  }
}

export { groupName };
