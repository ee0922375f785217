// Videos as a citizen meets them, in Chromium at phone width (one browser for all cases):
//
// - a guide with a YouTube video asks nothing of any other host before its play button is
//   pressed; the press puts in a player from www.youtube-nocookie.com (the request is aborted
//   here, so no network is needed), and a chapter link restarts it at its moment; without the
//   player script the page offers a plain link to the video instead of a button;
// - a guide with a self-hosted video has a `<video preload="none">` with its Vietnamese captions
//   track and the chapters track made from the guide's `chapters`, whose cues the browser reads
//   back as written, and a chapter link seeks the video.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { site, sharedBrowser, watchConsole, assertNone } from './lib/site.js';

const PLAYER_HOST = 'www.youtube-nocookie.com';

const s = site();
const catalog = JSON.parse(readFileSync(join(s.dir, 'catalog.json'), 'utf8'));
const local = (u) => new URL(new URL(u).pathname, s.base).href;
const youtube = catalog.guides.find((g) => g.video?.youtube && g.video.chapters.length > 1);
const hosted = catalog.guides.find((g) => g.video?.file && g.video.captions && g.video.chapters.length > 1);

const session = sharedBrowser(s);

/**
 * A fresh tab on `url`, settled, then `check(page, seen)`: `seen.errors` are the tab's console
 * errors and `seen.outside()` the requests that tried to leave the site since it opened.
 * `prepare(page)` runs before the page is opened.
 */
async function onPage(url, check, prepare = async () => {}) {
  const { browser, net } = session;
  const page = await browser.context.newPage();
  const start = net.outside.length;
  const seen = { errors: watchConsole(page), outside: () => net.outside.slice(start) };
  try {
    await prepare(page);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    await check(page, seen);
  } finally {
    await page.close();
  }
}

test('a YouTube video loads nothing from YouTube until played, then plays from youtube-nocookie.com', async () => {
  assert.ok(youtube, 'catalog.json lists no guide with a YouTube video with chapters');
  const { video } = youtube;
  await onPage(local(youtube.url), async (page, seen) => {
    // Scrolled into view, so that a lazily loaded poster is fetched too before judging.
    const figure = page.locator('figure.video').first();
    await figure.scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    assertNone(seen.outside(), 'requests leaving the site before the video was played');
    const poster = await figure.locator('img').evaluate((img) => ({ src: img.currentSrc, loaded: img.naturalWidth > 0 }));
    assert.equal(new URL(poster.src).hostname, s.base.hostname, `the poster comes from the site: ${poster.src}`);
    assert.ok(poster.loaded, `the poster ${poster.src} loads`);
    assert.equal(await page.locator('iframe').count(), 0, 'no player is on the page before play');

    const button = figure.getByRole('button', { name: video.title });
    assert.ok(await button.isVisible(), `a visible button named after the video "${video.title}"`);
    await button.click();
    const frame = figure.locator('iframe');
    await frame.waitFor({ state: 'attached', timeout: 5000 });
    const src = new URL(await frame.getAttribute('src'));
    assert.equal(src.hostname, PLAYER_HOST, `the player comes from ${PLAYER_HOST}, not ${src.href}`);
    assert.equal(src.pathname, `/embed/${video.youtube}`);
    assert.equal(src.searchParams.get('autoplay'), '1', 'the player starts at once: the citizen pressed play');
    assert.equal(await frame.getAttribute('title'), video.title, 'the player is titled for screen readers');
    await page.waitForTimeout(300);
    const after = seen.outside();
    assert.ok(after.length > 0, 'pressing play asked for the player');
    assertNone(
      after.filter((r) => !r.includes(`https://${PLAYER_HOST}/embed/${video.youtube}`)),
      'requests after play to anything but the player',
    );

    const chapter = video.chapters[1];
    await page.locator(`a[data-seek="${chapter.seconds}"]`).first().click();
    await page.waitForFunction(
      (s) => document.querySelector('figure.video iframe')?.src.includes(`start=${s}`),
      chapter.seconds,
      { timeout: 5000 },
    );
    assertNone(seen.errors.filter((e) => !e.includes(PLAYER_HOST)), 'console errors');
  });
});

test('without the player script, a YouTube video is a plain link, not a dead button', async () => {
  assert.ok(youtube, 'catalog.json lists no guide with a YouTube video');
  await onPage(
    local(youtube.url),
    async (page) => {
      const figure = page.locator('figure.video').first();
      assert.equal(await figure.getByRole('button').count(), 0, 'no button is offered that cannot work');
      const link = figure.locator(`a[href="https://www.youtube.com/watch?v=${youtube.video.youtube}"]`);
      assert.ok(await link.isVisible(), 'a visible link to the video on YouTube');
    },
    (page) => page.route('**/assets/js/**', (route) => route.abort('blockedbyclient')),
  );
});

test('a self-hosted video has its Vietnamese captions and a chapters track from the guide', async () => {
  assert.ok(hosted, 'catalog.json lists no guide with a self-hosted video with captions and chapters');
  const { video } = hosted;
  await onPage(local(hosted.url), async (page, seen) => {
    const element = page.locator('figure.video video').first();
    assert.equal(await element.getAttribute('preload'), 'none', 'the video loads nothing until played');
    assert.ok(await element.getAttribute('poster'), 'the video has a poster');
    const tracks = await element.evaluate(async (v) => {
      const all = [...v.querySelectorAll('track')];
      const chapters = all.find((t) => t.kind === 'chapters');
      if (chapters) chapters.track.mode = 'hidden';
      // Each track element reports LOADED (2) or ERROR (3) once the browser has read it.
      const done = (t) => t.readyState >= 2;
      for (let i = 0; i < 50 && !all.every(done); i += 1) await new Promise((r) => setTimeout(r, 100));
      return all.map((t) => ({
        kind: t.kind,
        srclang: t.srclang,
        src: t.src,
        isDefault: t.default,
        state: t.readyState,
        cues: [...(t.track.cues ?? [])].map((c) => ({ start: c.startTime, end: c.endTime, text: c.text })),
      }));
    });
    const captions = tracks.find((t) => t.kind === 'captions');
    assert.ok(captions, `a captions track among ${JSON.stringify(tracks.map((t) => t.kind))}`);
    assert.equal(captions.srclang, 'vi');
    assert.ok(captions.isDefault, 'the captions are on by default');
    assert.equal(captions.src, local(video.captions));
    assert.equal(captions.state, 2, 'the browser read the captions file');
    assert.ok(captions.cues.length > 0, 'the captions have cues');

    const chapters = tracks.find((t) => t.kind === 'chapters');
    assert.ok(chapters, 'a chapters track');
    assert.equal(chapters.state, 2, `the browser read the chapters track ${chapters.src}`);
    const ends = [...video.chapters.slice(1).map((c) => c.seconds), video.duration_seconds];
    assert.deepEqual(
      chapters.cues,
      video.chapters.map((c, i) => ({ start: c.seconds, end: ends[i], text: c.title })),
      'one cue a chapter, each ending where the next begins and the last at the end',
    );

    const chapter = video.chapters[2];
    await page.locator(`a[data-seek="${chapter.seconds}"]`).first().click();
    const time = await element.evaluate((v) => v.currentTime);
    assert.equal(time, chapter.seconds, `the chapter link "${chapter.title}" seeks the video`);
    assertNone(seen.outside(), 'requests leaving the site');
    assertNone(seen.errors, 'console errors');
  });
});
