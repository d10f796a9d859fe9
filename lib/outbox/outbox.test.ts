import { describe, expect, it } from 'vitest';
import { OutboxDb } from './db';
import { filterLeadIds, noFilter } from './filter';
import {
  addLead,
  addLeads,
  moveToEvent,
  claimDueLeads,
  findDuplicate,
  makeRetriesDueNow,
  nextRetryAt,
  deleteLead,
  recordDeliveries,
  releaseAllClaims,
  restoreLead,
  updateLead,
  waitingCount,
} from './outbox';

const T0 = 1_700_000_000_000;
const lease = 60_000;

function freshDb() {
  return new OutboxDb(`test-${crypto.randomUUID()}`);
}

describe('addLead', () => {
  it('stores a pending lead with a UUID, times and name parts', async () => {
    const db = freshDb();
    const lead = await addLead(db, { fullName: 'Jane Doe', company: 'Acme', email: 'jane@acme.com' }, T0);
    expect(lead.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await db.leads.get(lead.id)).toEqual({
      id: lead.id,
      createdAt: T0,
      updatedAt: T0,
      fullName: 'Jane Doe',
      firstName: 'Jane',
      lastName: 'Doe',
      company: 'Acme',
      email: 'jane@acme.com',
      source: { kind: 'prospecting' },
      qualification: { level: 'raw', budget: false, authority: false, need: false, timing: false },
      capture: {},
      sync: { status: 'pending', attempts: 0, dueAt: T0 },
    });
  });

  it('refuses an invalid lead and stores nothing', async () => {
    const db = freshDb();
    await expect(addLead(db, { fullName: 'Jane', email: 'nope' })).rejects.toThrow(/valid email/);
    expect(await db.leads.count()).toBe(0);
  });

  it('gives every lead its own id', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'Acme' });
    const b = await addLead(db, { company: 'Acme' });
    expect(a.id).not.toBe(b.id);
  });
});

describe('the outbox refuses invalid writes from any code path', () => {
  it('rejects a put that breaks the schema', async () => {
    const db = freshDb();
    const lead = await addLead(db, { company: 'Acme' }, T0);
    await expect(db.leads.put({ ...lead, email: 'broken' })).rejects.toThrow(/Refused to store an invalid lead/);
    await expect(db.leads.update(lead.id, { company: undefined })).rejects.toThrow(/name or their company/);
    expect((await db.leads.get(lead.id))?.company).toBe('Acme');
  });
});

describe('waitingCount', () => {
  it('counts what has not reached the CRM', async () => {
    const db = freshDb();
    const first = await addLead(db, { company: 'First' }, T0);
    await addLead(db, { company: 'Second' }, T0 + 1);
    expect(await waitingCount(db)).toBe(2);

    await claimDueLeads(db, { now: T0 + 2, limit: 1, leaseMs: lease });
    await recordDeliveries(db, [{ id: first.id, outcome: 'synced', crmId: 'crm-1' }], T0 + 3);
    expect(await waitingCount(db)).toBe(1);
  });
});

