import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

const PAGES = join(import.meta.dirname, '../../fixtures/pages');

export function fixtureHtml(name: string): string {
  return readFileSync(join(PAGES, name), 'utf8');
}

/**
 * Serves saved pages at their real https addresses through request routing; every other request
 * to the outside world is refused, so nothing leaves the machine.
 */
export async function serveSites(context: BrowserContext, pages: Record<string, string>): Promise<void> {
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, async (route) => {
    const url = route.request().url();
    const name = pages[url];
    if (name) await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fixtureHtml(name) });
    else await route.fulfill({ status: 404, contentType: 'text/plain', body: 'not served in this test' });
  });
}
