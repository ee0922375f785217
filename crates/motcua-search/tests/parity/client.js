// The theme's search client under Node, as a browser would run it on a built site: the client
// script the build published, and a fetch that reads the site's folder and notes every file and
// its size on the wire. Used by the parity test and by bench/search_probe.mjs.

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import vm from 'node:vm';

/** The search client script as published by the build (`assets/js/search.<hash>.js`). */
export function publishedClient(siteDir) {
  const dir = join(siteDir, 'assets', 'js');
  const name = readdirSync(dir).find((n) => /^search\b.*\.js$/.test(n));
  if (!name) throw new Error(`${dir} has no search client`);
  return join(dir, name);
}

/** Runs the client script (no page, so it only defines `motcuaSearch`) and returns its API. */
export function loadClient(file) {
  vm.runInThisContext(readFileSync(file, 'utf8'), { filename: file });
  return globalThis.motcuaSearch;
}

/**
 * A fetch answering from `siteDir` for addresses under `base`; `log` lists what it served as
 * {file, bytes}. Anything else is refused, as nothing may leave the site.
 */
export function diskFetch(siteDir, base) {
  const root = new URL(base);
  const log = [];
  async function fetchFromDisk(input) {
    const url = new URL(String(input), root);
    if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) {
      throw new Error(`request outside the site: ${url.href}`);
    }
    const rel = decodeURIComponent(url.pathname.slice(root.pathname.length));
    const file = join(siteDir, rel);
    try {
      const bytes = readFileSync(file);
      log.push({ file: relative(siteDir, file), bytes: bytes.length });
      return new Response(bytes, { status: 200 });
    } catch {
      return new Response('', { status: 404 });
    }
  }
  return { fetch: fetchFromDisk, log };
}
