import { describe, expect, it } from 'vitest';
import { claimDueLeads } from './claims';
import { OutboxDb } from './db';
import { addLead, undoEdit, updateLead } from './outbox';

const T0 = Date.UTC(2026, 11, 5, 9);

describe('a lead known by its badge id only', () => {
  it('is saved, needs details, is never claimed for the CRM, and is due as soon as it has a name or an email', async () => {
    const db = new OutboxDb(`badge-${crypto.randomUUID()}`);
    const badge = await addLead(db, { badgeId: 'EXPO26-004711', source: { kind: 'event', eventName: 'Web Summit' } }, T0);
    const company = await addLead(db, { badgeId: 'EXPO26-004712', company: 'Acme' }, T0 + 1);
    const named = await addLead(db, { badgeId: 'EXPO26-004713', fullName: 'Ana Lima' }, T0 + 2);
    expect([badge.sync.status, company.sync.status, named.sync.status]).toEqual(['held', 'held', 'pending']);

    const claim = await claimDueLeads(db, { now: T0 + 10, limit: 10, leaseMs: 60_000 });
    expect(claim?.leads.map((lead) => lead.id)).toEqual([named.id]);

    const { id: _id, createdAt: _c, updatedAt: _u, sync: _s, ...input } = badge;
    const filled = await updateLead(db, badge.id, { ...input, email: 'visitor@expo.example' }, T0 + 20);
    expect(filled.sync).toEqual({ status: 'pending', attempts: 0, dueAt: T0 + 20 });
    // Its details taken away again: it waits again.
    const emptied = await updateLead(db, badge.id, { ...input }, T0 + 30);
    expect(emptied.sync).toEqual({ status: 'held', attempts: 0 });
    // Undo of the edit that gave it an email: it waits again, rather than going without it.
    const again = await updateLead(db, badge.id, { ...input, email: 'visitor@expo.example' }, T0 + 40);
    const undone = await undoEdit(db, emptied, again, T0 + 50);
    expect(undone.sync).toEqual({ status: 'held', attempts: 0 });
  });

  it('needs a badge id, a name or a company: nothing is not a lead', async () => {
    const db = new OutboxDb(`badge-${crypto.randomUUID()}`);
    await expect(addLead(db, { notes: 'met at the bar' }, T0)).rejects.toThrow(/badge id/);
  });
});
