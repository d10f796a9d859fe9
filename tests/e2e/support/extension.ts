import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_PATH = resolve('.output/chrome-mv3');

/** The flags every Chromium here runs with: no sandbox (root), and nothing reaching the network by itself. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export type ExtensionSession = {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  /** Opens one of the extension's pages (sidepanel.html, options.html) in a tab. */
  open(page: 'sidepanel.html' | 'options.html'): Promise<Page>;
  /** Clicks Fieldclip's toolbar icon on a tab, as a rep would: it grants activeTab on that tab. */
  clickToolbarIcon(tab: Page): Promise<void>;
  /** Closes the browser; the profile stays unless `discard` is set. */
  close(options?: { discard?: boolean }): Promise<void>;
};

/**
 * Launches Debian's Chromium with the built extension loaded, on a fresh profile or on
 * `userDataDir` when a test reopens the same profile.
 */
export async function launchExtension(options: { userDataDir?: string; headless?: boolean } = {}): Promise<ExtensionSession> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'fieldclip-e2e-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: [
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${EXTENSION_PATH}`,
      `--load-extension=${EXTENSION_PATH}`,
      // Lets a test click the toolbar icon through the DevTools protocol (Extensions.triggerAction).
      '--enable-unsafe-extension-debugging',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    userDataDir,
    async open(page) {
      const tab = await context.newPage();
      await tab.goto(`chrome-extension://${extensionId}/${page}`);
      return tab;
    },
    async clickToolbarIcon(tab) {
      const browserSession = await context.browser()!.newBrowserCDPSession();
      const { targetInfos } = (await browserSession.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as {
        targetInfos: Array<{ targetId: string; url: string }>;
      };
      const target = targetInfos.find((info) => info.url === tab.url());
      if (!target) throw new Error(`No tab target for ${tab.url()}`);
      await browserSession.send('Extensions.triggerAction' as never, { id: extensionId, targetId: target.targetId } as never);
      await browserSession.detach();
    },
    async close({ discard = true } = {}) {
      await context.close();
      if (discard) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Brings the sync's every-minute retry alarm forward to now, from the worker or an extension page
 * (which can still create it while the worker is stopped); it keeps its period.
 */
export async function fireRetryAlarm(from: Pick<Worker, 'evaluate'>): Promise<void> {
  await from.evaluate(() => chrome.alarms.create('fieldclip-sync', { when: Date.now() + 50, periodInMinutes: 1 }));
}
