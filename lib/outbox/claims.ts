import Dexie from 'dexie';
import { keptText } from '../lead/kept-text';
import type { LeadSchemas } from '../lead/load-schema';
import type { Lead } from '../lead/schema';
import { waitingStatuses, type WaitingStatus } from '../lead/terms';
import { allowStoredLeadsAsTheyAre, writingLeads, type OutboxDb } from './db';
import type { ClaimRange, ClaimRow } from './rows';
import { crmIdOf, keptRecord, withStatus } from './sync-state';
import { timedNow } from './timings';

// How the sync engine takes leads out of the outbox and puts back what the CRM said. A claim is
// one row for the whole batch (its leads and a lease), not a write to each lead: IndexedDB's cost
// is per record written, so each lead is written once per attempt, when its outcome is recorded.

export type ClaimedBatch = { claimId: string; leads: Lead[]; ranges: ClaimRange[] };

type Checked = { success: true } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
const problemsIn = (result: Checked, at: string) =>
  result.success ? [] : result.error.issues.map((issue) => `${[...(at ? [at] : []), ...issue.path].join('.') || 'lead'}: ${issue.message}`);

/** What today's checks find wrong with a stored lead, or nothing. */
function problemsOf({ leadSchema }: LeadSchemas, lead: Lead): string[] {
  return problemsIn(leadSchema.safeParse(lead), '');
}

/**
 * A stored lead that fails today's checks (written by an older version, or edited by hand) is not
 * sent: it is marked Needs attention, as it is, with what is wrong, so the rep can open and correct
 * it. Only this writes a lead that does not pass the schema.
 */
async function setAside(db: OutboxDb, found: ReadonlyArray<{ lead: Lead; problems: string[] }>): Promise<void> {
  if (found.length === 0) return;
  allowStoredLeadsAsTheyAre();
  await db.leads.bulkPut(
    found.map(({ lead, problems }) => ({
      ...lead,
      sync: {
        status: 'rejected' as const,
        attempts: lead.sync?.attempts ?? 0,
        message: keptText(`Fieldclip's checks refuse this lead as it is stored (${problems.join('; ')}). Edit it and save it to send it.`),
        ...(lead.sync?.crmId ? { crmId: lead.sync.crmId } : {}),
      },
    })),
  );
}

export type ClaimOptions = {
  now: number;
  limit: number;
  /** How long the claim holds before another sync may take its leads again. */
  leaseMs: number;
  /**
   * Where in the due order to start looking, by status: a run passes where its last claim ended.
   * Leads are taken in that order, so none due before it is left waiting but one that fell due
   * there meanwhile (an undone delete), which the next run sends. Reading from the start of the
   * index each time walked over the entries of every lead recorded so far in the run (IndexedDB
   * keeps a deleted index entry until it compacts), more of them with every batch.
   */
  dueFrom?: Partial<Record<WaitingStatus, number>>;
  /**
   * Leads of a batch whose outcome the same transaction records: held, whichever of the two
   * transactions' requests IndexedDB runs first (the sync claims the batch after next while it
   * records the last one).
   */
  beingRecorded?: readonly string[];
};

/**
 * Claims up to `limit` due leads in one transaction (pending leads in the order they were captured,
 * then due retries), skipping leads another live claim holds, and returns them; null when none is
 * due. The caller sends them outside the transaction and records what happened with
 * `recordDeliveries`, or gives the claim back with `releaseClaim`.
 */
export function claimDueLeads(db: OutboxDb, options: ClaimOptions): Promise<ClaimedBatch | null> {
  return writingLeads(db, [db.leads, db.claims], (schemas) => claimDueLeadsIn(db, schemas, options));
}

/**
 * `claimDueLeads` in the caller's transaction, which `writingLeads` opened over the leads and the
 * claims at least (the sync's batch transaction). Not a transaction of its own inside it: Dexie
 * runs such a nested transaction alone, holding back every other request of the one around it until
 * it is done, so the parts of a batch's transaction would run one after another.
 */
