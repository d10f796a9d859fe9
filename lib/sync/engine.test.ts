import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReceiver, type Receiver } from '../../tools/receiver/server';
import { bindConnector, type CrmSender } from '../crm/connector';
import { webhookConnector } from '../crm/webhook/connector';
import { OutboxDb } from '../outbox/db';
import { addLead } from '../outbox/outbox';
import { recentSyncLog } from '../outbox/sync-log';
import { syncOutbox, withSyncLock, type SyncOptions } from './engine';

// The webhook connector in batches of 50: 120 leads make several batches.
const connector = { ...webhookConnector, batchSize: 50 };

let receiver: Receiver;
let crm: CrmSender;
let db: OutboxDb;

beforeEach(async () => {
  receiver = await startReceiver({ rejectEmailDomain: '@blocked.example' });
  crm = bindConnector(connector, { crm: 'webhook', endpointUrl: receiver.webhookUrl });
  db = new OutboxDb(`test-${crypto.randomUUID()}`);
});
afterEach(() => receiver.close());

/** A clock that the engine's waits advance at once, so backoff is tested without waiting. */
function fakeTime(start = 1_000_000): Pick<SyncOptions, 'now' | 'sleep'> & { slept: number[] } {
  let time = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => time,
    sleep: async (ms) => {
      slept.push(ms);
      time += ms;
    },
  };
}

async function statuses() {
  return (await db.leads.orderBy('createdAt').toArray()).map((lead) => lead.sync.status);
}

