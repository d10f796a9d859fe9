import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../tests/receiver/server';
import { bindConnector, type Crm } from '../crm/connector';
import { webhookConnector } from '../crm/webhook';
import { OutboxDb } from '../outbox/db';
import { addLead } from '../outbox/outbox';
import { syncOutbox, withSyncLock } from './engine';

let receiver: Receiver;
let crm: Crm;
let db: OutboxDb;

beforeEach(async () => {
  receiver = await startReceiver({ rejectEmailDomain: '@blocked.example' });
  crm = bindConnector(webhookConnector, { crm: 'webhook', endpointUrl: receiver.webhookUrl });
  db = new OutboxDb(`test-${crypto.randomUUID()}`);
});
afterEach(() => receiver.close());

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
  });

  it('leaves per-lead rejections needing attention and syncs the rest', async () => {
    await addLead(db, { fullName: 'Ok', email: 'ok@acme.example' }, 1);
    await addLead(db, { fullName: 'No', email: 'no@blocked.example' }, 2);
    const report = await syncOutbox(db, crm);
    expect(report).toMatchObject({ synced: 1, needsAttention: 1 });
    const rejected = await db.leads.orderBy('createdAt').last();
    expect(rejected?.sync).toEqual({ status: 'rejected', attempts: 1, message: 'Addresses at @blocked.example are not accepted' });
  });

  it('keeps the leads of a failed request waiting, with a retry time, and sends them again later', async () => {
    await addLead(db, { company: 'Acme' }, 1);
    receiver.failNext({ status: 503, headers: { 'Retry-After': '10' } });
    let clock = 100_000;
    const report = await syncOutbox(db, crm, { now: () => clock });
    expect(report).toMatchObject({ sent: 1, synced: 0, retrying: 1, stoppedBecause: 'The CRM answered 503 Service Unavailable' });
    const lead = await db.leads.toCollection().first();
    expect(lead?.sync).toMatchObject({ status: 'failed', attempts: 1, lastError: 'The CRM answered 503 Service Unavailable' });
    expect(lead?.sync.status === 'failed' && lead.sync.dueAt).toBeGreaterThanOrEqual(110_000);

    expect(await syncOutbox(db, crm, { now: () => clock })).toMatchObject({ sent: 0 });
    clock += 10 * 60_000;
    expect(await syncOutbox(db, crm, { now: () => clock })).toMatchObject({ sent: 1, synced: 1 });
    expect(receiver.received()).toHaveLength(1);
  });

  it('"stored, then answered 500": the retry carries the same id and the CRM keeps one record', async () => {
    const lead = await addLead(db, { company: 'Acme' }, 1);
    receiver.failNext({ status: 500, storeFirst: true });
    await syncOutbox(db, crm);
    await syncOutbox(db, crm, { force: true });
    expect(receiver.received()).toEqual([expect.objectContaining({ deliveries: 2, lead: expect.objectContaining({ id: lead.id }) })]);
    expect(await statuses()).toEqual(['synced']);
  });

  it('pauses on a refused token without marking any lead failed', async () => {
    await addLead(db, { company: 'Acme' }, 1);
    receiver.failNext({ status: 401, body: '{"error":"bad token"}' });
    const report = await syncOutbox(db, crm);
    expect(report.stoppedBecause).toMatch(/401.*Check the API token/);
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

  it('keeps leads waiting when the CRM cannot be reached', async () => {
    await addLead(db, { company: 'Acme' }, 1);
    await receiver.close();
    const report = await syncOutbox(db, crm);
    expect(report.stoppedBecause).toMatch(/Could not reach the CRM/);
    expect(await statuses()).toEqual(['failed']);
  });

  it('releases the leads of a cancelled run', async () => {
    await addLead(db, { company: 'Acme' }, 1);
    const controller = new AbortController();
    controller.abort();
    const report = await syncOutbox(db, crm, { signal: controller.signal });
    expect(report).toMatchObject({ sent: 0, cancelled: true });
    expect(await statuses()).toEqual(['pending']);
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
