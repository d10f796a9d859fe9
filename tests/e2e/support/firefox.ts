import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { fixtureHtml } from './sites';

// Firefox for the browser tests: Debian's firefox-esr with the Manifest V2 build (sidebar, background
// page) installed as a temporary add-on. Playwright drives only its own patched Firefox, so these
// tests use puppeteer-core, which speaks WebDriver BiDi to a stock Firefox.

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_BUILD = resolve('.output/firefox-mv2');

export type FirefoxSession = {
  browser: Browser;
  /** The extension's internal UUID: its pages are at moz-extension://<uuid>/. */
  uuid: string;
  profileDir: string;
  /** Opens one of the extension's pages (sidepanel.html, options.html) in a tab. */
  open(page: 'sidepanel.html' | 'options.html'): Promise<Page>;
  /** Closes Firefox; the profile stays unless `discard` is set. */
  close(options?: { discard?: boolean }): Promise<void>;
};

async function addonId(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(FIREFOX_BUILD, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  return manifest.browser_specific_settings.gecko.id;
}

export type FirefoxOptions = {
  /**
   * Firefox answers the add-on's requests for optional permissions (a remote CRM's site) with yes,
   * as the rep would, instead of showing its prompt, which nothing can click in headless Firefox.
   * The request itself is the add-on's own, made from the rep's click.
   */
  grantOptionalPermissions?: boolean;
  /** Downloads (CSV, vCard) are saved here without a dialog. */
  downloadDir?: string;
};

/**
 * Launches Firefox headless with the Firefox build installed: on a fresh profile, or on the profile
 * (and with the UUID) of an earlier session when a test reopens the browser.
 */
export async function launchFirefoxExtension(reopen?: Pick<FirefoxSession, 'profileDir' | 'uuid'>, options: FirefoxOptions = {}): Promise<FirefoxSession> {
  await access(FIREFOX_PATH).catch(() => {
    throw new Error(`No Firefox at ${FIREFOX_PATH}: install Debian's firefox-esr (sudo apt-get install firefox-esr), or set FIREFOX_PATH`);
  });
  const profileDir = reopen?.profileDir ?? (await mkdtemp(join(tmpdir(), 'fieldclip-e2e-firefox-')));
  // Firefox gives an add-on a random UUID at install; this pref fixes it, so its pages' URLs are known.
  const uuid = reopen?.uuid ?? crypto.randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profileDir,
    // Since Firefox 153, WebDriver may open moz-extension:// pages only with this flag (140 ESR,
    // which opens them without it, ignores it).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [await addonId()]: uuid }),
      ...(options.grantOptionalPermissions ? { 'extensions.webextOptionalPermissionPrompts': false } : {}),
      ...(options.downloadDir
        ? { 'browser.download.dir': options.downloadDir, 'browser.download.folderList': 2, 'browser.download.useDownloadDir': true, 'browser.download.always_ask_before_handling_new_types': false }
        : {}),
    },
  });
  await browser.installExtension(FIREFOX_BUILD);
  return {
    browser,
    uuid,
    profileDir,
    async open(name) {
      const page = await browser.newPage();
      // Firefox never reports an extension page's load over WebDriver BiDi, so the navigation is
      // not awaited: the page is asked until it shows.
      const url = `moz-extension://${uuid}/${name}`;
      void page.goto(url, { timeout: 0 }).catch(() => undefined);
      await until(page, (url) => location.href === url && document.readyState === 'complete' && document.body.innerText.trim() !== '', [url], `Firefox to open ${url}`);
      return page;
    },
    async close({ discard = true } = {}) {
      await browser.close();
      if (discard) await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * A new tab showing a saved page at its real address (request interception); nothing else leaves
 * the machine. Returns the tab, in front.
 */
export async function openSavedSite(session: FirefoxSession, url: string, fixture: string): Promise<Page> {
  const tab = await session.browser.newPage();
  await tab.setRequestInterception(true);
  tab.on('request', (request) => {
    if (request.url() === url) {
      void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: fixtureHtml(fixture) });
      return;
    }
    // Anything else (the favicon): refused. Firefox 140 may have dropped such a request by the
    // time the answer arrives ("no such request"), which is no failure of the test.
    request.respond({ status: 404, contentType: 'text/plain', body: 'not served in this test' }).catch(() => undefined);
  });
  await tab.goto(url);
  return tab;
}

/** Tries `attempt` every 100 ms until it gives something other than null. */
async function poll<T>(attempt: () => Promise<T | null>, what: string, timeout = 15_000): Promise<T> {
  for (const deadline = Date.now() + timeout; ; ) {
    const found = await attempt();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Asks the page `probe(...args)` until it is true. Puppeteer's own waits (waitForSelector,
 * waitForFunction) build functions inside the page, which an extension page's CSP refuses in
 * Firefox 140 ESR; a plain evaluate is not subject to it. A script sent while the document is
 * being replaced may fail inside Firefox's remote agent: that is one more "not yet".
 */
function until<A extends unknown[]>(page: Page, probe: (...args: A) => boolean, args: A, what: string, timeout?: number): Promise<true> {
  const attempt = async () => ((await page.evaluate(probe as (...args: unknown[]) => boolean, ...args).catch(() => false)) ? true : null);
  return poll(attempt, what, timeout);
}

/** The element `find(...args)` gives in the page, once it gives one. */
function elementFound<E extends Element, A extends unknown[]>(page: Page, find: (...args: A) => E | null, args: A, what: string): Promise<ElementHandle<E>> {
  return poll(async () => {
    const handle = await page.evaluateHandle(find as (...args: unknown[]) => E | null, ...args).catch(() => null);
    const element = handle?.asElement();
    if (element) return element as ElementHandle<E>;
    await handle?.dispose();
    return null;
  }, what);
}

/** The input the label with this text names. */
function fieldLabelled(page: Page, label: string): Promise<ElementHandle<HTMLInputElement>> {
  return elementFound(
    page,
    (text: string) =>
      ([...document.querySelectorAll('label')].find((element) => element.textContent.replace(/\s+/g, ' ').trim() === text)?.control as HTMLInputElement | undefined) ??
      null,
    [label],
    `the field labelled "${label}"`,
  );
}

/** What the field with this label holds. */
export async function fieldValue(page: Page, label: string): Promise<string> {
  return (await fieldLabelled(page, label)).evaluate((input) => input.value);
}

/** Types into the field with this label, as a rep would: click it, clear it, then the keys. */
export async function fillField(page: Page, label: string, value: string): Promise<void> {
  const field = await fieldLabelled(page, label);
  await field.click();
  await field.evaluate((input) => input.select());
  await page.keyboard.press('Backspace');
  await page.keyboard.type(value);
}

/** Clicks the enabled button whose name (its aria-label, else its text) is `name`. */
export async function clickButton(page: Page, name: string): Promise<void> {
  const button = await elementFound(
    page,
    (text: string) =>
      [...document.querySelectorAll('button')].find(
        (element) => !element.disabled && (element.getAttribute('aria-label') ?? element.textContent.replace(/\s+/g, ' ').trim()) === text,
      ) ?? null,
    [name],
    `the button "${name}"`,
  );
  await button.click();
}

/** Waits until the first element `selector` matches contains `text`. */
export async function waitForText(page: Page, selector: string, text: string, timeout = 15_000): Promise<void> {
  await until(
    page,
    (selector: string, text: string) => (document.querySelector<HTMLElement>(selector)?.innerText ?? '').includes(text),
    [selector, text],
    `"${text}" in ${selector}`,
    timeout,
  );
}
