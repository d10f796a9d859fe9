import Dexie from 'dexie';
import { useEffect, useState } from 'react';

const THROTTLE_MS = 300;
/** While the outbox changes without pause (a bulk sync, an import), re-run this seldom instead. */
const BUSY_THROTTLE_MS = 2_000;
const BUSY_WINDOW_MS = 1_000;
const BUSY_CHANGES = 4;

/**
 * Like dexie-react-hooks' useLiveQuery, but re-runs at most every 300 ms, and every 2 s while the
 * outbox is changing without pause. A bulk sync changes thousands of leads in seconds: every read
 * of the panel's makes the service worker's next write wait, and re-running the panel's queries on
 * every change made the sync itself several times slower (see `npm run bench`).
 */
export function useOutboxQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [result, setResult] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let recentChanges: number[] = [];
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        const value = await query();
        if (live) setResult(value);
      } finally {
        running = false;
        if (again && live) {
          again = false;
          schedule();
        }
      }
    };
    const schedule = () => {
      const busy = recentChanges.length >= BUSY_CHANGES;
      timer ??= setTimeout(
        () => {
          timer = undefined;
          void run();
        },
        busy ? BUSY_THROTTLE_MS : THROTTLE_MS,
      );
    };
    void run();
    // Fired for this page's writes and, through Dexie's broadcast, for the service worker's.
    const onMutated = () => {
      const now = Date.now();
      recentChanges = [...recentChanges.filter((at) => now - at < BUSY_WINDOW_MS), now];
      schedule();
    };
    Dexie.on('storagemutated', onMutated);
    return () => {
      live = false;
      clearTimeout(timer);
      Dexie.on('storagemutated').unsubscribe(onMutated);
    };
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps -- the caller names the query's inputs
  return result;
}
