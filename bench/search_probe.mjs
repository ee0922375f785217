// What a first search costs on the wire: runs the site's own search client under Node against a
// built site (fetch served from disk) and lists every file a first query fetches.
//
//   node bench/search_probe.mjs <built-site-dir> <query> [results=10]
//
// Prints one JSON object. The data files are compressed by the build (their size on disk is what
// travels); the client script and manifest.json are text that a host usually compresses, so
// both sizes are given and the totals count them gzip-compressed (level 9), as Pagefind's probe
// (/work/shared/bench/pagefind_probe.mjs) reports its own bundle. `first_query` is script +
// manifest + shards + links + the range files and range norms read to rank the first `results` hits (as the
// search page asks, 10 by default); `with_results` adds their display records.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { relative } from 'node:path';
import { publishedClient, loadClient, diskFetch } from '../crates/motcua-search/tests/parity/client.js';

const [dir, query, n = '10'] = process.argv.slice(2);
if (!dir || !query) {
  console.error('usage: node bench/search_probe.mjs <built-site-dir> <query> [results=10]');
  process.exit(2);
}
const base = 'http://site.invalid/';
const script = publishedClient(dir);
const client = loadClient(script);
const disk = diskFetch(dir, base);
const started = performance.now();
const index = client.open(new URL('tim-kiem/manifest.json', base).href, disk.fetch);
const found = await index.search(query, Number(n));
const searched = performance.now();
const beforeRecords = disk.log.length;
const top = found.hits.slice(0, Number(n)).map((h) => h[0]);
const records = await index.records(top);

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const scriptBytes = readFileSync(script);
const KINDS = { t: 'shard', p: 'range', n: 'norms', r: 'records' };
const kind = (file) => {
  if (file.endsWith('manifest.json')) return 'manifest';
  if (file.endsWith('links.bin')) return 'links';
  const parts = file.split('/');
  return KINDS[parts[2]] ?? 'other';
};
const files = [
  { file: relative(dir, script), kind: 'script', bytes: scriptBytes.length, gzip: gz(scriptBytes) },
  ...disk.log.map((f, i) => {
    const k = kind(f.file);
    const entry = { file: f.file, kind: k, bytes: f.bytes, phase: i < beforeRecords ? 'search' : 'results' };
    if (k === 'manifest') entry.gzip = gz(readFileSync(`${dir}/${f.file}`));
    return entry;
  }),
];
const wire = (f) => f.gzip ?? f.bytes;
const sum = (pred) => files.filter(pred).reduce((a, f) => a + wire(f), 0);
const out = {
  query,
  results: found.total,
  top: records.slice(0, 3).map((r) => `${r[1]} ${r[0]}`),
  files,
  shards: files.filter((f) => f.kind === 'shard').length,
  bytes_script: sum((f) => f.kind === 'script'),
  bytes_manifest: sum((f) => f.kind === 'manifest'),
  bytes_shards: sum((f) => f.kind === 'shard'),
  range_files: files.filter((f) => f.kind === 'range').length,
  bytes_ranges: sum((f) => f.kind === 'range'),
  bytes_norms: sum((f) => f.kind === 'norms'),
  complete: found.complete,
  bytes_records: sum((f) => f.kind === 'records'),
  first_query: sum((f) => f.kind !== 'records'),
  with_results: sum(() => true),
  node_search_ms: Math.round(searched - started),
};
console.log(JSON.stringify(out));
