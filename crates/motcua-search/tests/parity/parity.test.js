// The JavaScript search client against the Rust side, on the files a real build wrote.
//
//   MOTCUA_SITE_DIR=<built site> MOTCUA_EXPECTED=<expected.json> \
//     node --test crates/motcua-search/tests/parity/
//
// expected.json comes from tests/search_client.rs: per query, the analyzer's tokens, the word
// being typed and its completions, the number of hits and the top 20 (doc, score) as
// `Exported::search` ranks them. The client must give the same tokens, the same documents in the
// same order and the same scores within f32 rounding.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { publishedClient, loadClient, diskFetch } from './client.js';

const dir = process.env.MOTCUA_SITE_DIR;
const expected = JSON.parse(readFileSync(process.env.MOTCUA_EXPECTED, 'utf8'));
const client = loadClient(publishedClient(dir));
const disk = diskFetch(dir, expected.base);
const index = client.open(new URL('tim-kiem/manifest.json', expected.base).href, disk.fetch);

/** Same f32 up to the last bits: ln may round differently in another libm. */
function close(a, b) {
  return Math.abs(a - b) <= 4e-6 * Math.max(1, Math.abs(a));
}

test(`${expected.queries.length} queries give the same tokens, order and scores`, async () => {
  const problems = [];
  let pruned = 0;
  for (const e of expected.queries) {
    const found = await index.search(e.query, 20);
    const q = found.q;
    const tokens = { folded: q.folded, accented: q.accented, pairs: q.pairs, typed: q.typed, completions: found.more };
    for (const k of Object.keys(tokens)) {
      if (JSON.stringify(tokens[k]) !== JSON.stringify(e[k])) {
        problems.push(`${JSON.stringify(e.query)} ${k}: js ${JSON.stringify(tokens[k])}, rust ${JSON.stringify(e[k])}`);
      }
    }
    // Ranges that cannot change the top 20 are not read, so the count is a lower bound then.
    if (found.complete ? found.total !== e.total : found.total > e.total || found.hits.length < Math.min(20, e.total)) {
      problems.push(`${JSON.stringify(e.query)}: js ${found.total} hits (complete: ${found.complete}), rust ${e.total}`);
    }
    // Asking for fewer results reads fewer ranges; the first ones must not change.
    const few = await index.search(e.query, 5);
    if (!few.complete) pruned++;
    e.top.slice(0, 5).forEach(([doc, score], i) => {
      const got = few.hits[i];
      if (!got || !close(got[1], score)) problems.push(`${JSON.stringify(e.query)} top 5 #${i}: js ${JSON.stringify(got)}, rust [${doc},${score}]`);
    });
    e.top.forEach(([doc, score], i) => {
      const got = found.hits[i];
      if (!got || got[0] !== doc || !close(got[1], score)) {
        // Documents whose scores tie within rounding may trade places.
        const tied = got && close(got[1], score) && e.top.some(([d, s]) => d === got[0] && close(s, score));
        if (!tied) problems.push(`${JSON.stringify(e.query)} #${i}: js ${JSON.stringify(got)}, rust [${doc},${score}]`);
      }
    });
  }
  assert.deepEqual(problems.slice(0, 30), [], `${problems.length} differences`);
  // The example site is small, but its ranges are too: some queries must stop early.
  assert.ok(pruned > 0, 'no query was answered without reading every range');
  console.log(`${pruned} of ${expected.queries.length} queries ranked their top 5 without reading every range`);
});

test('a query without diacritics finds the birth registration first, and its record', async () => {
  const found = await index.search('dang ky khai sinh');
  const [record] = await index.records([found.hits[0][0]]);
  assert.equal(record[0], 'Đăng ký khai sinh');
  assert.match(record[2], /^\/[^?#]+\/$/);
});

test('only the shards a query needs are fetched', async () => {
  const fresh = diskFetch(dir, expected.base);
  const own = client.open(new URL('tim-kiem/manifest.json', expected.base).href, fresh.fetch);
  await own.search('khai sinh ');
  const manifest = JSON.parse(readFileSync(`${dir}/tim-kiem/manifest.json`, 'utf8'));
  const shards = fresh.log.filter((f) => /\/t\/\d+\.bin$/.test(f.file));
  assert.ok(shards.length >= 1 && shards.length <= 3, `${shards.length} of ${manifest.shards.length} shards`);
});
