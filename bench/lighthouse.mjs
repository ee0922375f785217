// Lighthouse (mobile settings, its defaults: a mid-range phone, slow 4G, 4x CPU slowdown) on one
// page of each type of a site being served, in one headless Chromium; prints a table of the four
// category scores and, for each page under 95 in a category, the audits that cost it most.
// A benchmark, not a test: bench/lighthouse.sh installs Lighthouse, builds and serves the site.
//
//   node bench/lighthouse.mjs <lighthouse-prefix> <built-site-dir> <site-url>
//
// RUNS=n runs each page n times and keeps the run with the median performance score.
// Needs Chromium (CHROMIUM, else /usr/bin/chromium).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const [prefix, dir, url] = process.argv.slice(2);
if (!prefix || !dir || !url) {
  console.error('usage: node bench/lighthouse.mjs <lighthouse-prefix> <built-site-dir> <site-url>');
  process.exit(2);
}
const require = createRequire(join(prefix, 'node_modules', 'lighthouse', 'package.json'));
const { default: lighthouse } = await import(require.resolve('lighthouse'));
const chromeLauncher = await import(require.resolve('chrome-launcher'));

const base = new URL(url.endsWith('/') ? url : `${url}/`);
const local = (u) => new URL(new URL(u).pathname, base).href;
const catalog = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8'));
const birth = catalog.procedures.find((p) => p.code === '1.001193') ?? catalog.procedures[0];
const guide = catalog.guides.find((g) => g.video) ?? catalog.guides[0];
const withLeaflet = catalog.procedures.find((p) => p.leaflet_url && p.code === birth.code)
  ?? catalog.procedures.find((p) => p.leaflet_url);

/** One page of each type the issue names, at its address on the server. */
const PAGES = [
  ['home', base.href],
  ['procedure', local(birth.url)],
  ['guide', local(guide.url)],
  ['search ?q=', new URL('tim-kiem/?q=dang+ky+khai+sinh', base).href],
  ['list (field)', new URL(`linh-vuc/${birth.field}/`, base).href],
  ['A–Z', new URL('thu-tuc/', base).href],
  ['leaflet', local(withLeaflet.leaflet_url)],
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const RUNS = Math.max(1, Number(process.env.RUNS) || 1);

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const rows = [];
const notes = [];
try {
  // A first run in a fresh browser pays for its start (a second of blocking time on a page
  // with no script at all): one run of the home page warms it, and is not counted.
  await lighthouse(base.href, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  for (const [name, address] of PAGES) {
    // RUNS runs of each page (default 1), the run with the median performance score kept: on a
    // busy machine a single run's blocking time is mostly the other processes'.
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) {
      runs.push((await lighthouse(address, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES })).lhr);
    }
    runs.sort((x, y) => x.categories.performance.score - y.categories.performance.score);
    const lhr = runs[Math.floor(runs.length / 2)];
    const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
    const a = lhr.audits;
    const u = new URL(address);
    rows.push({ name, path: u.pathname + u.search, scores, cls: a['cumulative-layout-shift']?.numericValue, lcp: a['largest-contentful-paint']?.numericValue, tbt: a['total-blocking-time']?.numericValue });
    for (const [i, c] of CATEGORIES.entries()) {
      if (scores[i] >= 95) continue;
      const failing = lhr.categories[c].auditRefs
        .filter((r) => r.weight > 0 && a[r.id].score !== null && a[r.id].score < 1)
        .sort((x, y) => y.weight * (1 - a[y.id].score) - x.weight * (1 - a[x.id].score))
        .slice(0, 4)
        .map((r) => `${r.id} ${a[r.id].displayValue ?? a[r.id].score}`);
      notes.push(`${name} ${c} ${scores[i]}: ${failing.join('; ')}`);
    }
  }
} finally {
  await chrome.kill();
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`${RUNS} run(s) a page, the median kept`);
console.log(`${pad('page', 14)}${pad('address', 52)}perf  a11y  best  seo   CLS    LCP ms  TBT ms`);
for (const r of rows) {
  const [p, a11y, bp, seo] = r.scores;
  console.log(
    `${pad(r.name, 14)}${pad(r.path, 52)}${pad(p, 6)}${pad(a11y, 6)}${pad(bp, 6)}${pad(seo, 6)}${pad(r.cls?.toFixed(3), 7)}${pad(Math.round(r.lcp), 8)}${Math.round(r.tbt)}`,
  );
}
for (const n of notes) console.log(`under 95: ${n}`);
const worst = Math.min(...rows.flatMap((r) => r.scores));
console.log(`lowest score: ${worst}`);
