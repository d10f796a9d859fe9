import { describe, expect, it, vi } from 'vitest';
import { claimDueLeads, recordDeliveries } from './claims';
import { OutboxDb } from './db';
import { filterLeadIds, noFilter } from './filter';
import {
  addLead,
  addLeads,
  NO_ROOM,
  moveToEvent,
  findDuplicate,
  deleteLead,
  restoreLead,
  undoEdit,
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

  it('stores a batch in its order, every lead due by the time it was stored', async () => {
    const db = freshDb();
    const leads = await addLeads(db, [{ company: 'First' }, { company: 'Second' }, { company: 'Third' }], T0);
    expect(leads.map((lead) => lead.createdAt)).toEqual([T0 - 2, T0 - 1, T0]);
    // "Sync now" just after an import claims every lead of it, in order.
    const claim = await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease });
    expect(claim?.leads.map((lead) => lead.company)).toEqual(['First', 'Second', 'Third']);
  });

  it('stores a batch after every lead already there, so a lead captured just before an import stays below it', async () => {
    const db = freshDb();
    const captured = await addLead(db, { company: 'Captured' }, T0);
    // A 1,000-row import two seconds later would start a second before the captured lead.
    const imported = await addLeads(db, Array.from({ length: 1000 }, (_, i) => ({ company: `Row ${i}` })), T0 + 2);
    expect(imported[0]!.createdAt).toBe(captured.createdAt + 1);
    expect(imported.at(-1)!.createdAt).toBe(T0 + 1000);
    expect(imported.every((lead) => lead.sync.status === 'pending' && lead.sync.dueAt! <= T0 + 2)).toBe(true);
    const list = await filterLeadIds(db, noFilter);
    expect(list.at(-1)).toBe(captured.id);
    expect(list[0]).toBe(imported.at(-1)!.id);
    // The next capture goes on top, and everything is due for "Sync now" at once.
    const next = await addLead(db, { company: 'Next' }, T0 + 3);
    expect((await filterLeadIds(db, noFilter))[0]).toBe(next.id);
    const claim = await claimDueLeads(db, { now: T0 + 3, limit: 2000, leaseMs: lease });
    expect(claim?.leads).toHaveLength(1002);
    expect(claim?.leads[0]!.id).toBe(captured.id);
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

    const claim = await claimDueLeads(db, { now: T0 + 2, limit: 1, leaseMs: lease });
    await recordDeliveries(db, claim!, [{ id: first.id, outcome: 'synced', crmId: 'crm-1' }], T0 + 3);
    expect(await waitingCount(db)).toBe(1);
  });
});

describe('updateLead', () => {
  it('keeps the id and creation time, and sends a synced lead again so the CRM gets the change', async () => {
    const db = freshDb();
    const lead = await addLead(db, { fullName: 'Jane Doe', company: 'Acme' }, T0);
    const claim = await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease });
    await recordDeliveries(db, claim!, [{ id: lead.id, outcome: 'synced', crmId: 'crm-1' }], T0 + 1);
    const updated = await updateLead(db, lead.id, { fullName: 'Jane Doe', company: 'Acme', title: 'CFO' }, T0 + 5);
    expect(updated).toMatchObject({ id: lead.id, createdAt: T0, updatedAt: T0 + 5, title: 'CFO' });
    expect(updated.sync).toEqual({ status: 'pending', attempts: 1, dueAt: T0 + 5, crmId: 'crm-1' });
  });

  it('keeps the CRM id through the next claim and sync, so the update reaches the same record', async () => {
    const db = freshDb();
    const lead = await addLead(db, { company: 'Acme' }, T0);
    const first = await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease });
    await recordDeliveries(db, first!, [{ id: lead.id, outcome: 'synced', crmId: 'crm-1' }], T0 + 1);
    await updateLead(db, lead.id, { company: 'Acme Corp' }, T0 + 2);
    const again = await claimDueLeads(db, { now: T0 + 3, limit: 10, leaseMs: lease });
    expect(again?.leads[0]?.sync.crmId).toBe('crm-1');
    await recordDeliveries(db, again!, [{ id: lead.id, outcome: 'synced' }], T0 + 4);
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
    const claim = await claimDueLeads(db, { now: T0, limit: 10, leaseMs: lease });
    await expect(deleteLead(db, lead.id, T0 + 1)).rejects.toThrow('That lead is being sent right now');
    await recordDeliveries(db, claim!, [{ id: lead.id, outcome: 'synced' }], T0);
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
    const claim = await claimDueLeads(db, { now: T0 + 1, limit: 1, leaseMs: 1000 });
    await recordDeliveries(db, claim!, [{ id: lead.id, outcome: 'synced' }]);
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

describe('undoEdit (Undo of Move to event)', () => {
  it('puts the old event back and keeps the sync state the lead has now', async () => {
    const db = freshDb();
    const before = await addLead(db, { fullName: 'Jane Doe', source: { kind: 'event', eventName: 'SaaStr' } }, T0);
    const moved = await moveToEvent(db, before.id, { eventName: 'SaaStr party' }, T0 + 1);
    const claim = await claimDueLeads(db, { now: T0 + 2, limit: 1, leaseMs: lease });
    await recordDeliveries(db, claim!, [{ id: before.id, outcome: 'failed', error: 'Timeout', retryAt: T0 + 9_000 }], T0 + 2);
    const undone = await undoEdit(db, before, moved, T0 + 3);
    expect(undone.source).toEqual({ kind: 'event', eventName: 'SaaStr' });
    expect(undone.sync).toEqual({ status: 'failed', attempts: 1, dueAt: T0 + 9_000, lastError: 'Timeout' });
  });

  it('refuses once the lead has reached the CRM, so the CRM never makes it twice', async () => {
    const db = freshDb();
    const before = await addLead(db, { fullName: 'Jane Doe', source: { kind: 'event', eventName: 'SaaStr' } }, T0);
    const moved = await moveToEvent(db, before.id, { eventName: 'SaaStr party' }, T0 + 1);
    const claim = await claimDueLeads(db, { now: T0 + 2, limit: 1, leaseMs: lease });
    await recordDeliveries(db, claim!, [{ id: before.id, outcome: 'synced', crmId: 'crm-1' }], T0 + 2);
    await expect(undoEdit(db, before, moved, T0 + 3)).rejects.toThrow(/has reached your CRM since/);
    expect((await db.leads.get(before.id))?.sync).toMatchObject({ status: 'synced', crmId: 'crm-1' });
  });
});

describe('a write the browser refuses for lack of room', () => {
  it('says so plainly, stores nothing half-way, and leaves the lead as it was', async () => {
    const db = freshDb();
    const kept = await addLead(db, { fullName: 'Jane Doe' }, T0);
    const full = vi.spyOn(db.leads, 'bulkAdd').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await expect(addLead(db, { fullName: 'Raj Patel' }, T0 + 1)).rejects.toThrow(NO_ROOM);
    expect(await db.leads.count()).toBe(1);
    full.mockRestore();
    vi.spyOn(db.leads, 'put').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await expect(updateLead(db, kept.id, { fullName: 'Jane Smith' }, T0 + 2)).rejects.toThrow(NO_ROOM);
    expect((await db.leads.get(kept.id))?.fullName).toBe('Jane Doe');
  });
});
