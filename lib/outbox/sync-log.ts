import type { OutboxDb } from './db';
import type { SyncLogEntry } from './rows';

export type { SyncLogEntry } from './rows';

export const SYNC_LOG_SIZE = 200;

/**
 * Adds an attempt and keeps only the last SYNC_LOG_SIZE, in the caller's transaction when there is
 * one (the sync's batch transaction). Not a transaction of its own inside it: Dexie runs such a
 * nested transaction alone, holding back every other request of the one around it until it is done.
 */
export async function appendSyncLog(db: OutboxDb, entry: Omit<SyncLogEntry, 'id'>): Promise<void> {
  const id = await db.syncLog.add(entry);
  // Trimmed every few entries, not on every one: a bulk sync appends hundreds.
  if (id === undefined || id % 10 !== 0) return;
  const excess = (await db.syncLog.count()) - SYNC_LOG_SIZE;
  if (excess > 0) await db.syncLog.orderBy('id').limit(excess).delete();
}

/** The last attempts, newest first; never more than SYNC_LOG_SIZE. */
export function recentSyncLog(db: OutboxDb, limit = SYNC_LOG_SIZE): Promise<SyncLogEntry[]> {
  return db.syncLog.orderBy('id').reverse().limit(Math.min(limit, SYNC_LOG_SIZE)).toArray();
}
