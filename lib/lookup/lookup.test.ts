import { describe, expect, it, vi } from 'vitest';
import type { Crm } from '../crm/connector';
import type { LookupAnswer, PersonQuery } from '../crm/lookup';
import { OutboxDb } from '../outbox/db';
import { dropOldLookups, LOOKUP_TTL_MS, lookupKeys, lookUpPerson } from './lookup';

function fakeCrm(answer: (query: PersonQuery) => LookupAnswer | Promise<LookupAnswer>) {
  const asked: PersonQuery[] = [];
  const crm: Crm = {
    batchSize: 1,
    send: async () => ({ kind: 'retry', error: 'not used' }),
    outcomes: { batchSize: 1, available: false, read: async () => ({ ok: false, reason: 'not used' }) },
    lookup: async (query) => {
      asked.push(query);
      return answer(query);
    },
  };
  return { crm: { kind: 'webhook', crm }, asked };
}

const ola = { crmId: 'rcv-1', fullName: 'Ola Berg', owner: 'Mia' };
const db = () => new OutboxDb(`lookup-${crypto.randomUUID()}`);

describe('lookupKeys', () => {
  it('keys a query by its email in any case and its LinkedIn profile, under the CRM', () => {
    expect(lookupKeys('hubspot', { email: ' Ola@Fjord.example ', linkedinUrl: 'https://de.linkedin.com/in/ola-berg/?trk=x' })).toEqual([
      'hubspot:email:ola@fjord.example',
      'hubspot:linkedin:https://www.linkedin.com/in/ola-berg',
    ]);
    expect(lookupKeys('hubspot', { fullName: 'Ola' })).toEqual([]);
  });
});

describe('lookUpPerson', () => {
  it('asks the CRM once, then answers from the cache for a day, by email or by profile', async () => {
    const outbox = db();
    const { crm, asked } = fakeCrm(() => ({ ok: true, matches: [ola] }));
    let now = 1_000_000;
    const deps = { db: outbox, crm, online: () => true, now: () => now };
    expect(await lookUpPerson({ email: 'ola@fjord.example', linkedinUrl: 'https://www.linkedin.com/in/ola-berg' }, deps)).toEqual({ status: 'found', matches: [ola], checkedAt: now });
    now += 60_000;
    expect(await lookUpPerson({ email: 'OLA@fjord.example' }, deps)).toEqual({ status: 'found', matches: [ola], checkedAt: 1_000_000 });
    expect(await lookUpPerson({ linkedinUrl: 'https://www.linkedin.com/in/ola-berg/' }, deps)).toMatchObject({ status: 'found' });
    expect(asked).toHaveLength(1);
    now += LOOKUP_TTL_MS;
    await lookUpPerson({ email: 'ola@fjord.example' }, deps);
    expect(asked).toHaveLength(2);
    // The new answer is kept; the profile's, a day old, is dropped with it.
    expect(await outbox.crmLookups.toCollection().primaryKeys()).toEqual(['webhook:email:ola@fjord.example']);
  });

  it('offline: what it learnt today, else "offline", and never asks the CRM', async () => {
    const outbox = db();
    const { crm, asked } = fakeCrm(() => ({ ok: true, matches: [] }));
    await lookUpPerson({ email: 'new@initech.example' }, { db: outbox, crm, online: () => true });
    const offline = { db: outbox, crm, online: () => false };
    expect(await lookUpPerson({ email: 'new@initech.example' }, offline)).toMatchObject({ status: 'none' });
    expect(await lookUpPerson({ email: 'other@initech.example' }, offline)).toEqual({ status: 'offline' });
    expect(asked).toHaveLength(1);
  });

  it('says why the CRM could not answer, keeps no failure, and is off with no CRM or nothing to look up', async () => {
    const outbox = db();
    const failing = fakeCrm(() => ({ ok: false, reason: 'The CRM answered 503' }));
    expect(await lookUpPerson({ email: 'a@b.example' }, { db: outbox, crm: failing.crm, online: () => true })).toEqual({ status: 'failed', reason: 'The CRM answered 503' });
    expect(await outbox.crmLookups.count()).toBe(0);
    const throwing = fakeCrm(() => Promise.reject(new Error('boom')));
    expect(await lookUpPerson({ email: 'a@b.example' }, { db: outbox, crm: throwing.crm, online: () => true })).toEqual({ status: 'failed', reason: 'boom' });
    const unsupported = fakeCrm(() => ({ ok: false, unsupported: true }));
    expect(await lookUpPerson({ email: 'a@b.example' }, { db: outbox, crm: unsupported.crm, online: () => true })).toEqual({ status: 'off' });
    expect(await lookUpPerson({ email: 'a@b.example' }, { db: outbox, crm: null, online: () => true })).toEqual({ status: 'off' });
    expect(await lookUpPerson({ fullName: 'Ola' }, { db: outbox, crm: failing.crm, online: () => true })).toEqual({ status: 'off' });
  });

  it('asks once for the same person asked twice at the same time', async () => {
    let release: (() => void) | undefined;
    const { crm, asked } = fakeCrm(() => new Promise((resolve) => (release = () => resolve({ ok: true, matches: [ola] }))));
    const deps = { db: db(), crm, online: () => true };
    const both = Promise.all([lookUpPerson({ email: 'ola@fjord.example' }, deps), lookUpPerson({ email: 'ola@fjord.example' }, deps)]);
    // The CRM is asked once its cache has been read: however long that takes on a busy machine.
    await vi.waitFor(() => expect(release).toBeDefined());
    release!();
    expect((await both).map((outcome) => outcome.status)).toEqual(['found', 'found']);
    expect(asked).toHaveLength(1);
  });

  it('drops answers older than a day', async () => {
    const outbox = db();
    await outbox.crmLookups.bulkPut([{ key: 'old', at: 0, matches: [] }, { key: 'new', at: LOOKUP_TTL_MS, matches: [] }]);
    expect(await dropOldLookups(outbox, LOOKUP_TTL_MS + 1)).toBe(1);
    expect(await outbox.crmLookups.toCollection().primaryKeys()).toEqual(['new']);
  });
});
