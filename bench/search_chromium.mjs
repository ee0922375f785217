// Query time in Chromium on a built site: from submitting the query on /tim-kiem/ to its results
// rendered (the results container marked with the query), with an empty cache (a new browser
// context per query, the page already loaded) and again with the files cached. A benchmark, not a
// test: it prints numbers.
//
//   node bench/search_chromium.mjs <built-site-dir> <query>…
//   node bench/search_chromium.mjs --pagefind <pagefind-bundle-dir> <query>…
//
// With --pagefind the same is measured for a Pagefind bundle, on a blank page that has imported
// pagefind.js: from calling search() to the data of the first 10 results loaded (Pagefind's own
// UI shows them then), cold in a new context and again warm.
//
// Needs Chromium (CHROMIUM, else /usr/bin/chromium) and `npm ci` in tests/browser.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const { CHROMIUM_ARGS } = await import('../tests/browser/lib/site.js');

const args = process.argv.slice(2);
const pagefind = args[0] === '--pagefind';
const [dir, ...queries] = pagefind ? args.slice(1) : args;
if (!dir || queries.length === 0) {
  console.error('usage: node bench/search_chromium.mjs [--pagefind] <dir> <query>…');
  process.exit(2);
}
// The page a Pagefind bundle is searched from, served at /; the bundle is served at /pagefind/.
const PAGEFIND_PAGE = `<!doctype html><meta charset="utf-8"><title>pagefind</title>
<script type="module">window.pagefind = await import('/pagefind/pagefind.js');</script>`;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.wasm': 'application/wasm' };
const server = createServer(async (req, res) => {
  let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (pagefind && path === '/') {
    res.writeHead(200, { 'content-type': TYPES['.html'] });
    res.end(PAGEFIND_PAGE);
    return;
  }
  if (pagefind) path = path.replace(/^\/pagefind\//, '/');
  let file = join(dir, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}${pagefind ? '/' : '/tim-kiem/'}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });

async function timed(page, query) {
  return page.evaluate(async (q) => {
    const input = document.getElementById('q-page');
    const results = document.getElementById('search-results');
    results.removeAttribute('data-shown');
    const done = new Promise((ok) => {
      const watch = new MutationObserver(() => {
        if (results.getAttribute('data-shown') === q) {
          watch.disconnect();
          ok();
        }
      });
      watch.observe(results, { attributes: true });
    });
    const started = performance.now();
    input.value = q;
    input.form.requestSubmit();
    await done;
    return performance.now() - started;
  }, query);
}

async function timedPagefind(page, query) {
  return page.evaluate(async (q) => {
    const started = performance.now();
    const found = await window.pagefind.search(q);
    const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    return [performance.now() - started, found.results.length, data[0]?.meta?.title ?? ''];
  }, query);
}

const out = [];
for (const query of pagefind ? queries : []) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.pagefind);
  const [cold, results, first] = await timedPagefind(page, query);
  const [warm] = await timedPagefind(page, query);
  out.push({ query, cold_ms: Math.round(cold), warm_ms: Math.round(warm), results, first });
  await context.close();
}
for (const query of pagefind ? [] : queries) {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const cold = await timed(page, query);
  const warm = await timed(page, query);
  const results = await page.locator('#search-status').textContent();
  const first = (await page.locator('#search-results a').first().textContent()).trim();
  out.push({ query, cold_ms: Math.round(cold), warm_ms: Math.round(warm), status: results, first });
  await context.close();
}
await browser.close();
server.close();
console.log(JSON.stringify(out));
