import Dexie, { type ObservabilitySet } from 'dexie';
import type { OutboxDb } from '../../lib/outbox/db';
import { useEffect, useState } from 'react';

const THROTTLE_MS = 300;

// While a bulk write runs in this page (a CSV import), the live queries wait and run once after it:
// re-reading the list after each step of leads made a 100,000-row import many times slower.
let holds = 0;
const heldBack = new Set<() => void>();

/** Holds every live query of this page until the returned function is called; they then run once. */
export function holdOutboxQueries(): () => void {
  holds += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds -= 1;
    if (holds > 0) return;
    const waiting = [...heldBack];
    heldBack.clear();
    for (const run of waiting) run();
  };
}

type OutboxTable = { [Name in keyof OutboxDb]: OutboxDb[Name] extends Dexie.Table ? Name : never }[keyof OutboxDb];

/**
 * Whether a change Dexie announces touches one of these tables. Its parts are named
 * `idb://<database>/<table>/<index>`; a change it cannot place names no table and counts as any.
 */
export function changesAny(parts: ObservabilitySet | undefined, tables: readonly string[]): boolean {
  const names = Object.keys(parts ?? {});
  if (names.length === 0) return true;
  return names.some((part) => {
    const table = /^idb:\/\/[^/]*\/([^/]+)\//.exec(part)?.[1];
    return table === undefined || tables.includes(table);
  });
}

/** While the outbox changes without pause (a bulk sync, an import), re-run this seldom instead. */
const BUSY_THROTTLE_MS = 2_000;
const BUSY_WINDOW_MS = 1_000;
const BUSY_CHANGES = 4;

/**
 * Like dexie-react-hooks' useLiveQuery, but re-runs at most every 300 ms (the first change after a
 * quiet spell at once), and every 2 s while the outbox is changing without pause. A bulk sync
 * changes thousands of leads in seconds: every read of the panel's makes the service worker's next
 * write wait, and re-running the panel's queries on every change made the sync itself several
 * times slower (see `npm run bench`).
 *
 * `changedBy` names the tables whose changes can change the query's answer, when not every table's
 * can: it then runs again only for a change to one of them. A sync writes leads' sync states (and
 * its claims and log), never their search rows, which every other change to a lead writes too: a
 * query whose answer only such a change alters (the events, duplicates, the list's order) does not
 * run during a sync at all.
 */
export function useOutboxQuery<T>(query: () => Promise<T>, deps: readonly unknown[], { changedBy }: { changedBy?: readonly OutboxTable[] } = {}): T | undefined {
  const [result, setResult] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let recentChanges: number[] = [];
    let lastRun = 0;
    let lastTook = 0;
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      lastRun = Date.now();
      try {
        const value = await query();
        if (live) setResult(value);
      } finally {
        running = false;
        lastTook = Date.now() - lastRun;
        if (again && live) {
          again = false;
          schedule();
        }
      }
    };
    const schedule = () => {
      const busy = recentChanges.length >= BUSY_CHANGES;
      // A query that takes long (the Results tables read every lead) waits twice its own time
      // between runs: the outbox is left to the writer (an outcome refresh, a sync) at least two
      // thirds of the time, however slowly that writer's changes come.
      const wait = Math.max(busy ? BUSY_THROTTLE_MS : THROTTLE_MS, 2 * lastTook);
      // The first change after a quiet spell (the rep saved a lead) is shown at once; changes that
      // follow within the window wait for its end, as before.
      if (!busy && timer === undefined && !running && Date.now() - lastRun >= wait) {
        void run();
        return;
      }
      timer ??= setTimeout(() => {
        timer = undefined;
        void run();
      }, wait);
    };
    void run();
    // Fired for this page's writes and, through Dexie's broadcast, for the service worker's.
    const onMutated = (parts: ObservabilitySet) => {
      if (changedBy && !changesAny(parts, changedBy)) return;
      if (holds > 0) {
        heldBack.add(schedule);
        return;
      }
      const now = Date.now();
      recentChanges = [...recentChanges.filter((at) => now - at < BUSY_WINDOW_MS), now];
      schedule();
    };
    Dexie.on('storagemutated', onMutated);
    return () => {
      live = false;
      heldBack.delete(schedule);
      clearTimeout(timer);
      Dexie.on('storagemutated').unsubscribe(onMutated);
    };
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps -- the caller names the query's inputs
  return result;
}
