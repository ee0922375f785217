// A citizen's phone: the home page, a procedure that can be filed fully online and a guide, at
// 375 px wide. No console error, no request leaving the site, no sideways scrolling, and on the
// procedure the one obvious button to the national portal. Screenshots go to MOTCUA_SCREENSHOTS.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { site, launch, guardNetwork, watchConsole, assertNone } from './lib/site.js';

const s = site();
const catalog = JSON.parse(readFileSync(join(s.dir, 'catalog.json'), 'utf8'));
const local = (u) => new URL(new URL(u).pathname, s.base).href;

// A procedure filed fully online (online: toan-trinh), preferring the birth registration.
const online = catalog.procedures.filter((p) => p.online === 'toan-trinh');
const procedure = online.find((p) => p.code === '1.001193') ?? online[0];
// A guide, preferring one with a video: the player must not call anyone before it is asked to.
const guide = catalog.guides.find((g) => g.video) ?? catalog.guides[0];

const shots = process.env.MOTCUA_SCREENSHOTS;
if (shots) mkdirSync(shots, { recursive: true });

let browser;
let net;
before(async () => {
  browser = await launch();
  net = await guardNetwork(browser.context, s.base);
});
after(async () => {
  if (net) {
    const hosts = [...new Set(net.seen.map((u) => new URL(u).host))];
    console.log(`pages: ${net.seen.length} requests, to ${hosts.join(', ')}; screenshots in ${shots ?? '(none: set MOTCUA_SCREENSHOTS)'}`);
  }
  await browser?.close();
});

/** Opens `url` in a fresh tab, runs `check(page)`, then asserts the page stayed clean. */
async function visit(name, url, check) {
  const page = await browser.context.newPage();
  const errors = watchConsole(page);
  const before = net.outside.length;
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    assert.equal(response?.status(), 200, `${url} answered ${response?.status()}`);
    // Let late requests (lazy images, fonts, scripts' fetches) happen before judging.
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    if (shots) {
      await page.screenshot({ path: join(shots, `${name}-375.png`) });
      await page.screenshot({ path: join(shots, `${name}-375-full.png`), fullPage: true });
    }
    const problems = [];
    try {
      await check?.(page);
    } catch (e) {
      problems.push(e.message);
    }
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
      widest: [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : ''} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`),
    }));
    if (width.scroll > width.inner) {
      problems.push(
        `the page scrolls sideways at 375 px: scrollWidth ${width.scroll} > innerWidth ${width.inner}; ` +
          `elements past the right edge: ${width.widest.join(', ') || '(none found)'}`,
      );
    }
    problems.push(...errors.map((e) => `console error: ${e}`));
    problems.push(...net.outside.slice(before).map((r) => `request leaving ${s.base.hostname}: ${r}`));
    assertNone(problems, `${url}: problems`);
  } finally {
    await page.close();
  }
}

test('home page on a 375 px phone', async () => {
  await visit('home', s.base.href, async (page) => {
    assert.ok((await page.locator('main').count()) === 1, 'the home page has one <main>');
  });
});

test(`procedure filed fully online (${procedure?.code}) on a 375 px phone`, async () => {
  assert.ok(procedure, 'catalog.json lists no procedure with online: toan-trinh');
  await visit('procedure', local(procedure.url), async (page) => {
    const button = page.locator('a.portal-button');
    assert.equal(await button.count(), 1, 'the procedure page has exactly one a.portal-button');
    assert.ok(await button.isVisible(), 'the portal button is visible');
    const href = await button.getAttribute('href');
    const host = new URL(href).hostname;
    assert.ok(
      host === 'dichvucong.gov.vn' || host.endsWith('.dichvucong.gov.vn'),
      `the portal button leads to dichvucong.gov.vn, not ${href}`,
    );
    // The warning that the citizen is leaving the site stands next to the button.
    const near = await button.evaluate((a) => {
      const ids = (a.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
      const described = ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      return `${a.parentElement?.textContent ?? ''} ${described}`;
    });
    assert.match(near, /Bạn sẽ chuyển sang/, 'the text "Bạn sẽ chuyển sang" is next to the portal button');
  });
});

test(`guide ${guide ? new URL(guide.url).pathname : ''} on a 375 px phone`, async () => {
  assert.ok(guide, 'catalog.json lists no guide');
  await visit('guide', local(guide.url));
});
