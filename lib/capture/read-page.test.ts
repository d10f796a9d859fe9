// @vitest-environment happy-dom
// @vitest-environment-options { "settings": { "handleDisabledFileLoadingAsSuccess": true } }
import { describe, expect, it } from 'vitest';
import { MAX_PAGE_CHARS, readPage, UNREAD_ELEMENTS } from './read-page';

const PAGE = `<head><title>Acme — Team</title><style>body { color: red }</style><link rel="stylesheet" href="data:text/css,.sheet{}">
<script>window.tracking = "x".repeat(10)</script><script type="application/ld+json">{"@type":"Person","name":"Jane Doe"}</script></head>
<body itemscope itemtype="https://schema.org/AboutPage">Call us: +1 415 555 0100 &amp; ask for Jane
<svg viewBox="0 0 10 10"><title>logo</title><path d="M0 0h10"/></svg><template><p>Later</p></template>
<main><h1>Jane Doe</h1><p>Email <a href="mailto:jane@acme.com">jane@acme.com</a></p><code>npm install acme</code>
<noscript><a href="mailto:sales@acme.com">sales@acme.com</a></noscript></main><script>track()</script>
<code style="display: none" id="bpr-guid-1">{"data":"${'x'.repeat(2000)}"}</code></body>`;

/** The test's page, as the browser would have it after loading this markup. */
function showPage(markup: string) {
  const parsed = new DOMParser().parseFromString(`<!doctype html><html>${markup}</html>`, 'text/html');
  document.documentElement.replaceChildren(...document.importNode(parsed.documentElement, true).childNodes);
}

describe('readPage', () => {
  it('sends the markup the readers use, without the scripts, styles, drawings, templates or hidden data blocks of its head and body', () => {
    showPage(PAGE);
    const before = document.documentElement.outerHTML;
    const snapshot = readPage(MAX_PAGE_CHARS, UNREAD_ELEMENTS);
    const sent = new DOMParser().parseFromString(snapshot.html, 'text/html');

    expect(sent.querySelector('script[type="application/ld+json"]')?.textContent).toBe('{"@type":"Person","name":"Jane Doe"}');
    expect(sent.querySelector('h1')?.textContent).toBe('Jane Doe');
    expect(sent.querySelector('a[href="mailto:jane@acme.com"]')).not.toBeNull();
    expect(sent.querySelector('main code')?.textContent).toBe('npm install acme');
    expect(snapshot.html).toContain('sales@acme.com');
    expect(sent.body.getAttribute('itemtype')).toBe('https://schema.org/AboutPage');
    expect(sent.body.firstChild?.textContent).toContain('Call us: +1 415 555 0100 & ask for Jane');
    for (const gone of ['window.tracking', 'color: red', '.sheet', '<svg', '<template', 'track()', 'bpr-guid-1']) expect(snapshot.html).not.toContain(gone);
    expect(snapshot.title).toBe('Acme — Team');
    // The page itself is left as it was.
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it('cuts markup longer than the limit', () => {
    showPage(PAGE);
    expect(readPage(100, UNREAD_ELEMENTS).html).toHaveLength(100);
  });
});
