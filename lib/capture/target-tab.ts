import { browser, type Browser } from 'wxt/browser';

/**
 * The tab the rep is looking at: the active tab of the panel's window. When the panel itself is
 * open in a tab (or its window has nothing else), the tab the rep used last.
 */
export async function tabBeingViewed(): Promise<Browser.tabs.Tab | undefined> {
  const [self, [active]] = await Promise.all([browser.tabs.getCurrent(), browser.tabs.query({ active: true, currentWindow: true })]);
  const ownPages = browser.runtime.getURL('/');
  const isPage = (tab: Browser.tabs.Tab) => tab.id !== undefined && tab.id !== self?.id && !tab.url?.startsWith(ownPages);
  if (active && isPage(active)) return active;
  const tabs = (await browser.tabs.query({})).filter(isPage);
  return tabs.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
}
