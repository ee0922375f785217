// The search page as a citizen uses it, in Chromium at phone width (one browser for all cases):
// typing "dang ky khai sinh" without diacritics puts the procedure "Đăng ký khai sinh" first in
// #search-results, the address keeps the query (?q=), an address with ?q= searches at once, the
// arrow keys move from the box through the results, the count is announced in a live region, a
// filter keeps only its value's results, and no request leaves the site.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { site, sharedBrowser, watchConsole, assertNone } from './lib/site.js';

const s = site();
const catalog = JSON.parse(readFileSync(join(s.dir, 'catalog.json'), 'utf8'));
const session = sharedBrowser(s);
const searchPage = new URL('tim-kiem/', s.base).href;
const BIRTH = 'Đăng ký khai sinh';

/** A fresh tab on `url`, then `check(page)`; console errors and outside requests fail it. */
async function onPage(url, check) {
  const { browser, net } = session;
  const page = await browser.context.newPage();
  const errors = watchConsole(page);
  const start = net.outside.length;
  try {
    await page.goto(url, { waitUntil: 'load' });
    await check(page);
    assertNone([...errors, ...net.outside.slice(start)], `${url}: console errors or requests leaving the site`);
  } finally {
    await page.close();
  }
}

/** The first result link's text, once the results of `query` are shown and announced. */
async function firstResult(page, query) {
  await page.locator(`#search-results[data-shown="${query}"]`).waitFor();
  return (await page.locator('#search-results a').first().textContent()).trim();
}

test('typing without diacritics finds "Đăng ký khai sinh" first and keeps the query in the address', async () => {
  await onPage(searchPage, async (page) => {
    await page.locator('#q-page').pressSequentially('dang ky khai sinh', { delay: 20 });
    assert.equal(await firstResult(page, 'dang ky khai sinh'), BIRTH);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'dang ky khai sinh');
    const marks = await page.locator('#search-results li:first-child mark').allTextContents();
    assert.deepEqual(marks.slice(0, 4), ['Đăng', 'ký', 'khai', 'sinh'], 'the matched words are marked');
  });
});

test('an address with ?q= searches at once', async () => {
  await onPage(`${searchPage}?q=${encodeURIComponent('dang ky khai sinh')}`, async (page) => {
    assert.equal(await firstResult(page, 'dang ky khai sinh'), BIRTH);
    assert.equal(await page.locator('#q-page').inputValue(), 'dang ky khai sinh');
    const status = page.locator('#search-status');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    assert.match(await status.textContent(), /Tìm thấy (ít nhất )?\d+ kết quả/);
  });
});

test('ArrowDown goes from the box into the results and between them, ArrowUp back', async () => {
  await onPage(`${searchPage}?q=khai+sinh`, async (page) => {
    await firstResult(page, 'khai sinh');
    const links = page.locator('#search-results li > a');
    assert.ok((await links.count()) >= 2, 'at least two results');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('href') ?? document.activeElement?.id);
    await page.locator('#q-page').focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), await links.nth(0).getAttribute('href'));
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), await links.nth(1).getAttribute('href'));
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'q-page');
  });
});

test('a filter keeps only the results of its value', async () => {
  const inField = new Set(catalog.procedures.filter((p) => p.field === 'ho-tich').map((p) => new URL(p.url).pathname));
  await onPage(`${searchPage}?q=dang+ky`, async (page) => {
    await firstResult(page, 'dang ky');
    const paths = () => page.locator('#search-results li > a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    const before = await paths();
    assert.ok(before.some((p) => !inField.has(p)), 'without the filter, results from other fields show');
    await page.locator('#search-filters summary').click();
    const field = page.locator('select[data-facet="field"]');
    const value = await field.locator('option', { hasText: 'Hộ tịch' }).first().getAttribute('value');
    await page.evaluate(() => document.getElementById('search-results').removeAttribute('data-shown'));
    await field.selectOption(value);
    await firstResult(page, 'dang ky');
    const after = await paths();
    assert.ok(after.length > 0, 'the field has results');
    assertNone(after.filter((p) => !inField.has(p)), 'results outside the field "Hộ tịch"');
  });
});
