/** What the panel needs of a page: its markup as rendered now, its address and title. */
export type PageSnapshot = { html: string; url: string; title: string };

export const MAX_PAGE_CHARS = 8_000_000;

/**
 * The only code Fieldclip puts into a page, and only when the rep asks. It reads; it changes
 * nothing and sends nothing anywhere. Self-contained: the browser serializes it into the page.
 */
export function readPage(maxChars: number): PageSnapshot {
  const html = document.documentElement.outerHTML;
  return { html: html.length > maxChars ? html.slice(0, maxChars) : html, url: location.href, title: document.title };
}
