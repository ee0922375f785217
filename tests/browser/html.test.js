// The Nu Html Checker (vnu.jar from the vnu-jar package, on the system Java) on every HTML file of
// the site, redirect pages included: zero errors. Warnings are allowed and not printed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { site, htmlPages, assertNone } from './lib/site.js';

const require = createRequire(import.meta.url);
const VNU_JAR = join(dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

const s = site();
const pages = htmlPages(s);

test('Nu Html Checker: no error in any of the site\'s HTML pages', () => {
  assert.ok(pages.length > 0, `no HTML page under ${s.dir}`);
  const java = process.env.JAVA || 'java';
  const run = spawnSync(
    java,
    ['-Xss1m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', '--stdout', ...pages.map((p) => p.file)],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  assert.ifError(run.error);
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    assert.fail(`vnu.jar did not answer in JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  const errors = report.messages
    .filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error')
    .map((m) => {
      const file = m.url ? relative(s.dir, fileURLToPath(m.url.replace(/^file:(?!\/\/)/, 'file://'))) : '?';
      const line = m.lastLine ?? m.firstLine ?? '?';
      const extract = m.extract ? `\n      near: ${m.extract.replace(/\s+/g, ' ').trim()}` : '';
      return `${file}:${line}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}${extract}`;
    });
  console.log(`vnu ${report.version}: checked ${pages.length} pages; ${errors.length} error(s)`);
  assertNone(errors, 'HTML errors (file:line:column: message)');
  assert.equal(run.status, 0, `vnu.jar exited with ${run.status}: ${run.stderr}`);
});
