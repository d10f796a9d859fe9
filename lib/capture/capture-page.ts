import { browser } from 'wxt/browser';
import type { Capture } from '../lead/schema';
import { familyOf, isLinkedinFamily } from '../extract/family';
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

/** What the LinkedIn readers found, read in the page itself (null when it is no LinkedIn profile or company page now). */
async function linkedinReadings(tabId: number): Promise<unknown> {
  const [frame] = await browser.scripting.executeScript({ target: { tabId }, files: ['/linkedin-reader.js'] });
  return frame?.result ?? null;
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
async function readTab<T>(url: string | undefined, reading: () => Promise<T>): Promise<T> {
  try {
    return await reading();
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

function pageCapture(draft: ProspectDraft, url: string, title: string): PageCapture {
  const pageUrl = /^https?:/i.test(url) && url.length <= 2048 ? url : undefined;
  return {
    draft,
    capture: {
      ...(pageUrl ? { pageUrl } : {}),
      ...(title ? { pageTitle: title.slice(0, 500) } : {}),
      ...(draft.extractor ? { extractor: draft.extractor } : {}),
    },
  };
}

/**
 * Captures the prospect on the page the rep is looking at. The page is read only now, when asked:
 * a LinkedIn page where it is (its readers are put into it and send back what they found), any
 * other page from a copy of its markup, read in the panel.
 */
export async function captureFromPage(tabId?: number): Promise<PageCapture> {
  const tab = tabId === undefined ? await tabBeingViewed() : await browser.tabs.get(tabId);
  if (!tab?.id) throw new CaptureError('Open the page you want to capture from, then try again.');
  const id = tab.id;
  if (tab.url && URL.canParse(tab.url) && isLinkedinFamily(familyOf(new URL(tab.url)))) {
    const [answer, { draftFromReadings }] = await Promise.all([readTab(tab.url, () => linkedinReadings(id)), import('../extract')]);
    const read = draftFromReadings(answer);
    // Not a LinkedIn profile any more (the rep moved on as it was read): read it as any page.
    if (read) return pageCapture(read.draft, read.url, read.title);
  }
  const [page, { extractProspect }] = await Promise.all([readTab(tab.url, () => snapshot(id)), import('../extract')]);
  const doc = new DOMParser().parseFromString(page.html, 'text/html');
  return pageCapture(extractProspect(doc, page.url), page.url, page.title);
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
