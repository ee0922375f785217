// axe-core in Chromium on every HTML page of the site: no violation of impact "serious" or
// "critical" (WCAG 2.1 AA and axe's best practices, as axe runs them by default). Lesser ones are
// printed but do not fail. Redirect pages are checked as they are: the refresh is stopped. Since
// every page is opened anyway, console errors and requests leaving the site fail here too.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { site, htmlPages, sharedBrowser, watchConsole, assertNone } from './lib/site.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const FAILING = new Set(['serious', 'critical']);
/** Pages checked at once; the machines have two cores. */
const PARALLEL = 2;

const s = site();
const pages = htmlPages(s);

const session = sharedBrowser(s);

/** Runs axe on one page in `tab`; returns the violations, each with its nodes' selectors. */
async function audit(tab, target) {
  // A redirect page (meta refresh) would leave before axe is done: any navigation of the tab
  // other than the one asked for is recorded and stopped, so the page itself is what is checked.
  tab.redirects = [];
  tab.expected = target.url;
  const response = await tab.page.goto(target.url, { waitUntil: 'load' });
  assert.equal(response?.status(), 200, `${target.url} answered ${response?.status()}`);
  await tab.page.evaluate(AXE_SOURCE);
  return tab.page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.flat(Infinity).join(' '), html: n.html, summary: n.failureSummary })),
    }));
  });
}

/** Whether `url` is on the site's host and names a file of the built site. */
function servedFile(url) {
  const u = new URL(url);
  if (u.hostname !== s.base.hostname) return false;
  const path = decodeURIComponent(u.pathname);
  return existsSync(join(s.dir, path.endsWith('/') ? `${path}index.html` : path));
}

async function newTab() {
  const page = await session.browser.context.newPage();
  const tab = { page, redirects: [], expected: null, errors: watchConsole(page) };
  await page.route('**/*', (route) => {
    const req = route.request();
    if (req.isNavigationRequest() && req.frame() === page.mainFrame() && req.url() !== tab.expected) {
      tab.redirects.push(req.url());
      return route.abort('aborted');
    }
    return route.fallback();
  });
  return tab;
}

test(`axe: no serious or critical violation on any of the site's HTML pages`, async () => {
  assert.ok(pages.length > 0, `no HTML page under ${s.dir}`);
  const failures = [];
  const minor = new Map();
  const broken = [];
  const consoleErrors = [];
  const deadRedirects = [];
  let redirects = 0;
  let next = 0;
  const worker = async () => {
    const tab = await newTab();
    try {
      while (next < pages.length) {
        const target = pages[next++];
        let violations;
        tab.errors.length = 0;
        try {
          violations = await audit(tab, target);
        } catch (e) {
          broken.push(`${target.rel}: ${e.message.split('\n')[0]}`);
          continue;
        }
        consoleErrors.push(...tab.errors.map((e) => `${target.rel}: ${e}`));
        for (const to of tab.redirects) {
          redirects += 1;
          if (!servedFile(to)) deadRedirects.push(`${target.rel} -> ${to}`);
        }
        for (const v of violations) {
          if (FAILING.has(v.impact)) {
            const lines = v.nodes.map((n) => `      ${n.target}  ${n.html.slice(0, 200)}`);
            failures.push(`${target.rel}  [${v.impact}] ${v.id}: ${v.help}\n${lines.join('\n')}\n      (${v.helpUrl})`);
          } else {
            const key = `[${v.impact}] ${v.id}: ${v.help}`;
            if (!minor.has(key)) minor.set(key, []);
            minor.get(key).push(`${target.rel} (${v.nodes.map((n) => n.target).join(', ')})`);
          }
        }
      }
    } finally {
      await tab.page.close();
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  console.log(
    `axe: checked ${pages.length} pages (${redirects} redirect pages held in place); ` +
      `${failures.length} serious or critical violation(s)`,
  );
  for (const [rule, where] of minor) {
    const shown = where.slice(0, 4).join('; ');
    console.log(`axe: not failing: ${rule} on ${where.length} page(s): ${shown}${where.length > 4 ? '; …' : ''}`);
  }
  const problems = [
    ...failures.map((f) => `accessibility: ${f}`),
    ...broken.map((b) => `could not be checked: ${b}`),
    ...consoleErrors.map((e) => `console error: ${e}`),
    ...deadRedirects.map((r) => `redirect to a page the site does not have: ${r}`),
    ...session.net.outside.map((r) => `request leaving ${s.base.hostname}: ${r}`),
  ];
  assertNone(problems, 'problems (accessibility: page [impact] rule: help, then each target selector and element)');
});
