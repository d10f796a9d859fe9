import Dexie from 'dexie';
import type { CrmSender, SendResult } from '../crm/connector';
import type { Lead } from '../lead/schema';
import type { WaitingStatus } from '../lead/terms';
import { writingLeads, type OutboxDb } from '../outbox/db';
import { keptText } from '../lead/kept-text';
import { claimDueLeads, claimDueLeadsIn, recordDeliveriesIn, releaseClaim, type ClaimedBatch, type ClaimOptions, type Delivery } from '../outbox/claims';
import { makeRetriesDueNow, nextRetryAt, waitingCount } from '../outbox/outbox';
import { appendSyncLog } from '../outbox/sync-log';
import { clearSyncTimings, timed } from '../outbox/timings';
import { retryDelayMs } from './backoff';

export type SyncReport = {
  /** Leads waiting when the run started. */
  total: number;
  /** Leads sent at least once in this run. */
  sent: number;
  synced: number;
  needsAttention: number;
  /** Leads still waiting for a retry when the run ended (network, timeouts, the CRM busy). */
  retrying: number;
  /**
   * "Sync now" only: failed leads it could not send because their CRM asked for a wait that has
   * not run out (a `Retry-After`), and when the first of them may go. The alarm sends them then.
   */
  held?: { count: number; until: number };
  /** Why the run stopped before everything was sent, for the rep. */
  stoppedBecause?: string;
  /** The CRM refused the credentials: the queue is paused until the rep checks them. */
  unauthorized?: boolean;
  cancelled?: boolean;
};

export type SyncOptions = {
  /** "Sync now": failed leads are sent at once rather than at their next retry time. */
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (report: SyncReport) => void;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** How long one request may take before it counts as failed and is retried. */
  requestTimeoutMs?: number;
  /** How long a claim holds; a batch still claimed after that (a killed worker) is sent again. */
  leaseMs?: number;
  /** A run waits for retries falling due within this time; later ones are left to the next run. */
  waitForRetriesMs?: number;
  /** After this many failed requests in a row the CRM is taken to be down, and the run stops. */
  maxFailuresInARow?: number;
};

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/**
 * What happened to each lead of a batch. A batch that failed is retried as one batch: its leads share
 * one jittered retry time (from the most attempts any of them has had), rather than each drawing its
 * own and trickling back to the CRM one request at a time.
 */
function deliveriesFor(batch: readonly Lead[], result: SendResult, retry: (retryAfterMs?: number) => { retryAt: number; notBefore?: number }): Delivery[] {
  switch (result.kind) {
    case 'delivered': {
      const byId = new Map(result.results.map((r) => [r.id, r]));
      const unanswered = batch.some((lead) => !byId.has(lead.id)) ? retry(result.retryAfterMs) : { retryAt: 0 };
      return batch.map((lead): Delivery => {
        const r = byId.get(lead.id);
        if (!r) return { id: lead.id, outcome: 'failed', error: 'The CRM did not answer for this lead', ...unanswered };
        return r.ok ? { id: r.id, outcome: 'synced', ...(r.crmId ? { crmId: r.crmId } : {}), ...(r.crmUrl ? { crmUrl: r.crmUrl } : {}) } : { id: r.id, outcome: 'rejected', message: r.message };
      });
    }
    case 'retry': {
      const at = retry(result.retryAfterMs);
      return batch.map((lead) => ({ id: lead.id, outcome: 'failed', error: result.error, ...at }));
    }
    case 'unauthorized':
      // Nothing is wrong with the leads: the claim is given back untouched.
      return [];
    case 'refused':
      return batch.map((lead) => ({ id: lead.id, outcome: 'rejected', message: result.error }));
  }
}

/**
 * Sends what is waiting in the outbox, batch by batch: claim (a transaction), send (outside any
 * transaction), record (a second transaction, which also claims the batch after next), one request
 * at a time, the outbox's work done while the next batch is on its way. A lead's id goes with it
 * on every attempt, so a CRM that got it before can tell it is the same lead. Failed batches are
 * retried with backoff within the run while their retry falls due soon; a lead is never dropped and
 * never marked synced without the CRM's word.
 */
