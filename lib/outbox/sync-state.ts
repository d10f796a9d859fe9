import Dexie from 'dexie';
import type { Lead, SyncStatus } from '../lead/schema';
import type { OutboxDb } from './db';

// Reading a lead's sync state: shared by the outbox's own functions and the sync engine's claims.

/** The CRM id a lead's sync state carries, as a spreadable part of the next state. */
export function crmIdOf(sync: Lead['sync']): { crmId?: string } {
  return sync.crmId ? { crmId: sync.crmId } : {};
}

/** Leads with this sync status, in the order they fall due (up to `dueBy`). */
export function withStatus(db: OutboxDb, status: SyncStatus, dueBy: number | typeof Dexie.maxKey = Dexie.maxKey) {
  return db.leads.where('[sync.status+sync.dueAt]').between([status, Dexie.minKey], [status, dueBy], true, true);
}
