/* glossgraph viewer: the concept graph over GraphQL (cytoscape + fcose, no build step).
 *
 * State lives in the URL (/viewer?concept=rag&depth=2&tags=a,b&kinds=term,tag&edges=…&orphans=hide):
 *   concept  selected concept id (side panel); or tag=… / note=… (where /tag/{id}, /note/{path} land)
 *   depth    present = local graph of that depth around `center` (default: the concept)
 *   center   centre of the local graph, when it is not the selected concept
 *   tags     tag filter (tag ids), kinds = visible node kinds, edges = visible edge kinds
 *   limit    size of the whole-graph overview (default 400)
 * Large views stay responsive: elements are added a chunk per frame, and the whole graph draws
 * at most EDGE_BUDGET edges (per node its strongest); a node's other edges are drawn when it is
 * selected or expanded, and the local graph draws them all.
 * Filters change the URL in place (replaceState); views and selections push a history entry.
 *
 * For tests: window.glossgraph = { cy, ready (Promise), isReady, state, firstRenderMs, timings,
 * idle(), edgeCap, droppedEdges(nodeId) }; body[data-state] = loading | layout | ready | empty | error; body[data-busy] =
 * true | false. firstRenderMs counts from navigation start to the first laid-out, painted graph.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------- constants
  const NODE_KINDS = [
    { key: 'term', label: 'Concept', color: '#2563eb', shape: 'ellipse' },
    { key: 'synonym', label: 'Synonym', color: '#9333ea', shape: 'ellipse' },
    { key: 'tag', label: 'Tag', color: '#ea580c', shape: 'round-diamond' },
    { key: 'note', label: 'Note', color: '#64748b', shape: 'round-rectangle' },
  ];
  const EDGE_KINDS = [
    { key: 'broader', label: 'Broader', color: '#1e293b', style: 'solid', width: 2.6, arrow: true },
    { key: 'hierarchy', label: 'Hierarchy', group: 'related', color: '#16a34a', style: 'solid', width: 1.6, arrow: true },
    { key: 'link', label: 'Link', group: 'related', color: '#0284c7', style: 'solid', width: 1.8, arrow: true },
    { key: 'mention', label: 'Mention', group: 'related', color: '#94a3b8', style: 'solid', width: 1.2, arrow: true },
    { key: 'frontmatter', label: 'Front matter', group: 'related', color: '#0d9488', style: 'dashed', width: 1.6, arrow: true },
    { key: 'synonym', label: 'Synonym', color: '#c084fc', style: 'dotted', width: 1.6, arrow: false },
    { key: 'tag', label: 'Tagged', color: '#fb923c', style: 'dashed', width: 1.4, arrow: false },
    { key: 'defined', label: 'Defined in', color: '#cbd5e1', style: 'dotted', width: 1, arrow: false },
  ];
  const EDGE_TITLES = {
    broader: 'A concept → its broader concept',
    hierarchy: 'Related: nested under it in a note outline',
    link: 'Related: a Markdown or wiki link',
    mention: 'Related: its label is mentioned in the text',
    frontmatter: 'Related: listed in the note front matter',
    synonym: 'A concept → one of its synonyms',
    tag: 'A concept or note → its tag',
    defined: 'A concept → the note that defines it',
  };
  const RELATION_KINDS = [
    { key: 'LINK', label: 'Links' },
    { key: 'MENTION', label: 'Mentions' },
    { key: 'HIERARCHY', label: 'Outline hierarchy' },
    { key: 'FRONTMATTER', label: 'Front matter' },
  ];
  const FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  const OVERVIEW_LIMIT = 400;
  const BIG = 1000;          // above this many nodes: no animation, cheaper rendering
  const HEAVY_EDGES = 1500;  // above this many edges: cheaper rendering
  const EDGE_BUDGET = 9000;  // the whole graph draws at most this many edges (per node its strongest)
  const CHUNK = 800;         // big graphs are added this many elements per frame (the page stays usable)
  const LANG_NAMES = { zh: '中文', en: 'English' };

  const $ = (id) => document.getElementById(id);
  const timings = {};
  const mark = (name) => { timings[name] = Math.round(performance.now()); };
  mark('script');

  // ---------------------------------------------------------------- state
  const state = {
    view: 'overview',        // overview | local
    center: null,            // concept id of the local graph
    depth: 1,
    concept: null,           // selected concept id
    tag: null,               // or: selected tag (URL tag=…, where /tag/{id} lands)
    note: null,              // or: selected note (URL note=…, where /note/{path} lands)
    tags: [],                // tag filter
    kinds: NODE_KINDS.map((k) => k.key),
    edges: EDGE_KINDS.map((k) => k.key),
    hideOrphans: false,
    truncated: false,        // the overview is a part of a larger graph
    limit: 400,              // overview size (URL: limit=…)
  };
  let cy = null;
  let loadedTagsKey = '';    // tags the current (truncated) overview was fetched with
  let tagsCatalog = [];      // [{tagId,label,count}]
  let stats = null;
  let pending = 0;
  let idleWaiters = [];
  let readyResolve;
  const ready = new Promise((resolve) => { readyResolve = resolve; });

  const api = {
    get cy() { return cy; },
    ready,
    isReady: false,
    state,
    firstRenderMs: null,
    timings,
    idle,
    select: (id) => selectConcept(id, { push: true }),
    version: null,           // build version of the graph shown (graphChanged / stats)
    liveUpdates: 0,          // graphChanged messages applied to the view
    live: 'off',             // live connection: off | connecting | live | retrying
    // a capped whole graph: { total, left } edges of the view, of which `left` are not drawn
    get edgeCap() { return edgeCap ? { total: edgeCap.total, left: edgeCap.ids.size } : null; },
    droppedEdges: (nodeId) => (edgeCap && edgeCap.dropped.has(nodeId)
      ? edgeCap.dropped.get(nodeId).filter((e) => edgeCap.ids.has(e.data.id)).length : 0),
  };
  window.glossgraph = api;

  function busy(delta) {
    pending = Math.max(0, pending + delta);
    document.body.dataset.busy = pending > 0 ? 'true' : 'false';
    if (pending === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((w) => w());
    }
  }
  function idle() {
    return pending === 0 ? Promise.resolve() : new Promise((r) => idleWaiters.push(r));
  }
  async function track(promise) {
    busy(1);
    try { return await promise; } finally { busy(-1); }
  }

  // ---------------------------------------------------------------- GraphQL
  class ApiError extends Error {
    constructor(message, detail) { super(message); this.detail = detail || ''; }
  }

  async function gql(query, variables) {
    let res;
    try {
      res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables: variables || {} }),
      });
    } catch (err) {
      throw new ApiError('Cannot reach the glossgraph server.',
        'Is `glossgraph serve` still running? Start it again, then try again.');
    }
    let body = null;
    try { body = await res.json(); } catch (err) { body = null; }
    if (body && body.errors && body.errors.length) {
      const msg = body.errors.map((e) => e.message).join('; ');
      const empty = !body.data || Object.values(body.data).every((v) => v === null);
      if (empty) throw new ApiError('The server could not answer this query.', msg);
      console.warn('glossgraph: partial GraphQL answer:', msg);
    }
    if (!res.ok && !(body && body.data)) {
      throw new ApiError(`The server answered ${res.status} ${res.statusText || ''}`.trim() + '.',
        'The graph service had a problem; see the server log.');
    }
    if (!body || !body.data) throw new ApiError('The server sent an answer the viewer cannot read.');
    return body.data;
  }

  const GRAPH_FIELDS = 'center truncated nodes { id kind label conceptId degree } edges { source target type kind }';
  const Q_OVERVIEW = `query Overview($limit: Int, $tags: [String!]) { overview(limit: $limit, tags: $tags) { ${GRAPH_FIELDS} } }`;
  const Q_NEIGHBORHOOD = `query Neighborhood($id: String!, $depth: Int) { neighborhood(id: $id, depth: $depth) { ${GRAPH_FIELDS} } }`;
  const Q_SEARCH = 'query Search($text: String!) { search(text: $text, first: 8) { score matched field concept { conceptId label labels { value language } degree } } }';
  const Q_META = 'query Meta { tags { tagId label count } stats { concepts notes tags edges version } }';
  const Q_CONCEPT = `query Concept($id: String!) { concept(id: $id) {
    conceptId label degree
    labels { value language preferred }
    synonyms { value language }
    definition
    definitions { text language source { file line } }
    notes { text language source { file line } }
    resources { url title image source { file line } }
    tags { tagId label count }
    related(first: 100) { kind direction target { conceptId label } evidence { file line text } }
    broader { conceptId label }
    narrower { conceptId label }
    sources { file line }
  } }`;
  const Q_IRI = 'query Iri($id: String!) { concept(id: $id) { iri } }';   // apart: the panel never waits on RDF
  const Q_TAG = 'query Tag($name: String!) { tag(name: $name) { tagId label count concepts(first: 100) { conceptId label } } }';

  // ---------------------------------------------------------------- URL state
  // query strings stay readable (/viewer?concept=机器学习&tags=a,b): only the few characters
  // that would break them are escaped; list items are split before decoding
  function decode(v) {
    try { return decodeURIComponent(v.replace(/\+/g, ' ')); } catch (err) { return v; }
  }
  function encode(v) {
    return String(v).replace(/[%&#+=,?\s\u0000-\u001f]/g, (c) => encodeURIComponent(c));
  }
  function parseQuery(search) {
    const raw = new Map();
    for (const part of search.replace(/^\?/, '').split('&')) {
      if (!part) continue;
      const i = part.indexOf('=');
      const key = decode(i < 0 ? part : part.slice(0, i));
      raw.set(key, i < 0 ? '' : part.slice(i + 1));
    }
    return {
      has: (k) => raw.has(k),
      get: (k) => (raw.has(k) ? decode(raw.get(k)) : null),
      list: (k) => (raw.get(k) || '').split(',').map(decode).map((x) => x.trim()).filter(Boolean),
    };
  }

  function readUrl() {
    const p = parseQuery(location.search);
    const s = {};
    s.concept = p.get('concept') || null;
    s.tag = s.concept ? null : (p.get('tag') || null);
    s.note = s.concept || s.tag ? null : (p.get('note') || null);
    const depth = parseInt(p.get('depth') || '', 10);
    s.view = Number.isFinite(depth) && (s.concept || p.get('center')) ? 'local' : 'overview';
    s.depth = Number.isFinite(depth) ? Math.min(3, Math.max(1, depth)) : 1;
    s.center = s.view === 'local' ? (p.get('center') || s.concept) : null;
    s.tags = p.list('tags');
    const allKinds = NODE_KINDS.map((k) => k.key);
    const allEdges = EDGE_KINDS.map((k) => k.key);
    s.kinds = p.has('kinds') ? p.list('kinds').filter((k) => allKinds.includes(k)) : allKinds;
    s.edges = p.has('edges') ? p.list('edges').filter((k) => allEdges.includes(k)) : allEdges;
    const limit = parseInt(p.get('limit') || '', 10);
    s.limit = Number.isFinite(limit) && limit > 0 ? Math.min(limit, 20000) : OVERVIEW_LIMIT;
    s.hideOrphans = p.get('orphans') === 'hide';
    return s;
  }

  function urlFor(s) {
    const p = [];
    const set = (k, v) => p.push(`${k}=${Array.isArray(v) ? v.map(encode).join(',') : encode(v)}`);
    if (s.concept) set('concept', s.concept);
    else if (s.tag) set('tag', s.tag);
    else if (s.note) set('note', s.note);
    if (s.view === 'local' && s.center) {
      if (s.center !== s.concept) set('center', s.center);
      set('depth', String(s.depth));
    }
    if (s.tags.length) set('tags', s.tags);
    if (s.kinds.length !== NODE_KINDS.length) set('kinds', s.kinds);
    if (s.edges.length !== EDGE_KINDS.length) set('edges', s.edges);
    if (s.hideOrphans) set('orphans', 'hide');
    if (s.limit !== OVERVIEW_LIMIT) set('limit', String(s.limit));
    return location.pathname + (p.length ? '?' + p.join('&') : '');
  }

  function writeUrl(push) {
    const url = urlFor(state);
    if (url === location.pathname + decode(location.search) || url === location.pathname + location.search) return;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  // ---------------------------------------------------------------- DOM helpers
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function highlight(text, needles) {
    // text with every occurrence of a needle wrapped in <mark> (case-insensitive)
    const words = needles.filter((n) => n && n.length > 0).sort((a, b) => b.length - a.length);
    if (!words.length) return [text];
    const re = new RegExp('(' + words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') + ')', 'gi');
    return text.split(re).map((part, i) => (i % 2 ? h('mark', null, part) : part));
  }

  let toastTimer = null;
  function toast(message) {
    const el = $('toast');
    el.textContent = message;
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { el.hidden = true; }, 4500);
  }

  function setStatus(kind, text, detail) {
    // kind: loading | layout | ready | empty | error
    document.body.dataset.state = kind;
    const box = $('status');
    box.dataset.kind = kind;
    box.hidden = kind === 'ready';
    $('status-text').textContent = text || '';
    $('status-detail').textContent = detail || '';
    $('btn-retry').hidden = kind !== 'error';
  }

  const fmt = (n) => Number(n).toLocaleString('en-US');

  // ---------------------------------------------------------------- elements
  function edgeKey(e) {
    switch (e.type) {
      case 'HAS_SYNONYM': return 'synonym';
      case 'TAGGED': return 'tag';
      case 'RELATED_TO': return (e.kind || 'mention').toLowerCase();
      case 'BROADER': return 'broader';
      case 'NARROWER': return 'narrower';
      case 'DEFINED_IN': return 'defined';
      default: return 'other';
    }
  }

  // sizes are relative to the best-connected concept of the loaded graph (set by loadGraph)
  let maxDegree = 1;

  function rel(degree) {
    return Math.sqrt(Math.min(1, Math.max(0, degree || 0) / maxDegree));
  }

  function nodeSize(kind, degree) {
    switch (kind) {
      case 'term': return 14 + 50 * rel(degree);
      case 'tag': return 20 + 22 * rel(degree);
      case 'synonym': return 11;
      default: return 18;
    }
  }

  function nodeFont(kind, degree) {
    if (kind === 'synonym') return 9;
    if (kind === 'tag') return 12.5;
    return 10 + 9 * rel(degree);
  }

  function toElements(hood) {
    const nodes = [];
    const seen = new Set();
    for (const n of hood.nodes || []) {
      if (!n || !n.id || seen.has(n.id)) continue;
      seen.add(n.id);
      nodes.push({
        group: 'nodes',
        data: {
          id: n.id, kind: n.kind, label: n.label || n.id, conceptId: n.conceptId || null,
          degree: n.degree || 0, size: nodeSize(n.kind, n.degree), fs: nodeFont(n.kind, n.degree),
          ...forceData(n.kind),
        },
      });
    }
    const edges = new Map();
    for (const e of hood.edges || []) {
      if (!e || !seen.has(e.source) || !seen.has(e.target) || e.type === 'NARROWER') continue;
      const ek = edgeKey(e);
      const id = `${e.source}\u2192${e.target}\u00b7${ek}`;
      const prev = edges.get(id);
      if (prev) { prev.data.count += 1; continue; }
      edges.set(id, { group: 'edges', data: { id, source: e.source, target: e.target, type: e.type, ek, count: 1, ...forceData(null, ek) } });
    }
    // a first placement (a sunflower disc) until the layout has run
    const r = 40 * Math.sqrt(nodes.length + 1);
    nodes.forEach((e, i) => {
      const a = i * 2.399963; const d = r * Math.sqrt((i + 0.5) / (nodes.length + 1));
      e.position = { x: d * Math.cos(a), y: d * Math.sin(a) };
    });
    return nodes.concat([...edges.values()]);
  }

  function markMajor(elements) {
    // the best-connected concepts keep their labels when a heavy graph is zoomed out
    const terms = elements.filter((e) => e.group === 'nodes' && e.data.kind === 'term');
    terms.sort((a, b) => b.data.degree - a.data.degree);
    const n = Math.max(12, Math.min(60, Math.round(terms.length / 12)));
    terms.slice(0, n).forEach((e) => { e.classes = 'major'; });
  }

  // ---------------------------------------------------------------- cytoscape
  function cyStyle(big) {
    const s = [
      {
        selector: 'node',
        style: {
          width: 'data(size)', height: 'data(size)',
          'background-color': '#2563eb',
          label: 'data(label)',
          'font-family': FONT,
          'font-size': 'data(fs)',
          'min-zoomed-font-size': big ? 11 : 7,
          color: '#1e293b',
          'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-y': 3,
          'text-wrap': 'ellipsis', 'text-max-width': '180px',
          'text-outline-color': '#f8fafc', 'text-outline-width': big ? 0 : 2,
          'border-width': 1.5, 'border-color': '#ffffff',
          'transition-property': 'opacity', 'transition-duration': big ? 0 : 150,
        },
      },
    ];
    for (const k of NODE_KINDS) {
      s.push({ selector: `node[kind="${k.key}"]`, style: { 'background-color': k.color, shape: k.shape } });
    }
    s.push({ selector: 'node[kind="tag"]', style: { color: '#9a3412', 'font-weight': 600 } });
    s.push({ selector: 'node[kind="synonym"]', style: { color: '#6b21a8' } });
    s.push({ selector: 'node.major', style: { 'font-weight': 600 } });
    if (big) {
      // zoomed out, only the major concepts are labelled; the others show up when zooming in
      s.push({ selector: 'node', style: { 'font-size': 8.5 } });
      s.push({ selector: 'node.major', style: { 'font-size': 'data(fs)', 'text-outline-width': 2 } });
      s.push({ selector: 'node[kind="term"]', style: { 'border-width': 0.8 } });
      s.push({ selector: 'node.major', style: { 'z-index': 5 } });
    }
    s.push({
      selector: 'edge',
      style: {
        width: 1.2, 'line-color': '#94a3b8', opacity: 0.75,
        'curve-style': big ? 'haystack' : 'bezier',
        'target-arrow-shape': 'none', 'arrow-scale': 0.8,
      },
    });
    for (const k of EDGE_KINDS) {
      const st = { 'line-color': k.color, 'line-style': k.style, width: k.width };
      if (k.arrow && !big) Object.assign(st, { 'target-arrow-shape': 'triangle', 'target-arrow-color': k.color });
      s.push({ selector: `edge[ek="${k.key}"]`, style: st });
    }
    if (big) s.push({ selector: 'edge', style: { opacity: 0.28 } }, { selector: 'edge[ek="broader"]', style: { opacity: 0.6 } });
    s.push(
      { selector: '.hidden', style: { display: 'none' } },
      { selector: '.faded', style: { opacity: 0.13, 'text-opacity': 0 } },
      { selector: 'node.nb', style: { 'min-zoomed-font-size': 0, 'text-opacity': 1, 'z-index': 8 } },
      { selector: 'edge.nb', style: { opacity: 1, 'z-index': 8 } },
      {
        selector: 'node.focus',
        style: {
          'border-width': 3, 'border-color': '#0f172a', 'min-zoomed-font-size': 0,
          'font-size': 'mapData(fs, 8, 22, 14, 24)', 'font-weight': 700, color: '#0f172a',
          'underlay-color': '#facc15', 'underlay-opacity': 0.55, 'underlay-padding': 9, 'underlay-shape': 'ellipse',
          'z-index': 10,
        },
      },
      { selector: 'node.center', style: { 'border-width': 3, 'border-color': '#facc15' } },
      { selector: 'node.hover', style: { 'min-zoomed-font-size': 0, 'border-color': '#0f172a', 'border-width': 2, 'z-index': 9 } },
      { selector: 'node.flash', style: { 'underlay-color': '#f59e0b', 'underlay-opacity': 0.9, 'underlay-padding': 16 } },
      { selector: ':selected', style: { 'overlay-opacity': 0 } },
    );
    return s;
  }

  // Layout parameters are plain data (they can be sent to a worker); forces read node/edge data.
  function layoutParams(n, incremental) {
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

  function withForces(params) {
    // self-contained: its source is also run inside the layout worker
    return Object.assign({ name: 'fcose' }, params, {
      nodeRepulsion: (node) => (node.data('rep') || 9000) * params.scale,
      idealEdgeLength: (edge) => (edge.data('len') || 78) * params.scale,
      edgeElasticity: (edge) => edge.data('el') || 0.45,
    });
  }

  function forceData(kind, ek) {
    if (ek) return { len: ek === 'synonym' ? 36 : ek === 'tag' ? 90 : ek === 'defined' ? 110 : 78, el: ek === 'synonym' ? 0.7 : 0.45 };
    return { rep: kind === 'synonym' ? 3000 : 9000 };
  }

  function layoutEdges(edgeEls, nodeCount) {
    // A dense graph is laid out along the strongest few edges of each node: springs cost per
    // edge and the picture is about the same. Every edge is still drawn. (Plain element data.)
    if (edgeEls.length <= 3 * nodeCount) return edgeEls;
    const PRIO = { broader: 0, synonym: 1, hierarchy: 2, link: 3, frontmatter: 4, tag: 5, mention: 6, defined: 7 };
    const kept = new Map();
    const pairs = new Set();
    const keep = [];
    const sorted = edgeEls.slice().sort((a, b) => (PRIO[a.data.ek] ?? 9) - (PRIO[b.data.ek] ?? 9));
    for (const e of sorted) {
      const a = e.data.source; const b = e.data.target;
      if (a === b) continue;
      const key = a < b ? a + '\u0000' + b : b + '\u0000' + a;
      if (pairs.has(key)) continue;
      const ka = kept.get(a) || 0; const kb = kept.get(b) || 0;
      if (ka < 3 || kb < 3) {
        pairs.add(key); keep.push(e); kept.set(a, ka + 1); kept.set(b, kb + 1);
      }
    }
    return keep;
  }

  // The whole-graph view of a big graph draws a budget of edges: per node its strongest few
  // (broader and links first), then the strongest others. The other edges of a node are added
  // when it is selected or expanded; the local graph draws them all.
  const EDGE_PRIO = { broader: 0, link: 1, synonym: 2, hierarchy: 3, frontmatter: 4, tag: 5, mention: 6, defined: 7 };
  let edgeCap = null;        // { total, dropped: Map nodeId -> [edge element] } while edges are capped

  function capEdges(edgeEls, budget) {
    if (edgeEls.length <= budget) return { drawn: edgeEls, dropped: [] };
    const sorted = edgeEls.slice().sort((a, b) => ((EDGE_PRIO[a.data.ek] ?? 9) - (EDGE_PRIO[b.data.ek] ?? 9)) ||
      ((b.data.count || 1) - (a.data.count || 1)));
    const per = new Map();
    const keep = new Set();
    // rounds: first every node's strongest edge, then its second…, while the budget lasts
    for (let round = 1; round <= 4 && keep.size < budget; round++) {
      for (const e of sorted) {
        if (keep.size >= budget) break;
        if (keep.has(e)) continue;
        const ka = per.get(e.data.source) || 0; const kb = per.get(e.data.target) || 0;
        if (ka < round || kb < round) {
          keep.add(e); per.set(e.data.source, ka + 1); per.set(e.data.target, kb + 1);
        }
      }
    }
    for (const e of sorted) { if (keep.size >= budget) break; keep.add(e); }
    const drawn = []; const dropped = [];
    for (const e of edgeEls) (keep.has(e) ? drawn : dropped).push(e);
    return { drawn, dropped };
  }

  function setEdgeCap(total, dropped) {
    if (!dropped.length) { edgeCap = null; return; }
    const map = new Map();
    const put = (id, e) => { const l = map.get(id); if (l) l.push(e); else map.set(id, [e]); };
    for (const e of dropped) { put(e.data.source, e); put(e.data.target, e); }
    edgeCap = { total, dropped: map, ids: new Set(dropped.map((e) => e.data.id)) };
  }

  function edgeFiltered(e) {
    return (!state.edges.includes(e.data('ek')) && e.data('ek') !== 'other') ||
      e.source().hasClass('hidden') || e.target().hasClass('hidden');
  }

  function revealEdges(ids) {
    // all edges of these nodes (ids) are drawn; returns the edges added
    if (!cy || !edgeCap) return cy ? cy.collection() : null;
    const add = [];
    for (const id of ids) {
      const list = edgeCap.dropped.get(id);
      if (!list) continue;
      edgeCap.dropped.delete(id);
      for (const e of list) {
        if (cy.getElementById(e.data.id).length || !cy.getElementById(e.data.source).length ||
          !cy.getElementById(e.data.target).length) continue;
        add.push(e);
      }
    }
    if (!add.length) return cy.collection();
    for (const e of add) edgeCap.ids.delete(e.data.id);
    const put = (part) => {
      let added;
      cy.batch(() => {
        added = cy.add(part);
        added.filter(edgeFiltered).addClass('hidden');
        // still selected: the new edges belong to the highlighted neighbourhood
        const focus = cy.$('node.focus');
        if (focus.length) added.filter((e) => e.source().same(focus) || e.target().same(focus)).addClass('nb');
      });
      return added;
    };
    const first = put(add.slice(0, CHUNK));
    updateLegendCounts();
    if (add.length > CHUNK) {
      // a hub: the rest of its edges come a chunk per frame (the page stays usable)
      const mine = cy;
      busy(1);
      (async () => {
        try {
          for (let i = CHUNK; i < add.length; i += CHUNK) {
            await pause();
            if (cy !== mine) return;
            put(add.slice(i, i + CHUNK));
          }
          updateLegendCounts();
          updateInfo();
        } finally { busy(-1); }
      })();
    }
    return first;
  }

  function nextFrame() {
    return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
  }

  function pause() {
    // yield to the browser: input and a frame are handled before the next chunk of work
    return new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  }

  async function addChunked(els, seq, size) {
    // false when a newer load replaced this one meanwhile
    for (let i = 0; i < els.length; i += size || CHUNK) {
      const part = els.slice(i, i + (size || CHUNK));
      cy.batch(() => { cy.add(part); });
      await pause();
      if (seq !== loadSeq) return false;
    }
    return true;
  }

  function runLayout(eles, params) {
    return new Promise((resolve) => {
      const layout = eles.layout(Object.assign(withForces(params), { stop: () => resolve() }));
      try { layout.run(); } catch (err) { console.warn('glossgraph: layout failed', err); resolve(); }
    });
  }

  // ------------------------------------------------ layout worker (big graphs: the page stays usable)
  const WORKER_MIN = 250;      // nodes from which the first layout runs in a worker
  const VENDOR = ['/vendor/cytoscape.js', '/vendor/layout-base.js', '/vendor/cose-base.js', '/vendor/cytoscape-fcose.js'];
  let worker = null;
  let workerJob = null;        // { id, resolve, reject }
  let workerSeq = 0;

  // The spectral ('draft') layout packs nodes on top of each other: spread the picture to a
  // sane density, then push overlapping nodes apart (a grid keeps each pass linear).
  function declutter(xs, ys, rs, spread = true) {
    const n = xs.length;
    if (n < 2) return;
    let minX = Infinity; let maxX = -Infinity; let minY = Infinity; let maxY = -Infinity; let area = 0;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, xs[i]); maxX = Math.max(maxX, xs[i]);
      minY = Math.min(minY, ys[i]); maxY = Math.max(maxY, ys[i]);
      area += (2.6 * rs[i]) ** 2;
    }
    const midX = (minX + maxX) / 2; const midY = (minY + maxY) / 2;
    const f = Math.sqrt(area / Math.max(1, (maxX - minX) * (maxY - minY)));
    if (spread && f > 1) for (let i = 0; i < n; i++) { xs[i] = midX + (xs[i] - midX) * f; ys[i] = midY + (ys[i] - midY) * f; }
    let maxR = 0;
    for (let i = 0; i < n; i++) maxR = Math.max(maxR, rs[i]);
    const cell = 2 * maxR;
    for (let pass = 0; pass < 40; pass++) {
      const grid = new Map();
      for (let i = 0; i < n; i++) {
        const k = Math.floor(xs[i] / cell) + ',' + Math.floor(ys[i] / cell);
        const list = grid.get(k); if (list) list.push(i); else grid.set(k, [i]);
      }
      let moved = 0;
      for (let i = 0; i < n; i++) {
        const gx = Math.floor(xs[i] / cell); const gy = Math.floor(ys[i] / cell);
        for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
          const list = grid.get((gx + dx) + ',' + (gy + dy));
          if (!list) continue;
          for (const j of list) {
            if (j <= i) continue;
            let vx = xs[j] - xs[i]; let vy = ys[j] - ys[i];
            let d = Math.hypot(vx, vy);
            const need = rs[i] + rs[j];
            if (d >= need) continue;
            if (d < 0.01) { vx = Math.cos(i + j); vy = Math.sin(i + j); d = 1; }
            const push = (need - d) / 2 / d;
            xs[i] -= vx * push; ys[i] -= vy * push; xs[j] += vx * push; ys[j] += vy * push;
            moved += 1;
          }
        }
      }
      if (!moved) break;
    }
  }

  function layoutWorkerMain() {
    /* global importScripts */
    self.onmessage = (ev) => {
      const m = ev.data;
      try {
        if (!self.cytoscape) {
          importScripts(...m.scripts);
          self.cytoscape.use(self.cytoscapeFcose);
        }
        const g = self.cytoscape({
          headless: true, styleEnabled: true, elements: m.elements,
          style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }],
        });
        g.layout(Object.assign(withForces(m.params), { animate: false, fit: false })).run();
        const nodes = g.nodes().toArray();
        const xs = new Float64Array(nodes.length); const ys = new Float64Array(nodes.length);
        const rs = new Float64Array(nodes.length);
        nodes.forEach((n, i) => { const p = n.position(); xs[i] = p.x; ys[i] = p.y; rs[i] = (n.data('size') || 16) / 2 + 4; });
        declutter(xs, ys, rs, m.params.quality === 'draft');
        const pos = {};
        nodes.forEach((n, i) => { pos[n.id()] = [xs[i], ys[i]]; });
        g.destroy();
        self.postMessage({ id: m.id, ok: true, pos });
      } catch (err) {
        self.postMessage({ id: m.id, ok: false, error: String((err && err.message) || err) });
      }
    };
  }

  function stopWorker() {
    if (worker) { worker.terminate(); worker = null; }
    if (workerJob) { workerJob.reject(new Error('cancelled')); workerJob = null; }
  }

  function layoutInWorker(nodeEls, edgeEls, params) {
    if (workerJob) stopWorker();            // a newer layout replaces a running one
    if (!worker) {
      const src = `'use strict';\n${withForces.toString()}\n${declutter.toString()}\n(${layoutWorkerMain.toString()})();\n`;
      worker = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
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
    const elements = [];
    for (const n of nodeEls) elements.push({ group: 'nodes', data: { id: n.data.id, size: n.data.size, rep: n.data.rep } });
    for (const e of edgeEls) {
      elements.push({ group: 'edges', data: { id: e.data.id, source: e.data.source, target: e.data.target, len: e.data.len, el: e.data.el } });
    }
    const id = ++workerSeq;
    return new Promise((resolve, reject) => {
      workerJob = { id, resolve, reject };
      worker.postMessage({ id, scripts: VENDOR.map((v) => new URL(v, location.href).href), elements, params });
    });
  }

  async function layoutAll(elements, seq) {
    // Small graphs: every element is added, then fcose runs here. From WORKER_MIN nodes fcose
    // runs in a worker (the page stays usable), then the edges are added; above BIG nodes the
    // nodes too are added only once laid out, all of them a chunk per frame.
    const nodeEls = elements.filter((e) => e.group === 'nodes');
    const edgeEls = elements.filter((e) => e.group === 'edges');
    const params = layoutParams(nodeEls.length, false);
    const layoutEdgeEls = layoutEdges(edgeEls, nodeEls.length);
    if (nodeEls.length >= WORKER_MIN && typeof Worker === 'function') {
      mark('layout-start');
      const big = nodeEls.length > BIG;
      if (!big) {
        cy.add(nodeEls);
        cy.fit(undefined, 36);
        await nextFrame();
        if (seq !== loadSeq) return false;
      }
      try {
        const pos = await layoutInWorker(nodeEls, layoutEdgeEls, params);
        if (seq !== loadSeq) return false;
        mark('positions');
        if (big) {
          // a big graph is drawn once laid out (the main thread leaves the cores to the
          // worker meanwhile), a chunk of nodes, then of edges, per frame
          let x1 = Infinity; let y1 = Infinity; let x2 = -Infinity; let y2 = -Infinity;
          for (const n of nodeEls) {
            const p = pos[n.data.id];
            if (!p) continue;
            n.position = { x: p[0], y: p[1] };
            x1 = Math.min(x1, p[0]); y1 = Math.min(y1, p[1]); x2 = Math.max(x2, p[0]); y2 = Math.max(y2, p[1]);
          }
          if (x1 <= x2) cy.fit({ x1, y1, x2, y2, w: x2 - x1, h: y2 - y1 }, 36);
          if (!await addChunked(nodeEls, seq, 1000)) return false;
        } else {
          cy.batch(() => {
            cy.nodes().positions((n) => { const p = pos[n.id()]; return p ? { x: p[0], y: p[1] } : n.position(); });
          });
        }
        if (edgeEls.length > CHUNK) {
          if (!await addChunked(edgeEls, seq)) return false;
        } else cy.add(edgeEls);
        return true;
      } catch (err) {
        if (err && err.message === 'cancelled') return false;
        console.warn('glossgraph: layout worker failed; laying out on the page', err);
        if (seq !== loadSeq) return false;
        cy.add(nodeEls.filter((e) => !cy.getElementById(e.data.id).length));
        cy.add(edgeEls.filter((e) => !cy.getElementById(e.data.id).length));
      }
    } else {
      cy.add(elements);
      mark('layout-start');
    }
    const eles = layoutEdgeEls.length === edgeEls.length ? cy.elements()
      : cy.nodes().union(cy.collection(layoutEdgeEls.map((e) => cy.getElementById(e.data.id))));
    await runLayout(eles, params);
    // fcose leaves a few nodes on top of each other around hubs: push them apart
    const nodes = cy.nodes().toArray();
    const xs = new Float64Array(nodes.length); const ys = new Float64Array(nodes.length);
    const rs = new Float64Array(nodes.length);
    nodes.forEach((n, i) => { const p = n.position(); xs[i] = p.x; ys[i] = p.y; rs[i] = n.data('size') / 2 + 6; });
    declutter(xs, ys, rs, false);
    cy.batch(() => nodes.forEach((n, i) => n.position({ x: xs[i], y: ys[i] })));
    return true;
  }

  function createCy(elements, size, edgeCount) {
    const nodeCount = size === undefined ? elements.filter((e) => e.group === 'nodes').length : size;
    // many nodes or edges: straight "haystack" edges without arrows, no label halos, a texture while panning
    const big = nodeCount > BIG || (edgeCount || 0) > HEAVY_EDGES;
    if (cy) { cy.destroy(); cy = null; }
    cy = cytoscape({
      container: $('cy'),
      elements,
      style: cyStyle(big),
      minZoom: 0.03, maxZoom: 5,
      boxSelectionEnabled: false,
      selectionType: 'single',
      textureOnViewport: big,
      hideEdgesOnViewport: big,
      motionBlur: false,
      pixelRatio: big ? 1 : 'auto',
    });
    cy.scratch('_gg', { big });
    bindCyEvents();
    return cy;
  }

  let majorTimer = null;
  function updateMajorLabels() {
    // in a heavy graph the major concepts' labels keep a readable on-screen size when zoomed out
    if (!cy || !cy.scratch('_gg').big) return;
    const size = Math.min(200, Math.max(9, 13 / cy.zoom()));
    // a bypass on the few major nodes: a stylesheet change would restyle every element
    cy.batch(() => {
      cy.nodes('.major').style({ 'font-size': size, 'min-zoomed-font-size': 0, 'text-max-width': `${Math.round(size * 9)}px` });
    });
  }

  function bindCyEvents() {
    if (cy.scratch('_gg').big) {
      cy.on('zoom', () => { clearTimeout(majorTimer); majorTimer = setTimeout(updateMajorLabels, 150); });
    }
    cy.on('tap', 'node', (evt) => onNodeTap(evt.target));
    cy.on('dbltap', 'node', (evt) => expandNode(evt.target));
    cy.on('tap', (evt) => {
      if (evt.target === cy) clearSelection(true);
    });
    cy.on('mouseover', 'node', (evt) => {
      evt.target.addClass('hover');
      $('cy').style.cursor = 'pointer';
    });
    cy.on('mouseout', 'node', (evt) => {
      evt.target.removeClass('hover');
      $('cy').style.cursor = '';
    });
  }

  // ---------------------------------------------------------------- loading the graph
  let loadSeq = 0;
  let viewIds = new Set();   // element ids of the last fetched view (live updates remove gone ones)

  async function fetchGraph() {
    if (state.view === 'local' && state.center) {
      const data = await gql(Q_NEIGHBORHOOD, { id: state.center, depth: state.depth });
      return data.neighborhood;
    }
    const vars = { limit: state.limit };
    // the whole graph is loaded when small: tags filter it here; a partial overview asks the server
    if (state.truncated && state.tags.length) vars.tags = state.tags;
    const data = await gql(Q_OVERVIEW, vars);
    return data.overview;
  }

  async function loadGraph(opts) {
    const seq = ++loadSeq;
    const first = !api.isReady;
    busy(1);
    try {
      setStatus('loading', state.view === 'local'
        ? `Loading the local graph around “${state.center}”…` : 'Loading the graph…');
      mark('fetch-start');
      let hood = await fetchGraph();
      mark('fetched');
      if (seq !== loadSeq) return false;
      if (state.view === 'overview' && hood.truncated && !state.truncated && state.tags.length) {
        state.truncated = true;             // learnt only now that the overview is partial
        hood = await fetchGraph();
        if (seq !== loadSeq) return false;
      }
      const elements = viewElements(hood);
      viewIds = new Set(elements.map((e) => e.data.id));
      const nodeCount = elements.filter((e) => e.group === 'nodes').length;
      let drawnEls = elements;
      edgeCap = null;
      if (state.view === 'overview' && elements.length - nodeCount > EDGE_BUDGET) {
        const edgeEls = elements.filter((e) => e.group === 'edges');
        const { drawn, dropped } = capEdges(edgeEls, EDGE_BUDGET);
        setEdgeCap(edgeEls.length, dropped);
        drawnEls = elements.filter((e) => e.group === 'nodes').concat(drawn);
      }
      if (state.view === 'local' && !hood.center && nodeCount === 0) {
        createCy([], 0);
        updateInfo(hood);
        setStatus('empty', `No concept “${state.center}” in this graph.`,
          'It may have been renamed or removed. Search for it, or go back to the whole graph.');
        return true;
      }
      if (nodeCount === 0) {
        createCy([], 0);
        updateInfo(hood);
        setStatus('empty', 'The graph is empty.',
          'No concepts were found in the notes folder. Add Markdown glossary notes and they will show up here.');
        return true;
      }
      setStatus('layout', `Laying out ${fmt(nodeCount)} nodes…`,
        nodeCount > BIG ? 'A large graph: this can take a few seconds.' : '');
      createCy([], nodeCount, drawnEls.length - nodeCount);
      await nextFrame();                    // paint the "laying out" state before the heavy work
      if (seq !== loadSeq) return false;
      mark('cy-created');
      const laidOut = await layoutAll(drawnEls, seq);
      mark('layout-done');
      if (!laidOut || seq !== loadSeq) return false;
      if (state.view === 'local' && state.center) cy.$id('term:' + state.center).addClass('center');
      updateLegendCounts();
      applyFilters();
      updateInfo(hood);
      fitVisible(false);
      updateMajorLabels();
      await nextFrame();
      if (first && api.firstRenderMs === null) {
        api.firstRenderMs = Math.round(performance.now());   // since navigation start
        document.body.dataset.firstRenderMs = String(api.firstRenderMs);
      }
      setStatus('ready');
      if (opts && opts.reselect !== false && state.concept) highlightSelection();
      return true;
    } catch (err) {
      if (seq !== loadSeq) return false;
      if (state.view === 'local' && err instanceof ApiError && /no concept/i.test(err.detail)) {
        createCy([], 0);
        updateInfo(null);
        setStatus('empty', `No concept “${state.center}” in this graph.`,
          'It may have been renamed or removed. Search for it, or go back to the whole graph.');
        return true;
      }
      showError(err);
      return false;
    } finally {
      busy(-1);
    }
  }

  function showError(err) {
    console.warn('glossgraph:', err);
    const detail = err instanceof ApiError ? err.detail : String(err && err.message ? err.message : err);
    const message = err instanceof ApiError ? err.message : 'Something went wrong while drawing the graph.';
    setStatus('error', message, detail);
  }

  function fitVisible(animate) {
    if (!cy) return;
    const vis = cy.scratch('_gg').big ? cy.nodes(':visible') : cy.elements(':visible');
    if (!vis.length) return;
    // a handful of nodes is not blown up to fill the screen
    const MAX_FIT_ZOOM = 1.6;
    if (animate && !cy.scratch('_gg').big) {
      cy.stop();
      const w = cy.width() - 72; const hgt = cy.height() - 72; const bb = vis.boundingBox();
      const z = Math.min(MAX_FIT_ZOOM, Math.max(cy.minZoom(), Math.min(w / Math.max(1, bb.w), hgt / Math.max(1, bb.h))));
      cy.animate({ zoom: z, center: { eles: vis } }, { duration: 300 });
    } else {
      cy.fit(vis, 36);
      if (cy.zoom() > MAX_FIT_ZOOM) { cy.zoom(MAX_FIT_ZOOM); cy.center(vis); }
    }
  }

  function updateInfo(hood) {
    const el = $('graph-info');
    el.textContent = '';
    if (!cy) return;
    const total = cy.nodes().length;
    // counted by the filter class: ':visible' can lag behind a batch of class changes
    const visible = total - cy.nodes('.hidden').length;
    const edges = cy.edges().length - cy.edges('.hidden').length;
    const title = state.view === 'local'
      ? h('span', { class: 'info-title' }, 'Local graph · ', h('b', null, labelOf(state.center)), ` · depth ${state.depth}`)
      : h('span', { class: 'info-title' }, 'Whole graph');
    const edgeText = edgeCap ? `showing ${fmt(edges)} of ${fmt(edgeCap.total)} edges` : `${fmt(edges)} edges`;
    const counts = visible === total
      ? `${fmt(total)} nodes · ${edgeText}`
      : `${fmt(visible)} of ${fmt(total)} nodes shown · ${edgeText}`;
    el.append(title, h('span', { class: 'info-counts', id: 'info-counts',
      title: edgeCap ? 'A large graph: each node shows its strongest edges. Select a node, expand it or open its local graph to see all of its edges.' : null,
    }, counts));
    el.dataset.edgesCapped = edgeCap ? 'true' : 'false';
    const truncated = hood ? hood.truncated : el.dataset.truncated === 'true';
    el.dataset.truncated = truncated ? 'true' : 'false';
    if (truncated) {
      el.append(h('span', { class: 'info-note' }, state.view === 'local'
        ? 'truncated: the neighbourhood is large'
        : (stats ? `the ${fmt(total)} best-connected of ${fmt(stats.concepts)} concepts and their neighbours`
          : 'the best-connected concepts and their neighbours')));
    }
  }

  function labelOf(conceptId) {
    if (!conceptId) return '';
    const n = cy && cy.$id('term:' + conceptId);
    return n && n.length ? n.data('label') : conceptId;
  }

  // ---------------------------------------------------------------- filters
  function tagMembers() {
    // term node ids tagged with any selected tag, plus the tag nodes themselves
    const keep = new Set();
    for (const t of state.tags) {
      const tn = cy.$id('tag:' + t);
      if (!tn.length) continue;
      keep.add(tn.id());
      tn.connectedEdges('[ek="tag"]').sources('[kind="term"]').forEach((n) => { keep.add(n.id()); });
    }
    for (const [cid, tags] of knownConceptTags) {
      if (tags.some((t) => state.tags.includes(t))) keep.add('term:' + cid);
    }
    return keep;
  }

  const knownConceptTags = new Map();   // conceptId -> [tagId], learnt from the panel queries

  function applyFilters() {
    if (!cy) return;
    const kinds = new Set(state.kinds);
    const edgeKinds = new Set(state.edges);
    const tagKeep = state.tags.length ? tagMembers() : null;
    const pinned = new Set();
    if (state.concept) pinned.add('term:' + state.concept);
    if (state.view === 'local' && state.center) pinned.add('term:' + state.center);
    // the hidden set is computed first and only the elements that change are restyled
    // (a class change restyles an element: on a big graph, touching all of them costs seconds)
    const hide = new Set();
    cy.nodes().forEach((n) => {
      if (pinned.has(n.id())) return;
      let show = kinds.has(n.data('kind'));
      if (show && tagKeep) {
        if (n.data('kind') === 'term' || n.data('kind') === 'tag') show = tagKeep.has(n.id());
        else show = n.neighborhood('node').some((m) => m.data('kind') === 'term' && tagKeep.has(m.id()));
      }
      if (!show) hide.add(n.id());
    });
    cy.edges().forEach((e) => {
      if ((!edgeKinds.has(e.data('ek')) && e.data('ek') !== 'other') ||
        hide.has(e.data('source')) || hide.has(e.data('target'))) hide.add(e.id());
    });
    if (state.hideOrphans) {
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
    if (state.concept) highlightSelection(false);
    updateInfo();
    syncFilterControls();
  }

  function filtersActive() {
    return state.tags.length + (NODE_KINDS.length - state.kinds.length) +
      (EDGE_KINDS.length - state.edges.length) + (state.hideOrphans ? 1 : 0);
  }

  async function filtersChanged(opts) {
    writeUrl(false);
    syncFilterControls();
    const needsServer = state.view === 'overview' && state.truncated && state.tags.join(',') !== loadedTagsKey;
    if (needsServer) await loadGraph();
    else {
      applyFilters();
      if (!(opts && opts.keepView)) fitVisible(true);
    }
  }

  function buildLegend() {
    const nodeList = $('legend-nodes');
    nodeList.textContent = '';
    for (const k of NODE_KINDS) {
      const sw = h('span', { class: `swatch node-swatch shape-${k.shape}`, style: `--c:${k.color}`, 'aria-hidden': 'true' });
      nodeList.append(h('li', null, h('label', { class: 'legend-item' },
        h('input', { type: 'checkbox', name: 'kind', value: k.key, onchange: onKindToggle }),
        sw, h('span', { class: 'legend-label' }, k.label),
        h('span', { class: 'count', 'data-count-kind': k.key }, ''))));
    }
    const edgeList = $('legend-edges');
    edgeList.textContent = '';
    let inGroup = false;
    for (const k of EDGE_KINDS) {
      if (k.group === 'related' && !inGroup) {
        edgeList.append(h('li', { class: 'legend-sub' }, 'Related, found by'));
      }
      inGroup = k.group === 'related';
      const dash = k.style === 'dashed' ? '5 3' : k.style === 'dotted' ? '1.5 2.5' : '';
      const svg = `<svg viewBox="0 0 34 10" aria-hidden="true"><line x1="1" y1="5" x2="${k.arrow ? 26 : 33}" y2="5" stroke="${k.color}" stroke-width="${Math.max(1.5, k.width)}" ${dash ? `stroke-dasharray="${dash}"` : ''} stroke-linecap="round"/>${k.arrow ? `<path d="M25 1.5 33 5 25 8.5z" fill="${k.color}"/>` : ''}</svg>`;
      const sw = h('span', { class: 'swatch edge-swatch' });
      sw.innerHTML = svg;                    // a constant, built from the table above
      edgeList.append(h('li', { class: k.group ? 'in-group' : null }, h('label', { class: 'legend-item', title: EDGE_TITLES[k.key] || null },
        h('input', { type: 'checkbox', name: 'edge', value: k.key, onchange: onEdgeToggle }),
        sw, h('span', { class: 'legend-label' }, k.label),
        h('span', { class: 'count', 'data-count-edge': k.key }, ''))));
    }
  }

  function updateLegendCounts() {
    if (!cy) return;
    for (const k of NODE_KINDS) {
      const el = document.querySelector(`[data-count-kind="${k.key}"]`);
      const n = cy.nodes(`[kind="${k.key}"]`).length;
      if (el) { el.textContent = fmt(n); el.closest('li').classList.toggle('zero', n === 0); }
    }
    for (const k of EDGE_KINDS) {
      const el = document.querySelector(`[data-count-edge="${k.key}"]`);
      const n = cy.edges(`[ek="${k.key}"]`).length;
      if (el) { el.textContent = fmt(n); el.closest('li').classList.toggle('zero', n === 0); }
    }
  }

  function renderTagList() {
    const list = $('tag-list');
    list.textContent = '';
    if (tagsCatalog === null) {
      list.append(h('li', { class: 'muted' }, 'Tags are unavailable right now.'));
      return;
    }
    if (!tagsCatalog.length) {
      list.append(h('li', { class: 'muted' }, 'No tags in these notes.'));
      return;
    }
    const known = new Set(tagsCatalog.map((t) => t.tagId));
    const items = tagsCatalog.slice().sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    for (const t of state.tags) if (!known.has(t)) items.unshift({ tagId: t, label: t, count: 0 });
    for (const t of items) {
      list.append(h('li', null, h('label', { class: 'tag-item' },
        h('input', { type: 'checkbox', name: 'tag', value: t.tagId, onchange: onTagToggle }),
        h('span', { class: 'tag-name' }, '#' + t.label),
        h('span', { class: 'count' }, fmt(t.count)))));
    }
    syncFilterControls();
  }

  function syncFilterControls() {
    document.querySelectorAll('input[name="kind"]').forEach((i) => { i.checked = state.kinds.includes(i.value); });
    document.querySelectorAll('input[name="edge"]').forEach((i) => { i.checked = state.edges.includes(i.value); });
    document.querySelectorAll('input[name="tag"]').forEach((i) => {
      i.checked = state.tags.includes(i.value);
      i.closest('.tag-item').classList.toggle('on', i.checked);
    });
    $('hide-orphans').checked = state.hideOrphans;
    const n = filtersActive();
    $('btn-reset').disabled = n === 0;
    const badge = $('filter-badge');
    badge.hidden = n === 0;
    badge.textContent = String(n);
  }

  function onKindToggle(e) {
    const v = e.target.value;
    state.kinds = e.target.checked ? NODE_KINDS.map((k) => k.key).filter((k) => k === v || state.kinds.includes(k))
      : state.kinds.filter((k) => k !== v);
    filtersChanged();
  }
  function onEdgeToggle(e) {
    const v = e.target.value;
    state.edges = e.target.checked ? EDGE_KINDS.map((k) => k.key).filter((k) => k === v || state.edges.includes(k))
      : state.edges.filter((k) => k !== v);
    filtersChanged({ keepView: true });
  }
  function onTagToggle(e) {
    setTagFilter(e.target.value, e.target.checked);
  }
  function setTagFilter(tagId, on) {
    const has = state.tags.includes(tagId);
    if (on && !has) state.tags = state.tags.concat([tagId]);
    else if (!on && has) state.tags = state.tags.filter((t) => t !== tagId);
    else return Promise.resolve();
    return track(filtersChanged());
  }

  // ---------------------------------------------------------------- selection & panel
  let selSeq = 0;

  function onNodeTap(node) {
    const kind = node.data('kind');
    if (edgeCap && kind !== 'term') revealEdges([node.id()]);   // a concept's come with its highlight
    if (kind === 'term') { selectConcept(node.data('conceptId'), { push: true, center: false }); return; }
    if (kind === 'synonym') {
      const owner = node.neighborhood('node[kind="term"]').first();
      if (owner.length) { selectConcept(owner.data('conceptId'), { push: true, center: false }); return; }
    }
    if (kind === 'tag') { showTag(node.id().slice(4), node); return; }
    if (kind === 'note') { showNote(node.id().slice(5)); return; }
    showNodeInfo(node);
  }

  function highlightSelection(center) {
    if (!cy) return;
    if (edgeCap && state.concept) revealEdges(['term:' + state.concept]);
    cy.batch(() => {
      cy.elements('.faded, .nb, .focus').removeClass('faded nb focus');
      const node = state.concept ? cy.$id('term:' + state.concept) : cy.collection();
      if (!node.length) return;
      node.addClass('focus');
      const hood = node.closedNeighborhood().filter((e) => !e.hasClass('hidden'));
      hood.addClass('nb');
      // a local graph is the neighbourhood of its centre: selecting the centre fades nothing;
      // a heavy graph is not faded either (restyling thousands of elements stalls the page):
      // the neighbourhood stands out by its labels and opaque edges
      const heavy = cy.scratch('_gg').big && cy.elements().length > 4000;
      if (!heavy && !(state.view === 'local' && state.center === state.concept)) cy.elements().not(hood).addClass('faded');
      cy.$(':selected').not(node).unselect();
      node.select();
    });
    if (center) centerOn(state.concept);
  }

  function centerOn(conceptId) {
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

  function clearSelection(push) {
    if (!state.concept && !$('panel').dataset.kind) return;
    state.concept = null; state.tag = null; state.note = null;
    selSeq += 1;
    if (cy) {
      cy.elements('.faded, .nb, .focus').removeClass('faded nb focus');
      cy.$(':selected').unselect();
    }
    if (push) writeUrl(true);
    $('btn-local').disabled = state.view !== 'local';
    renderIntro();
    applyFilters();
  }

  async function ensureInGraph(conceptId) {
    // add the concept and its neighbours to the current graph when missing; false when unknown
    if (!cy) return false;
    if (cy.$id('term:' + conceptId).length) return true;
    const data = await gql(Q_NEIGHBORHOOD, { id: conceptId, depth: 1 });
    const hood = data.neighborhood;
    if (!hood || !(hood.nodes || []).some((n) => n.id === 'term:' + conceptId)) return false;
    await mergeElements(hood, 'term:' + conceptId);
    return true;
  }

  async function selectConcept(conceptId, opts) {
    opts = opts || {};
    if (!conceptId) return;
    const seq = ++selSeq;
    busy(1);
    try {
      state.concept = conceptId; state.tag = null; state.note = null;
      if (opts.push !== undefined) writeUrl(!!opts.push);
      $('btn-local').disabled = false;
      $('btn-local').title = 'Local graph around the selected concept';
      renderPanelLoading(conceptId);
      let inGraph = true;
      try { inGraph = await ensureInGraph(conceptId); } catch (err) { inGraph = false; }
      if (seq !== selSeq) return;
      applyFilters();
      highlightSelection(false);
      if (inGraph && opts.center !== false) {
        const node = cy.$id('term:' + conceptId);
        await centerOn(conceptId);
        if (node.length) flash(node);
      }
      let data;
      try {
        data = await gql(Q_CONCEPT, { id: conceptId });
      } catch (err) {
        if (seq === selSeq) renderPanelError(conceptId, err);
        return;
      }
      if (seq !== selSeq) return;
      if (!data.concept) {
        renderPanelMissing(conceptId);
        return;
      }
      knownConceptTags.set(conceptId, (data.concept.tags || []).map((t) => t.tagId));
      renderConcept(data.concept);
    } finally {
      busy(-1);
    }
  }

  function panelReset(kind, id) {
    const panel = $('panel');
    panel.dataset.kind = kind || '';
    if (id) panel.dataset.conceptId = id; else delete panel.dataset.conceptId;
    panel.classList.toggle('has-content', !!kind);
    const body = $('panel-body');
    body.textContent = '';
    body.scrollTop = 0;
    return body;
  }

  function renderIntro() {
    const body = panelReset('', null);
    const st = stats;
    body.append(
      h('div', { class: 'intro' },
        h('h2', null, 'Explore the glossary'),
        h('p', null, 'Each dot is a concept from the notes; colour shows what it is, size how connected it is.'),
        st ? h('dl', { class: 'stats' },
          h('div', null, h('dt', null, 'Concepts'), h('dd', null, fmt(st.concepts))),
          h('div', null, h('dt', null, 'Tags'), h('dd', null, fmt(st.tags))),
          h('div', null, h('dt', null, 'Notes'), h('dd', null, fmt(st.notes))),
          h('div', null, h('dt', null, 'Edges'), h('dd', null, fmt(st.edges)))) : null,
        h('ul', { class: 'tips' },
          h('li', null, h('b', null, 'Click'), ' a concept to read its labels, definition, tags and related concepts with their evidence.'),
          h('li', null, h('b', null, 'Double-click'), ' a node to add its neighbours to the graph.'),
          h('li', null, 'Search in Chinese, English or pinyin (', h('code', null, 'jqxx'), ' finds 机器学习). Press ', h('kbd', null, '/'), ' to search, ', h('kbd', null, 'Esc'), ' to clear.'),
          h('li', null, h('b', null, 'Local graph'), ' shows the concepts up to 1–3 steps around the selected one; the address bar always holds a link to the current view.'))));
  }

  function renderPanelLoading(conceptId) {
    const body = panelReset('loading', conceptId);
    body.append(h('div', { class: 'panel-loading' }, h('div', { class: 'spinner small' }),
      h('span', null, `Loading “${labelOf(conceptId)}”…`)));
  }

  function renderPanelError(conceptId, err) {
    const body = panelReset('error', conceptId);
    body.append(h('div', { class: 'panel-message error' },
      h('h2', null, 'Could not load this concept'),
      h('p', null, err.message || String(err)),
      err.detail ? h('p', { class: 'muted' }, err.detail) : null,
      h('button', { type: 'button', class: 'btn', onclick: () => selectConcept(conceptId, {}) }, 'Try again')));
  }

  function renderPanelMissing(conceptId) {
    const body = panelReset('missing', conceptId);
    body.append(h('div', { class: 'panel-message' },
      h('h2', null, 'No such concept'),
      h('p', null, `There is no concept “${conceptId}” in this graph. It may have been renamed or removed from the notes.`),
      h('p', { class: 'muted' }, 'Try the search box above.')));
  }

  function conceptLink(c, extraClass) {
    return h('a', {
      href: `/viewer?concept=${encodeURIComponent(c.conceptId)}`, class: 'concept-link ' + (extraClass || ''),
      dataset: { concept: c.conceptId },
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

  function renderConcept(c) {
    const body = panelReset('concept', c.conceptId);
    const main = c.labels.find((l) => l.preferred) || c.labels[0];
    const langs = new Map();
    for (const l of c.labels) if (!langs.has(l.language)) langs.set(l.language, l);
    const inGraph = cy && cy.$id('term:' + c.conceptId).length > 0;

    const header = h('header', { class: 'phead' },
      h('div', { class: 'kind-chip term' }, 'Concept'),
      h('h2', { class: 'ptitle', id: 'panel-title' }, c.label || (main && main.value) || c.conceptId),
      h('ul', { class: 'labels' }, [...langs.values()].map((l) =>
        h('li', { class: 'label-item' }, h('span', { class: 'lang' }, LANG_NAMES[l.language] || l.language),
          h('span', { class: 'label-value', lang: l.language === 'zh' ? 'zh-Hans' : l.language }, l.value)))),
      h('div', { class: 'meta' },
        h('span', { title: 'Concept id' }, h('code', null, c.conceptId)),
        h('span', null, `${fmt(c.degree)} connections`),
        inGraph ? null : h('span', { class: 'muted' }, 'not in the current view')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn primary small', id: 'panel-local',
          onclick: () => showLocal(c.conceptId, state.depth, true) },
        `Local graph · depth ${state.depth}`),
        h('button', { type: 'button', class: 'btn small', onclick: () => {
          const n = cy && cy.$id('term:' + c.conceptId);
          if (n && n.length) expandNode(n);
        } }, 'Expand'),
        h('button', { type: 'button', class: 'btn small ghost', title: 'Copy a link to this view',
          onclick: () => copyLink() }, 'Copy link')));

    const synonyms = c.synonyms.length ? section('Synonyms', h('ul', { class: 'chips', id: 'panel-synonyms' },
      c.synonyms.map((s) => h('li', { class: 'chip syn', lang: s.language === 'zh' ? 'zh-Hans' : s.language },
        s.value, h('span', { class: 'chip-lang' }, s.language))))) : null;

    const defs = c.definitions.length ? c.definitions : (c.definition ? [{ text: c.definition, language: '', source: null }] : []);
    const definition = defs.length ? section(defs.length > 1 ? 'Definitions' : 'Definition',
      defs.map((d) => h('blockquote', { class: 'def', lang: d.language === 'zh' ? 'zh-Hans' : (d.language || null) },
        h('p', null, d.text), d.source ? h('footer', null, sourceRef(d.source)) : null))) : null;

    const notes = c.notes.length ? section('Notes', h('ul', { class: 'notes' },
      c.notes.map((n) => h('li', { lang: n.language === 'zh' ? 'zh-Hans' : n.language }, n.text, ' ', sourceRef(n.source))))) : null;

    const tags = c.tags.length ? section('Tags', h('ul', { class: 'chips' }, c.tags.map((t) =>
      h('li', null, h('button', {
        type: 'button', class: 'chip tag' + (state.tags.includes(t.tagId) ? ' on' : ''), dataset: { tag: t.tagId },
        title: state.tags.includes(t.tagId) ? 'Remove this tag filter' : 'Show only concepts with this tag',
        onclick: async (e) => {
          const on = !state.tags.includes(t.tagId);
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

    const groups = RELATION_KINDS.map((k) => ({ k, items: c.related.filter((r) => r.kind === k.key) }))
      .filter((g) => g.items.length);
    const needles = c.labels.map((l) => l.value).concat(c.synonyms.map((s) => s.value));
    const related = groups.length ? section(`Related concepts (${c.related.length})`, groups.map((g) =>
      h('details', { class: 'rel-group', open: g.items.length <= 12 || g === groups[0] ? true : null, dataset: { kind: g.k.key.toLowerCase() } },
        h('summary', null, h('span', { class: `rel-dot ${g.k.key.toLowerCase()}` }), g.k.label, h('span', { class: 'count' }, fmt(g.items.length))),
        h('ul', { class: 'rel-list' }, g.items.map((r) => h('li', { class: 'rel' },
          h('div', { class: 'rel-head' },
            h('span', { class: 'dir', title: r.direction === 'out' ? 'this concept → target' : 'target → this concept' }, r.direction === 'out' ? '→' : '←'),
            conceptLink(r.target),
            h('span', { class: 'src' }, `${r.evidence.file}:${r.evidence.line}`)),
          r.evidence.text ? h('p', { class: 'evidence' }, highlight(r.evidence.text, needles.concat([r.target.label]))) : null)))))) : null;

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
      header, synonyms, definition, tags, hierarchy, related, notes, resources, sources));
  }

  function focusNode(node) {
    if (!cy) return;
    cy.batch(() => {
      cy.elements().removeClass('faded nb focus');
      cy.$(':selected').unselect();
      if (!node || !node.length) return;
      const hood = node.closedNeighborhood().filter((e) => !e.hasClass('hidden'));
      hood.addClass('nb');
      node.addClass('focus');
      cy.elements().not(hood).addClass('faded');
    });
  }

  async function showTag(tagId, node, push = true) {
    const seq = ++selSeq;
    state.concept = null; state.note = null; state.tag = tagId;
    writeUrl(push);
    node = node || (cy ? cy.$id('tag:' + tagId) : null);
    focusNode(node);
    const body = panelReset('tag', null);
    body.append(h('div', { class: 'panel-loading' }, h('div', { class: 'spinner small' }), h('span', null, `Loading #${tagId}…`)));
    busy(1);
    try {
      const data = await gql(Q_TAG, { name: tagId });
      if (seq !== selSeq) return;
      const t = data.tag;
      const b = panelReset('tag', null);
      if (!t) {
        b.append(h('div', { class: 'panel-message' }, h('h2', null, 'No such tag'),
          h('p', null, `There is no tag “${tagId}” in this graph.`)));
        return;
      }
      const on = state.tags.includes(t.tagId);
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
      if (seq === selSeq) renderPanelError(tagId, err);
    } finally {
      busy(-1);
    }
  }

  const Q_NOTES = 'query Notes { notes { path title concept { conceptId label } } }';

  async function showNote(path, push = true) {
    const seq = ++selSeq;
    state.concept = null; state.tag = null; state.note = path;
    writeUrl(push);
    focusNode(cy ? cy.$id('note:' + path) : null);
    const body = panelReset('note', null);
    body.append(h('div', { class: 'panel-loading' }, h('div', { class: 'spinner small' }), h('span', null, `Loading ${path}…`)));
    busy(1);
    try {
      const data = await gql(Q_NOTES);
      if (seq !== selSeq) return;
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
      if (seq === selSeq) renderPanelError(path, err);
    } finally {
      busy(-1);
    }
  }

  function showNodeInfo(node) {
    selSeq += 1;
    const body = panelReset(node.data('kind'), null);
    const kind = NODE_KINDS.find((k) => k.key === node.data('kind'));
    const owners = node.neighborhood('node[kind="term"]');
    body.append(h('article', null, h('header', { class: 'phead' },
      h('div', { class: `kind-chip ${node.data('kind')}` }, kind ? kind.label : node.data('kind')),
      h('h2', { class: 'ptitle' }, node.data('label'))),
    owners.length ? section(node.data('kind') === 'note' ? 'Concepts defined here' : 'Concepts',
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

  // ---------------------------------------------------------------- expanding
  async function mergeElements(hood, anchorId) {
    const elements = toElements(hood).filter((e) => !cy.getElementById(e.data.id).length);
    const newNodes = elements.filter((e) => e.group === 'nodes');
    if (!elements.length) return 0;
    let anchor = anchorId ? cy.$id(anchorId) : cy.collection();
    // place new nodes on a ring around their anchor (or a neighbour already in the graph)
    let origin = null;
    if (anchor.length) origin = anchor.position();
    else {
      const known = (hood.edges || []).map((e) => cy.$id(e.source).length ? e.source : (cy.$id(e.target).length ? e.target : null)).find(Boolean);
      if (known) origin = cy.$id(known).position();
    }
    if (!origin) {
      const bb = cy.nodes().length ? cy.nodes().boundingBox() : { x2: 0, y1: 0, h: 0 };
      origin = { x: bb.x2 + 160, y: bb.y1 + bb.h / 2 };
    }
    const ring = 70 + 9 * Math.sqrt(newNodes.length);
    newNodes.forEach((e, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, newNodes.length);
      const isAnchor = e.data.id === anchorId;
      e.position = isAnchor ? { x: origin.x, y: origin.y } : { x: origin.x + ring * Math.cos(a), y: origin.y + ring * Math.sin(a) };
    });
    const added = cy.add(elements);
    added.nodes().addClass('new');
    updateLegendCounts();
    applyFilters();
    const n = cy.nodes().length;
    if (n <= 300) {
      await runLayout(cy.elements(), layoutParams(n, true));
    }
    setTimeout(() => added.nodes().removeClass('new'), 1200);
    updateInfo();
    return newNodes.length;
  }

  async function expandNode(node) {
    if (!node || !node.length) return;
    busy(1);
    try {
      if (edgeCap) revealEdges([node.id()]);
      const kind = node.data('kind');
      let hood = null;
      if (kind === 'term') hood = (await gql(Q_NEIGHBORHOOD, { id: node.data('conceptId'), depth: 1 })).neighborhood;
      else if (kind === 'synonym') {
        const owner = node.neighborhood('node[kind="term"]').first();
        if (owner.length) hood = (await gql(Q_NEIGHBORHOOD, { id: owner.data('conceptId'), depth: 1 })).neighborhood;
      } else if (kind === 'tag') {
        hood = (await gql(Q_OVERVIEW, { limit: state.limit, tags: [node.id().slice(4)] })).overview;
      }
      if (!hood) return;
      const added = await mergeElements(hood, node.id());
      toast(added ? `Added ${fmt(added)} neighbour${added === 1 ? '' : 's'} of “${node.data('label')}”.`
        : `All neighbours of “${node.data('label')}” are already shown.`);
      if (state.concept) highlightSelection(false);
    } catch (err) {
      toast(err.message || String(err));
    } finally {
      busy(-1);
    }
  }

  // ---------------------------------------------------------------- views
  async function showLocal(conceptId, depth, push) {
    state.view = 'local';
    state.center = conceptId;
    state.concept = conceptId;
    state.depth = depth || state.depth;
    $('depth').value = String(state.depth);
    syncViewButtons();
    writeUrl(push);
    await loadGraph();
    if (state.concept) await selectConcept(state.concept, { center: false });
  }

  async function showOverview(push) {
    state.view = 'overview';
    state.center = null;
    syncViewButtons();
    writeUrl(push);
    await loadGraph();
    if (state.concept) await selectConcept(state.concept, { center: true });
  }

  function syncViewButtons() {
    $('btn-overview').setAttribute('aria-pressed', String(state.view === 'overview'));
    $('btn-local').setAttribute('aria-pressed', String(state.view === 'local'));
    $('btn-local').disabled = !(state.concept || state.center);
    $('depth').value = String(state.depth);
  }

  // ---------------------------------------------------------------- search
  const search = {
    input: null, list: null, timer: null, seq: 0, hits: [], active: -1, text: '',
  };

  function openResults(open) {
    search.list.hidden = !open;
    search.input.setAttribute('aria-expanded', String(open));
  }

  function clearSearch() {
    clearTimeout(search.timer);
    search.seq += 1;
    search.input.value = '';
    search.hits = [];
    search.active = -1;
    search.list.textContent = '';
    openResults(false);
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

  const FIELD_NAMES = { label: 'label', synonym: 'synonym', pinyin: 'pinyin', initials: 'pinyin initials', definition: 'definition' };

  function renderResults() {
    search.list.textContent = '';
    if (!search.hits.length) {
      search.list.append(h('li', { class: 'sr-msg' }, `No concept matches “${search.text}”.`));
      return;
    }
    search.hits.forEach((hit, i) => {
      const c = hit.concept;
      const others = (c.labels || []).map((l) => l.value).filter((v) => v !== c.label);
      const inGraph = cy && cy.$id('term:' + c.conceptId).length > 0;
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

  // ---------------------------------------------------------------- live updates
  // The server pushes `graphChanged` after each rebuild of the notes (GraphQL subscription over
  // the browser's WebSocket, graphql-transport-ws protocol). The view is re-fetched and merged
  // in place: existing nodes keep their positions, the zoom, filters and selection stay; new
  // nodes are placed next to their neighbours. The connection comes back with a backoff.
  const Q_CHANGES = 'subscription { graphChanged { version builtAt added changed removed } }';
  const live = { ws: null, attempt: 0, timer: null, everAcked: false, pending: null, running: false };

  function liveBadge(text, kind, title) {
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

  function connectLive() {
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
    live.timer = setTimeout(connectLive, delay);
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
      const selected = state.concept;
      const selLabel = selected ? labelOf(selected) : '';
      let touched = new Set();
      if (first || !cy || cy.nodes().length === 0 || document.body.dataset.state !== 'ready') {
        // nothing usable on screen (empty graph, error, missing centre): load the view anew
        if (first) await start(); else await loadGraph({ reselect: false });
        touched = null;
      } else {
        const seq = loadSeq;
        let hood = null;
        try {
          hood = await fetchGraph();
        } catch (err) {
          if (!(state.view === 'local' && err instanceof ApiError && /no concept/i.test(err.detail))) throw err;
        }
        if (seq !== loadSeq) return;
        if (hood) touched = mergeView(hood, c);
        else { await loadGraph({ reselect: false }); touched = null; }   // the centre is gone
      }
      await refreshSelection(selected, selLabel, c, touched);
      await loadMeta();
      api.version = c.version !== null ? c.version : (stats ? stats.version : api.version);
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

  function viewElements(hood) {
    // what every (re)load of a view does with the answer: overview state, size scale, elements
    if (state.view === 'overview') {
      state.truncated = !!hood.truncated;
      loadedTagsKey = state.truncated ? state.tags.join(',') : '';
    }
    maxDegree = Math.max(1, ...(hood.nodes || []).filter((n) => n.kind === 'term').map((n) => n.degree || 0));
    const elements = toElements(hood);
    markMajor(elements);
    return elements;
  }

  function mergeView(hood, c) {
    // merge a re-fetched view into the graph; returns the ids of the nodes added, updated or removed
    const elements = viewElements(hood);
    const ids = new Set(elements.map((e) => e.data.id));
    const removedTerms = new Set((c.removed || []).map((id) => 'term:' + id));
    const touched = new Set();
    const gone = cy.elements().filter((e) => (viewIds.has(e.id()) && !ids.has(e.id())) || removedTerms.has(e.id()));
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
          if (k !== 'id' && k !== 'source' && k !== 'target' && d[k] !== v) upd[k] = v;
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
    const freshEdges = fresh.filter((e) => e.group === 'edges' && !(edgeCap && edgeCap.ids.has(e.data.id)));
    if (edgeCap) {
      edgeCap.total = elements.length - elements.filter((e) => e.group === 'nodes').length;
      fresh.splice(0, fresh.length, ...freshNodes, ...freshEdges);
    }
    placeNear(freshNodes, freshEdges);
    freshNodes.forEach((e) => touched.add(e.data.id));
    freshEdges.forEach((e) => { touched.add(e.data.source); touched.add(e.data.target); });
    const added = cy.add(fresh);
    viewIds = ids;
    if (state.view === 'local' && state.center) cy.$id('term:' + state.center).addClass('center');
    updateLegendCounts();
    applyFilters();
    updateInfo(hood);
    updateMajorLabels();
    const news = added.nodes();
    if (news.length) {
      news.addClass('flash');
      setTimeout(() => news.removeClass('flash'), 1500);
    }
    return touched;
  }

  function placeNear(nodeEls, edgeEls) {
    // new nodes go next to their neighbours already placed, on a free spot; existing nodes stay
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

  async function refreshSelection(id, label, c, touched) {
    if (!id) {
      if (state.tag) await showTag(state.tag, null, false);
      return;
    }
    if (state.concept !== id) return;
    const listed = c.full || touched === null || [c.added, c.changed, c.removed].some((l) => (l || []).includes(id));
    const near = touched && [...touched].some((t) => t === 'term:' + id ||
      (cy && cy.$id('term:' + id).neighborhood('node').some((n) => n.id() === t)));
    if (!listed && !near && $('panel').dataset.kind === 'concept') {
      highlightSelection(false);
      return;
    }
    const seq = selSeq;
    const data = await gql(Q_CONCEPT, { id });
    if (seq !== selSeq || state.concept !== id) return;   // the user picked something else meanwhile
    if (!data.concept) { renderPanelRemoved(id, label); return; }
    knownConceptTags.set(id, (data.concept.tags || []).map((t) => t.tagId));
    const body = $('panel-body');
    const top = body.scrollTop;
    renderConcept(data.concept);
    body.scrollTop = top;
    $('panel').dataset.version = String(c.version !== null ? c.version : '');
    applyFilters();
  }

  function renderPanelRemoved(conceptId, label) {
    const body = panelReset('removed', conceptId);
    body.append(h('div', { class: 'panel-message removed' },
      h('div', { class: 'kind-chip term' }, 'Concept'),
      h('h2', null, `“${label || conceptId}” was removed`),
      h('p', null, 'This concept is no longer in the notes: it was deleted or renamed while you were looking at it.'),
      h('p', { class: 'muted' }, 'Search for it above, or pick another concept in the graph.')));
  }

  // ---------------------------------------------------------------- wiring
  function isTyping(target) {
    return target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
  }

  function wire() {
    search.input = $('search');
    search.list = $('search-results');
    search.input.addEventListener('input', onSearchInput);
    search.input.addEventListener('keydown', onSearchKey);
    search.input.addEventListener('focus', () => { if (search.hits.length && search.input.value.trim()) openResults(true); });
    search.input.addEventListener('blur', () => setTimeout(() => openResults(false), 120));

    document.addEventListener('keydown', (e) => {
      if (e.key === '/' && !isTyping(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        search.input.focus();
        search.input.select();
      } else if (e.key === 'Escape' && !isTyping(e.target)) {
        if (search.input.value) clearSearch();
        clearSelection(true);
      }
    });

    $('btn-overview').addEventListener('click', () => {
      if (state.view === 'overview') { fitVisible(true); return; }
      track(showOverview(true));
    });
    $('btn-local').addEventListener('click', () => {
      const id = state.concept || state.center;
      if (id) track(showLocal(id, state.depth, true));
    });
    $('depth').addEventListener('change', (e) => {
      state.depth = parseInt(e.target.value, 10) || 1;
      const id = state.view === 'local' ? state.center : null;
      if (id) track(showLocal(id, state.depth, true));
      else if (state.concept) {
        const btn = $('panel-local');
        if (btn) btn.textContent = `Local graph · depth ${state.depth}`;
      }
    });
    $('btn-filters').addEventListener('click', () => {
      setFiltersOpen(!isFiltersOpen());
    });
    $('hide-orphans').addEventListener('change', (e) => {
      state.hideOrphans = e.target.checked;
      filtersChanged();
    });
    $('btn-reset').addEventListener('click', () => {
      state.tags = [];
      state.kinds = NODE_KINDS.map((k) => k.key);
      state.edges = EDGE_KINDS.map((k) => k.key);
      state.hideOrphans = false;
      track(filtersChanged());
    });
    $('btn-retry').addEventListener('click', () => { start(); });
    $('zoom-in').addEventListener('click', () => zoomBy(1.35));
    $('zoom-out').addEventListener('click', () => zoomBy(1 / 1.35));
    $('zoom-fit').addEventListener('click', () => fitVisible(true));

    window.addEventListener('popstate', () => { track(restoreFromUrl()); });
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
    if (cy) setTimeout(() => cy.resize(), 0);
  }

  function zoomBy(f) {
    if (!cy) return;
    const z = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * f));
    cy.animate({ zoom: { level: z, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } } }, { duration: 180 });
  }

  async function restoreFromUrl() {
    const s = readUrl();
    const graphChanged = s.view !== state.view || s.center !== state.center || s.limit !== state.limit ||
      (s.view === 'local' && s.depth !== state.depth) ||
      (s.view === 'overview' && state.truncated && s.tags.join(',') !== loadedTagsKey);
    Object.assign(state, { view: s.view, center: s.center, tags: s.tags, kinds: s.kinds, edges: s.edges, hideOrphans: s.hideOrphans, limit: s.limit });
    if (s.view === 'local') state.depth = s.depth;
    syncViewButtons();
    syncFilterControls();
    if (graphChanged || !cy) await loadGraph({ reselect: false });
    else applyFilters();
    if (s.concept) await selectConcept(s.concept, { center: s.view !== 'local' || !graphChanged });
    else if (s.tag) await showTag(s.tag, null, false);
    else if (s.note) await showNote(s.note, false);
    else { state.concept = null; clearSelection(false); }
  }

  async function loadMeta() {
    try {
      const data = await gql(Q_META);
      tagsCatalog = data.tags || [];
      stats = data.stats || null;
      if (stats && api.version === null) api.version = stats.version;
    } catch (err) {
      tagsCatalog = null;                     // unknown, not "no tags"
    }
    renderTagList();
    if (!state.concept && $('panel').dataset.kind === '') renderIntro();
  }

  let started = false;
  async function start() {
    busy(1);
    try {
      const s = readUrl();
      Object.assign(state, s);
      syncViewButtons();
      syncFilterControls();
      if (!state.concept) renderIntro();
      const meta = loadMeta();
      const ok = await loadGraph({ reselect: false });
      await meta;
      if (ok && state.concept) await selectConcept(state.concept, { center: state.view !== 'local' });
      else if (ok && state.tag) await showTag(state.tag, null, false);
      else if (ok && state.note) await showNote(state.note, false);
      if (ok && !api.isReady) {
        api.isReady = true;
        readyResolve(api);
      }
      updateInfo();
    } finally {
      busy(-1);
    }
  }

  function boot() {
    if (typeof window.cytoscape !== 'function') {
      setStatus('error', 'The graph library did not load.',
        'The server did not serve /vendor/cytoscape.js; run `make install` (npm ci) and restart the server.');
      return;
    }
    if (typeof window.cytoscapeFcose === 'function') {
      try { cytoscape.use(cytoscapeFcose); } catch (err) { /* already registered */ }
    } else {
      setStatus('error', 'The layout library did not load.', 'The server did not serve /vendor/cytoscape-fcose.js.');
      return;
    }
    buildLegend();
    wire();
    $('btn-filters').setAttribute('aria-expanded', String(isFiltersOpen()));
    if (started) return;
    started = true;
    start();
    connectLive();
  }

  boot();
})();
