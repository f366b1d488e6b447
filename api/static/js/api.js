/* The server: GraphQL over HTTP, the registry, and the queries the viewer sends.
 * Every query stays under the server's cost budget (api/cost.py: 250,000): the largest, an
 * overview of urlstate.js MAX_LIMIT (17,000) nodes, costs 14 × limit = 238,000 (2 fields, 8
 * per node, 4 per edge, each counted `limit` times). */

export class ApiError extends Error {
  constructor(message, detail) { super(message); this.detail = detail || ''; }
}

/* The GET URL of a query: what viewer.html preloads for the first view (see preloaded()). */
export function getUrl(query, variables) {
  return `/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify(variables || {}))}`;
}

/* The URL of a query that viewer.html preloads (<link rel="preload" as="fetch">), so that the
 * browser asks for the first view while it still loads the scripts; null if not preloaded. */
export function preloaded(query, variables) {
  const url = getUrl(query, variables);
  const links = typeof document === 'undefined' ? [] : document.querySelectorAll('link[rel="preload"][as="fetch"]');
  for (const link of links) if (link.getAttribute('href') === url) return url;
  return null;
}

/* A query, POSTed; or GET `url` (a preloaded query: the browser hands over its answer). */
export async function gql(query, variables, url) {
  let res;
  try {
    res = await fetch(url || '/graphql', url ? {} : {
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

export async function getRegistry() {
  let res;
  try {
    res = await fetch('/registry');   // as viewer.html preloads it
  } catch (err) {
    throw new ApiError('Cannot reach the glossgraph server.',
      'Is `glossgraph serve` still running? Start it again, then try again.');
  }
  if (!res.ok) throw new ApiError(`The server answered ${res.status} for /registry.`, 'The viewer needs the kinds of the graph.');
  return res.json();
}

// conceptId is not asked: it is the node id without "term:". A plain string: the cost tests
// of the API read these queries from this file.
const GRAPH_FIELDS = 'center truncated nodes { id kind label degree community path ghost tag } edges { source target type kind }';
export const SERVER_LAYOUT_MAX = 3000;   // graph/layout.py MAX_NODES: larger views are laid out here

export const Q_OVERVIEW = `query Overview($limit: Int, $tags: [String!]) { overview(limit: $limit, tags: $tags) { ${GRAPH_FIELDS} } }`;
// positions of the whole graph, computed once per build on the server (asked beside Q_OVERVIEW)
export const Q_LAYOUT = 'query Layout($limit: Int) { layout(limit: $limit) { id x y } }';
export const Q_NEIGHBORHOOD = `query Neighborhood($id: String!, $depth: Int) { neighborhood(id: $id, depth: $depth) { ${GRAPH_FIELDS} } }`;
export const Q_SEARCH = 'query Search($text: String!) { search(text: $text, first: 8) { score matched field concept { conceptId label labels { value language } degree } } }';
export const Q_META = `query Meta { tags { tagId label count } stats { concepts notes tags edges version }
  communities(first: 1000) { id label size centerId } }`;
export const Q_CONCEPT = `query Concept($id: String!) { concept(id: $id) {
  conceptId label degree ghost relatedCount
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
  community { id label size }
} }`;
// apart: the panel never waits on the note or on RDF
export const Q_SECTION = `query Section($id: String!, $images: Boolean) { concept(id: $id) { section(images: $images) {
  file line startLine endLine heading html remoteImages truncated editor { editor name url } } } }`;
export const Q_IRI = 'query Iri($id: String!) { concept(id: $id) { iri } }';
export const Q_TAG = 'query Tag($name: String!) { tag(name: $name) { tagId label count concepts(first: 100) { conceptId label } } }';
export const Q_NOTES = 'query Notes { notes { path title concept { conceptId label } } }';
export const Q_GHOSTS = 'query Ghosts { unresolvedLinks(first: 1000) { target file line concept { conceptId } note { concept { conceptId } } } }';
export const Q_CHANGES = 'subscription { graphChanged { version builtAt added changed removed } }';