describe('syncOutbox', () => {
  it('sends every waiting lead in batches and marks them synced with their CRM ids', async () => {
    for (let i = 0; i < 120; i++) await addLead(db, { company: `Company ${i}` }, 1_000 + i);
    const progress: number[] = [];
    const report = await syncOutbox(db, crm, { onProgress: (r) => progress.push(r.sent) });
    expect(report).toEqual({ total: 120, sent: 120, synced: 120, needsAttention: 0, retrying: 0 });
    expect(progress).toEqual([0, 50, 100, 120]);
    expect(receiver.requestCount()).toBe(3);
    expect(new Set(await statuses())).toEqual(new Set(['synced']));
    const first = await db.leads.orderBy('createdAt').first();
    expect(first?.sync).toMatchObject({ status: 'synced', crmId: 'rcv-1', attempts: 1 });
    expect((await recentSyncLog(db)).map((entry) => entry.synced)).toEqual([20, 50, 50]);
  });

  it("asks for a batch's log line without waiting for its outcomes to be written", async () => {
    for (let i = 0; i < 120; i++) await addLead(db, { company: `Company ${i}` }, 1_000 + i);
    // The stores of the writes IndexedDB is asked for, in order.
    const asked: string[] = [];
    const spies = (['add', 'put'] as const).map((method) => {
      const original = IDBObjectStore.prototype[method] as (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;
      return vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
        asked.push(this.name);
        return original.apply(this, args);
      });
    });
    try {
      expect(await syncOutbox(db, crm)).toMatchObject({ synced: 120 });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    // A batch's outcomes, its log line and the next claim share one transaction and run at once:
    // each log line is asked for before its batch's outcomes (a nested transaction per part made
    // each wait for the one before: 50, 100, 120).
    const outcomesBefore = asked.flatMap((store, i) => (store === 'syncLog' ? [asked.slice(0, i).filter((name) => name === 'leads').length] : []));
    expect(outcomesBefore).toEqual([0, 50, 100]);
  });

  it('leaves per-lead rejections needing attention and syncs the rest', async () => {
    await addLead(db, { fullName: 'Ok', email: 'ok@acme.example' }, 1);
    await addLead(db, { fullName: 'No', email: 'no@blocked.example' }, 2);
    const report = await syncOutbox(db, crm);
    expect(report).toMatchObject({ synced: 1, needsAttention: 1 });
    const rejected = await db.leads.orderBy('createdAt').last();
    expect(rejected?.sync).toEqual({ status: 'rejected', attempts: 1, message: 'Addresses at @blocked.example are not accepted' });
  });

  it('sends again only the leads a 2xx answer leaves out, with the same ids', async () => {
    const answered = await addLead(db, { company: 'Answered' }, 1);
    const left = await addLead(db, { company: 'Left out' }, 2);
    receiver.failNext({ status: 200, storeFirst: true, body: JSON.stringify({ results: [{ id: answered.id, status: 'ok', crmId: 'a-1' }] }) });
    const report = await syncOutbox(db, crm, { ...fakeTime(), random: () => 0 });
    expect(report).toMatchObject({ synced: 2, retrying: 0 });
    expect(receiver.requestCount()).toBe(2);
    expect((await db.leads.get(answered.id))?.sync).toMatchObject({ status: 'synced', attempts: 1, crmId: 'a-1' });
    expect((await db.leads.get(left.id))?.sync).toMatchObject({ status: 'synced', attempts: 2 });
    // One record each; only the lead left out arrived twice.
    const deliveries = new Map(receiver.received().map((entry) => [entry.lead.id, entry.deliveries]));
    expect(deliveries).toEqual(new Map([[answered.id, 1], [left.id, 2]]));
  });

  it('sends the leads a 2xx answer leaves out no sooner than the connector asks', async () => {
    const answered = await addLead(db, { company: 'Answered' }, 1);
    const left = await addLead(db, { company: 'Left out' }, 2);
    const partial: CrmSender = { ...crm, send: async () => ({ kind: 'delivered', results: [{ id: answered.id, ok: true }], retryAfterMs: 600_000 }) };
    const report = await syncOutbox(db, partial, { ...fakeTime(), random: () => 0 });
    expect(report).toMatchObject({ synced: 1, retrying: 1 });
    expect((await db.leads.get(left.id))?.sync).toMatchObject({ status: 'failed', dueAt: 1_000_000 + 600_000, lastError: 'The CRM did not answer for this lead' });
    // Nor does "Sync now" send it sooner (HubSpot's create, whose answer was lost, waits for its search).
    const again = await syncOutbox(db, partial, { ...fakeTime(1_000_000 + 1_000), force: true });
    expect(again).toMatchObject({ sent: 0, held: { count: 1, until: 1_000_000 + 600_000 } });
  });

  it("waits as long as the CRM's Retry-After asks, then sends the batch again", async () => {
    await addLead(db, { company: 'Acme' }, 1);
    receiver.failNext({ status: 503, headers: { 'Retry-After': '10' } });
    const time = fakeTime();
    const report = await syncOutbox(db, crm, { ...time, random: () => 0 });
    expect(time.slept).toEqual([10_000]);
    expect(report).toMatchObject({ sent: 1, synced: 1, retrying: 0 });
    expect((await db.leads.toCollection().first())?.sync).toMatchObject({ status: 'synced', attempts: 2 });
    const log = await recentSyncLog(db);
    expect(log.map((entry) => entry.error ?? 'ok')).toEqual(['ok', 'The CRM answered 503 Service Unavailable']);
  });

  it('sends a failed batch again as one batch, not lead by lead', async () => {
    for (let i = 0; i < 50; i++) await addLead(db, { company: `Company ${i}` }, 1_000 + i);
    receiver.failNext({ status: 500 });
    // A different draw for every call: were each lead given its own retry time, they would trickle back.
    let draw = 0;
    const report = await syncOutbox(db, crm, { ...fakeTime(), random: () => ((draw += 0.37) % 1) });
    expect(report).toMatchObject({ sent: 50, synced: 50, retrying: 0 });
    expect(receiver.requestCount()).toBe(2);
    const log = await recentSyncLog(db);
    expect(log.map((entry) => [entry.sent, entry.error ?? 'ok'])).toEqual([
      [50, 'ok'],
      [50, 'The CRM answered 500 Internal Server Error'],
    ]);
  });

  it('leaves a retry that falls due later than it waits for to the next run, with its reason', async () => {
    await addLead(db, { company: 'Acme' }, 1);
    receiver.failNext({ status: 429, headers: { 'Retry-After': '600' } });
    const time = fakeTime();
    const report = await syncOutbox(db, crm, time);
    expect(report).toMatchObject({ sent: 1, synced: 0, retrying: 1 });
    expect(time.slept).toEqual([]);
    expect((await db.leads.toCollection().first())?.sync).toMatchObject({
      status: 'failed',
      attempts: 1,
      dueAt: 1_000_000 + 600_000,
      lastError: 'The CRM answered 429 Too Many Requests',
    });
  });

  it('"stored, then answered 500": the retry carries the same id and the CRM keeps one record', async () => {
    const lead = await addLead(db, { company: 'Acme' }, 1);
    receiver.failNext({ status: 500, storeFirst: true });
    await syncOutbox(db, crm, fakeTime());
    expect(receiver.received()).toEqual([expect.objectContaining({ deliveries: 2, lead: expect.objectContaining({ id: lead.id }) })]);
    expect(await statuses()).toEqual(['synced']);
  });

  it('pauses on a refused token without marking any lead failed', async () => {
    await addLead(db, { company: 'Acme' }, 1);
    receiver.failNext({ status: 401, body: '{"error":"bad token"}' });
    const report = await syncOutbox(db, crm);
    expect(report).toMatchObject({ unauthorized: true, sent: 0, stoppedBecause: expect.stringMatching(/401.*Check the API token/) });
    expect((await db.leads.toCollection().first())?.sync).toEqual({ status: 'pending', attempts: 0, dueAt: expect.any(Number) });
  });

  it('marks a batch the CRM refuses (4xx) as needing attention with the reason', async () => {
    await addLead(db, { company: 'Acme' }, 1);
    receiver.failNext({ status: 400, body: '{"error":"unknown field"}' });
    await syncOutbox(db, crm);
    expect((await db.leads.toCollection().first())?.sync).toEqual({
      status: 'rejected',
      attempts: 1,
      message: 'The CRM answered 400 Bad Request: unknown field',
    });
  });

  it('stops after repeated failures when the CRM cannot be reached, keeping every lead waiting', async () => {
    await addLead(db, { company: 'Acme' }, 1);
    await addLead(db, { company: 'Globex' }, 2);
    await receiver.close();
    const report = await syncOutbox(db, crm, { ...fakeTime(), maxFailuresInARow: 3 });
    expect(report).toMatchObject({ synced: 0, retrying: 2, stoppedBecause: expect.stringMatching(/Could not reach the CRM/) });
    expect(await statuses()).toEqual(['failed', 'failed']);
  });

  it('"Sync now" sends failed leads at once rather than at their backoff time', async () => {
    await addLead(db, { company: 'Acme' }, 1);
    receiver.failNext({ status: 500 }, { status: 500 }, { status: 500 });
    const time = fakeTime();
    // Eight attempts' backoff, with the highest draw: far beyond the minute a run waits.
    await syncOutbox(db, crm, { ...time, random: () => 0.99, maxFailuresInARow: 3 });
    expect((await db.leads.toCollection().first())?.sync).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await db.leads.toCollection().first())?.sync).not.toHaveProperty('notBefore');
    expect(await syncOutbox(db, crm, time)).toMatchObject({ sent: 0 });
    expect(await syncOutbox(db, crm, { ...time, force: true })).toEqual({ total: 1, sent: 1, synced: 1, needsAttention: 0, retrying: 0 });
  });

  it('"Sync now" does not send a lead before the time its CRM asked for, and says until when it waits', async () => {
    const early = await addLead(db, { company: 'Early' }, 1);
    const later = await addLead(db, { company: 'Held' }, 2);
    const time = fakeTime();
    // The first request takes one lead at a time; the second lead's answer is a 503 with an hour's wait.
    const oneByOne = bindConnector({ ...connector, batchSize: 1 }, { crm: 'webhook', endpointUrl: receiver.webhookUrl });
    receiver.failNext({ status: 500 }, { status: 503, headers: { 'Retry-After': '3600' } });
    await syncOutbox(db, oneByOne, { ...time, random: () => 0.99, maxFailuresInARow: 2 });
    expect((await db.leads.get(later.id))?.sync).toMatchObject({ status: 'failed', dueAt: 1_000_000 + 3_600_000, notBefore: 1_000_000 + 3_600_000 });
    const requests = receiver.requestCount();

    const report = await syncOutbox(db, oneByOne, { ...time, force: true });
    expect(report).toEqual({ total: 2, sent: 1, synced: 1, needsAttention: 0, retrying: 0, held: { count: 1, until: 1_000_000 + 3_600_000 } });
    expect(receiver.requestCount()).toBe(requests + 1);
    expect((await db.leads.get(early.id))?.sync.status).toBe('synced');
    expect((await db.leads.get(later.id))?.sync).toMatchObject({ status: 'failed', dueAt: 1_000_000 + 3_600_000 });
  });

  it('releases the leads of a cancelled run', async () => {
    await addLead(db, { company: 'Acme' }, 1);
    const controller = new AbortController();
    controller.abort();
    const report = await syncOutbox(db, crm, { signal: controller.signal });
    expect(report).toMatchObject({ sent: 0, cancelled: true });
    expect(await statuses()).toEqual(['pending']);
  });

  it('cancelled mid-run: the batch on its way is given back, nothing is lost or half-recorded', async () => {
    for (let i = 0; i < 120; i++) await addLead(db, { company: `Company ${i}` }, 1_000 + i);
    const slow = await startReceiver({ delayMs: 100 });
    try {
      const slowCrm = bindConnector(connector, { crm: 'webhook', endpointUrl: slow.webhookUrl });
      const controller = new AbortController();
      const report = await syncOutbox(db, slowCrm, { signal: controller.signal, onProgress: (progress) => progress.sent > 0 && controller.abort() });
      expect(report).toMatchObject({ sent: 50, synced: 50, cancelled: true });
      expect(await db.claims.count()).toBe(0);
      const counts = (await statuses()).reduce<Record<string, number>>((all, status) => ({ ...all, [status]: (all[status] ?? 0) + 1 }), {});
      expect(counts).toEqual({ synced: 50, pending: 70 });
    } finally {
      await slow.close();
    }
  });

  it('claims the next batch while one is on its way, with one request at a time', async () => {
    for (let i = 0; i < 120; i++) await addLead(db, { company: `Company ${i}` }, 1_000 + i);
    let inFlight = 0;
    let most = 0;
    const claimsDuringRequests: number[] = [];
    const counting: CrmSender = {
      ...crm,
      async send(leads, signal) {
        most = Math.max(most, ++inFlight);
        try {
          // The answer comes after the outbox has had time to take the next batch.
          await new Promise((resolve) => setTimeout(resolve, 50));
          claimsDuringRequests.push(await db.claims.count());
          return await crm.send(leads, signal);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const report = await syncOutbox(db, counting);
    expect(report).toEqual({ total: 120, sent: 120, synced: 120, needsAttention: 0, retrying: 0 });
    expect(most).toBe(1);
    // Its own claim and the next batch's, but for the last batch.
    expect(claimsDuringRequests).toEqual([2, 2, 1]);
    expect(await db.claims.count()).toBe(0);
    expect(receiver.received()).toHaveLength(120);
  });

  it('sends no further batch after an answer that stops the run, and gives back the one claimed next', async () => {
    for (let i = 0; i < 120; i++) await addLead(db, { company: `Company ${i}` }, 1_000 + i);
    receiver.failNext({ status: 401, body: '{"error":"bad token"}' });
    const report = await syncOutbox(db, crm);
    expect(report).toMatchObject({ unauthorized: true, sent: 0 });
    expect(receiver.requestCount()).toBe(1);
    expect(await db.claims.count()).toBe(0);
    expect(new Set(await statuses())).toEqual(new Set(['pending']));
  });

  it('sends each lead once across faults, and every lead ends synced', async () => {
    for (let i = 0; i < 300; i++) await addLead(db, { company: `Company ${i}` }, 1_000 + i);
    receiver.failNext(
      { status: 500 },
      { status: 503, headers: { 'Retry-After': '1' } },
      { status: 500, storeFirst: true },
      { status: 429, headers: { 'Retry-After': '2' } },
      { status: 502, storeFirst: true },
    );
    await syncOutbox(db, crm, fakeTime());
    expect(new Set(await statuses())).toEqual(new Set(['synced']));
    const received = receiver.received();
    expect(received).toHaveLength(300);
    expect(new Set(received.map((entry) => entry.lead.id)).size).toBe(300);
  });
});

describe('withSyncLock', () => {
  it('never runs two syncs at once', async () => {
    let release!: () => void;
    const first = withSyncLock(() => new Promise<string>((resolve) => (release = () => resolve('first'))));
    expect(await withSyncLock(async () => 'second')).toBeNull();
    release();
    expect(await first).toBe('first');
    expect(await withSyncLock(async () => 'third')).toBe('third');
  });
});
