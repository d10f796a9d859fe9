import type { Crm } from '../crm/connector';
import type { CrmOutcome, OutcomeAnswer, OutcomeQuery } from '../crm/outcomes';
import type { Lead } from '../lead/schema';
import type { OutboxDb } from '../outbox/db';
import type { OutcomeRow } from '../outbox/rows';
import type { OutcomeRefresh } from './status';

// Reads where every synced lead stands in the CRM, a batch at a time (the connector's batch size,
// within the CRM's limits), and keeps it in the outbox's `outcomes` table. Only the leads' ids are
// held for the whole run: each batch's leads are read, asked about and let go.

/** Waits the CRM asks for are honoured up to this; a longer one ends the refresh with the reason. */
const LONGEST_WAIT_MS = 60_000;
/** Tries per batch when the CRM asks to wait or fails to answer. */
const TRIES = 3;
/** A batch's read that takes longer is given up (and tried again, as a failure). */
export const READ_TIMEOUT_MS = 30_000;

export type RefreshOptions = {
  signal?: AbortSignal;
  now?: () => number;
  wait?: (ms: number) => Promise<void>;
  onProgress?: (progress: OutcomeRefresh) => void | Promise<void>;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The row an outcome makes, keeping the time it was first seen won. */
export function outcomeRow(outcome: CrmOutcome, before: OutcomeRow | undefined, now: number): OutcomeRow {
  const changed = outcome.updatedAt ? Date.parse(outcome.updatedAt) : NaN;
  const wonAt = outcome.stage !== 'won' ? undefined : before?.stage === 'won' && before.wonAt !== undefined ? before.wonAt : Number.isFinite(changed) ? changed : now;
  return {
    leadId: outcome.id,
    stage: outcome.stage,
    ...(outcome.amount !== undefined && outcome.currency ? { amount: outcome.amount, currency: outcome.currency } : {}),
    ...(outcome.updatedAt ? { changedAt: outcome.updatedAt } : {}),
    ...(wonAt !== undefined ? { wonAt } : {}),
    checkedAt: now,
  };
}

/** Refreshes every synced lead's outcome; resolves with the refresh's last state (an `error` when it stopped). */
export async function refreshOutcomes(db: OutboxDb, outcomes: Crm['outcomes'], options: RefreshOptions = {}): Promise<OutcomeRefresh> {
  const { signal, now = Date.now, wait = sleep, onProgress } = options;
  const ids = await db.leads.where('sync.status').equals('synced').primaryKeys();
  const state: OutcomeRefresh = { running: true, startedAt: now(), updatedAt: now(), asked: 0, total: ids.length, placed: 0 };
  const report = async (change: Partial<OutcomeRefresh>) => {
    Object.assign(state, change, { updatedAt: now() });
    await onProgress?.({ ...state });
  };
  const finish = async (change: Partial<OutcomeRefresh>) => {
    await report({ ...change, running: false });
    return { ...state };
  };
  await report({});
  const batchSize = Math.max(1, outcomes.batchSize);
  for (let start = 0; start < ids.length; start += batchSize) {
    if (signal?.aborted) return finish({ error: 'Stopped' });
    const leads = (await db.leads.bulkGet(ids.slice(start, start + batchSize))).filter((lead): lead is Lead => lead !== undefined && lead.sync.status === 'synced');
    const queries: OutcomeQuery[] = leads.map((lead) => ({ id: lead.id, ...(lead.sync.crmId ? { crmId: lead.sync.crmId } : {}), ...(lead.email ? { email: lead.email } : {}) }));
    const timed = () => AbortSignal.any([...(signal ? [signal] : []), AbortSignal.timeout(READ_TIMEOUT_MS)]);
    const ask = () => (queries.length ? outcomes.read(queries, timed()) : Promise.resolve<OutcomeAnswer>({ ok: true, outcomes: [] }));
    let answer = await ask();
    for (let attempt = 1; !answer.ok && !answer.unauthorized && attempt < TRIES && !signal?.aborted; attempt += 1) {
      const asked = answer.retryAfterMs ?? 1_000 * attempt;
      if (asked > LONGEST_WAIT_MS) break;
      await wait(asked);
      answer = await ask();
    }
    if (!answer.ok) return finish({ error: answer.reason });
    const checkedAt = now();
    const found = answer.outcomes;
    await db.transaction('rw', db.outcomes, async () => {
      const before = await db.outcomes.bulkGet(found.map((outcome) => outcome.id));
      await db.outcomes.bulkPut(found.map((outcome, i) => outcomeRow(outcome, before[i], checkedAt)));
    });
    await report({ asked: state.asked + queries.length, placed: state.placed + found.length });
  }
  return finish({});
}
