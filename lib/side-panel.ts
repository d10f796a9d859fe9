import { browser, type Browser } from 'wxt/browser';

type FirefoxSidebar = {
  sidebarAction?: { open(): Promise<void> };
  /** Firefox's Manifest V2 name for `action`. */
  browserAction?: typeof browser.action;
};

/**
 * The toolbar icon opens the panel: Chrome/Edge's side panel, Firefox's sidebar. The click is
 * handled here rather than by `openPanelOnActionClick`, so that it always counts as invoking
 * Fieldclip on the tab (activeTab): "Capture from page" can then read any site the rep is on. It
 * opens and never closes, in Firefox too: a rep who clicks it on a page to let Fieldclip read that
 * page keeps the sidebar open (the sidebar's own close button closes it).
 */
export function setUpSidePanel(): void {
  const action = browser.action ?? (browser as unknown as FirefoxSidebar).browserAction;
  if (browser.sidePanel) browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => {});
  action?.onClicked.addListener(openPanel);
}

/** Opens the panel from a user gesture (menu click, shortcut): Chrome's side panel or Firefox's sidebar. */
export function openPanel(tab: Browser.tabs.Tab | undefined): void {
  if (browser.sidePanel && tab?.windowId !== undefined) {
    browser.sidePanel.open({ windowId: tab.windowId }).catch(() => {});
    return;
  }
  (browser as unknown as FirefoxSidebar).sidebarAction?.open().catch(() => {});
}

/**
 * Opens the panel from a notification click. Where the browser will not open its side panel from
 * there, the same panel opens in a tab: the rep always lands on it.
 */
export async function openPanelFromNotification(): Promise<void> {
  try {
    if (browser.sidePanel) {
      const window = await browser.windows.getLastFocused();
      if (window.id === undefined) throw new Error('No browser window');
      await browser.sidePanel.open({ windowId: window.id });
      return;
    }
    const { sidebarAction } = browser as unknown as FirefoxSidebar;
    if (!sidebarAction) throw new Error('No sidebar');
    await sidebarAction.open();
  } catch {
    await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
  }
}
