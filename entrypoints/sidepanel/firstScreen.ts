import Dexie from 'dexie';
import type { Lead } from '../../lib/lead/schema';
import { outboxDb } from '../../lib/outbox/db';
import { newestLeads } from '../../lib/outbox/filter';

// What the rep waits for on opening the panel is the list's first screen. Its read starts as the
// panel's code starts (main.tsx), before React renders anything: opening the outbox and reading 40
// leads then overlap the first render instead of following it. IndexedDB answers a page's reads
// one after another, so the panel's other first reads (the waiting count reads the index entry of
// every waiting lead: over 100 ms with 10,000) are asked for once this one has its answer.

/** How many leads the list reads for its first screen. */
export const FIRST_PAGE = 40;

export type FirstScreen = {
  /** Starts the read, once; main.tsx calls it before the first render. */
  start(): void;
  /** The list's first screen: the read started early the first time (unless the outbox changed since, or it failed); a new read otherwise. */
  read(): Promise<Lead[]>;
  /** Runs `query` once the early read has its answer (at once when none was started). */
  after<T>(query: () => Promise<T>): Promise<T>;
};

export function firstScreenOf(readPage: () => Promise<Lead[]>): FirstScreen {
  let early: Promise<Lead[]> | undefined;
  let answered: Promise<unknown> = Promise.resolve();
  // A change announced after the read began may be missing from it: it is read again.
  const changed = () => {
    early = undefined;
    Dexie.on('storagemutated').unsubscribe(changed);
  };
  return {
    start() {
      if (early) return;
      Dexie.on('storagemutated', changed);
      early = readPage();
      answered = early.catch(() => undefined);
    },
    read() {
      if (!early) return readPage();
      const read = early.catch(() => readPage());
      changed();
      return read;
    },
    after: (query) => answered.then(query),
  };
}

/** The side panel's. */
export const firstScreen = firstScreenOf(() => newestLeads(outboxDb(), FIRST_PAGE));
