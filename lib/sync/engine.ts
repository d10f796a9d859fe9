import type { Crm, SendResult } from '../crm/connector';
import type { Lead } from '../lead/schema';
import type { OutboxDb } from '../outbox/db';
import { claimDueLeads, recordDeliveries, waitingCount, type Delivery } from '../outbox/outbox';
import { retryDelayMs } from './backoff';

export type SyncReport = {
  /** Leads waiting when the run started. */
  total: number;
  sent: number;
  synced: number;
  needsAttention: number;
  /** Leads that will be tried again later (network, timeouts, the CRM busy). */
  retrying: number;
  /** Why the run stopped early, for the rep: credentials to check, an unreachable CRM. */
  stoppedBecause?: string;
  cancelled?: boolean;
};

export type SyncOptions = {
  /** "Sync now": also send failed leads whose next attempt is not due yet. */
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (report: SyncReport) => void;
  now?: () => number;
  random?: () => number;
  /** How long one request may take before it counts as failed and is retried. */
  requestTimeoutMs?: number;
  /** How long a claim holds; a lead still "syncing" after that (a killed worker) is sent again. */
  leaseMs?: number;
};

function deliveriesFor(batch: readonly Lead[], result: SendResult, retryAt: (lead: Lead, retryAfterMs?: number) => number): Delivery[] {
  switch (result.kind) {
    case 'delivered':
      return result.results.map((r): Delivery =>
        r.ok ? { id: r.id, outcome: 'synced', ...(r.crmId ? { crmId: r.crmId } : {}) } : { id: r.id, outcome: 'rejected', message: r.message },
      );
    case 'retry':
      return batch.map((lead) => ({ id: lead.id, outcome: 'failed', error: result.error, retryAt: retryAt(lead, result.retryAfterMs) }));
    case 'unauthorized':
      return batch.map((lead) => ({ id: lead.id, outcome: 'released' }));
    case 'refused':
      return batch.map((lead) => ({ id: lead.id, outcome: 'rejected', message: result.error }));
  }
}

/**
 * Sends what is waiting in the outbox, batch by batch: claim (one transaction), send (outside
 * any transaction), record (a second transaction). A lead's id goes with it on every attempt,
 * so a CRM that got it before can tell it is the same lead.
 */
export async function syncOutbox(db: OutboxDb, crm: Crm, options: SyncOptions = {}): Promise<SyncReport> {
  const {
    force = false,
    signal = new AbortController().signal,
    onProgress,
    now = Date.now,
    random = Math.random,
    requestTimeoutMs = 30_000,
    leaseMs = 2 * 60_000,
  } = options;
  const report: SyncReport = { total: await waitingCount(db), sent: 0, synced: 0, needsAttention: 0, retrying: 0 };
  const tried = new Set<string>();
  onProgress?.({ ...report });

  while (!signal.aborted) {
    const batch = await claimDueLeads(db, {
      now: now(),
      limit: crm.batchSize,
      leaseMs,
      includeRetriesNotYetDue: force,
      skip: tried,
    });
    if (batch.length === 0) break;
    for (const lead of batch) tried.add(lead.id);

    const result = await crm.send(batch, AbortSignal.any([signal, AbortSignal.timeout(requestTimeoutMs)]));
    if (signal.aborted) {
      // Cancelled mid-request: the CRM may have the leads; the same ids go again next time.
      await recordDeliveries(db, batch.map((lead) => ({ id: lead.id, outcome: 'released' })), now());
      break;
    }
    const deliveries = deliveriesFor(batch, result, (lead, retryAfter) => now() + retryDelayMs(lead.sync.attempts + 1, random, retryAfter));
    await recordDeliveries(db, deliveries, now());

    report.sent += result.kind === 'unauthorized' ? 0 : batch.length;
    for (const delivery of deliveries) {
      if (delivery.outcome === 'synced') report.synced += 1;
      if (delivery.outcome === 'rejected') report.needsAttention += 1;
      if (delivery.outcome === 'failed') report.retrying += 1;
    }
    onProgress?.({ ...report });
    if (result.kind === 'unauthorized' || result.kind === 'retry') {
      // The CRM is unreachable or refuses our credentials: every other batch would fare the same.
      report.stoppedBecause = result.error;
      break;
    }
  }
  if (signal.aborted) report.cancelled = true;
  return report;
}

/** Runs `fn` unless another sync (panel, alarm, restarted worker) holds the lock; then returns null. */
export async function withSyncLock<T>(fn: () => Promise<T>): Promise<T | null> {
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return navigator.locks.request('fieldclip-sync', { ifAvailable: true }, (lock) => (lock ? fn() : null));
  }
  if (running) return null;
  running = true;
  try {
    return await fn();
  } finally {
    running = false;
  }
}
let running = false;
