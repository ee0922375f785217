#!/usr/bin/env node
// Runs the browser, accessibility and HTML checks on a built site that is being served:
//
//   node tests/browser/run.js <site-dir> <site-url> [<screenshot-dir>]
//
// <site-dir> is the folder `motcua build --out` wrote, <site-url> the address it is served at
// (the --base-url it was built with). Screenshots go to <screenshot-dir> or MOTCUA_SCREENSHOTS.
// Needs Chromium (CHROMIUM, else /usr/bin/chromium), java, and `npm ci` in this folder.

import { spawnSync } from 'node:child_process';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [dir, url, shots] = process.argv.slice(2);
if (!dir || !url) {
  console.error('usage: node run.js <site-dir> <site-url> [<screenshot-dir>]');
  process.exit(2);
}
const env = {
  ...process.env,
  MOTCUA_SITE_DIR: resolve(dir),
  MOTCUA_SITE_URL: url,
};
if (shots) env.MOTCUA_SCREENSHOTS = resolve(shots);

const files = ['pages.test.js', 'video.test.js', 'search.test.js', 'axe.test.js', 'html.test.js'].map((f) => join(here, f));
const run = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=120000', ...files],
  { cwd: here, env, stdio: 'inherit' },
);
if (run.error) throw run.error;
process.exit(run.status ?? 1);
