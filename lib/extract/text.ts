// Text taken from a page: control characters out, white space folded, markup never trusted.

// eslint-disable-next-line no-control-regex -- removing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

export function cleanText(value: unknown, max = 300): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
  if (!text || text.length > max) return undefined;
  return text;
}

/** The text of the first element matching `selector` inside `root`. */
export function textAt(root: ParentNode | null | undefined, selector: string, max = 300): string | undefined {
  const element = root?.querySelector(selector);
  return element ? cleanText(element.textContent, max) : undefined;
}

/** Text a screen shows once: LinkedIn doubles text in visually-hidden spans for screen readers. */
export function visibleText(element: Element | null | undefined, max = 300): string | undefined {
  if (!element) return undefined;
  const shown = element.querySelector('span[aria-hidden="true"]');
  return cleanText((shown ?? element).textContent, max);
}

export function metaContent(doc: Document, key: string): string | undefined {
  const element = doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`);
  return cleanText(element?.getAttribute('content'), 500);
}

/** Names of a site in a title: "Acme Robotics – Home" → "Acme Robotics". */
export function firstTitlePart(title: string | undefined): string | undefined {
  if (!title) return undefined;
  return cleanText(title.split(/\s+[|–—·:-]\s+/)[0]);
}

/** An element's own lines, for cards whose markup names nothing (LinkedIn's hashed classes). */
export function textLines(element: Element, max = 40): string[] {
  const lines: string[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node && lines.length < max; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('.visually-hidden, [hidden], script, style, template, noscript')) continue;
    const text = cleanText(node.textContent);
    if (text && lines.at(-1) !== text) lines.push(text);
  }
  return lines;
}

/** A name as two names are compared: Unicode-folded, lower case, single spaces. */
export function comparableName(name: string | undefined): string | undefined {
  return name?.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The names the page itself shows as its title, comparable: its first heading and its title's first part. */
export function pageNames(doc: Document): Set<string | undefined> {
  return new Set([comparableName(cleanText(doc.querySelector('h1')?.textContent, 200)), comparableName(firstTitlePart(cleanText(doc.title, 300)))].filter(Boolean));
}

/** One item per comparable name, the first of each: the same person marked up twice is one candidate. */
export function onePerName<T>(items: readonly T[], nameOf: (item: T) => string | undefined): T[] {
  const byName = new Map<string | undefined, T>();
  for (const item of items) {
    const name = comparableName(nameOf(item));
    if (!byName.has(name)) byName.set(name, item);
  }
  return [...byName.values()];
}
