// node --test tests/viewer: colour groups and their colours (api/static/js/colors.js)
import test from 'node:test';
import assert from 'node:assert/strict';
import { assignColors, byKey, folderOf, groupOf, legendOf, OTHER, OTHER_KEY, PALETTE } from '../../api/static/js/colors.js';

test('the palette has distinct colours, none the grey of "other"', () => {
  assert.equal(new Set(PALETTE).size, PALETTE.length);
  assert.ok(!PALETTE.includes(OTHER));
});

test('group of a node by mode', () => {
  const d = { kind: 'term', community: 0, tag: 'ai', path: 'Cards/永久笔记/x.md' };
  assert.equal(groupOf(d, 'community'), '0');
  assert.equal(groupOf(d, 'tag'), 'ai');
  assert.equal(groupOf(d, 'folder'), 'Cards');
  assert.equal(groupOf({ ...d, kind: 'tag' }, 'community'), null);
  assert.equal(groupOf({ kind: 'term', community: null }, 'community'), null);
  assert.equal(groupOf({ kind: 'term' }, 'tag'), null);
  assert.equal(folderOf('x.md'), '/');
  assert.equal(folderOf('a/b/c.md', 2), 'a/b');
  assert.equal(folderOf(null), null);
});

test('the largest groups get the palette, in order; the rest are grey', () => {
  const counts = new Map();
  for (let i = 0; i < 20; i++) counts.set(String(i), 100 - i);
  const colors = assignColors(counts);
  assert.equal(colors.get('0'), PALETTE[0]);
  assert.equal(colors.get('1'), PALETTE[1]);
  assert.equal(colors.get(String(PALETTE.length - 1)), PALETTE[PALETTE.length - 1]);
  assert.equal(colors.get(String(PALETTE.length)), OTHER);
  assert.equal(colors.get('19'), OTHER);
  assert.equal(new Set([...colors.values()].filter((c) => c !== OTHER)).size, PALETTE.length);
});

test('ties are broken by key: the same counts always give the same colours', () => {
  const a = assignColors(new Map([['b', 3], ['a', 3], ['c', 1]]));
  const b = assignColors(new Map([['c', 1], ['a', 3], ['b', 3]]));
  assert.deepEqual([...a.entries()].sort(), [...b.entries()].sort());
  assert.equal(a.get('a'), PALETTE[0]);
});

test('communities of equal size keep the API order: their keys are ranks, compared as numbers', () => {
  const c = assignColors(new Map([['10', 3], ['2', 3], ['1', 5]]));
  assert.deepEqual([...c.keys()], ['1', '2', '10']);
  assert.deepEqual(['b', '10', 'a', '2'].sort(byKey), ['2', '10', 'a', 'b']);
});

test('a group keeps its colour after a change unless a larger group takes it', () => {
  const before = assignColors(new Map([['x', 10], ['y', 8], ['z', 5]]));
  // y grows past x: without `previous` their colours would swap
  const after = assignColors(new Map([['x', 10], ['y', 12], ['z', 5], ['w', 1]]), { previous: before });
  assert.equal(after.get('x'), before.get('x'));
  assert.equal(after.get('y'), before.get('y'));
  assert.equal(after.get('z'), before.get('z'));
  assert.ok(PALETTE.includes(after.get('w')) && ![...before.values()].includes(after.get('w')));
});

test('the legend lists the coloured groups, largest first, then one "other" entry', () => {
  const counts = new Map();
  for (let i = 0; i < 14; i++) counts.set(`g${i}`, 20 - i);
  const colors = assignColors(counts);
  const items = legendOf(counts, colors, new Map([['g0', 'Obsidian']]));
  assert.equal(items.length, PALETTE.length + 1);
  assert.equal(items[0].label, 'Obsidian');
  assert.equal(items[0].color, PALETTE[0]);
  const other = items[items.length - 1];
  assert.equal(other.key, OTHER_KEY);
  assert.equal(other.count, counts.get('g12') + counts.get('g13'));
});
