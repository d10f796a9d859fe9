import { describe, expect, it } from 'vitest';
import { aLead } from '../../tests/unit/leads';
import { OutboxDb } from './db';
import { filterLeadIds, noFilter } from './filter';
import { conflictingFields, mergedLead, mergeLeads, mergeOrder, unmerge } from './merge';
import { claimDueLeads, recordDeliveries } from './claims';
import { addLead, findDuplicate } from './outbox';

const T0 = 1_700_000_000_000;

describe('mergeOrder', () => {
  it('keeps the lead the CRM knows, else the older one, and refuses two the CRM knows', () => {
    const older = aLead({ createdAt: 1, sync: { status: 'pending', attempts: 0, dueAt: 1 } });
    const newer = aLead({ createdAt: 2, sync: { status: 'pending', attempts: 0, dueAt: 2 } });
    const synced = aLead({ createdAt: 3, sync: { status: 'synced', attempts: 1, syncedAt: 3, crmId: '7' } });
    expect(mergeOrder(newer, older)).toEqual({ keep: older, drop: newer });
    expect(mergeOrder(older, synced)).toEqual({ keep: synced, drop: older });
    expect(mergeOrder(synced, { ...synced, id: crypto.randomUUID() })).toEqual({ problem: 'Your CRM has both of them: merge them there' });
  });
});

describe('mergedLead', () => {
  const keep = aLead({ title: 'CTO', email: 'jane@acme.example', notes: 'Met at SaaStr', qualification: { level: 'lukewarm', budget: true, authority: false, need: true, timing: false } });
  const drop = aLead({ title: 'Chief Technology Officer', phone: '+1 415 555 0100', notes: 'Wants a demo', source: { kind: 'event', eventName: 'SaaStr' }, qualification: { level: 'hot', budget: false, authority: true, need: true, timing: true } });

  it('fills gaps from the other, keeps the kept value on conflicts unless told, joins notes', () => {
    expect(conflictingFields(keep, drop)).toEqual(['title']);
    const merged = mergedLead(keep, drop);
    expect(merged).toMatchObject({ title: 'CTO', email: 'jane@acme.example', phone: '+1 415 555 0100', notes: 'Met at SaaStr\n\nWants a demo' });
    expect(mergedLead(keep, drop, { title: 'drop' }).title).toBe('Chief Technology Officer');
  });

  it('keeps the higher level, every BANT box, and the more specific source', () => {
    const merged = mergedLead(keep, drop);
    expect(merged.qualification).toEqual({ level: 'hot', budget: true, authority: true, need: true, timing: true });
    expect(merged.source).toEqual({ kind: 'event', eventName: 'SaaStr' });
  });
});

describe('mergeLeads', () => {
  it('makes one lead of two in one step, and undo brings both back', async () => {
    const db = new OutboxDb(`merge-${crypto.randomUUID()}`);
    const a = await addLead(db, { fullName: 'Jane Doe', company: 'Acme', email: 'jane@acme.example' }, T0);
    const b = await addLead(db, { fullName: 'Jane Doe', company: 'Acme', phone: '+1 415 555 0100' }, T0 + 1);
    expect((await findDuplicate(db, { fullName: 'Jane Doe', company: 'ACME', exceptId: b.id }))?.id).toBe(a.id);

    const result = await mergeLeads(db, a.id, b.id, {}, T0 + 2);
    expect(await db.leads.count()).toBe(1);
    expect(await db.leads.get(a.id)).toMatchObject({ email: 'jane@acme.example', phone: '+1 415 555 0100', updatedAt: T0 + 2 });
    expect(await db.leadSearch.get(b.id)).toBeUndefined();
    expect(await findDuplicate(db, { fullName: 'Jane Doe', company: 'Acme', exceptId: a.id })).toBeUndefined();

    await unmerge(db, result, T0 + 3);
    // The kept lead gets its own values back as a change of its own (a batch on its way sends it again).
    expect(await db.leads.bulkGet([a.id, b.id])).toEqual([{ ...a, updatedAt: T0 + 3 }, b]);
    expect(await filterLeadIds(db, { ...noFilter, text: '415' })).toEqual([b.id]);
  });

  it('sends a merged synced lead again, under its CRM id, and never merges one away', async () => {
    const db = new OutboxDb(`merge-${crypto.randomUUID()}`);
    const synced = await addLead(db, { fullName: 'Jane Doe', company: 'Acme' }, T0);
    const claim = await claimDueLeads(db, { now: T0, limit: 1, leaseMs: 1000 });
    await recordDeliveries(db, claim!, [{ id: synced.id, outcome: 'synced', crmId: 'crm-1' }], T0);
    const other = await addLead(db, { fullName: 'Jane Doe', company: 'Acme', title: 'CTO' }, T0 + 1);

    await expect(mergeLeads(db, other.id, synced.id)).rejects.toThrow(/merge the other way round/);
    expect(await db.leads.count()).toBe(2);
    const { merged } = await mergeLeads(db, synced.id, other.id, {}, T0 + 2);
    expect(merged.title).toBe('CTO');
    expect(merged.sync).toEqual({ status: 'pending', attempts: 1, dueAt: T0 + 2, crmId: 'crm-1' });
  });

  it('undoes a merge onto the lead as it is now, and refuses once the merged lead has reached the CRM', async () => {
    const db = new OutboxDb(`merge-${crypto.randomUUID()}`);
    const a = await addLead(db, { fullName: 'Jane Doe', company: 'Acme', email: 'jane@acme.example' }, T0);
    const b = await addLead(db, { fullName: 'Jane Doe', company: 'Acme', email: 'jane.doe@acme.example' }, T0 + 1);
    const result = await mergeLeads(db, a.id, b.id, { email: 'drop' }, T0 + 2);
    // The merged lead is sent and the CRM keeps it as contact crm-7.
    const claim = await claimDueLeads(db, { now: T0 + 3, limit: 5, leaseMs: 1000 });
    await recordDeliveries(db, claim!, [{ id: a.id, outcome: 'synced', crmId: 'crm-7' }], T0 + 3);
    await expect(unmerge(db, result, T0 + 4)).rejects.toThrow('Jane Doe has reached your CRM since, as it is now: edit it to change it there too');
    // Nothing changed: still one lead, synced, with its CRM id and the merged email.
    expect(await db.leads.toArray()).toEqual([expect.objectContaining({ id: a.id, email: 'jane.doe@acme.example', sync: expect.objectContaining({ status: 'synced', crmId: 'crm-7' }) })]);
  });

  it('keeps a failed attempt\'s state when a merge is undone before the CRM had it', async () => {
    const db = new OutboxDb(`merge-${crypto.randomUUID()}`);
    const a = await addLead(db, { fullName: 'Jane Doe', company: 'Acme' }, T0);
    const b = await addLead(db, { fullName: 'Jane Doe', company: 'Acme', title: 'CTO' }, T0 + 1);
    const result = await mergeLeads(db, a.id, b.id, {}, T0 + 2);
    const claim = await claimDueLeads(db, { now: T0 + 3, limit: 5, leaseMs: 1000 });
    await recordDeliveries(db, claim!, [{ id: a.id, outcome: 'failed', error: 'Timeout', retryAt: T0 + 60_000 }], T0 + 3);
    await unmerge(db, result, T0 + 4);
    const restored = await db.leads.get(a.id);
    expect(restored?.title).toBeUndefined();
    expect(restored).toMatchObject({ updatedAt: T0 + 4, sync: { status: 'failed', attempts: 1, dueAt: T0 + 60_000, lastError: 'Timeout' } });
    expect(await db.leads.get(b.id)).toEqual(b);
  });
});
