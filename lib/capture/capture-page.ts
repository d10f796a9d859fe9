import { browser } from 'wxt/browser';
import type { Capture } from '../lead/schema';
import type { ProspectDraft } from '../extract/types';
import { MAX_PAGE_CHARS, readPage, UNREAD_ELEMENTS, type PageSnapshot } from './read-page';
import { captureShortcut } from './command';
import { tabBeingViewed } from './target-tab';

export type PageCapture = { draft: ProspectDraft; capture: Capture };

export class CaptureError extends Error {
  override name = 'CaptureError';
}

async function snapshot(tabId: number): Promise<PageSnapshot> {
  const [frame] = await browser.scripting.executeScript({ target: { tabId }, func: readPage, args: [MAX_PAGE_CHARS, UNREAD_ELEMENTS] });
  const result = frame?.result as PageSnapshot | undefined;
  if (!result || typeof result.html !== 'string') throw new CaptureError('The page did not answer. Reload it and try again.');
  return result;
}

/**
 * Why Fieldclip may not read the tab in front of the rep. The browser lets it read LinkedIn (allowed
 * at install) and a page the rep invoked it on (shortcut, context menu, toolbar icon: activeTab);
 * of any other tab it does not even give the address, so there is no one site to ask for.
 */
async function notCalledHere(): Promise<CaptureError> {
  const shortcut = await captureShortcut();
  const menu = 'right-click it and choose “Capture this page as lead”';
  return new CaptureError(
    `Fieldclip may read this page only once you call it there: on the page, ${shortcut ? `press ${shortcut}, or ${menu}` : menu}. Browser pages and the extension store cannot be read.`,
  );
}

/** Reads the tab, or says why not in words the rep can act on. */
async function readTab(tabId: number, url: string | undefined): Promise<PageSnapshot> {
  try {
    return await snapshot(tabId);
  } catch (error) {
    if (error instanceof CaptureError) throw error;
    if (url === undefined) throw await notCalledHere();
    if (!/^https?:/i.test(url)) throw new CaptureError('Fieldclip cannot read this kind of page (browser pages, the extension store, files).');
    const reason = error instanceof Error ? error.message : String(error);
    throw new CaptureError(`Fieldclip could not read this page (${reason}). Reload it and try again, or type the lead in.`);
  }
}

/** Loads the page readers ahead of a capture (the pointer or the focus on *Capture from page*). */
export function preloadPageReaders(): void {
  import('../extract').catch(() => undefined);
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
