/* Selecting: a concept (its neighbourhood highlighted, the panel), a tag, a note, a node. */

import { app, busy } from './app.js';
import { $ } from './dom.js';
import { gql, Q_CONCEPT, Q_NEIGHBORHOOD } from './api.js';
import { writeUrl } from './urlsync.js';
import { mergeElements, revealEdges, updateInfo } from './view.js';
import { applyFilters } from './filters.js';
import { readable, scheduleLabels } from './labels.js';
import { renderConcept, renderIntro, renderPanelError, renderPanelLoading, renderPanelMissing,
  showNodeInfo, showNote, showTag } from './panel.js';
import { markListSelection } from './listview.js';

export function labelOf(conceptId) {
  if (!conceptId) return '';
  const n = app.cy && app.cy.$id('term:' + conceptId);
  return n && n.length ? n.data('label') : conceptId;
}

export function onNodeTap(node) {
  const kind = node.data('kind');
  if (app.edgeCap && kind !== 'term') revealEdges([node.id()]);   // a concept's come with its highlight
  if (kind === 'term') { selectConcept(node.data('conceptId'), { push: true, center: false }); return; }
  if (kind === 'synonym') {
    const owner = node.neighborhood('node[kind="term"]').first();
    if (owner.length) { selectConcept(owner.data('conceptId'), { push: true, center: false }); return; }
  }
  if (kind === 'tag') { showTag(node.id().slice(4), node); return; }
  if (kind === 'note') { showNote(node.id().slice(5)); return; }
  showNodeInfo(node);
}

export function highlightSelection(center) {
  const cy = app.cy;
  const s = app.state;
  if (!cy) return;
  if (app.edgeCap && s.concept) revealEdges(['term:' + s.concept]);
  cy.batch(() => {
    cy.elements('.faded, .nb, .focus').removeClass('faded nb focus');
    const node = s.concept ? cy.$id('term:' + s.concept) : cy.collection();
    if (!node.length) return;
    node.addClass('focus');
    readable(node);
    const hood = node.closedNeighborhood().filter((e) => !e.hasClass('hidden'));
    hood.addClass('nb');
    // a local graph is the neighbourhood of its centre: selecting the centre fades nothing;
    // a heavy graph is not faded either (restyling thousands of elements stalls the page):
    // the neighbourhood stands out by its labels and opaque edges
    const heavy = cy.scratch('_gg').big && cy.elements().length > 4000;
    if (!heavy && !(s.view === 'local' && s.center === s.concept)) cy.elements().not(hood).addClass('faded');
    cy.$(':selected').not(node).unselect();
    node.select();
  });
  updateInfo();
  scheduleLabels(0);
  if (center) centerOn(s.concept);
}

export function centerOn(conceptId) {
  const cy = app.cy;
  const node = cy && cy.$id('term:' + conceptId);
  if (!node || !node.length) return Promise.resolve();
  const zoom = Math.max(cy.zoom(), cy.nodes().length > 200 ? 1.1 : 0.9);
  cy.stop();
  return new Promise((resolve) => {
    cy.animate({ center: { eles: node }, zoom: Math.min(zoom, 2.2) }, { duration: 350, complete: resolve });
  });
}

function flash(node) {
  node.addClass('flash');
  setTimeout(() => node.removeClass('flash'), 700);
}

export function clearSelection(push) {
  const s = app.state;
  if (!s.concept && !$('panel').dataset.kind) return;
  s.concept = null; s.tag = null; s.note = null;
  app.selSeq += 1;
  if (app.cy) {
    app.cy.elements('.faded, .nb, .focus').removeClass('faded nb focus');
    app.cy.$(':selected').unselect();
  }
  if (push) writeUrl(true);
  $('btn-local').disabled = s.view !== 'local';
  renderIntro();
  applyFilters();
  markListSelection();
}

/* add the concept and its neighbours to the current graph when missing; false when unknown */
async function ensureInGraph(conceptId) {
  const cy = app.cy;
  if (!cy) return false;
  if (cy.$id('term:' + conceptId).length) return true;
  const data = await gql(Q_NEIGHBORHOOD, { id: conceptId, depth: 1 });
  const hood = data.neighborhood;
  if (!hood || !(hood.nodes || []).some((n) => n.id === 'term:' + conceptId)) return false;
  await mergeElements(hood, 'term:' + conceptId);
  return true;
}

export async function selectConcept(conceptId, opts) {
  opts = opts || {};
  if (!conceptId) return;
  const s = app.state;
  const seq = ++app.selSeq;
  busy(1);
  try {
    s.concept = conceptId; s.tag = null; s.note = null;
    if (opts.push !== undefined) writeUrl(!!opts.push);
    $('btn-local').disabled = false;
    $('btn-local').title = 'Local graph around the selected concept';
    renderPanelLoading(conceptId);
    markListSelection();
    let inGraph = true;
    try { inGraph = await ensureInGraph(conceptId); } catch (err) { inGraph = false; }
    if (seq !== app.selSeq) return;
    applyFilters();
    highlightSelection(false);
    if (inGraph && opts.center !== false) {
      const node = app.cy.$id('term:' + conceptId);
      await centerOn(conceptId);
      if (node.length) flash(node);
    }
    let data;
    try {
      data = await gql(Q_CONCEPT, { id: conceptId });
    } catch (err) {
      if (seq === app.selSeq) renderPanelError(conceptId, err);
      return;
    }
    if (seq !== app.selSeq) return;
    if (!data.concept) {
      renderPanelMissing(conceptId);
      return;
    }
    app.knownConceptTags.set(conceptId, (data.concept.tags || []).map((t) => t.tagId));
    await renderConcept(data.concept);
  } finally {
    busy(-1);
  }
}

/* a tag or note node highlighted with its neighbours */
export function focusNode(node) {
  const cy = app.cy;
  if (!cy) return;
  cy.batch(() => {
    cy.elements().removeClass('faded nb focus');
    cy.$(':selected').unselect();
    if (!node || !node.length) return;
    const hood = node.closedNeighborhood().filter((e) => !e.hasClass('hidden'));
    hood.addClass('nb');
    node.addClass('focus');
    readable(node);
    cy.elements().not(hood).addClass('faded');
  });
  scheduleLabels(0);
}
