import { describe, expect, it } from 'vitest';
import { leadsPerSource, recentReferrers, rememberReferrer, saveMultiCapture } from './multi-capture';
import { OutboxDb } from './outbox/db';

const referral = { kind: 'referral' as const, referredBy: 'Grace Customer', referrerCompany: 'Globex' };

describe('several leads from one referral or one ask at close', () => {
  it('saves every prospect linked to the referrer, in one go', async () => {
    const db = new OutboxDb(`multi-${crypto.randomUUID()}`);
    const result = await saveMultiCapture(
      db,
      [
        { fullName: 'Ann One', company: 'Initech', email: '' },
        { fullName: '', company: '', email: '' },
        { fullName: 'Bo Two', company: 'Hooli', email: 'bo@hooli.example' },
      ],
      referral,
    );
    expect(result).toEqual({ saved: 2, problems: [] });
    expect((await db.leads.orderBy('createdAt').toArray()).map((lead) => [lead.fullName, lead.source])).toEqual([
      ['Ann One', referral],
      ['Bo Two', referral],
    ]);
    expect(await leadsPerSource(db, 'referral')).toEqual([{ name: 'Grace Customer', leads: 2 }]);
  });

  it('saves none while a prospect lacks a name, a company or a valid email, and says which', async () => {
    const db = new OutboxDb(`multi-${crypto.randomUUID()}`);
    const result = await saveMultiCapture(
      db,
      [
        { fullName: 'Ann One', company: '', email: '' },
        { fullName: 'Bo Two', company: 'Hooli', email: 'bo@' },
      ],
      referral,
    );
    expect(result.saved).toBe(0);
    expect(result.problems).toEqual([
      { row: 0, field: 'company', message: "Enter the prospect's company" },
      { row: 1, field: 'email', message: 'Enter a valid email address, like jane@acme.com' },
    ]);
    expect(await db.leads.count()).toBe(0);
  });

  it('remembers the last referrers, most recent first, without repeats', async () => {
    await rememberReferrer({ referredBy: 'Grace', referrerCompany: 'Globex' });
    await rememberReferrer({ referredBy: 'Hal', referrerCompany: 'Initech' });
    await rememberReferrer({ referredBy: 'Grace', referrerCompany: 'Globex', referrerEmail: 'grace@globex.example' });
    expect(await recentReferrers()).toEqual([
      { referredBy: 'Grace', referrerCompany: 'Globex', referrerEmail: 'grace@globex.example' },
      { referredBy: 'Hal', referrerCompany: 'Initech' },
    ]);
  });
});
