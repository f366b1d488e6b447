// node --test tests/viewer: kinds, colours and priorities from the server's registry
// (api/static/js/kinds.js), checked against the registry the server sends (graph/registry.py).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { kindsFrom, edgeKey } from '../../api/static/js/kinds.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const python = path.join(repo, '.venv', 'bin', 'python');
const registry = JSON.parse(execFileSync(python, ['-c', 'import json; from graph import registry; print(json.dumps(registry.as_json()))'], { cwd: repo }));

test('every kind of the registry, broader first, then related, then the rest', () => {
  const k = kindsFrom(registry);
  assert.deepEqual(new Set(k.edgeKinds.map((e) => e.key)), new Set(registry.kinds.map((e) => e.key)));
  assert.equal(k.edgeKinds[0].key, 'broader');
  const related = k.edgeKinds.filter((e) => e.related).map((e) => e.key);
  assert.deepEqual(related, registry.relationKinds.map((e) => e.key));
  for (const e of k.edgeKinds) {
    const r = registry.kinds.find((x) => x.key === e.key);
    assert.deepEqual([e.color, e.style, e.width, e.label], [r.color, r.line, r.width, r.label]);
  }
  assert.deepEqual(k.nodeKinds.map((n) => n.key), registry.nodeKinds.map((n) => n.key));
});

test('priorities follow the registry path rank', () => {
  const k = kindsFrom(registry);
  const byRank = registry.kinds.slice().sort((a, b) => a.path_rank - b.path_rank || registry.kinds.indexOf(a) - registry.kinds.indexOf(b));
  const byPrio = Object.keys(k.prio).sort((a, b) => k.prio[a] - k.prio[b]);
  assert.deepEqual(byPrio, byRank.map((x) => x.key));
});

test('an edge of the graph gets its kind key', () => {
  const k = kindsFrom(registry);
  assert.equal(edgeKey(k, { type: 'RELATED_TO', kind: 'MENTION' }), 'mention');
  assert.equal(edgeKey(k, { type: 'BROADER' }), 'broader');
  assert.equal(edgeKey(k, { type: 'TAGGED' }), 'tagged');
  assert.equal(edgeKey(k, { type: 'HAS_SYNONYM' }), 'synonym');
  assert.equal(edgeKey(k, { type: 'DEFINED_IN' }), 'defined');
  assert.equal(edgeKey(k, { type: 'UNRESOLVED' }), 'ghost');
  assert.equal(edgeKey(k, { type: 'SOMETHING_NEW' }), 'other');
  // the server's one vocabulary: every GraphEdge has a kind (the registry key in upper case)
  assert.equal(edgeKey(k, { type: 'RELATED_TO', kind: 'FRONTMATTER' }), 'frontmatter');
  assert.equal(edgeKey(k, { type: 'TAGGED', kind: 'TAGGED' }), 'tagged');
  assert.equal(edgeKey(k, { type: 'DEFINED_IN', kind: 'DEFINED' }), 'defined');
  assert.equal(edgeKey(k, { type: 'BROADER', kind: 'BROADER' }), 'broader');
  assert.equal(edgeKey(k, { type: 'HAS_SYNONYM', kind: 'SYNONYM' }), 'synonym');
});

test('a registry without kinds is refused', () => {
  assert.throws(() => kindsFrom({}), /no kinds/);
});
