// node --test tests/viewer: nodes pushed apart, labels picked (api/static/js/declutter.js)
import test from 'node:test';
import assert from 'node:assert/strict';
import { declutter, pickLabels, textEms } from '../../api/static/js/declutter.js';

test('declutter leaves no two discs overlapping', () => {
  const n = 300;
  const xs = new Float64Array(n); const ys = new Float64Array(n); const rs = new Float64Array(n);
  for (let i = 0; i < n; i++) { xs[i] = (i % 7) * 0.5; ys[i] = Math.floor(i / 50); rs[i] = 5 + (i % 5); }
  declutter(xs, ys, rs, true);
  let worst = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    worst = Math.max(worst, rs[i] + rs[j] - Math.hypot(xs[i] - xs[j], ys[i] - ys[j]));
  }
  assert.ok(worst < 1, `overlap of ${worst}`);
});

test('declutter without spreading keeps nodes that do not overlap where they are', () => {
  const xs = [0, 100, 200]; const ys = [0, 0, 0]; const rs = [10, 10, 10];
  declutter(xs, ys, rs, false);
  assert.deepEqual(xs, [0, 100, 200]);
});

test('labels: most important first, none overlapping another', () => {
  const items = [
    { id: 'hub', x: 100, y: 100, w: 80, h: 14 },
    { id: 'under-hub', x: 110, y: 104, w: 80, h: 14 },
    { id: 'apart', x: 300, y: 100, w: 80, h: 14 },
    { id: 'off-screen', x: 5000, y: 100, w: 80, h: 14 },
  ];
  assert.deepEqual(pickLabels(items, { width: 800, height: 600 }), ['hub', 'apart']);
});

test('labels: a selected node always shows; obstacles (topic names) are kept clear', () => {
  const items = [
    { id: 'big', x: 100, y: 100, w: 80, h: 14 },
    { id: 'selected', x: 105, y: 100, w: 80, h: 14, always: true },
    { id: 'near-topic', x: 400, y: 300, w: 60, h: 14 },
    { id: 'free', x: 600, y: 300, w: 60, h: 14 },
  ];
  const shown = pickLabels(items, { width: 800, height: 600, obstacles: [{ x: 410, y: 300, w: 120, h: 24 }] });
  assert.deepEqual(shown, ['big', 'selected', 'free']);
});

test('labels: zooming out shows fewer (the same boxes, closer together)', () => {
  const items = [];
  for (let i = 0; i < 100; i++) items.push({ id: `n${i}`, x: (i % 10) * 60, y: Math.floor(i / 10) * 30, w: 50, h: 12 });
  const near = pickLabels(items, { width: 1000, height: 1000 }).length;
  const far = pickLabels(items.map((it) => ({ ...it, x: it.x * 0.3, y: it.y * 0.3 })), { width: 1000, height: 1000 }).length;
  assert.equal(near, 100);
  assert.ok(far < near / 3, `${far} labels zoomed out`);
  assert.equal(pickLabels(items, { width: 1000, height: 1000, max: 7 }).length, 7);
});

test('text width: CJK is wider than Latin', () => {
  assert.equal(textEms('机器学习'), 4);
  assert.ok(textEms('rag') < 2);
  assert.ok(textEms('RAG') > textEms('rag'));
});