export async function syncOutbox(db: OutboxDb, crm: CrmSender, options: SyncOptions = {}): Promise<SyncReport> {
  const {
    force = false,
    signal = new AbortController().signal,
    onProgress,
    now = Date.now,
    random = Math.random,
    sleep = abortableSleep,
    requestTimeoutMs = 15_000,
    leaseMs = 2 * 60_000,
    waitForRetriesMs = 60_000,
    maxFailuresInARow = 8,
  } = options;
  clearSyncTimings();
  const held = force ? await makeRetriesDueNow(db, now()) : undefined;
  const report: SyncReport = { total: await waitingCount(db), sent: 0, synced: 0, needsAttention: 0, retrying: 0, ...(held ? { held } : {}) };
  // Leads that failed in this run: the only ones a run sends twice. (No set of every lead sent: a
  // run's memory stays flat however many leads it sends.)
  const failing = new Set<string>();
  let failuresInARow = 0;
  onProgress?.({ ...report });

  // Where the last claim ended in the due order, by status: the next one looks from there.
  const dueFrom: Partial<Record<WaitingStatus, number>> = {};
  const claimOptions = (beingRecorded?: readonly string[]): ClaimOptions => ({ now: now(), limit: crm.batchSize, leaseMs, dueFrom, beingRecorded });
  const endedAt = (next: ClaimedBatch | null) => {
    for (const { status, to } of next?.ranges ?? []) dueFrom[status] = to;
    return next;
  };
  /** Claims the next batch, on its own or with `claim` (inside the batch transaction), and notes where it ended. */
  const claimNext = (claim = () => claimDueLeads(db, claimOptions())) => timed('claim', claim).then(endedAt);
  const send = (claim: ClaimedBatch, { afterATurn = false } = {}): OnItsWay => {
    const request = () => timed('send', () => crm.send(claim.leads, AbortSignal.any([signal, AbortSignal.timeout(requestTimeoutMs)])));
    // Writing the request (the leads mapped, the JSON) waits its turn: the transaction opened
    // next asks IndexedDB for its first reads before it, not after.
    return { claim, answer: afterATurn ? new Promise((resolve) => setTimeout(resolve, 0)).then(request) : request() };
  };

  // A batch's request and the outbox's work overlap: while one batch is on its way to the CRM, the
  // batch before it is recorded and the one after it claimed. One request at a time still; the
  // next goes out as soon as an answer is in, and only when that answer does not stop the run.
  let sending: OnItsWay | null = null;
  /** Claimed, not sent yet. */
  let ready = await claimNext();
  while (!signal.aborted) {
    if (!sending) {
      if (!ready) {
        const next = await nextRetryAt(db);
        if (next === undefined || failing.size === 0 || next - now() > waitForRetriesMs) break;
        await sleep(Math.max(0, next - now()), signal);
        if (signal.aborted) break;
        ready = await claimNext();
        continue;
      }
      sending = send(ready);
      ready = await claimNext();
    }

    const { claim, answer } = sending;
    const result = await answer;
    sending = null;
    if (signal.aborted) {
      // Cancelled mid-request: the CRM may have the leads; the same ids go again next time.
      await releaseClaim(db, claim.claimId);
      break;
    }
    const batch = claim.leads;
    const attempts = Math.max(...batch.map((lead) => lead.sync.attempts)) + 1;
    const answeredAt = now();
    const deliveries = deliveriesFor(batch, result, (retryAfter) => ({
      retryAt: answeredAt + retryDelayMs(attempts, random, retryAfter),
      ...(retryAfter === undefined ? {} : { notBefore: answeredAt + retryAfter }),
    }));
    const firstSent = batch.filter((lead) => !failing.has(lead.id)).length;
    const counts = { sent: batch.length, synced: 0, needsAttention: 0, retrying: 0 };
    for (const delivery of deliveries) {
      if (delivery.outcome === 'synced') counts.synced += 1;
      if (delivery.outcome === 'rejected') counts.needsAttention += 1;
      if (delivery.outcome === 'failed') {
        counts.retrying += 1;
        failing.add(delivery.id);
      } else failing.delete(delivery.id);
    }
    const error = result.kind === 'delivered' ? undefined : result.error;
    failuresInARow = result.kind === 'retry' ? failuresInARow + 1 : 0;
    const stop = result.kind === 'unauthorized' || failuresInARow >= maxFailuresInARow;
    if (!stop && ready) {
      sending = send(ready, { afterATurn: true });
      ready = null;
    }
    // What happened, the log line, and the claim after the one on its way: one transaction per
    // batch, its three parts asked for at once, so that IndexedDB has the next request at hand and
    // writes the outcomes while the worker checks the next claim's leads. (Each part runs in this
    // transaction, not in one of its own: Dexie runs a nested transaction alone.)
    const claimed = await timed('batchTransaction', () =>
      writingLeads(db, [db.leads, db.syncLog, db.claims], (schemas) => {
        // Recording first: its writes are asked for before the claim's checks keep the worker busy.
        const recording =
          result.kind === 'unauthorized' ? releaseClaim(db, claim.claimId) : timed('record', () => recordDeliveriesIn(db, schemas, claim, deliveries, now()));
        const logging = timed('log', () => appendSyncLog(db, { at: now(), ...counts, ...(error ? { error: keptText(error, SYNC_LOG_ERROR_MAX) } : {}) }));
        const claiming = stop || signal.aborted ? null : claimNext(() => claimDueLeadsIn(db, schemas, claimOptions(batch.map((lead) => lead.id))));
        return Dexie.Promise.all([claiming, recording, logging]).then(([next]) => next);
      }),
    );
    ready ??= claimed;

    if (result.kind !== 'unauthorized') report.sent += firstSent;
    report.synced += counts.synced;
    report.needsAttention += counts.needsAttention;
    report.retrying = failing.size;
    onProgress?.({ ...report });

    if (result.kind === 'unauthorized') {
      report.stoppedBecause = result.error;
      report.unauthorized = true;
      break;
    }
    if (stop) {
      report.stoppedBecause = error;
      break;
    }
  }
  // Cancelled between batches: the batch on its way (its request is aborted) and the one claimed
  // next are given back, untouched.
  if (sending) {
    await sending.answer.catch(() => undefined);
    await releaseClaim(db, sending.claim.claimId);
  }
  if (ready) await releaseClaim(db, ready.claimId);
  if (signal.aborted) report.cancelled = true;
  report.retrying = failing.size;
  return report;
}

/** A claimed batch whose request has gone, and its answer to come. */
type OnItsWay = { claim: ClaimedBatch; answer: Promise<SendResult> };

/** The longest reason a sync log line keeps. */
const SYNC_LOG_ERROR_MAX = 500;

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
