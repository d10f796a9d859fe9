import Dexie from 'dexie';
import { withNameParts } from '../lead/name';
import { leadInputSchema, type Lead, type LeadInput, type SyncStatus, waitingStatuses } from '../lead/schema';
import type { OutboxDb } from './db';
import { personKey, searchRowOf } from './search';

/** The CRM id a lead's sync state carries, as a spreadable part of the next state. */
function crmIdOf(sync: Lead['sync']): { crmId?: string } {
  return sync.crmId ? { crmId: sync.crmId } : {};
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Stores several new leads in one transaction: all of them, or none. */
export async function addLeads(db: OutboxDb, inputs: readonly LeadInput[], now = Date.now()): Promise<Lead[]> {
  const leads = inputs.map((input, i): Lead => {
    const parsed = withNameParts(withoutUndefined(leadInputSchema.parse(input)));
    return { ...parsed, id: crypto.randomUUID(), createdAt: now + i, updatedAt: now + i, sync: { status: 'pending', attempts: 0, dueAt: now + i } };
  });
  await db.transaction('rw', db.leads, db.leadSearch, async () => {
    await db.leads.bulkAdd(leads);
    await db.leadSearch.bulkPut(leads.map(searchRowOf));
  });
  return leads;
}

/** Stores a new lead, pending sync. Throws a ZodError for input that is not a valid lead. */
export async function addLead(db: OutboxDb, input: LeadInput, now = Date.now()): Promise<Lead> {
  const [lead] = await addLeads(db, [input], now);
  return lead!;
}

/** Writes a lead and its search row together. Call inside a transaction over both tables. */
async function putLead(db: OutboxDb, lead: Lead): Promise<void> {
  await db.leads.put(lead);
  await db.leadSearch.put(searchRowOf(lead));
}

/**
 * Replaces what the rep can edit of a lead, keeping its id (so the CRM updates the same record)
 * and its creation time. A lead the CRM already had, or refused, goes back to pending so the
 * change reaches it.
 */
export async function updateLead(db: OutboxDb, id: string, input: LeadInput, now = Date.now()): Promise<Lead> {
  const parsed = withNameParts(withoutUndefined(leadInputSchema.parse(input)));
  return db.transaction('rw', db.leads, db.leadSearch, async () => {
    const existing = await db.leads.get(id);
    if (!existing) throw new Error('That lead is no longer in the outbox');
    const sync: Lead['sync'] =
      existing.sync.status === 'synced' || existing.sync.status === 'rejected'
        ? { status: 'pending', attempts: existing.sync.attempts, dueAt: now, ...crmIdOf(existing.sync) }
        : existing.sync;
    const lead: Lead = { ...parsed, id, createdAt: existing.createdAt, updatedAt: now, sync };
    await putLead(db, lead);
    return lead;
  });
}

export type EventTag = { eventName: string; eventDate?: string; eventLocation?: string };

/** Re-tags a lead with another event (met at the party, not the show): same lead, new source. */
export function moveToEvent(db: OutboxDb, id: string, event: EventTag, now = Date.now()): Promise<Lead> {
  return db.transaction('rw', db.leads, db.leadSearch, async () => {
    const lead = await db.leads.get(id);
    if (!lead) throw new Error('That lead is no longer in the outbox');
    if (!isEditable(lead)) throw new Error(lead.sync.status === 'synced' ? 'A synced lead stays, read-only' : 'That lead is being sent right now');
    const { id: _id, createdAt: _created, updatedAt: _updated, sync: _sync, ...input } = lead;
    return updateLead(db, id, { ...input, source: { kind: 'event', ...withoutUndefined(event) } }, now);
  });
}

/** Leads the rep may still change: not being sent right now, and not yet in the CRM. */
export function isEditable(lead: Lead): boolean {
  return lead.sync.status !== 'syncing' && lead.sync.status !== 'synced';
}

/** Removes a lead the CRM does not have yet, and returns it so the rep can undo. */
export function deleteLead(db: OutboxDb, id: string): Promise<Lead> {
  return db.transaction('rw', db.leads, db.leadSearch, async () => {
    const lead = await db.leads.get(id);
    if (!lead) throw new Error('That lead is no longer in the outbox');
    if (!isEditable(lead)) throw new Error(lead.sync.status === 'synced' ? 'A synced lead stays, read-only' : 'That lead is being sent right now');
    await db.leads.delete(id);
    await db.leadSearch.delete(id);
    return lead;
  });
}

/** Undo of a delete: the lead comes back exactly as it was, id and all. */
export function restoreLead(db: OutboxDb, lead: Lead): Promise<void> {
  return db.transaction('rw', db.leads, db.leadSearch, () => putLead(db, lead));
}

/**
 * A lead already in the outbox for the same person: same LinkedIn profile, same email, or the
 * same name at the same company.
 */
export async function findDuplicate(
  db: OutboxDb,
  { exceptId, ...prospect }: Pick<Lead, 'linkedinUrl' | 'email' | 'fullName' | 'firstName' | 'lastName' | 'company'> & { exceptId?: string },
): Promise<Lead | undefined> {
  const { linkedinUrl, email } = prospect;
  const person = personKey(prospect);
  const ids = [
    ...(linkedinUrl ? await db.leads.where('linkedinUrl').equals(linkedinUrl).limit(5).primaryKeys() : []),
    ...(email ? await db.leads.where('email').equalsIgnoreCase(email).limit(5).primaryKeys() : []),
    ...(person ? await db.leadSearch.where('person').equals(person).limit(5).primaryKeys() : []),
  ];
  const id = ids.find((candidate) => candidate !== exceptId);
  return id === undefined ? undefined : db.leads.get(id);
}

/** For each lead, another one in the outbox that is likely the same person. */
export async function likelyDuplicates(db: OutboxDb, leads: readonly Lead[]): Promise<Map<string, Lead>> {
  // One read transaction for all of them: each transaction of the panel's delays the sync's writes.
  const found = await db.transaction('r', db.leads, db.leadSearch, () => Promise.all(leads.map((lead) => findDuplicate(db, { ...lead, exceptId: lead.id }))));
  return new Map(leads.flatMap((lead, i) => (found[i] ? [[lead.id, found[i]] as const] : [])));
}

function withStatus(db: OutboxDb, status: SyncStatus, dueBy: number | typeof Dexie.maxKey = Dexie.maxKey) {
  return db.leads.where('[sync.status+sync.dueAt]').between([status, Dexie.minKey], [status, dueBy], true, true);
}

/** Leads that have not reached the CRM yet and will be sent without the rep doing anything. */
export async function waitingCount(db: OutboxDb): Promise<number> {
  const counts = await db.transaction('r', db.leads, () => Promise.all(waitingStatuses.map((status) => withStatus(db, status).count())));
  return counts.reduce((sum, count) => sum + count, 0);
}

export type ClaimOptions = {
  now: number;
  limit: number;
  /** How long the claim holds before another sync may take the lead again (a killed worker's leads). */
  leaseMs: number;
};

/**
 * Marks up to `limit` due leads as syncing, in one transaction, and returns them: claims whose
 * lease ran out first, then pending leads in the order they were captured, then due retries.
 * The caller sends them outside the transaction and records what happened with `recordDeliveries`.
 */
export function claimDueLeads(db: OutboxDb, { now, limit, leaseMs }: ClaimOptions): Promise<Lead[]> {
  return db.transaction('rw', db.leads, async () => {
    const due: Lead[] = [];
    for (const status of ['syncing', 'pending', 'failed'] as const) {
      if (due.length >= limit) break;
      due.push(...(await withStatus(db, status, now).limit(limit - due.length).toArray()));
    }
    const claimed = due.map(
      (lead): Lead => ({ ...lead, sync: { status: 'syncing', attempts: lead.sync.attempts, dueAt: now + leaseMs, ...crmIdOf(lead.sync) } }),
    );
    await db.leads.bulkPut(claimed);
    return claimed;
  });
}

/** "Sync now": failed leads are due again at once, whatever their backoff said. */
export function makeRetriesDueNow(db: OutboxDb, now: number): Promise<number> {
  return withStatus(db, 'failed').modify((lead: Lead) => {
    if (lead.sync.status === 'failed') lead.sync.dueAt = Math.min(lead.sync.dueAt, now);
  });
}

/**
 * Gives back every claim: for a worker that has just started, no sync of its own is running, so a
 * lead still "syncing" was left by one that died (browser closed, worker killed).
 */
export function releaseAllClaims(db: OutboxDb, now: number): Promise<number> {
  return withStatus(db, 'syncing').modify((lead: Lead) => {
    lead.sync = { status: 'pending', attempts: lead.sync.attempts, dueAt: now, ...crmIdOf(lead.sync) };
  });
}

/** When the next retry falls due, if any lead waits for one. */
export async function nextRetryAt(db: OutboxDb): Promise<number | undefined> {
  const first = await withStatus(db, 'failed').first();
  return first?.sync.status === 'failed' ? first.sync.dueAt : undefined;
}

export type Delivery =
  | { id: string; outcome: 'synced'; crmId?: string }
  /** The CRM refused the lead itself: the rep must look at it. */
  | { id: string; outcome: 'rejected'; message: string }
  /** The lead may have arrived or not: send it again at `retryAt`, with the same id. */
  | { id: string; outcome: 'failed'; error: string; retryAt: number }
  /** Nothing is wrong with the lead, the sync was stopped (cancelled, or the CRM's credentials need the rep). */
  | { id: string; outcome: 'released' };

/** Records what happened to claimed leads, in one transaction. Leads deleted meanwhile are skipped. */
export function recordDeliveries(db: OutboxDb, deliveries: readonly Delivery[], now = Date.now()): Promise<void> {
  return db.transaction('rw', db.leads, async () => {
    const leads = await db.leads.bulkGet(deliveries.map((delivery) => delivery.id));
    const updated: Lead[] = [];
    deliveries.forEach((delivery, index) => {
      const lead = leads[index];
      if (!lead || lead.sync.status !== 'syncing') return;
      const attempts = lead.sync.attempts + 1;
      const known = crmIdOf(lead.sync);
      const sync: Lead['sync'] = (() => {
        switch (delivery.outcome) {
          case 'synced':
            return { status: 'synced', attempts, syncedAt: now, ...(delivery.crmId ? { crmId: delivery.crmId } : known) };
          case 'rejected':
            return { status: 'rejected', attempts, message: delivery.message, ...known };
          case 'failed':
            return { status: 'failed', attempts, dueAt: delivery.retryAt, lastError: delivery.error, ...known };
          case 'released':
            return { status: 'pending', attempts: lead.sync.attempts, dueAt: now, ...known };
        }
      })();
      updated.push({ ...lead, sync });
    });
    await db.leads.bulkPut(updated);
  });
}
