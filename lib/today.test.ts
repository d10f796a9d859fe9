import { describe, expect, it } from 'vitest';
import { OutboxDb } from './outbox/db';
import { claimDueLeads, recordDeliveries } from './outbox/claims';
import { addLead } from './outbox/outbox';
import { dayNumbers, startOfWeek } from './today';

// Thursday 26 November 2026, 15:00 local time.
const NOW = new Date(2026, 10, 26, 15, 0).getTime();
const at = (date: number, hour = 10) => new Date(2026, 10, date, hour).getTime();

describe('startOfWeek', () => {
  it('is Monday midnight, local time', () => {
    expect(startOfWeek(NOW)).toBe(new Date(2026, 10, 23).getTime());
    expect(startOfWeek(new Date(2026, 10, 23, 0, 1).getTime())).toBe(new Date(2026, 10, 23).getTime());
    expect(startOfWeek(new Date(2026, 10, 29, 23).getTime())).toBe(new Date(2026, 10, 23).getTime());
  });
});

describe('dayNumbers', () => {
  it('counts today, this week and each of the last seven days by source, the level mix and the outbox', async () => {
    const db = new OutboxDb(`today-${crypto.randomUUID()}`);
    const referral = { kind: 'referral', referredBy: 'Bob' } as const;
    const event = { kind: 'event', eventName: 'Expo' } as const;
    // Captured in this order (a lead is always stored after the ones already there).
    await addLead(db, { company: 'E' }, at(10)); // long ago
    await addLead(db, { company: 'D' }, at(22)); // Sunday: last week, still in the last 7 days
    await addLead(db, { company: 'C', source: event, qualification: { level: 'lukewarm' } }, at(24));
    const today1 = await addLead(db, { company: 'A', source: referral, qualification: { level: 'hot' } }, at(26, 9));
    await addLead(db, { company: 'B', source: event }, at(26, 11));
    const claim = await claimDueLeads(db, { now: NOW, limit: 1, leaseMs: 1000 });
    await recordDeliveries(db, claim!, [{ id: claim!.leads[0]!.id, outcome: 'synced' }]);
    expect(today1.source).toEqual(referral);

    const numbers = await dayNumbers(db, NOW);
    expect(numbers.today).toEqual({ prospecting: 0, referral: 1, event: 1, 'prospecting-at-close': 0, total: 2 });
    expect(numbers.week).toEqual({ prospecting: 0, referral: 1, event: 2, 'prospecting-at-close': 0, total: 3 });
    expect(numbers.levels).toEqual({ raw: 1, lukewarm: 1, hot: 1 });
    expect(numbers.outbox).toEqual({ waiting: 4, synced: 1, needsAttention: 0, total: 5 });
    expect(numbers.days.map((d) => new Date(d.day).getDate())).toEqual([20, 21, 22, 23, 24, 25, 26]);
    expect(numbers.days.map((d) => d.bySource.total)).toEqual([0, 0, 1, 0, 1, 0, 2]);
    expect(numbers.days[2]!.bySource.prospecting).toBe(1);
  });

  it('is all zeros for a new install', async () => {
    const numbers = await dayNumbers(new OutboxDb(`today-${crypto.randomUUID()}`), NOW);
    expect(numbers.outbox.total).toBe(0);
    expect(numbers.days.every((d) => d.bySource.total === 0)).toBe(true);
  });
});
