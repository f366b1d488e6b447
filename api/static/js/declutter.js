/* Decluttering (pure: tested by tests/viewer/declutter.test.mjs): nodes pushed apart, and which
 * labels to show so that none overlaps another. */

/* Spread a packed picture to a sane density (when `spread`), then push overlapping discs apart
 * (xs, ys: centres, rs: radii; changed in place). A grid keeps each pass linear. */
export function declutter(xs, ys, rs, spread = true) {
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
  const cell = 2 * maxR || 1;
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

/* Width of a label in ems: CJK and other wide characters 1, Latin about 0.58. */
export function textEms(text) {
  let w = 0;
  for (const ch of String(text)) {
    const c = ch.codePointAt(0);
    if (c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || c >= 0x1f300)) w += 1;
    else if (/[A-Z@%#MW]/.test(ch)) w += 0.7;
    else if (/[il.,:;'|!]/.test(ch)) w += 0.3;
    else w += 0.56;
  }
  return w;
}

/* Which labels to show, most important first, none overlapping another (nor an obstacle).
 *   items: [{ id, x, y, w, h }] label boxes in screen pixels (x, y: centre), most important
 *          first; `always: true` items are shown whatever they overlap (and block the others)
 *   opts:  { width, height } of the screen (boxes wholly outside are skipped),
 *          margin (px between two labels, default 3), max (labels at most),
 *          obstacles: [{ x, y, w, h }] boxes no label may cover (e.g. topic names)
 * Returns the ids shown, in the order of `items`. */
export function pickLabels(items, opts = {}) {
  const width = opts.width ?? Infinity; const height = opts.height ?? Infinity;
  const margin = opts.margin ?? 3; const max = opts.max ?? Infinity;
  const cell = 96;
  const grid = new Map();
  const boxes = [];
  const cellsOf = (b) => {
    const out = [];
    for (let gx = Math.floor(b.x1 / cell); gx <= Math.floor(b.x2 / cell); gx++) {
      for (let gy = Math.floor(b.y1 / cell); gy <= Math.floor(b.y2 / cell); gy++) out.push(gx + ',' + gy);
    }
    return out;
  };
  const add = (b) => {
    boxes.push(b);
    for (const k of cellsOf(b)) { const l = grid.get(k); if (l) l.push(b); else grid.set(k, [b]); }
  };
  const hits = (b) => cellsOf(b).some((k) => (grid.get(k) || []).some((o) =>
    b.x1 < o.x2 && o.x1 < b.x2 && b.y1 < o.y2 && o.y1 < b.y2));
  const boxOf = (it) => ({
    x1: it.x - it.w / 2 - margin / 2, x2: it.x + it.w / 2 + margin / 2,
    y1: it.y - it.h / 2 - margin / 2, y2: it.y + it.h / 2 + margin / 2,
  });
  for (const o of opts.obstacles || []) add(boxOf(o));
  const shown = [];
  for (const it of items) {
    const b = boxOf(it);
    if (!it.always) {
      if (shown.length >= max) continue;
      if (b.x2 < 0 || b.y2 < 0 || b.x1 > width || b.y1 > height) continue;
      if (hits(b)) continue;
    }
    add(b);
    shown.push(it.id);
  }
  return shown;
}
