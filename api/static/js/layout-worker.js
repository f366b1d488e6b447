/* glossgraph layout worker (a classic worker: the vendored cytoscape and fcose are UMD scripts).
 * Message in: { id, scripts: [vendor URLs], elements: [plain element data], params: fcose
 * options (plain data) }. Forces are element data, already scaled by the page: nodeRepulsion
 * `rep`, idealEdgeLength `len`, edgeElasticity `el` (elements.js forceData).
 * Message out: { id, ok: true, pos: { nodeId: [x, y] } } or { id, ok: false, error }. */
/* global importScripts, cytoscape, cytoscapeFcose */
'use strict';

let loaded = false;

self.onmessage = (ev) => {
  const m = ev.data;
  try {
    if (!loaded) {
      importScripts(...m.scripts);
      cytoscape.use(cytoscapeFcose);
      loaded = true;
    }
    const g = cytoscape({
      headless: true, styleEnabled: true, elements: m.elements,
      style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }],
    });
    g.layout(Object.assign({}, m.params, {
      name: 'fcose', animate: false, fit: false,
      nodeRepulsion: (node) => node.data('rep') || 9000,
      idealEdgeLength: (edge) => edge.data('len') || 78,
      edgeElasticity: (edge) => edge.data('el') || 0.45,
    })).run();
    const pos = {};
    g.nodes().forEach((n) => { const p = n.position(); pos[n.id()] = [p.x, p.y]; });
    g.destroy();
    self.postMessage({ id: m.id, ok: true, pos });
  } catch (err) {
    self.postMessage({ id: m.id, ok: false, error: String((err && err.message) || err) });
  }
};
