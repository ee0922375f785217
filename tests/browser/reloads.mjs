#!/usr/bin/env node
// Keeps one page of a `motcua serve` preview open in Chromium and reports each time it loads:
//
//   node tests/browser/reloads.mjs <page-url>
//
// Prints `load <n>` on stdout each time the page finishes loading (the first time, and after
// every live reload), and runs until its stdin closes; then it closes Chromium and exits.
// tests/serve.rs counts the lines to see how often an open page reloads.

import { launch } from './lib/site.js';

const [url] = process.argv.slice(2);
if (!url) {
  console.error('usage: node reloads.mjs <page-url>');
  process.exit(2);
}

const { context, close } = await launch();
const page = await context.newPage();
let loads = 0;
page.on('load', () => {
  loads += 1;
  process.stdout.write(`load ${loads}\n`);
});
page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
await page.goto(url);

let closing = false;
const finish = async () => {
  if (closing) return;
  closing = true;
  await close();
  process.exit(0);
};
process.stdin.on('end', finish);
process.stdin.on('close', finish);
process.stdin.resume();
