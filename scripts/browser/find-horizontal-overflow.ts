import type { Page } from 'playwright-core';

/**
 * Whether a page is wider than its viewport, so that it scrolls sideways, and what sticks out:
 * the outermost elements whose box or own text reaches past the right edge. A box that scrolls
 * sideways on its own (a table in `.table-wrap`) counts too: the page fits, but the columns a
 * reader came for are cut off just the same.
 *
 * @example
 * await findHorizontalOverflow(page, 390) // null, or 'scrolls sideways: 612 px wide (<pre class="log"> 612 px)'
 * await findHorizontalOverflow(page, 390) // or '<div class="table-wrap"> scrolls sideways: 403 px of content in 358 px'
 */
export async function findHorizontalOverflow(page: Page, width: number): Promise<string | null> {
  return page.evaluate((limit) => {
    const elements = [...document.querySelectorAll('body *')];
    const name = (e: Element) => {
      const className = e.getAttribute('class');
      return `<${e.tagName.toLowerCase()}${className ? ` class="${className}"` : ''}>`;
    };
    const scrollingBoxes = elements
      .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth)
      .map((e) => `${name(e)} scrolls sideways: ${e.scrollWidth} px of content in ${e.clientWidth} px`);
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= limit) return scrollingBoxes.length > 0 ? scrollingBoxes.join('; ') : null;
    const range = document.createRange();
    /** How far an element reaches: its box, or a line of its own text that runs out of it. */
    const reach = (element: Element) => {
      let right = element.getBoundingClientRect().right;
      for (const child of element.childNodes) {
        if (child.nodeType !== Node.TEXT_NODE) continue;
        range.selectNodeContents(child);
        right = Math.max(right, range.getBoundingClientRect().right);
      }
      return right;
    };
    const sticksOut = new Set(elements.filter((e) => reach(e) > limit + 0.5));
    const outermost = [...sticksOut].filter((e) => !(e.parentElement && sticksOut.has(e.parentElement)));
    const named = outermost.slice(0, 5).map((e) => `${name(e)} ${Math.round(reach(e))} px`);
    return [`scrolls sideways: ${scrollWidth} px wide (${named.join(', ') || 'no single element named'})`, ...scrollingBoxes].join('; ');
  }, width);
}
