import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgets, CHROME_BUILD, entrySizes, type Entry } from '../budgets';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sizes = await entrySizes();

describe('bundle budgets (gzipped, from the Chrome build)', () => {
  it.each(Object.keys(budgets) as Entry[])('%s stays within its budget', (entry) => {
    expect(sizes[entry], `${entry} is ${kb(sizes[entry])}, over its budget of ${kb(budgets[entry])}`).toBeLessThanOrEqual(budgets[entry]);
  });
});

describe('what the service worker carries', () => {
  it("holds the connectors' senders but none of their connection tests, which only the options page runs", () => {
    const worker = readFileSync(join(CHROME_BUILD, 'background.js'), 'utf8');
    // Words each sender needs, and words only the tests (lib/crm/connection-test.ts and what it loads) have.
    for (const sent of ['/crm/v3/objects/contacts/batch/upsert', '/rest/batch/people', '/composite/sobjects/']) expect(worker).toContain(sent);
    for (const tested of ['Connected to HubSpot', 'Connected to Twenty', '/rest/open-api/core', 'Connected: the webhook answered']) {
      expect(worker).not.toContain(tested);
    }
  });
});

describe('what is put into a LinkedIn page', () => {
  it('is its readers alone: no lead schema, no phone numbers, nothing that stores, sends or writes markup', () => {
    const reader = readFileSync(join(CHROME_BUILD, 'linkedin-reader.js'), 'utf8');
    expect(reader).toContain('current company');
    for (const absent of ['INVALID_COUNTRY', 'Invalid input', 'fetch(', 'XMLHttpRequest', 'sendMessage', 'postMessage', 'indexedDB', 'storage', 'innerHTML']) {
      expect(reader, `linkedin-reader.js carries ${absent}`).not.toContain(absent);
    }
  });
});
