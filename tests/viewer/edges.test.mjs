// node --test tests/viewer: edge capping and layout edges (api/static/js/edges.js)
import test from 'node:test';
import assert from 'node:assert/strict';
import { capEdges, layoutEdges, edgeCapOf } from '../../api/static/js/edges.js';

const prio = { link: 0, broader: 200, hierarchy: 300, mention: 400 };
let n = 0;
const edge = (source, target, ek, count = 1) => ({ data: { id: `e${n++}`, source, target, ek, count } });

// a hub h joined to 20 leaves by mentions, the leaves in a chain of links
function graph() {
  const out = [];
  for (let i = 0; i < 20; i++) out.push(edge('h', `l${i}`, 'mention'));
  for (let i = 0; i < 19; i++) out.push(edge(`l${i}`, `l${i + 1}`, 'link'));
  return out;
}

test('under the budget every edge is drawn', () => {
  const all = graph();
  const { drawn, dropped } = capEdges(all, 100, prio);
  assert.equal(drawn.length, all.length);
  assert.equal(dropped.length, 0);
  assert.equal(edgeCapOf(all.length, dropped), null);
});

test('over the budget: the strongest kinds first, and every node keeps an edge', () => {
  const all = graph();
  const { drawn, dropped } = capEdges(all, 20, prio);
  assert.equal(drawn.length, 20);
  assert.equal(drawn.length + dropped.length, all.length);
  const nodes = new Set(all.flatMap((e) => [e.data.source, e.data.target]));
  for (const v of nodes) assert.ok(drawn.some((e) => e.data.source === v || e.data.target === v), v);
  // links are drawn before mentions
  assert.ok(drawn.filter((e) => e.data.ek === 'link').length >= 18);
  // the input order is kept
  assert.deepEqual(drawn.map((e) => e.data.id), all.filter((e) => drawn.includes(e)).map((e) => e.data.id));
  const cap = edgeCapOf(all.length, dropped);
  assert.equal(cap.total, all.length);
  assert.equal(cap.ids.size, dropped.length);
  assert.equal(cap.dropped.get('h').length, dropped.filter((e) => e.data.source === 'h').length);
});

test('more relations between two nodes count: the heavier edge of a kind first', () => {
  const light = edge('a', 'b', 'mention', 1);
  const heavy = edge('c', 'd', 'mention', 5);
  const { drawn } = capEdges([light, heavy, edge('a', 'c', 'mention')], 2, prio);
  assert.ok(drawn.includes(heavy));
});

test('layout edges: at most a few per node, one per pair, no loops', () => {
  const all = graph().concat([edge('h', 'h', 'link'), edge('l1', 'l0', 'mention')]);
  const kept = layoutEdges(all, 21, prio, 1);   // 42 edges > 1 per node: thinned
  assert.ok(kept.length < all.length);
  assert.ok(!kept.some((e) => e.data.source === e.data.target));
  const pairs = kept.map((e) => [e.data.source, e.data.target].sort().join('|'));
  assert.equal(new Set(pairs).size, pairs.length);
  const per = new Map();
  for (const e of kept) for (const v of [e.data.source, e.data.target]) per.set(v, (per.get(v) || 0) + 1);
  // an edge is kept while one of its ends has fewer than `per`: no node is left out
  for (let i = 0; i < 20; i++) assert.ok(per.get(`l${i}`) >= 1);
  // a sparse graph is laid out with all its edges
  const sparse = graph().slice(0, 10);
  assert.equal(layoutEdges(sparse, 11, prio), sparse);
});
