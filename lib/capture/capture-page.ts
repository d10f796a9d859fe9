import { browser } from 'wxt/browser';
import type { Capture } from '../lead/schema';
import type { ProspectDraft } from '../extract/types';
import { MAX_PAGE_CHARS, readPage, type PageSnapshot } from './read-page';
import { tabBeingViewed } from './target-tab';

export type PageCapture = { draft: ProspectDraft; capture: Capture };

export class CaptureError extends Error {
  override name = 'CaptureError';
}

async function snapshot(tabId: number): Promise<PageSnapshot> {
  const [frame] = await browser.scripting.executeScript({ target: { tabId }, func: readPage, args: [MAX_PAGE_CHARS] });
  const result = frame?.result as PageSnapshot | undefined;
  if (!result || typeof result.html !== 'string') throw new CaptureError('The page did not answer. Reload it and try again.');
  return result;
}

function originPattern(url: string | undefined): string | null {
  try {
    const { protocol, hostname } = new URL(url ?? '');
    return protocol === 'https:' || protocol === 'http:' ? `${protocol}//${hostname}/*` : null;
  } catch {
    return null;
  }
}

/**
 * Reads the tab with the rep's permission: LinkedIn is allowed at install; anywhere else works
 * after the rep invoked Fieldclip on the tab (toolbar icon, shortcut, context menu: activeTab), or
 * once the rep allows that one site when asked.
 */
async function readTab(tabId: number, url: string | undefined): Promise<PageSnapshot> {
  try {
    return await snapshot(tabId);
  } catch (error) {
    const origin = originPattern(url);
    if (!origin) throw new CaptureError('Fieldclip cannot read this kind of page (browser pages, the extension store, files).');
    if (await browser.permissions.contains({ origins: [origin] })) throw error;
    const host = new URL(url!).hostname;
    if (!(await browser.permissions.request({ origins: [origin] }))) {
      throw new CaptureError(`Fieldclip was not allowed to read ${host}. Type the lead in, or allow the site and try again.`);
    }
    return snapshot(tabId);
  }
}

/** Captures the prospect on the page the rep is looking at. The page is read only now, when asked. */
export async function captureFromPage(tabId?: number): Promise<PageCapture> {
  const tab = tabId === undefined ? await tabBeingViewed() : await browser.tabs.get(tabId);
  if (!tab?.id) throw new CaptureError('Open the page you want to capture from, then try again.');
  const page = await readTab(tab.id, tab.url);
  const doc = new DOMParser().parseFromString(page.html, 'text/html');
  const { extractProspect } = await import('../extract');
  const draft = extractProspect(doc, page.url);
  const pageUrl = /^https?:/i.test(page.url) && page.url.length <= 2048 ? page.url : undefined;
  return {
    draft,
    capture: {
      ...(pageUrl ? { pageUrl } : {}),
      ...(page.title ? { pageTitle: page.title.slice(0, 500) } : {}),
      ...(draft.extractor ? { extractor: draft.extractor } : {}),
    },
  };
}

/** Captures the prospect in selected or pasted text (an email signature, a business card). */
export async function captureFromText(text: string, page?: { url?: string; title?: string }): Promise<PageCapture> {
  const { extractFromText } = await import('../extract');
  const draft = extractFromText(text, page?.url);
  const pageUrl = page?.url && /^https?:/i.test(page.url) && page.url.length <= 2048 ? page.url : undefined;
  return {
    draft,
    capture: {
      ...(pageUrl ? { pageUrl } : {}),
      ...(page?.title ? { pageTitle: page.title.slice(0, 500) } : {}),
      extractor: 'contact-text',
    },
  };
}
