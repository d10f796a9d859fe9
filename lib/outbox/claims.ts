import type { Lead } from '../lead/schema';
import type { OutboxDb } from './db';
import type { ClaimRow } from './rows';
import { crmIdOf, withStatus } from './sync-state';

// How the sync engine takes leads out of the outbox and puts back what the CRM said. A claim is
// one row for the whole batch (its leads and a lease), not a write to each lead: IndexedDB's cost
// is per record written, so each lead is written once per attempt, when its outcome is recorded.

export type ClaimedBatch = { claimId: string; leads: Lead[] };

export type ClaimOptions = {
  now: number;
  limit: number;
  /** How long the claim holds before another sync may take its leads again. */
  leaseMs: number;
};

/**
 * Claims up to `limit` due leads in one transaction (pending leads in the order they were captured,
 * then due retries), skipping leads another live claim holds, and returns them; null when none is
 * due. The caller sends them outside the transaction and records what happened with
 * `recordDeliveries`, or gives the claim back with `releaseClaim`.
 */
export function claimDueLeads(db: OutboxDb, { now, limit, leaseMs }: ClaimOptions): Promise<ClaimedBatch | null> {
  return db.transaction('rw', db.leads, db.claims, async () => {
    const claims = await db.claims.toArray();
    const lapsed = claims.filter((claim) => claim.leaseUntil <= now);
    if (lapsed.length > 0) await db.claims.bulkDelete(lapsed.map((claim) => claim.id));
    const held = new Set(claims.filter((claim) => claim.leaseUntil > now).flatMap((claim) => claim.leads.map((lead) => lead.id)));
    const due: Lead[] = [];
    for (const status of ['pending', 'failed'] as const) {
      if (due.length >= limit) break;
      const found = await withStatus(db, status, now)
        .limit(limit - due.length + held.size)
        .toArray();
      due.push(...found.filter((lead) => !held.has(lead.id)).slice(0, limit - due.length));
    }
    if (due.length === 0) return null;
    const claim: ClaimRow = { id: crypto.randomUUID(), leaseUntil: now + leaseMs, leads: due.map(({ id, updatedAt }) => ({ id, updatedAt })) };
    await db.claims.add(claim);
    return { claimId: claim.id, leads: due };
  });
}

/** Whether any of these leads is in a batch being sent right now. */
export async function beingSent(db: OutboxDb, ids: readonly string[], now = Date.now()): Promise<boolean> {
  const claims = await db.claims.toArray();
  return claims.some((claim) => claim.leaseUntil > now && claim.leads.some((lead) => ids.includes(lead.id)));
}

export type Delivery =
  | { id: string; outcome: 'synced'; crmId?: string }
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
 */
export function recordDeliveries(db: OutboxDb, claimId: string, deliveries: readonly Delivery[], now = Date.now()): Promise<void> {
  return db.transaction('rw', db.leads, db.claims, async () => {
    const claim = await db.claims.get(claimId);
    if (!claim) return;
    await db.claims.delete(claimId);
    const sentVersion = new Map(claim.leads.map((lead) => [lead.id, lead.updatedAt]));
    const recorded = deliveries.filter((delivery) => sentVersion.has(delivery.id));
    const leads = await db.leads.bulkGet(recorded.map((delivery) => delivery.id));
    const updated: Lead[] = [];
    recorded.forEach((delivery, index) => {
      const lead = leads[index];
      if (!lead || (lead.sync.status !== 'pending' && lead.sync.status !== 'failed')) return;
      const attempts = lead.sync.attempts + 1;
      const known = crmIdOf(lead.sync);
      const edited = lead.updatedAt !== sentVersion.get(lead.id);
      const sync: Lead['sync'] = (() => {
        switch (delivery.outcome) {
          case 'synced':
            if (edited) return { status: 'pending', attempts, dueAt: now, ...(delivery.crmId ? { crmId: delivery.crmId } : known) };
            return { status: 'synced', attempts, syncedAt: now, ...(delivery.crmId ? { crmId: delivery.crmId } : known) };
          case 'rejected':
            if (edited) return { status: 'pending', attempts, dueAt: now, ...known };
            return { status: 'rejected', attempts, message: delivery.message, ...known };
          case 'failed':
            return {
              status: 'failed',
              attempts,
              dueAt: delivery.retryAt,
              ...(delivery.notBefore === undefined ? {} : { notBefore: delivery.notBefore }),
              lastError: delivery.error,
              ...known,
            };
        }
      })();
      updated.push({ ...lead, sync });
    });
    await db.leads.bulkPut(updated);
  });
}

/** Gives a claim back untouched: the sync was stopped (cancelled, or the CRM's credentials need the rep). */
export async function releaseClaim(db: OutboxDb, claimId: string): Promise<void> {
  await db.claims.delete(claimId);
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
