/* The browser's address bar and the view state (urlstate.js does the pure part). */

import { app } from './app.js';
import { decode, readUrl, urlFor } from './urlstate.js';

export function kindKeys() {
  return {
    nodeKinds: app.kinds.nodeKinds.map((k) => k.key),
    edgeKinds: app.kinds.edgeKinds.map((k) => k.key),
  };
}

/* Filters change the URL in place (replaceState); views and selections push a history entry. */
export function writeUrl(push) {
  const url = urlFor(app.state, location.pathname, kindKeys());
  if (url === location.pathname + decode(location.search) || url === location.pathname + location.search) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

export function stateFromUrl() {
  return readUrl(location.search, kindKeys());
}
