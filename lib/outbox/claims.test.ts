import { describe, expect, it, vi } from 'vitest';
import { beingSent, claimDueLeads, type ClaimedBatch, recordDeliveries, releaseAllClaims, releaseClaim } from './claims';
import { OutboxDb } from './db';
import { mergeLeads } from './merge';
import { addLead, addLeads, makeRetriesDueNow, nextRetryAt, updateLead } from './outbox';

const T0 = 1_700_000_000_000;
const lease = 60_000;

function freshDb() {
  return new OutboxDb(`test-${crypto.randomUUID()}`);
}

describe('claimDueLeads and recordDeliveries', () => {
  it('claims pending leads oldest first, up to the limit, with one row for the batch', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'A' }, T0);
    const b = await addLead(db, { company: 'B' }, T0 + 1);
    await addLead(db, { company: 'C' }, T0 + 2);
    const claim = await claimDueLeads(db, { now: T0 + 10, limit: 2, leaseMs: lease });
    expect(claim?.leads.map((lead) => lead.id)).toEqual([a.id, b.id]);
    expect(await db.claims.toArray()).toEqual([{ id: claim!.claimId, leaseUntil: T0 + 10 + lease, leads: [{ id: a.id, updatedAt: T0 }, { id: b.id, updatedAt: T0 + 1 }] }]);
    expect(claim?.ranges).toEqual([{ status: 'pending', from: T0, to: T0 + 1 }]);
    // The leads themselves are not rewritten by a claim.
    expect(await db.leads.get(a.id)).toEqual(a);
    expect(await beingSent(db, [a.id], T0 + 11)).toBe(true);
  });

  it('records what the CRM said onto the leads as claimed, and reads again those changed since', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'A' }, T0);
    const b = await addLead(db, { company: 'B' }, T0 + 1);
    const c = await addLead(db, { company: 'C' }, T0 + 2);
    const claim = await claimDueLeads(db, { now: T0 + 10, limit: 10, leaseMs: lease });
    // Meanwhile: B edited by the rep, C's status changed by other code (in a transaction with the claims).
    await updateLead(db, b.id, { company: 'B Corp' }, T0 + 12);
    await db.transaction('rw', db.leads, db.claims, () => db.leads.update(c.id, { sync: { status: 'failed', attempts: 0, dueAt: T0 + 35, lastError: 'x' } }));
    expect((await db.claims.get(claim!.claimId))?.changed).toEqual([b.id, c.id]);
    await recordDeliveries(db, claim!, [{ id: a.id, outcome: 'synced', crmId: '1' }, { id: b.id, outcome: 'synced', crmId: '2' }, { id: c.id, outcome: 'rejected', message: 'No' }], T0 + 20);
    expect(await db.leads.get(a.id)).toEqual({ ...a, sync: { status: 'synced', attempts: 1, syncedAt: T0 + 20, crmId: '1' } });
    // The edit is kept, and goes again (the CRM got the older version).
    expect(await db.leads.get(b.id)).toMatchObject({ company: 'B Corp', sync: { status: 'pending', attempts: 1, dueAt: T0 + 20, crmId: '2' } });
    expect((await db.leads.get(c.id))?.sync).toEqual({ status: 'rejected', attempts: 1, message: 'No' });
    expect(await db.claims.count()).toBe(0);
  });

  it('refuses a change to a stored lead in a transaction without the claims, saying so', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'A' }, T0);
    const claim = await claimDueLeads(db, { now: T0 + 10, limit: 10, leaseMs: lease });
    await expect(db.transaction('rw', db.leads, () => db.leads.update(a.id, { company: 'A2' }))).rejects.toThrow(
      'A stored lead was changed in a transaction without the claims: change leads through writingLeads()',
    );
    await expect(db.transaction('rw', db.leads, () => db.leads.delete(a.id))).rejects.toThrow(/without the claims/);
    expect(await db.leads.get(a.id)).toEqual(a);
    // So a sync always hears of it: recorded onto the copy it sent, nothing lost.
    await recordDeliveries(db, claim!, [{ id: a.id, outcome: 'synced' }], T0 + 20);
    expect(await db.leads.get(a.id)).toMatchObject({ company: 'A', sync: { status: 'synced' } });
  });

  it('looks for due leads from where it is told the last claim ended, by status', async () => {
    const db = freshDb();
    await addLead(db, { company: 'A' }, T0);
    const b = await addLead(db, { company: 'B' }, T0 + 1);
    const c = await addLead(db, { company: 'C' }, T0 + 2);
    const claim = await claimDueLeads(db, { now: T0 + 10, limit: 10, leaseMs: lease, dueFrom: { pending: T0 + 1 } });
    expect(claim?.leads.map((lead) => lead.id)).toEqual([b.id, c.id]);
    expect(claim?.ranges).toEqual([{ status: 'pending', from: T0 + 1, to: T0 + 2 }]);
  });

  it('claims every lead once, batch after batch, while the batch before is on its way, leads due at one time or not', async () => {
    const db = freshDb();
    // An import after a capture: its leads are all due at one time.
    await addLead(db, { company: 'Captured' }, T0);
    await addLeads(db, Array.from({ length: 24 }, (_, i) => ({ company: `Imported ${i}` })), T0);
    for (let i = 0; i < 5; i++) await addLead(db, { company: `Later ${i}` }, T0 + 10 + i);
    const claimed: string[] = [];
    const dueFrom: { pending?: number } = {};
    for (let onItsWay: ClaimedBatch | null = null, batches = 0; batches < 10; batches++) {
      // The next batch is taken while the one before is still held, then that one is recorded.
      const claim = await claimDueLeads(db, { now: T0 + 100, limit: 7, leaseMs: lease, dueFrom });
      if (onItsWay) await recordDeliveries(db, onItsWay, onItsWay.leads.map((lead) => ({ id: lead.id, outcome: 'synced' as const })), T0 + 100);
      if (!claim) break;
      claimed.push(...claim.leads.map((lead) => lead.id));
      dueFrom.pending = claim.ranges[0]!.to;
      onItsWay = claim;
    }
    const all = (await db.leads.orderBy('createdAt').toArray()).map((lead) => lead.id);
    expect(claimed).toHaveLength(30);
    expect(new Set(claimed)).toEqual(new Set(all));
  });

  it('reads the due leads once a batch, batch after batch, the lead the last claim ended with included', async () => {
    const db = freshDb();
    for (let i = 0; i < 20; i++) await addLead(db, { company: `Lead ${i}` }, T0 + i);
    // Each read of the due index, whichever way Dexie asks for it.
    const dueReads = (['getAll', 'openCursor'] as const).map((method) => {
      const original = IDBIndex.prototype[method] as (this: IDBIndex, ...args: unknown[]) => IDBRequest;
      return vi.spyOn(IDBIndex.prototype, method).mockImplementation(function (this: IDBIndex, ...args: unknown[]) {
        return original.apply(this, args);
      });
    });
    const reads = () => dueReads.reduce((sum, spy) => sum + spy.mock.contexts.filter((index) => (index as IDBIndex).name === '[sync.status+sync.dueAt]').length, 0);
    try {
      const dueFrom: { pending?: number } = {};
      const perBatch: number[] = [];
      for (let onItsWay: ClaimedBatch | null = null, batches = 0; batches < 3; batches++) {
        const before = reads();
        const claim = await claimDueLeads(db, { now: T0 + 100, limit: 5, leaseMs: lease, dueFrom, beingRecorded: onItsWay?.leads.map((lead) => lead.id) });
        perBatch.push(reads() - before);
        expect(claim?.leads.map((lead) => lead.company)).toEqual([0, 1, 2, 3, 4].map((i) => `Lead ${batches * 5 + i}`));
        dueFrom.pending = claim!.ranges[0]!.to;
        onItsWay = claim;
      }
      // One read a batch: not a second for the lead the batch before ended with, held by it.
      expect(perBatch).toEqual([1, 1, 1]);
    } finally {
      for (const spy of dueReads) spy.mockRestore();
    }
  });

  it('leaves out the leads of a batch being recorded in the same transaction, its claim row read or not', async () => {
    const db = freshDb();
    const [a, b, c] = await Promise.all(['A', 'B', 'C'].map((company, i) => addLead(db, { company }, T0 + i)));
    const claim = await claimDueLeads(db, { now: T0 + 10, limit: 10, leaseMs: lease, beingRecorded: [a!.id] });
    expect(claim?.leads.map((lead) => lead.id)).toEqual([b!.id, c!.id]);
  });

  it('never claims a lead twice while its lease holds, and claims it again when the lease runs out', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'A' }, T0);
    expect((await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease }))?.leads).toHaveLength(1);
    expect(await claimDueLeads(db, { now: T0 + lease - 1, limit: 10, leaseMs: lease })).toBeNull();
    const again = await claimDueLeads(db, { now: T0 + lease, limit: 10, leaseMs: lease });
    expect(again?.leads.map((lead) => lead.id)).toEqual([a.id]);
    expect(await db.claims.count()).toBe(1);
  });

  it('takes the next leads past the ones a live claim holds', async () => {
    const db = freshDb();
    await addLead(db, { company: 'A' }, T0);
    const b = await addLead(db, { company: 'B' }, T0 + 1);
    await claimDueLeads(db, { now: T0 + 5, limit: 1, leaseMs: lease });
    const next = await claimDueLeads(db, { now: T0 + 6, limit: 1, leaseMs: lease });
    expect(next?.leads.map((lead) => lead.id)).toEqual([b.id]);
  });

  it('records synced, rejected and failed outcomes and ends the claim; a lead not recorded stays as it was', async () => {
    const db = freshDb();
    const leads = await Promise.all(['A', 'B', 'C', 'D'].map((company, i) => addLead(db, { company }, T0 + i)));
    const claim = await claimDueLeads(db, { now: T0 + 10, limit: 10, leaseMs: lease });
    const [a, b, c, d] = leads.map((lead) => lead.id) as [string, string, string, string];
    await recordDeliveries(
      db,
      claim!,
      [
        { id: a, outcome: 'synced', crmId: 'crm-a' },
        { id: b, outcome: 'rejected', message: 'Email already belongs to another contact' },
        { id: c, outcome: 'failed', error: 'HTTP 503', retryAt: T0 + 5_000 },
      ],
      T0 + 20,
    );
    expect((await db.leads.get(a))?.sync).toEqual({ status: 'synced', attempts: 1, crmId: 'crm-a', syncedAt: T0 + 20 });
    expect((await db.leads.get(b))?.sync).toEqual({ status: 'rejected', attempts: 1, message: 'Email already belongs to another contact' });
    expect((await db.leads.get(c))?.sync).toEqual({ status: 'failed', attempts: 1, dueAt: T0 + 5_000, lastError: 'HTTP 503' });
    expect((await db.leads.get(d))?.sync).toEqual({ status: 'pending', attempts: 0, dueAt: T0 + 3 });
    expect(await db.claims.count()).toBe(0);
  });

  it('retries a failed lead only when due, unless the rep asks to sync now', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'A' }, T0);
    const claim = await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease });
    await recordDeliveries(db, claim!, [{ id: a.id, outcome: 'failed', error: 'timeout', retryAt: T0 + 1_000 }], T0);
    expect(await nextRetryAt(db)).toBe(T0 + 1_000);
    expect(await claimDueLeads(db, { now: T0 + 999, limit: 10, leaseMs: lease })).toBeNull();
    expect(await makeRetriesDueNow(db, T0 + 999)).toBeUndefined();
    expect((await claimDueLeads(db, { now: T0 + 999, limit: 10, leaseMs: lease }))?.leads).toHaveLength(1);
  });

  it('keeps the time a CRM asked for, and asking to sync now does not go past it', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'A' }, T0);
    const b = await addLead(db, { company: 'B' }, T0 + 1);
    const claim = await claimDueLeads(db, { now: T0 + 2, limit: 10, leaseMs: lease });
    await recordDeliveries(
      db,
      claim!,
      [
        { id: a.id, outcome: 'failed', error: 'HTTP 429', retryAt: T0 + 90_000, notBefore: T0 + 60_000 },
        { id: b.id, outcome: 'failed', error: 'HTTP 500', retryAt: T0 + 90_000 },
      ],
      T0 + 2,
    );
    expect((await db.leads.get(a.id))?.sync).toEqual({ status: 'failed', attempts: 1, dueAt: T0 + 90_000, notBefore: T0 + 60_000, lastError: 'HTTP 429' });
    expect(await makeRetriesDueNow(db, T0 + 10)).toEqual({ count: 1, until: T0 + 60_000 });
    expect((await claimDueLeads(db, { now: T0 + 10, limit: 10, leaseMs: lease }))?.leads.map((lead) => lead.id)).toEqual([b.id]);
    expect((await db.leads.get(a.id))?.sync).toMatchObject({ dueAt: T0 + 60_000 });
    expect(await makeRetriesDueNow(db, T0 + 60_000)).toBeUndefined();
  });

  it('sends a lead edited while it was on its way again, so the CRM gets the newer version', async () => {
    const db = freshDb();
    const lead = await addLead(db, { fullName: 'Jane Doe', company: 'Acme' }, T0);
    const claim = await claimDueLeads(db, { now: T0 + 1, limit: 10, leaseMs: lease });
    await updateLead(db, lead.id, { fullName: 'Jane Doe', company: 'Acme', title: 'CFO' }, T0 + 2);
    await recordDeliveries(db, claim!, [{ id: lead.id, outcome: 'synced', crmId: 'crm-1' }], T0 + 3);
    expect((await db.leads.get(lead.id))?.sync).toEqual({ status: 'pending', attempts: 1, dueAt: T0 + 3, crmId: 'crm-1' });
    const again = await claimDueLeads(db, { now: T0 + 4, limit: 10, leaseMs: lease });
    expect(again?.leads[0]).toMatchObject({ id: lead.id, title: 'CFO' });
  });

  it('ignores a delivery for a lead deleted while it was being sent', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'A' }, T0);
    const claim = await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease });
    await db.transaction('rw', db.leads, db.claims, () => db.leads.delete(a.id));
    await recordDeliveries(db, claim!, [{ id: a.id, outcome: 'synced' }], T0);
    expect(await db.leads.count()).toBe(0);
  });

  it('records nothing for a claim given back meanwhile: its leads are simply sent again, same ids', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'A' }, T0);
    const claim = await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease });
    expect(await releaseAllClaims(db)).toBe(1);
    await recordDeliveries(db, claim!, [{ id: a.id, outcome: 'synced' }], T0 + 1);
    expect((await db.leads.get(a.id))?.sync).toEqual({ status: 'pending', attempts: 0, dueAt: T0 });
    expect((await claimDueLeads(db, { now: T0 + 2, limit: 10, leaseMs: lease }))?.leads[0]?.id).toBe(a.id);
  });

  it('gives a cancelled batch back untouched', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'A' }, T0);
    const claim = await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease });
    await releaseClaim(db, claim!.claimId);
    expect(await beingSent(db, [a.id], T0 + 1)).toBe(false);
    expect(await db.leads.get(a.id)).toEqual(a);
  });

  it('refuses to merge leads while one of them is being sent', async () => {
    const db = freshDb();
    const a = await addLead(db, { fullName: 'Jane Doe', company: 'Acme' }, T0);
    const b = await addLead(db, { fullName: 'Jane Doe', company: 'Acme', title: 'CFO' }, T0 + 1);
    await claimDueLeads(db, { now: T0 + 2, limit: 1, leaseMs: lease });
    await expect(mergeLeads(db, b.id, a.id, {}, T0 + 3)).rejects.toThrow('One of them is being sent right now');
    expect(await db.leads.count()).toBe(2);
  });
});
