/* The view in the URL (pure: no DOM; tested by tests/viewer/urlstate.test.mjs).
 *
 * /viewer?concept=rag&depth=2&tags=a,b&kinds=term,tag&edges=…&orphans=hide&color=folder&hide=…
 *   concept  selected concept id (side panel); or tag=… / note=… (where /tag/{id}, /note/{path} land)
 *   depth    present = local graph of that depth around `center` (default: the concept)
 *   center   centre of the local graph, when it is not the selected concept
 *   tags     tag filter (tag ids), kinds = visible node kinds, edges = visible edge kinds
 *   limit    size of the whole-graph overview (default 400)
 *   color    community (default) | tag | folder: what node colours show
 *   hide     colour groups hidden from the legend (community ids, tags or folders; "other")
 *   min      only concepts with at least this many connections
 *   folder   only concepts written in notes under this path
 *   ghosts   show: links to no note are drawn (off by default, as in Obsidian)
 * Query strings stay readable (/viewer?concept=机器学习&tags=a,b): only the characters that would
 * break them are escaped; list items are split before decoding.
 */

export const OVERVIEW_LIMIT = 400;
export const MAX_LIMIT = 17000;   // the largest overview the query budget allows (api.js, api/cost.py)
export const COLOR_MODES = ['community', 'tag', 'folder'];
// edge kinds renamed since older links were shared
const EDGE_ALIASES = { tag: 'tagged' };

export function decode(v) {
  try { return decodeURIComponent(String(v).replace(/\+/g, ' ')); } catch (err) { return String(v); }
}

export function encode(v) {
  // eslint-disable-next-line no-control-regex
  return String(v).replace(/[%&#+=,?\s\u0000-\u001f]/g, (c) => encodeURIComponent(c));
}

export function parseQuery(search) {
  const raw = new Map();
  for (const part of String(search || '').replace(/^\?/, '').split('&')) {
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

/* The state a URL's query string describes. `kinds`: { nodeKinds: [keys], edgeKinds: [keys] }. */
export function readUrl(search, kinds) {
  const p = parseQuery(search);
  const s = {};
  s.concept = p.get('concept') || null;
  s.tag = s.concept ? null : (p.get('tag') || null);
  s.note = s.concept || s.tag ? null : (p.get('note') || null);
  const depth = parseInt(p.get('depth') || '', 10);
  s.view = Number.isFinite(depth) && (s.concept || p.get('center')) ? 'local' : 'overview';
  s.depth = Number.isFinite(depth) ? Math.min(3, Math.max(1, depth)) : 1;
  s.center = s.view === 'local' ? (p.get('center') || s.concept) : null;
  s.tags = p.list('tags');
  const nodeKeys = kinds.nodeKinds;
  const edgeKeys = kinds.edgeKinds;
  s.kinds = p.has('kinds') ? p.list('kinds').filter((k) => nodeKeys.includes(k)) : nodeKeys.slice();
  s.edges = p.has('edges')
    ? [...new Set(p.list('edges').map((k) => EDGE_ALIASES[k] || k))].filter((k) => edgeKeys.includes(k))
    : edgeKeys.slice();
  const limit = parseInt(p.get('limit') || '', 10);
  s.limit = Number.isFinite(limit) && limit > 0 ? Math.min(limit, MAX_LIMIT) : OVERVIEW_LIMIT;
  s.hideOrphans = p.get('orphans') === 'hide';
  const color = p.get('color');
  s.color = COLOR_MODES.includes(color) ? color : 'community';
  s.hide = p.list('hide');
  const min = parseInt(p.get('min') || '', 10);
  s.minDegree = Number.isFinite(min) && min > 0 ? min : 0;
  s.folder = (p.get('folder') || '').replace(/^\/+/, '');
  s.ghosts = p.get('ghosts') === 'show';
  return s;
}

/* The URL (path + query) of a state; defaults are left out. */
export function urlFor(s, pathname, kinds) {
  const p = [];
  const set = (k, v) => p.push(`${k}=${Array.isArray(v) ? v.map(encode).join(',') : encode(v)}`);
  if (s.concept) set('concept', s.concept);
  else if (s.tag) set('tag', s.tag);
  else if (s.note) set('note', s.note);
  if (s.view === 'local' && s.center) {
    if (s.center !== s.concept) set('center', s.center);
    set('depth', String(s.depth));
  }
  if (s.tags && s.tags.length) set('tags', s.tags);
  if (s.kinds && s.kinds.length !== kinds.nodeKinds.length) set('kinds', s.kinds);
  if (s.edges && s.edges.length !== kinds.edgeKinds.length) set('edges', s.edges);
  if (s.hideOrphans) set('orphans', 'hide');
  if (s.limit && s.limit !== OVERVIEW_LIMIT) set('limit', String(s.limit));
  if (s.color && s.color !== 'community') set('color', s.color);
  if (s.hide && s.hide.length) set('hide', s.hide);
  if (s.minDegree) set('min', String(s.minDegree));
  if (s.folder) set('folder', s.folder);
  if (s.ghosts) set('ghosts', 'show');
  return pathname + (p.length ? '?' + p.join('&') : '');
}

/* Whether two URLs (as urlFor writes them, or as the browser shows them) are the same view. */
export function sameUrl(a, b) {
  return a === b || decode(a) === decode(b);
}
