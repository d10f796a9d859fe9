// Reading and seeding the extension's IndexedDB from one of its pages, for tests that need a
// thousand leads in the outbox (typing them would test nothing more) or the exact stored state.
// The panel must have opened the database once (it has, once its list shows).

import type { Lead } from '../../../lib/lead/schema';
import { searchRowOf } from '../../../lib/outbox/search';

/** A page of the extension in Chromium (Playwright) or in Firefox (puppeteer): both run a script given as text. */
export type ExtensionPage = { evaluate(script: string): Promise<unknown> };

/** Runs `fn(arg)` in the page. `fn` travels as its source text: it must use nothing from outside. */
function inPage<A, R>(page: ExtensionPage, fn: (arg: A) => Promise<R>, arg: A): Promise<R> {
  return page.evaluate(`(${fn.toString()})(${JSON.stringify(arg)})`) as Promise<R>;
}

type StoredLead = { id: string; company?: string; sync: { status: string; attempts: number } };

/**
 * The `i`th seeded lead, captured at `capturedAt` and due then: a valid pending lead as the capture
 * form would store it. The bench sends the same leads from memory, so the payloads match exactly.
 */
export function seededLead(i: number, capturedAt: number): Lead {
  return {
    id: crypto.randomUUID(),
    createdAt: capturedAt,
    updatedAt: capturedAt,
    company: `Seeded Company ${i}`,
    fullName: `Seeded Person ${i}`,
    firstName: 'Seeded',
    lastName: `Person ${i}`,
    source: { kind: 'event', eventName: 'Reliability Expo' },
    qualification: { level: 'raw', budget: false, authority: false, need: false, timing: false },
    capture: {},
    sync: { status: 'pending', attempts: 0, dueAt: capturedAt },
  };
}

/**
 * Adds `count` seeded leads (`seededLead`), each with its search row, made by the outbox's own
 * code: captured a millisecond apart, the last at `now`, so every one is due when the test starts.
 */
export function seedLeads(page: ExtensionPage, count: number, now = Date.now()): Promise<void> {
  const leads = Array.from({ length: count }, (_, i) => seededLead(i, now - count + 1 + i));
  return inPage(
    page,
    ({ leads, rows }: { leads: unknown[]; rows: unknown[] }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fieldclip');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['leads', 'leadSearch'], 'readwrite');
          for (const lead of leads) tx.objectStore('leads').put(lead);
          for (const row of rows) tx.objectStore('leadSearch').put(row);
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => (db.close(), reject(tx.error));
        };
      }),
    { leads, rows: leads.map(searchRowOf) },
  );
}

export function storedLeads(page: ExtensionPage): Promise<StoredLead[]> {
  return inPage(
    page,
    () =>
      new Promise<StoredLead[]>((resolve, reject) => {
        const open = indexedDB.open('fieldclip');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('leads').objectStore('leads').getAll();
          request.onsuccess = () => (db.close(), resolve(request.result as StoredLead[]));
          request.onerror = () => (db.close(), reject(request.error));
        };
      }),
    undefined,
  );
}

export async function statusCounts(page: ExtensionPage): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const lead of await storedLeads(page)) counts[lead.sync.status] = (counts[lead.sync.status] ?? 0) + 1;
  return counts;
}

/**
 * As if `ms` had passed for the sync engine: every waiting lead's next try (and the soonest its CRM
 * allowed) moves that much earlier. For waits a test cannot sit through (a CRM's `Retry-After`).
 */
export function passTimeForRetries(page: ExtensionPage, ms: number): Promise<void> {
  return inPage(
    page,
    (ms: number) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fieldclip');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('leads', 'readwrite');
          const request = tx.objectStore('leads').openCursor();
          request.onsuccess = () => {
            const cursor = request.result;
            if (!cursor) return;
            const lead = cursor.value as { sync: { status: string; dueAt?: number; notBefore?: number } };
            if (lead.sync.dueAt !== undefined) lead.sync.dueAt -= ms;
            if (lead.sync.notBefore !== undefined) lead.sync.notBefore -= ms;
            cursor.update(lead);
            cursor.continue();
          };
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => (db.close(), reject(tx.error));
        };
      }),
    ms,
  );
}