export async function claimDueLeadsIn(db: OutboxDb, schemas: LeadSchemas, { now, limit, leaseMs, dueFrom = {}, beingRecorded = [] }: ClaimOptions): Promise<ClaimedBatch | null> {
  const readPage = (status: WaitingStatus, from: number | typeof Dexie.minKey, size: number) => withStatus(db, status, now, from).limit(size).toArray();
  // Where the last claim ended, the lead it ended with is held (by it or by the batch it sent):
  // a first page that reads one more needs no second trip for the one it skips.
  const firstPageSize = (status: WaitingStatus) => limit + (dueFrom[status] === undefined ? 0 : 1);
  // The live claims and the first page, asked for at once.
  const [first] = waitingStatuses;
  let prefetched: Promise<Lead[]> | undefined = readPage(first, dueFrom[first] ?? Dexie.minKey, firstPageSize(first));
  const claims = await db.claims.toArray();
  const lapsed = claims.filter((claim) => claim.leaseUntil <= now);
  if (lapsed.length > 0) await db.claims.bulkDelete(lapsed.map((claim) => claim.id));
  const held = new Set([...beingRecorded, ...claims.filter((claim) => claim.leaseUntil > now).flatMap((claim) => claim.leads.map((lead) => lead.id))]);
  const due: Lead[] = [];
  for (const status of waitingStatuses) {
    // Read a page at a time, on from the last lead read, until enough are valid and not held by
    // another claim (the batch on its way, mostly: it ended where this one starts). Leads share
    // a due time at most by chance, so a page starts where the last one ended, among the leads
    // due then, and skips those already looked at.
    const seen = new Map<string, number>();
    let from = dueFrom[status] ?? Dexie.minKey;
    let firstPage = true;
    while (due.length < limit) {
      const seenAtFrom = [...seen.values()].filter((dueAt) => dueAt === from).length;
      const pageSize = (firstPage ? firstPageSize(status) : limit + seenAtFrom) - due.length;
      firstPage = false;
      const page = await (prefetched ?? readPage(status, from, pageSize));
      prefetched = undefined;
      const fresh = page.filter((lead) => !seen.has(lead.id) && !held.has(lead.id));
      for (const lead of page) if (lead.sync.status === status) seen.set(lead.id, lead.sync.dueAt);
      const invalid = timedNow('check', () => fresh.map((lead) => ({ lead, problems: problemsOf(schemas, lead) })).filter(({ problems }) => problems.length > 0));
      await setAside(db, invalid);
      due.push(...fresh.filter((lead) => !invalid.some((bad) => bad.lead === lead)).slice(0, limit - due.length));
      const last = page.at(-1);
      if (page.length < pageSize || last?.sync.status !== status) break;
      from = last.sync.dueAt;
    }
  }
  if (due.length === 0) return null;
  const ranges = waitingStatuses.flatMap((status): ClaimRange[] => {
    const dues = due.flatMap((lead) => (lead.sync.status === status ? [lead.sync.dueAt] : []));
    return dues.length > 0 ? [{ status, from: Math.min(...dues), to: Math.max(...dues) }] : [];
  });
  const claim: ClaimRow = { id: crypto.randomUUID(), leaseUntil: now + leaseMs, leads: due.map(({ id, updatedAt }) => ({ id, updatedAt })) };
  await db.claims.add(claim);
  return { claimId: claim.id, leads: due, ranges };
}

/** Whether any of these leads is in a batch being sent right now. */
export async function beingSent(db: OutboxDb, ids: readonly string[], now = Date.now()): Promise<boolean> {
  const claims = await db.claims.toArray();
  return claims.some((claim) => claim.leaseUntil > now && claim.leads.some((lead) => ids.includes(lead.id)));
}

export type Delivery =
  | { id: string; outcome: 'synced'; crmId?: string; crmUrl?: string }
  /** The CRM refused the lead itself: the rep must look at it. */
  | { id: string; outcome: 'rejected'; message: string }
  /**
   * The lead may have arrived or not: send it again at `retryAt`, with the same id; never before
   * `notBefore` when the CRM set a time (even on "Sync now").
   */
  | { id: string; outcome: 'failed'; error: string; retryAt: number; notBefore?: number };

/**
 * Records what happened to a claimed batch and ends the claim, in one transaction. Skipped: leads
 * deleted meanwhile, and every lead of a claim that is no longer there (its lease ran out, or a
 * restarted worker gave it back): those leads are simply sent again, with the same ids. A lead the
 * rep edited while it was on its way goes again too, so the CRM gets the newer version.
 *
 * Each outcome is written onto the lead as it was claimed, unless the claim notes that it changed
 * since (every change to a claimed lead is noted on its claim, db.ts): those are read again, as
 * they are now. So a lead is read once and written once per attempt, and nothing the rep changed
 * meanwhile is overwritten.
 */
export function recordDeliveries(db: OutboxDb, batch: ClaimedBatch, deliveries: readonly Delivery[], now = Date.now()): Promise<void> {
  return writingLeads(db, [db.leads, db.claims], (schemas) => recordDeliveriesIn(db, schemas, batch, deliveries, now));
}

