// GraphQL-over-HTTP conformance audit of a running glossgraph server (graphql-http's auditServer).
//
//   node tests/api/audit.mjs http://127.0.0.1:8000/graphql
//
// Prints one line per audit and a tally. Exits 1 when any MUST fails ("error") or any SHOULD
// fails ("warn"): every MUST and SHOULD audit has to pass. MAY audits that fail ("notice") are
// listed but do not fail the run. Exit 2 on a usage or network error.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node tests/api/audit.mjs <graphql endpoint URL>');
  process.exit(2);
}

let results;
try {
  results = await auditServer({ url });
} catch (err) {
  console.error(`audit could not run against ${url}: ${err && err.message ? err.message : err}`);
  process.exit(2);
}

const mark = { ok: 'ok    ', warn: 'WARN  ', error: 'ERROR ', notice: 'notice' };
const tally = { ok: 0, warn: 0, error: 0, notice: 0 };
for (const r of results) {
  tally[r.status] += 1;
  let line = `${mark[r.status]} ${r.id} ${r.name}`;
  if (r.status !== 'ok') {
    let body = '';
    try {
      body = await r.response.text();
    } catch {
      body = '(body already read)';
    }
    line += `\n         ${r.reason}; got ${r.response.status} ` +
      `${r.response.headers.get('content-type') || ''} ${body.slice(0, 200)}`;
  }
  console.log(line);
}
const must = results.filter((r) => r.name.startsWith('MUST')).length;
const should = results.filter((r) => r.name.startsWith('SHOULD')).length;
console.log(`\n${results.length} audits (${must} MUST, ${should} SHOULD): ${tally.ok} ok, ` +
  `${tally.error} MUST failed, ${tally.warn} SHOULD failed, ${tally.notice} MAY not met`);
process.exit(tally.error || tally.warn ? 1 : 0);
