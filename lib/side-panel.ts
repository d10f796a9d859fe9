import { browser, type Browser } from 'wxt/browser';

type FirefoxSidebar = {
  sidebarAction?: { toggle(): Promise<void>; open(): Promise<void> };
  /** Firefox's Manifest V2 name for `action`. */
  browserAction?: typeof browser.action;
};

/**
 * The toolbar icon opens the panel: Chrome/Edge's side panel, Firefox's sidebar. The click is
 * handled here rather than by `openPanelOnActionClick`, so that it always counts as invoking
 * Fieldclip on the tab (activeTab): "Capture from page" can then read any site the rep is on.
 */
export function setUpSidePanel(): void {
  const { sidebarAction, browserAction } = browser as unknown as FirefoxSidebar;
  const action = browser.action ?? browserAction;
  if (browser.sidePanel) {
    browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => {});
    action.onClicked.addListener(openPanel);
    return;
  }
  if (sidebarAction && action) action.onClicked.addListener(() => void sidebarAction.toggle());
}

/** Opens the panel from a user gesture (menu click, shortcut): Chrome's side panel or Firefox's sidebar. */
export function openPanel(tab: Browser.tabs.Tab | undefined): void {
  if (browser.sidePanel && tab?.windowId !== undefined) {
    browser.sidePanel.open({ windowId: tab.windowId }).catch(() => {});
    return;
  }
  (browser as unknown as FirefoxSidebar).sidebarAction?.open().catch(() => {});
}
