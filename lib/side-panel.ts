import { browser } from 'wxt/browser';

type FirefoxSidebar = {
  sidebarAction?: { toggle(): Promise<void> };
  /** Firefox's Manifest V2 name for `action`. */
  browserAction?: typeof browser.action;
};

/** The toolbar icon opens the panel: Chrome/Edge's side panel, Firefox's sidebar. */
export function setUpSidePanel(): void {
  if (browser.sidePanel) {
    browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
    return;
  }
  const { sidebarAction, browserAction } = browser as unknown as FirefoxSidebar;
  const action = browser.action ?? browserAction;
  if (sidebarAction && action) action.onClicked.addListener(() => void sidebarAction.toggle());
}
