// What a sync spends its time on, part by part, as User Timing measures named `fieldclip.sync.<part>`:
// the browser's performance tools show them on the worker's timeline, and `npm run bench` adds them
// up for a 10,000-lead sync. A sync clears the last one's first, so they never pile up in the worker.

export const syncParts = [
  /** Taking the next batch: reading due leads, checking them, writing the claim row. */
  'claim',
  /** Of which: checking the leads against the lead schema. */
  'check',
  /** The connector's request: mapping the leads, sending, reading the answer. */
  'send',
  /** Writing each lead's outcome and ending the claim. */
  'record',
  /** The sync log's line for the batch. */
  'log',
  /** The transaction that records a batch, its log line and the next claim, from opening to commit. */
  'batchTransaction',
] as const;
export type SyncPart = (typeof syncParts)[number];

export const syncMeasureName = (part: SyncPart) => `fieldclip.sync.${part}`;

export function clearSyncTimings(): void {
  for (const part of syncParts) performance.clearMeasures(syncMeasureName(part));
}

/**
 * Runs `work`, measured as this part of the sync. Its promise is chained, not awaited in an async
 * function: inside a transaction, a Dexie promise stays one, and the transaction stays current.
 */
export function timed<T>(part: SyncPart, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const measure = () => performance.measure(syncMeasureName(part), { start, end: performance.now() });
  return work().then(
    (value) => (measure(), value),
    (error: unknown) => {
      measure();
      throw error;
    },
  );
}

/** Runs synchronous `work`, measured as this part of the sync. */
export function timedNow<T>(part: SyncPart, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    performance.measure(syncMeasureName(part), { start, end: performance.now() });
  }
}