describe('claimDueLeads and recordDeliveries', () => {
  it('claims pending leads oldest first, up to the limit, and marks them syncing', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'A' }, T0);
    const b = await addLead(db, { company: 'B' }, T0 + 1);
    await addLead(db, { company: 'C' }, T0 + 2);
    const claimed = await claimDueLeads(db, { now: T0 + 10, limit: 2, leaseMs: lease });
    expect(claimed.map((lead) => lead.id)).toEqual([a.id, b.id]);
    expect((await db.leads.get(a.id))?.sync).toEqual({ status: 'syncing', attempts: 0, dueAt: T0 + 10 + lease });
  });

  it('never claims a lead twice while its lease holds, and reclaims it when the lease runs out', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'A' }, T0);
    expect(await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease })).toHaveLength(1);
    expect(await claimDueLeads(db, { now: T0 + lease - 1, limit: 10, leaseMs: lease })).toHaveLength(0);
    const reclaimed = await claimDueLeads(db, { now: T0 + lease, limit: 10, leaseMs: lease });
    expect(reclaimed.map((lead) => lead.id)).toEqual([a.id]);
  });

  it('records synced, rejected, failed and released outcomes', async () => {
    const db = freshDb();
    const leads = await Promise.all(['A', 'B', 'C', 'D'].map((company, i) => addLead(db, { company }, T0 + i)));
    await claimDueLeads(db, { now: T0 + 10, limit: 10, leaseMs: lease });
    const [a, b, c, d] = leads.map((lead) => lead.id) as [string, string, string, string];
    await recordDeliveries(
      db,
      [
        { id: a, outcome: 'synced', crmId: 'crm-a' },
        { id: b, outcome: 'rejected', message: 'Email already belongs to another contact' },
        { id: c, outcome: 'failed', error: 'HTTP 503', retryAt: T0 + 5_000 },
        { id: d, outcome: 'released' },
      ],
      T0 + 20,
    );
    expect((await db.leads.get(a))?.sync).toEqual({ status: 'synced', attempts: 1, crmId: 'crm-a', syncedAt: T0 + 20 });
    expect((await db.leads.get(b))?.sync).toEqual({
      status: 'rejected',
      attempts: 1,
      message: 'Email already belongs to another contact',
    });
    expect((await db.leads.get(c))?.sync).toEqual({ status: 'failed', attempts: 1, dueAt: T0 + 5_000, lastError: 'HTTP 503' });
    expect((await db.leads.get(d))?.sync).toEqual({ status: 'pending', attempts: 0, dueAt: T0 + 20 });
  });

  it('retries a failed lead only when due, unless the rep asks to sync now', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'A' }, T0);
    await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease });
    await recordDeliveries(db, [{ id: a.id, outcome: 'failed', error: 'timeout', retryAt: T0 + 1_000 }], T0);
    expect(await nextRetryAt(db)).toBe(T0 + 1_000);
    expect(await claimDueLeads(db, { now: T0 + 999, limit: 10, leaseMs: lease })).toHaveLength(0);
    await makeRetriesDueNow(db, T0 + 999);
    expect(await claimDueLeads(db, { now: T0 + 999, limit: 10, leaseMs: lease })).toHaveLength(1);
  });

  it('gives back claims left by a worker that died, at once', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'A' }, T0);
    await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease });
    expect(await releaseAllClaims(db, T0 + 5)).toBe(1);
    expect((await db.leads.get(a.id))?.sync).toEqual({ status: 'pending', attempts: 0, dueAt: T0 + 5 });
  });

  it('ignores a delivery for a lead deleted while it was being sent', async () => {
    const db = freshDb();
    const a = await addLead(db, { company: 'A' }, T0);
    await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease });
    await db.leads.delete(a.id);
    await recordDeliveries(db, [{ id: a.id, outcome: 'synced' }], T0);
    expect(await db.leads.count()).toBe(0);
  });
});

describe('updateLead', () => {
  it('keeps the id and creation time, and sends a synced lead again so the CRM gets the change', async () => {
    const db = freshDb();
    const lead = await addLead(db, { fullName: 'Jane Doe', company: 'Acme' }, T0);
    await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease });
    await recordDeliveries(db, [{ id: lead.id, outcome: 'synced', crmId: 'crm-1' }], T0 + 1);
    const updated = await updateLead(db, lead.id, { fullName: 'Jane Doe', company: 'Acme', title: 'CFO' }, T0 + 5);
    expect(updated).toMatchObject({ id: lead.id, createdAt: T0, updatedAt: T0 + 5, title: 'CFO' });
    expect(updated.sync).toEqual({ status: 'pending', attempts: 1, dueAt: T0 + 5, crmId: 'crm-1' });
  });

  it('keeps the CRM id through the next claim and sync, so the update reaches the same record', async () => {
    const db = freshDb();
    const lead = await addLead(db, { company: 'Acme' }, T0);
    await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease });
    await recordDeliveries(db, [{ id: lead.id, outcome: 'synced', crmId: 'crm-1' }], T0 + 1);
    await updateLead(db, lead.id, { company: 'Acme Corp' }, T0 + 2);
    const [claimed] = await claimDueLeads(db, { now: T0 + 3, limit: 10, leaseMs: lease });
    expect(claimed?.sync.crmId).toBe('crm-1');
    await recordDeliveries(db, [{ id: lead.id, outcome: 'synced' }], T0 + 4);
    expect((await db.leads.get(lead.id))?.sync).toMatchObject({ status: 'synced', crmId: 'crm-1' });
  });

  it('refuses invalid input and leaves the lead as it was', async () => {
    const db = freshDb();
    const lead = await addLead(db, { company: 'Acme' }, T0);
    await expect(updateLead(db, lead.id, { company: 'Acme', email: 'nope' })).rejects.toThrow();
    expect(await db.leads.get(lead.id)).toEqual(lead);
  });
});

