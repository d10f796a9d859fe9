import { beforeAll, describe, expect, it } from 'vitest';
import { aLead } from '../../tests/unit/leads';
import { leadSchemas } from '../lead/load-schema';
import type { Crm } from '../crm/connector';
import type { OutcomeAnswer, OutcomeQuery } from '../crm/outcomes';
import { OutboxDb } from '../outbox/db';
import { outcomeRow, refreshOutcomes } from './refresh';
import type { OutcomeRefresh } from './status';

// The leads below are written straight into the outbox, which checks each with the lead schema:
// loaded first, as the outbox's own write functions do (lib/lead/load-schema.ts).
beforeAll(async () => void (await leadSchemas()));

const T = Date.UTC(2026, 11, 5);
const synced = (crmId: string) => ({ status: 'synced' as const, attempts: 1, syncedAt: T, crmId });

async function outbox(count: number, waiting = 0) {
  const db = new OutboxDb(`refresh-${crypto.randomUUID()}`);
  await db.leads.bulkAdd([
    ...Array.from({ length: count }, (_, i) => aLead({ email: `p${i}@acme.example`, sync: synced(`rcv-${i}`) })),
    ...Array.from({ length: waiting }, () => aLead()),
  ]);
  return db;
}

function fakeOutcomes(answer: (leads: readonly OutcomeQuery[], call: number) => OutcomeAnswer, batchSize = 10) {
  const asked: OutcomeQuery[][] = [];
  const outcomes: Crm['outcomes'] = {
    batchSize,
    available: true,
    read: async (leads) => {
      asked.push([...leads]);
      return answer(leads, asked.length);
    },
  };
  return { outcomes, asked };
}

describe('refreshOutcomes', () => {
  it('asks about every synced lead once, a batch at a time, and keeps what the CRM says', async () => {
    const db = await outbox(25, 3);
    const { outcomes, asked } = fakeOutcomes((leads) => ({ ok: true, outcomes: leads.filter((_, i) => i % 2 === 0).map((lead) => ({ id: lead.id, stage: 'meeting' })) }));
    const progress: OutcomeRefresh[] = [];
    const last = await refreshOutcomes(db, outcomes, { now: () => T, onProgress: (p) => void progress.push(p) });
    expect(asked.map((batch) => batch.length)).toEqual([10, 10, 5]);
    expect(new Set(asked.flat().map((lead) => lead.id)).size).toBe(25);
    expect(asked[0]![0]).toMatchObject({ crmId: expect.stringMatching(/^rcv-/), email: expect.stringMatching(/@acme.example$/) });
    expect(last).toMatchObject({ running: false, asked: 25, total: 25, placed: 13 });
    expect(last).not.toHaveProperty('error');
    expect(progress.map((p) => p.asked)).toEqual([0, 10, 20, 25, 25]);
    expect(await db.outcomes.count()).toBe(13);
  });

  it('waits as the CRM asks and tries again; stops with the reason on a refusal, keeping what it read', async () => {
    const db = await outbox(15);
    const waits: number[] = [];
    const { outcomes } = fakeOutcomes((leads, call) =>
      call === 1 ? { ok: true, outcomes: leads.map((lead) => ({ id: lead.id, stage: 'won' })) } : call === 2 ? { ok: false, reason: 'Too many requests', retryAfterMs: 2_000 } : { ok: false, reason: 'The CRM answered 401', unauthorized: true },
    );
    const last = await refreshOutcomes(db, outcomes, { now: () => T, wait: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([2_000]);
    expect(last).toMatchObject({ running: false, asked: 10, placed: 10, error: 'The CRM answered 401' });
    expect(await db.outcomes.count()).toBe(10);
  });

  it('keeps the time a lead was first seen won', () => {
    const first = outcomeRow({ id: 'a', stage: 'won', amount: 5, currency: 'EUR' }, undefined, T);
    expect(first).toEqual({ leadId: 'a', stage: 'won', amount: 5, currency: 'EUR', wonAt: T, checkedAt: T });
    expect(outcomeRow({ id: 'a', stage: 'won' }, first, T + 1000).wonAt).toBe(T);
    expect(outcomeRow({ id: 'a', stage: 'won', updatedAt: '2026-12-01T10:00:00Z' }, undefined, T).wonAt).toBe(Date.UTC(2026, 11, 1, 10));
    expect(outcomeRow({ id: 'a', stage: 'lost' }, first, T)).not.toHaveProperty('wonAt');
  });
});

describe('refreshOutcomes and a CRM that never answers', () => {
  it('gives a read up after its timeout, says why, and keeps nothing half-read', async () => {
    const db = await outbox(3);
    let seen: AbortSignal | undefined;
    const outcomes: Crm['outcomes'] = {
      batchSize: 10,
      available: true,
      read: (_leads, signal) =>
        new Promise((resolve) => {
          seen = signal;
          signal.addEventListener('abort', () => resolve({ ok: false, reason: 'The CRM did not answer in time' }));
        }),
    };
    const controller = new AbortController();
    const refreshing = refreshOutcomes(db, outcomes, { signal: controller.signal, wait: async () => controller.abort() });
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The read's signal follows the refresh's (and a 30-second timeout).
    expect(seen?.aborted).toBe(false);
    controller.abort();
    expect(await refreshing).toMatchObject({ running: false, asked: 0, error: 'The CRM did not answer in time' });
    expect(await db.outcomes.count()).toBe(0);
  });
});
