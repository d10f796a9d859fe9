/** What the panel needs of a page: its markup as rendered now, its address and title. */
export type PageSnapshot = { html: string; url: string; title: string };

export const MAX_PAGE_CHARS = 8_000_000;

/**
 * What no reader uses, left out where it stands directly in the page's head or body: scripts (but
 * JSON-LD), styles, stylesheets, SVG drawings, templates, and the data blocks pages hide in `<code>`
 * (LinkedIn ships its page data so, hundreds of kilobytes). A large page's markup is mostly these,
 * and every character is copied to the panel and parsed there.
 */
export const UNREAD_ELEMENTS =
  'script:not([type="application/ld+json"]), style, link[rel~="stylesheet"], svg, template, code[style*="display: none"], code[style*="display:none"], code[hidden]';

/**
 * The only code Fieldclip puts into a page, and only when the rep asks. It reads; it changes
 * nothing and sends nothing anywhere. Self-contained: the browser serializes it into the page.
 * The page's markup as the browser writes it, but for what `unread` names among the children of its
 * head and body (looking no deeper: copying the page to take out nested ones took longer than they
 * cost); the html and body tags keep their attributes (microdata, RDFa prefixes).
 */
export function readPage(maxChars: number, unread: string): PageSnapshot {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const inner = (parent: Element) => {
    let markup = '';
    for (const node of parent.childNodes) {
      if (node instanceof Element) {
        if (!node.matches(unread)) markup += node.outerHTML;
      } else if (node.nodeType === Node.TEXT_NODE) markup += escape(node.textContent ?? '');
    }
    return markup;
  };
  const wrapped = (element: Element, content: string) => {
    const tags = (element.cloneNode(false) as Element).outerHTML;
    const end = `</${element.localName}>`;
    return tags.endsWith(end) ? `${tags.slice(0, -end.length)}${content}${end}` : tags;
  };
  const root = document.documentElement;
  const { head, body } = document;
  const html =
    head && body && head.parentNode === root && body.parentNode === root
      ? wrapped(root, `${wrapped(head, inner(head))}${wrapped(body, inner(body))}`)
      : root.outerHTML;
  return { html: html.length > maxChars ? html.slice(0, maxChars) : html, url: location.href, title: document.title };
}
