import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
  /** Opens one of the extension's pages (sidepanel.html, options.html, camera.html) in a tab. */
  open(page: 'sidepanel.html' | 'options.html' | 'camera.html'): Promise<Page>;
  /** Clicks Fieldclip's toolbar icon on a tab, as a rep would: it grants activeTab on that tab. */
  clickToolbarIcon(tab: Page): Promise<void>;
  /** Closes the browser; the profile stays unless `discard` is set. */
  close(options?: { discard?: boolean }): Promise<void>;
};

/** Optional permissions a test starts with, as if the rep had already said yes to them. */
export type GrantedAtInstall = { origins?: readonly string[]; permissions?: readonly string[] };

/**
 * The built extension as if the rep had already said yes to Fieldclip's question for these sites
 * and permissions (a remote CRM's origin when its settings are saved; `identity` for the Salesforce
 * sign-in): a copy of the build whose manifest grants them at install. Headless Chromium never
 * answers that question (`permissions.request` waits for ever), and with them granted it returns
 * true at once, as after the rep's yes. Only the manifest's `host_permissions` and `permissions`
 * differ; the code is the build's own.
 */
async function buildWithGrants({ origins = [], permissions = [] }: GrantedAtInstall): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'fieldclip-e2e-build-'));
  await cp(EXTENSION_PATH, copy, { recursive: true });
  const manifestPath = join(copy, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { host_permissions: string[]; permissions: string[] };
  manifest.host_permissions.push(...origins);
  manifest.permissions.push(...permissions);
  await writeFile(manifestPath, JSON.stringify(manifest));
  return copy;
}

/**
 * Launches Debian's Chromium with the built extension loaded, on a fresh profile or on
 * `userDataDir` when a test reopens the same profile; `grantedAtInstall`: see buildWithGrants.
 */
export async function launchExtension(
  options: { userDataDir?: string; headless?: boolean; grantedAtInstall?: GrantedAtInstall; extraArgs?: readonly string[] } = {},
): Promise<ExtensionSession> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'fieldclip-e2e-')));
  const extensionPath = options.grantedAtInstall ? await buildWithGrants(options.grantedAtInstall) : EXTENSION_PATH;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: [
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      // Lets a test click the toolbar icon through the DevTools protocol (Extensions.triggerAction).
      '--enable-unsafe-extension-debugging',
      ...(options.extraArgs ?? []),
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
      if (extensionPath !== EXTENSION_PATH) await rm(extensionPath, { recursive: true, force: true });
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
