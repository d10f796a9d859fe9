import { describe, expect, it } from 'vitest';
import { OutboxDb } from './db';
import { FILTER_TEXT_MAX, filterLeadIds, leadCount, newestLeads, noFilter, startOfDays, withCriterion, type LeadFilter } from './filter';
import { claimDueLeads, recordDeliveries } from './claims';
import { addLead, deleteLead, leadById } from './outbox';

const NOW = new Date(2026, 10, 23, 15, 0).getTime();
const DAY = 86_400_000;

async function outboxWithFive() {
  const db = new OutboxDb(`filter-${crypto.randomUUID()}`);
  const jane = await addLead(db, { fullName: 'Jane Doe', company: 'Acme', source: { kind: 'event', eventName: 'SaaStr' } }, NOW - 10 * DAY);
  const jim = await addLead(db, { fullName: 'Jim Halpert', company: 'Dunder Mifflin', notes: 'Met at the acme booth' }, NOW - 3 * DAY);
  const ana = await addLead(db, { fullName: 'Ana López', company: 'Initech', source: { kind: 'referral', referredBy: 'Bob Martin' } }, NOW - 2 * 3600_000);
  const raj = await addLead(db, { fullName: 'Raj Patel', company: 'Acme', source: { kind: 'event', eventName: 'Web Summit' } }, NOW - 3600_000);
  const kim = await addLead(db, { fullName: 'Kim Lee', company: 'Globex', source: { kind: 'event', eventName: 'SaaStr' } }, NOW - 60_000);
  // Jane synced, Ana refused by the CRM; the rest wait.
  const claim = await claimDueLeads(db, { now: NOW, limit: 10, leaseMs: 60_000 });
  await recordDeliveries(db, claim!, [
    { id: jane.id, outcome: 'synced', crmId: '9' },
    { id: ana.id, outcome: 'rejected', message: 'Bad' },
  ]);
  return { db, jane, jim, ana, raj, kim };
}

const filter = (fields: Partial<Record<keyof LeadFilter, string>>) =>
  Object.entries(fields).reduce((built, [field, value]) => withCriterion(built, field as keyof LeadFilter, value), noFilter);

describe('filterLeadIds', () => {
  it('lists every lead, newest first, without a filter', async () => {
    const { db, jane, jim, ana, raj, kim } = await outboxWithFive();
    expect(await filterLeadIds(db, filter({}), NOW)).toEqual([kim.id, raj.id, ana.id, jim.id, jane.id]);
  });

  it('finds leads by the start of any word, every word typed, accents ignored', async () => {
    const { db, jane, jim, ana, raj } = await outboxWithFive();
    expect(await filterLeadIds(db, filter({ text: 'acm' }), NOW)).toEqual([raj.id, jim.id, jane.id]);
    expect(await filterLeadIds(db, filter({ text: 'acme ja' }), NOW)).toEqual([jane.id]);
    expect(await filterLeadIds(db, filter({ text: 'LOPEZ' }), NOW)).toEqual([ana.id]);
    expect(await filterLeadIds(db, filter({ text: 'bob' }), NOW)).toEqual([ana.id]);
    expect(await filterLeadIds(db, filter({ text: 'zzz' }), NOW)).toEqual([]);
  });

  it('filters by source, event, status and date, and combines them', async () => {
    const { db, jane, jim, ana, raj, kim } = await outboxWithFive();
    expect(await filterLeadIds(db, filter({ source: 'event' }), NOW)).toEqual([kim.id, raj.id, jane.id]);
    expect(await filterLeadIds(db, filter({ event: 'SaaStr' }), NOW)).toEqual([kim.id, jane.id]);
    expect(await filterLeadIds(db, filter({ status: 'waiting' }), NOW)).toEqual([kim.id, raj.id, jim.id]);
    expect(await filterLeadIds(db, filter({ status: 'attention' }), NOW)).toEqual([ana.id]);
    expect(await filterLeadIds(db, filter({ status: 'synced' }), NOW)).toEqual([jane.id]);
    expect(await filterLeadIds(db, filter({ date: 'today' }), NOW)).toEqual([kim.id, raj.id, ana.id]);
    expect(await filterLeadIds(db, filter({ date: 'week' }), NOW)).toEqual([kim.id, raj.id, ana.id, jim.id]);
    expect(await filterLeadIds(db, filter({ event: 'SaaStr', status: 'waiting', text: 'kim' }), NOW)).toEqual([kim.id]);
  });

  it('takes a criterion it does not offer as "any", and cuts text to its limit', () => {
    expect(filter({ status: 'lost', source: 'cold-call', date: 'year' })).toEqual(noFilter);
    expect(filter({ source: 'referral', status: 'details', date: 'month' })).toEqual({ ...noFilter, source: 'referral', status: 'details', date: 'month' });
    expect(filter({ text: 'x'.repeat(250) }).text).toHaveLength(FILTER_TEXT_MAX);
  });
});

describe('startOfDays', () => {
  it('is local midnight, today included', () => {
    expect(startOfDays(1, NOW)).toBe(new Date(2026, 10, 23).getTime());
    expect(startOfDays(7, NOW)).toBe(new Date(2026, 10, 17).getTime());
  });
});

describe('the list\'s reads', () => {
  it('gives the newest leads first, the count, and one lead by its id', async () => {
    const { db, jane, raj, kim } = await outboxWithFive();
    expect((await newestLeads(db, 2)).map((lead) => lead.fullName)).toEqual([kim.fullName, raj.fullName]);
    expect(await leadCount(db)).toBe(5);
    expect((await leadById(db, jane.id))?.sync).toMatchObject({ status: 'synced', crmId: '9' });
    await deleteLead(db, kim.id, NOW);
    expect(await leadById(db, kim.id)).toBeUndefined();
    expect(await leadCount(db)).toBe(4);
  });
});