describe('findDuplicate', () => {
  it('finds a lead with the same LinkedIn profile or the same email, whatever its case', async () => {
    const db = freshDb();
    const jane = await addLead(db, { fullName: 'Jane', email: 'Jane@Acme.example', linkedinUrl: 'https://www.linkedin.com/in/jane' });
    expect((await findDuplicate(db, { linkedinUrl: 'https://www.linkedin.com/in/jane' }))?.id).toBe(jane.id);
    expect((await findDuplicate(db, { email: 'jane@acme.example' }))?.id).toBe(jane.id);
    expect(await findDuplicate(db, { email: 'bob@acme.example' })).toBeUndefined();
    expect(await findDuplicate(db, { email: 'jane@acme.example', exceptId: jane.id })).toBeUndefined();
  });
});

describe('deleteLead and restoreLead', () => {
  it('deletes a lead not yet synced, and undo brings it back exactly', async () => {
    const db = freshDb();
    const lead = await addLead(db, { fullName: 'Jane', company: 'Acme' }, T0);
    const deleted = await deleteLead(db, lead.id);
    expect(await db.leads.count()).toBe(0);
    await restoreLead(db, deleted);
    expect(await db.leads.get(lead.id)).toEqual(lead);
  });

  it('keeps synced leads, and leads being sent', async () => {
    const db = freshDb();
    const lead = await addLead(db, { company: 'Acme' }, T0);
    await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease });
    await expect(deleteLead(db, lead.id)).rejects.toThrow('That lead is being sent right now');
    await recordDeliveries(db, [{ id: lead.id, outcome: 'synced' }], T0);
    await expect(deleteLead(db, lead.id)).rejects.toThrow('A synced lead stays, read-only');
    expect(await db.leads.count()).toBe(1);
  });
});

describe('moveToEvent', () => {
  it('re-tags a waiting lead with another event, and refuses a synced one', async () => {
    const db = freshDb();
    const lead = await addLead(db, { fullName: 'Jane', company: 'Acme', source: { kind: 'event', eventName: 'SaaStr' } }, T0);
    const moved = await moveToEvent(db, lead.id, { eventName: 'SaaStr party', eventLocation: 'SF' }, T0 + 1);
    expect(moved).toMatchObject({ id: lead.id, createdAt: T0, source: { kind: 'event', eventName: 'SaaStr party', eventLocation: 'SF' } });
    expect(await filterLeadIds(db, { ...noFilter, event: 'SaaStr party' })).toEqual([lead.id]);
    expect(await filterLeadIds(db, { ...noFilter, text: 'party' })).toEqual([lead.id]);
    await claimDueLeads(db, { now: T0 + 1, limit: 1, leaseMs: 1000 });
    await recordDeliveries(db, [{ id: lead.id, outcome: 'synced' }]);
    await expect(moveToEvent(db, lead.id, { eventName: 'Other' })).rejects.toThrow('A synced lead stays, read-only');
  });
});

describe('the search index', () => {
  it('follows every add, update, delete and undo', async () => {
    const db = freshDb();
    const [a] = await addLeads(db, [{ fullName: 'Jane Doe', company: 'Acme' }, { company: 'Globex' }], T0);
    const search = (text: string) => filterLeadIds(db, { ...noFilter, text });
    expect(await search('jane')).toEqual([a!.id]);
    await updateLead(db, a!.id, { fullName: 'Janet Doe', company: 'Initech' }, T0 + 5);
    expect(await search('acme')).toEqual([]);
    expect(await search('initech')).toEqual([a!.id]);
    const deleted = await deleteLead(db, a!.id);
    expect(await search('janet')).toEqual([]);
    await restoreLead(db, deleted);
    expect(await search('janet')).toEqual([a!.id]);
    expect(await db.leadSearch.count()).toBe(2);
  });
});
