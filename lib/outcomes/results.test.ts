import { beforeAll, describe, expect, it } from 'vitest';
import { aLead } from '../../tests/unit/leads';
import { leadSchemas } from '../lead/load-schema';
import { OutboxDb } from '../outbox/db';
import type { OutcomeRow } from '../outbox/rows';
import { periodStart, resultTables } from './results';

// The leads below are written straight into the outbox, which checks each with the lead schema:
// loaded first, as the outbox's own write functions do (lib/lead/load-schema.ts).
beforeAll(async () => void (await leadSchemas()));

const DAY = 86_400_000;
const NOW = new Date(2026, 11, 5, 12).getTime();
const synced = { status: 'synced' as const, attempts: 1, syncedAt: NOW - DAY, crmId: 'x' };

async function withLeads(rows: Array<{ lead: Partial<Parameters<typeof aLead>[0]>; outcome?: Omit<OutcomeRow, 'leadId' | 'checkedAt'> }>) {
  const db = new OutboxDb(`results-${crypto.randomUUID()}`);
  for (const { lead, outcome } of rows) {
    const stored = aLead({ createdAt: NOW - 10 * DAY, updatedAt: NOW - 10 * DAY, sync: synced, ...lead });
    await db.leads.add(stored);
    if (outcome) await db.outcomes.put({ leadId: stored.id, checkedAt: NOW, ...outcome });
  }
  return db;
}

describe('the Results tables', () => {
  it('count each lead at the stages it reached: proposal as demo and meeting, won as all three, lost and open as leads only', async () => {
    const referral = (referredBy: string) => ({ kind: 'referral' as const, referredBy });
    const db = await withLeads([
      { lead: { source: referral('Bob Martin'), opportunity: { amount: 20000, currency: 'EUR' } }, outcome: { stage: 'won', amount: 25000, currency: 'EUR', wonAt: NOW - 4 * DAY } },
      { lead: { createdAt: NOW - 9 * DAY, source: referral('bob  martin'), opportunity: { amount: 5000, currency: 'USD' } }, outcome: { stage: 'won', wonAt: NOW - 2 * DAY } },
      { lead: { source: referral('Bob Martin') }, outcome: { stage: 'proposal' } },
      { lead: { source: referral('Ann Lee') }, outcome: { stage: 'meeting' } },
      { lead: { source: referral('Ann Lee') }, outcome: { stage: 'lost' } },
      { lead: { source: referral('Ann Lee'), sync: { status: 'pending', attempts: 0, dueAt: 1 } } },
      { lead: { source: { kind: 'event', eventName: 'Web Summit' }, opportunity: { amount: 1000, currency: 'EUR' } }, outcome: { stage: 'open' } },
      { lead: { source: { kind: 'event', eventName: 'Web Summit' } }, outcome: { stage: 'demo' } },
      { lead: { source: { kind: 'prospecting-at-close', closedAccount: 'Globex' } }, outcome: { stage: 'won', amount: 900, currency: 'GBP', wonAt: NOW - 10 * DAY } },
    ]);
    const tables = await resultTables(db, 'all', NOW);
    expect(tables.leads).toBe(9);
    expect(tables.withOutcome).toBe(8);
    const [prospecting, referrals, event, atClose] = tables.bySource;
    expect(prospecting).toMatchObject({ group: 'Prospecting', leads: 0, won: 0, winRate: null, medianDaysToWon: null });
    expect(referrals).toEqual({
      kind: 'referral', group: 'Referral', leads: 6, meetings: 4, demos: 3, won: 2,
      // The CRM's amount for the first; the captured size for the second, which the CRM gave none.
      wonValue: { EUR: 25000, USD: 5000 }, pipeline: { EUR: 20000, USD: 5000 }, winRate: 2 / 6, medianDaysToWon: 6.5,
    });
    expect(event).toMatchObject({ leads: 2, meetings: 1, demos: 1, won: 0, pipeline: { EUR: 1000 }, wonValue: {} });
    expect(atClose).toMatchObject({ leads: 1, won: 1, wonValue: { GBP: 900 }, medianDaysToWon: 0 });
    // One referrer however it was typed (named as first captured); the one with more wins first.
    expect(tables.byReferrer.map(({ group, leads, won }) => [group, leads, won])).toEqual([['Bob Martin', 3, 2], ['Ann Lee', 3, 0]]);
    expect(tables.byEvent.map(({ group, demos }) => [group, demos])).toEqual([['Web Summit', 1]]);
    expect(tables.byClosedAccount.map(({ group, won }) => [group, won])).toEqual([['Globex', 1]]);
  });

  it('count only the leads captured in the period', async () => {
    const lastYear = new Date(2025, 5, 1).getTime();
    const lastMonth = new Date(2026, 10, 20).getTime();
    const db = await withLeads([{ lead: { createdAt: lastYear, updatedAt: lastYear } }, { lead: { createdAt: lastMonth, updatedAt: lastMonth } }, { lead: { createdAt: NOW - DAY, updatedAt: NOW - DAY } }]);
    expect((await resultTables(db, 'all', NOW)).leads).toBe(3);
    expect((await resultTables(db, 'year', NOW)).leads).toBe(2);
    expect((await resultTables(db, 'quarter', NOW)).leads).toBe(2);
    expect((await resultTables(db, 'month', NOW)).leads).toBe(1);
  });

  it('start each period at its first day, local time', () => {
    expect(new Date(periodStart('month', NOW)!)).toEqual(new Date(2026, 11, 1));
    expect(new Date(periodStart('quarter', NOW)!)).toEqual(new Date(2026, 9, 1));
    expect(new Date(periodStart('year', NOW)!)).toEqual(new Date(2026, 0, 1));
    expect(periodStart('all', NOW)).toBeNull();
  });
});
