// What the three checks share: the site under test, its HTML pages, and a Chromium launched the
// way this project's machines allow (the Debian package, no sandbox, nothing leaving the machine).

import { readdirSync, statSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

/** The built site folder and the address it is served at, from run.js (or the environment). */
export function site() {
  const dir = process.env.MOTCUA_SITE_DIR;
  const url = process.env.MOTCUA_SITE_URL;
  if (!dir || !url) {
    throw new Error('set MOTCUA_SITE_DIR and MOTCUA_SITE_URL, or start the checks with `node run.js <site-dir> <url>`');
  }
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`${dir} is not a built site: it has no index.html`);
  }
  const base = new URL(url.endsWith('/') ? url : `${url}/`);
  return { dir, base };
}

/** Every HTML file of the site, sorted, each with the address that serves it. */
export function htmlPages({ dir, base }) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.html')) files.push(path);
    }
  };
  walk(dir);
  return files.map((file) => {
    const rel = relative(dir, file).split(sep).join('/');
    const path = rel === 'index.html' ? '' : rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
    return { file, rel, url: new URL(path, base).href };
  });
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts the system Chromium (CHROMIUM, else /usr/bin/chromium) with a fresh profile folder that
 * is removed again on close.
 */
export async function launch() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  const profile = mkdtempSync(join(tmpdir(), 'motcua-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 1,
    locale: 'vi-VN',
    serviceWorkers: 'block',
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/**
 * One Chromium for the tests of a file, started before them with the network guarded and closed
 * after them. The returned object gets `browser` (from `launch`) and `net` (from `guardNetwork`).
 */
export function sharedBrowser({ base }) {
  const session = {};
  before(async () => {
    session.browser = await launch();
    session.net = await guardNetwork(session.browser.context, base);
  });
  after(async () => {
    await session.browser?.close();
  });
  return session;
}

/**
 * Records every request the context makes and lets only those to the site's own host through;
 * the rest are aborted (the machine has no network anyway) and listed by `outside()`.
 */
export async function guardNetwork(context, base) {
  const seen = [];
  const outside = [];
  const reported = new Set();
  const isLocal = (u) => {
    try {
      const url = new URL(u);
      if (['data:', 'blob:', 'about:'].includes(url.protocol)) return true;
      return url.hostname === base.hostname;
    } catch {
      return false;
    }
  };
  const report = (kind, url, from) => {
    if (reported.has(`${kind} ${url} ${from}`)) return;
    reported.add(`${kind} ${url} ${from}`);
    outside.push(`${kind} ${url} (from ${from})`);
  };
  const origin = (req) => {
    try {
      return req.frame().url();
    } catch {
      return '?';
    }
  };
  await context.route('**/*', (route) => {
    const req = route.request();
    seen.push(req.url());
    if (isLocal(req.url())) return route.fallback();
    report(req.resourceType(), req.url(), origin(req));
    return route.abort('blockedbyclient');
  });
  // Requests that routing may not see (from workers, or issued before a route applies).
  context.on('request', (req) => {
    if (!isLocal(req.url())) report(req.resourceType(), req.url(), origin(req));
  });
  context.on('page', (page) =>
    page.on('websocket', (ws) => {
      if (!isLocal(ws.url())) report('websocket', ws.url(), page.url());
    }),
  );
  return { seen, outside };
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchConsole(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      errors.push(`${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  return errors;
}

/** Fails with `heading` and one item a line when `items` is not empty (no diff noise). */
export function assertNone(items, heading) {
  if (items.length > 0) {
    const err = new Error(`${heading} (${items.length}):\n  ${items.join('\n  ')}`);
    err.name = 'AssertionError';
    throw err;
  }
}
