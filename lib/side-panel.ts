import { browser } from 'wxt/browser';

type FirefoxSidebar = { sidebarAction?: { toggle(): Promise<void> } };

/** The toolbar icon opens the panel: Chrome/Edge's side panel, Firefox's sidebar. */
export function setUpSidePanel(): void {
  if (browser.sidePanel) {
    browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
    return;
  }
  const { sidebarAction } = browser as unknown as FirefoxSidebar;
  if (sidebarAction) browser.action.onClicked.addListener(() => sidebarAction.toggle());
}
