import Dexie from 'dexie';
import type { LeadSchemas } from '../lead/load-schema';
import type { Lead, SyncStatus } from '../lead/schema';
import { CRM_ID_MAX } from '../lead/terms';
import type { OutboxDb } from './db';

// Reading a lead's sync state: shared by the outbox's own functions and the sync engine's claims.

/** The CRM record a lead's sync state names (its id, and its link when known), as a spreadable part of the next state. */
export function crmIdOf(sync: Lead['sync']): { crmId?: string; crmUrl?: string } {
  return { ...(sync.crmId ? { crmId: sync.crmId } : {}), ...(sync.crmUrl ? { crmUrl: sync.crmUrl } : {}) };
}

/** A link to a CRM record as the outbox keeps it: an http(s) address of sensible length, else nothing. */
function keptCrmUrl({ crmUrlSchema }: LeadSchemas, url: string | undefined): { crmUrl?: string } {
  return url !== undefined && crmUrlSchema.safeParse(url).success ? { crmUrl: url } : {};
}

/**
 * A CRM record as the outbox keeps it: its id and its link, or nothing when the id is longer than any
 * CRM's (cut, it would name another record). `fallbackUrl` is kept when the link given is not one.
 */
export function keptRecord(schemas: LeadSchemas, crmId: string | undefined, crmUrl: string | undefined, fallbackUrl?: string): { crmId?: string; crmUrl?: string } {
  if (!crmId || crmId.length > CRM_ID_MAX) return {};
  const link = keptCrmUrl(schemas, crmUrl);
  return { crmId, ...(link.crmUrl ? link : fallbackUrl ? { crmUrl: fallbackUrl } : {}) };
}

/** Leads with this sync status, in the order they fall due (up to `dueBy`, from `dueFrom`). */
export function withStatus(db: OutboxDb, status: SyncStatus, dueBy: number | typeof Dexie.maxKey = Dexie.maxKey, dueFrom: number | typeof Dexie.minKey = Dexie.minKey) {
  return db.leads.where('[sync.status+sync.dueAt]').between([status, dueFrom], [status, dueBy], true, true);
}
