// node --test tests/viewer: the viewer's URL state (api/static/js/urlstate.js)
import test from 'node:test';
import assert from 'node:assert/strict';
import { readUrl, urlFor, parseQuery, encode, decode, OVERVIEW_LIMIT, MAX_LIMIT } from '../../api/static/js/urlstate.js';

const kinds = {
  nodeKinds: ['term', 'synonym', 'tag', 'note'],
  edgeKinds: ['broader', 'link', 'mention', 'hierarchy', 'frontmatter', 'synonym', 'tagged', 'defined'],
};

test('the whole graph by default', () => {
  const s = readUrl('', kinds);
  assert.equal(s.view, 'overview');
  assert.equal(s.concept, null);
  assert.equal(s.limit, OVERVIEW_LIMIT);
  assert.equal(s.color, 'community');
  assert.deepEqual(s.kinds, kinds.nodeKinds);
  assert.deepEqual(s.edges, kinds.edgeKinds);
  assert.deepEqual([s.hide, s.minDegree, s.folder, s.ghosts, s.hideOrphans], [[], 0, '', false, false]);
  assert.equal(urlFor(s, '/viewer', kinds), '/viewer');
});

test('a local graph: depth is clamped, the centre defaults to the concept', () => {
  const s = readUrl('?concept=rag&depth=9', kinds);
  assert.deepEqual([s.view, s.center, s.depth], ['local', 'rag', 3]);
  assert.equal(urlFor(s, '/viewer', kinds), '/viewer?concept=rag&depth=3');
  const t = readUrl('?concept=a&center=b&depth=2', kinds);
  assert.deepEqual([t.view, t.center, t.concept], ['local', 'b', 'a']);
  assert.equal(urlFor(t, '/viewer', kinds), '/viewer?concept=a&center=b&depth=2');
  assert.equal(readUrl('?depth=2', kinds).view, 'overview');   // no concept, no centre
});

test('a concept, else a tag, else a note is selected', () => {
  assert.deepEqual(['concept', 'tag', 'note'].map((k) => readUrl('?concept=a&tag=b&note=c', kinds)[k]), ['a', null, null]);
  assert.deepEqual(['concept', 'tag', 'note'].map((k) => readUrl('?tag=b&note=c', kinds)[k]), [null, 'b', null]);
  assert.equal(readUrl('?note=x/y.md', kinds).note, 'x/y.md');
});

test('Chinese, spaces and commas survive a round trip; the URL stays readable', () => {
  const s = readUrl('', kinds);
  Object.assign(s, { concept: '机器学习', tags: ['a,b', 'c d', '深度学习'], folder: 'Cards/永久 笔记' });
  const url = urlFor(s, '/viewer', kinds);
  assert.ok(url.includes('concept=机器学习'), url);
  const back = readUrl(url.slice(url.indexOf('?')), kinds);
  assert.equal(back.concept, '机器学习');
  assert.deepEqual(back.tags, ['a,b', 'c d', '深度学习']);
  assert.equal(back.folder, 'Cards/永久 笔记');
  assert.equal(decode(encode('a&b=c#d?e+f%')), 'a&b=c#d?e+f%');
  assert.equal(parseQuery('?x=1&y&z=a%2Cb,c').get('y'), '');
  assert.deepEqual(parseQuery('?z=a%2Cb,c').list('z'), ['a,b', 'c']);
});

test('filters: unknown kinds are dropped, old edge names still read, limits bounded', () => {
  const s = readUrl('?kinds=term,bogus&edges=tag,link,nope&limit=999999', kinds);
  assert.deepEqual(s.kinds, ['term']);
  assert.deepEqual(s.edges, ['tagged', 'link']);
  assert.equal(s.limit, MAX_LIMIT);
  assert.equal(readUrl('?limit=-3', kinds).limit, OVERVIEW_LIMIT);
  const url = urlFor(s, '/viewer', kinds);
  assert.ok(url.includes('kinds=term') && url.includes('edges=tagged,link') && url.includes(`limit=${MAX_LIMIT}`), url);
});

test('colour mode, hidden groups, degree, folder and ghosts live in the URL', () => {
  const s = readUrl('?color=folder&hide=Cards,other&min=3&folder=/Spaces/2-Area&ghosts=show&orphans=hide', kinds);
  assert.deepEqual([s.color, s.hide, s.minDegree, s.folder, s.ghosts, s.hideOrphans],
    ['folder', ['Cards', 'other'], 3, 'Spaces/2-Area', true, true]);
  assert.equal(urlFor(s, '/viewer', kinds), '/viewer?orphans=hide&color=folder&hide=Cards,other&min=3&folder=Spaces/2-Area&ghosts=show');
  assert.equal(readUrl('?color=rainbow&min=x', kinds).color, 'community');
  assert.equal(readUrl('?min=x', kinds).minDegree, 0);
});
