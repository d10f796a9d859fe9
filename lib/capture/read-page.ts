/** What the panel needs of a page: its markup as rendered now, its address and title. */
export type PageSnapshot = { html: string; url: string; title: string };

export const MAX_PAGE_CHARS = 8_000_000;

/**
 * What no reader uses, left out of the markup sent to the panel: scripts (but JSON-LD), styles,
 * stylesheets, SVG drawings, templates, and the data blocks pages hide in `<code>` (LinkedIn ships
 * its page data so, hundreds of kilobytes). A large page's markup is mostly these, and every
 * character is copied to the panel and parsed there.
 */
export const UNREAD_ELEMENTS =
  'script:not([type="application/ld+json"]), style, link[rel~="stylesheet"], svg, template, code[style*="display: none"], code[style*="display:none"], code[hidden]';

/**
 * The only code Fieldclip puts into a page, and only when the rep asks. It reads; it changes
 * nothing and sends nothing anywhere. Self-contained: the browser serializes it into the page.
 * The markup comes from a copy in a document of its own, where nothing loads or runs.
 */
export function readPage(maxChars: number, unread: string): PageSnapshot {
  const copy = document.implementation.createHTMLDocument('').importNode(document.documentElement, true);
  for (const element of copy.querySelectorAll(unread)) element.remove();
  const html = copy.outerHTML;
  return { html: html.length > maxChars ? html.slice(0, maxChars) : html, url: location.href, title: document.title };
}
