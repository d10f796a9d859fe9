import type { Page } from 'playwright-core';

// What an extension page asks the browser for. The browser tests start with a remote CRM's site
// granted (headless Chromium never answers the question), so this is how they check that the page
// still asks, for the right sites, at the rep's click.

type Asked = { origins?: string[]; permissions?: string[] };

/** Wraps the page's permissions.request so that each call is kept; returns a reader of them. */
export async function recordPermissionRequests(page: Page): Promise<() => Promise<Asked[]>> {
  await page.evaluate(() => {
    const asked: unknown[] = [];
    (globalThis as unknown as { __permissionRequests: unknown[] }).__permissionRequests = asked;
    const original = chrome.permissions.request.bind(chrome.permissions);
    chrome.permissions.request = ((request: chrome.permissions.Permissions) => {
      asked.push(request);
      return original(request);
    }) as typeof chrome.permissions.request;
  });
  return () => page.evaluate(() => (globalThis as unknown as { __permissionRequests: Asked[] }).__permissionRequests);
}
