// Sideways scrolling on a phone: whether a page is wider than the screen, and which elements
// stick out, named so that the rule to fix can be found from the failure alone.

/** The phone widths every page type is checked at: a small Android phone and an iPhone. */
export const WIDTHS = [320, 375];

/**
 * Measures the page in `page` as it is laid out now. Returns null when the document is no wider
 * than its viewport (scrollWidth <= clientWidth), else a sentence naming the widths and the
 * elements that stick out: those past the right edge whose parent is not (where the overflow
 * starts), each with a selector path and the start of its text. Boxes inside an element that
 * scrolls or clips on its own (a table in `overflow-x: auto`) do not count: they scroll there.
 */
export async function sidewaysScroll(page) {
  const found = await page.evaluate(() => {
    const root = document.documentElement;
    const limit = root.clientWidth;
    if (root.scrollWidth <= limit) return null;
    const clipped = (e) => {
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    const past = (e) => e.getBoundingClientRect().right > limit + 0.5;
    const name = (e) => {
      const id = e.id ? `#${e.id}` : '';
      const cls = typeof e.className === 'string' && e.className.trim() ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
      return `${e.tagName.toLowerCase()}${id}${cls}`;
    };
    const path = (e) => {
      const parts = [];
      for (let p = e; p && p !== document.body && parts.length < 4; p = p.parentElement) parts.unshift(name(p));
      return parts.join(' > ');
    };
    const starts = [...document.querySelectorAll('body *')]
      .filter((e) => past(e) && !clipped(e) && !(e.parentElement && e.parentElement !== document.body && past(e.parentElement)))
      .slice(0, 6)
      .map((e) => {
        const text = (e.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
        return `${path(e)} (right edge ${Math.round(e.getBoundingClientRect().right)} px${text ? `, "${text}…"` : ''})`;
      });
    return { scroll: root.scrollWidth, client: limit, starts };
  });
  if (!found) return null;
  return (
    `scrolls sideways at ${found.client} px: scrollWidth ${found.scroll} > clientWidth ${found.client}; ` +
    `sticking out: ${found.starts.join('; ') || '(no element found past the edge)'}`
  );
}