/** `recordDeliveries` in the caller's transaction, as `claimDueLeadsIn`. */
export async function recordDeliveriesIn(db: OutboxDb, schemas: LeadSchemas, batch: ClaimedBatch, deliveries: readonly Delivery[], now: number): Promise<void> {
  const [claim] = await Dexie.Promise.all([db.claims.get(batch.claimId), db.claims.delete(batch.claimId)]);
  if (!claim) return;
  const sentVersion = new Map(claim.leads.map((lead) => [lead.id, lead.updatedAt]));
  const recorded = deliveries.filter((delivery) => sentVersion.has(delivery.id));
  const leads = await claimedLeadsNow(db, batch, claim.changed ?? [], recorded.map((delivery) => delivery.id));
  const updated: Lead[] = [];
  recorded.forEach((delivery, index) => {
    const lead = leads[index];
    if (!lead || (lead.sync.status !== 'pending' && lead.sync.status !== 'failed')) return;
    const attempts = lead.sync.attempts + 1;
    const known = crmIdOf(lead.sync);
    const edited = lead.updatedAt !== sentVersion.get(lead.id);
    const sync: Lead['sync'] = (() => {
      switch (delivery.outcome) {
        case 'synced': {
          // An id longer than any CRM's is no id: cut, it would name another record. The lead is synced all the same.
          // The record's link comes with its id; the same record keeps the link it had when the answer gives none.
          const answered = keptRecord(schemas, delivery.crmId, delivery.crmUrl, delivery.crmId === known.crmId ? known.crmUrl : undefined);
          const crmId = answered.crmId ? answered : known;
          if (edited) return { status: 'pending', attempts, dueAt: now, ...crmId };
          return { status: 'synced', attempts, syncedAt: now, ...crmId };
        }
        case 'rejected':
          if (edited) return { status: 'pending', attempts, dueAt: now, ...known };
          return { status: 'rejected', attempts, message: keptText(delivery.message), ...known };
        case 'failed':
          return {
            status: 'failed',
            attempts,
            dueAt: delivery.retryAt,
            ...(delivery.notBefore === undefined ? {} : { notBefore: delivery.notBefore }),
            lastError: keptText(delivery.error),
            ...known,
          };
      }
    })();
    updated.push({ ...lead, sync });
  });
  // Each lead's new sync state checked on its own: one that fails cannot undo what the others'
  // answers recorded. (The rest of each lead passed the checks when it was claimed, or when the
  // rep's edit wrote it meanwhile.)
  const invalid = timedNow('check', () =>
    updated.map((lead) => ({ lead, problems: problemsIn(schemas.syncStateSchema.safeParse(lead.sync), 'sync') })).filter(({ problems }) => problems.length > 0),
  );
  await setAside(db, invalid);
  allowStoredLeadsAsTheyAre();
  await db.leads.bulkPut(updated.filter((lead) => !invalid.some((bad) => bad.lead === lead)));
}

/**
 * The claimed leads as stored now, in the order of `ids` (undefined for one deleted meanwhile): the
 * copies the claim took, but those its claim notes as `changed`, read again.
 */
function claimedLeadsNow(db: OutboxDb, batch: ClaimedBatch, changed: readonly string[], ids: readonly string[]): Promise<Array<Lead | undefined>> {
  const claimed = new Map(batch.leads.map((lead) => [lead.id, lead]));
  const byId = (now: ReadonlyMap<string, Lead | undefined>) => ids.map((id) => (now.has(id) ? now.get(id) : claimed.get(id)));
  // Dexie's promise (no async function): inside the recording transaction, an await of another
  // promise between two requests would let IndexedDB commit it.
  if (changed.length === 0) return Dexie.Promise.resolve(byId(new Map()));
  return db.leads.bulkGet([...changed]).then((leads) => byId(new Map(changed.map((id, i) => [id, leads[i]]))));
}

/** Gives a claim back untouched: the sync was stopped (cancelled, or the CRM's credentials need the rep). */
export function releaseClaim(db: OutboxDb, claimId: string): Promise<void> {
  return db.claims.delete(claimId);
}

/**
 * Gives back every claim: for a worker that has just started, no sync of its own is running, so a
 * claim still there was left by one that died (browser closed, worker killed). Returns how many
 * leads it held.
 */
export function releaseAllClaims(db: OutboxDb): Promise<number> {
  return db.transaction('rw', db.claims, async () => {
    const claims = await db.claims.toArray();
    await db.claims.clear();
    return claims.reduce((count, claim) => count + claim.leads.length, 0);
  });
}
