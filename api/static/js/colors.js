/* Colour groups (pure: tested by tests/viewer/colors.test.mjs): what group a node is in for a
 * colour mode (its community, its main tag, its folder), and which colour each group gets. */

// Twelve colours told apart on white, in the order they are handed out (Tableau-like, a bit
// darker so that white labels' halos and thin edges stay readable).
export const PALETTE = [
  '#2563eb', '#e11d48', '#16a34a', '#ea580c', '#7c3aed', '#0891b2',
  '#ca8a04', '#db2777', '#4d7c0f', '#0f766e', '#9333ea', '#b45309',
];
export const OTHER = '#94a3b8';   // the groups past the palette
export const OTHER_KEY = 'other';

/* The top folder of a note path ("Cards/x.md" → "Cards"; "x.md" → "/" the notes folder itself);
 * `depth` folders deep ("Spaces/3-Resource"). */
export function folderOf(path, depth = 1) {
  if (!path) return null;
  const parts = String(path).split('/');
  parts.pop();
  if (!parts.length) return '/';
  return parts.slice(0, depth).join('/');
}

/* The group key of a node's data for a colour mode; null: no group (not a concept). */
export function groupOf(data, mode) {
  if (data.kind !== 'term') return null;
  if (mode === 'tag') return data.tag || null;
  if (mode === 'folder') return folderOf(data.path);
  return data.community === null || data.community === undefined ? null : String(data.community);
}

/* The order of two groups of equal size: by key, numbers as numbers — a community's key is
 * its rank (the API's order: largest first, then by label), so "10" comes after "2". */
export function byKey(a, b) {
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/* Colours of the groups of a view: the `palette.length` largest groups (by their count in the
 * view; ties: by key) get a colour, the others OTHER. A group keeps the colour it had in
 * `previous` (a Map key → colour) while that colour is not taken by a larger group, so a
 * filter or a live update does not repaint the picture.
 *   counts: Map key → number of nodes; returns Map key → colour. */
export function assignColors(counts, { palette = PALETTE, previous = null } = {}) {
  const keys = [...counts.keys()].filter((k) => k !== null && k !== undefined && k !== OTHER_KEY);
  keys.sort((a, b) => (counts.get(b) - counts.get(a)) || byKey(a, b));
  const coloured = keys.slice(0, palette.length);
  const out = new Map();
  const taken = new Set();
  if (previous) {
    for (const k of coloured) {
      const c = previous.get(k);
      if (c && c !== OTHER && palette.includes(c) && !taken.has(c)) { out.set(k, c); taken.add(c); }
    }
  }
  const free = palette.filter((c) => !taken.has(c));
  for (const k of coloured) if (!out.has(k)) out.set(k, free.shift());
  for (const k of keys.slice(palette.length)) out.set(k, OTHER);
  return out;
}

/* The legend of a colour mode: the coloured groups (largest first), then one "other" entry
 * for the rest. names: Map key → label. */
export function legendOf(counts, colors, names) {
  const items = [];
  let other = 0;
  for (const [k, n] of counts) {
    if (k === null || k === undefined) continue;
    const c = colors.get(k);
    if (!c || c === OTHER) { other += n; continue; }
    items.push({ key: k, label: (names && names.get(k)) || k, color: c, count: n });
  }
  items.sort((a, b) => (b.count - a.count) || a.label.localeCompare(b.label));
  if (other) items.push({ key: OTHER_KEY, label: 'Other', color: OTHER, count: other });
  return items;
}
