import { browser } from 'wxt/browser';
import { openPanel } from '../side-panel';
import { CAPTURE_COMMAND } from './command';
import { requestCapture } from './pending';

/** The context-menu items and the keyboard shortcut that capture without clicking in the panel. */
export function setUpCaptureTriggers(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: 'capture-selection', title: 'Capture selection as lead', contexts: ['selection'] });
    browser.contextMenus.create({ id: 'capture-page', title: 'Capture this page as lead', contexts: ['page'] });
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    openPanel(tab);
    if (info.menuItemId === 'capture-selection' && info.selectionText) {
      void requestCapture({ kind: 'text', text: info.selectionText.slice(0, 5000), pageUrl: tab?.url, pageTitle: tab?.title, at: Date.now() });
    } else if (info.menuItemId === 'capture-page' && tab?.id !== undefined) {
      void requestCapture({ kind: 'page', tabId: tab.id, at: Date.now() });
    }
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== CAPTURE_COMMAND || tab?.id === undefined) return;
    openPanel(tab);
    void requestCapture({ kind: 'page', tabId: tab.id, at: Date.now() });
  });
}
