import Dexie from 'dexie';
import { useEffect, useState } from 'react';

const THROTTLE_MS = 300;

/**
 * Like dexie-react-hooks' useLiveQuery, but re-runs at most every 300 ms. A bulk sync changes
 * thousands of leads in seconds; re-running the panel's queries on every change made the sync
 * itself four times slower (see `npm run bench`).
 */
export function useOutboxQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [result, setResult] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
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
      timer ??= setTimeout(() => {
        timer = undefined;
        void run();
      }, THROTTLE_MS);
    };
    void run();
    // Fired for this page's writes and, through Dexie's broadcast, for the service worker's.
    const onMutated = () => schedule();
    Dexie.on('storagemutated', onMutated);
    return () => {
      live = false;
      clearTimeout(timer);
      Dexie.on('storagemutated').unsubscribe(onMutated);
    };
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps -- the caller names the query's inputs
  return result;
}
