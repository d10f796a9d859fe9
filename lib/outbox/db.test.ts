import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { aLead } from '../../tests/unit/leads';
import { OutboxDb, writingLeads } from './db';
import { filterLeadIds, noFilter } from './filter';
import { findDuplicate, updateLead } from './outbox';
import { searchRowOf } from './search';
import { appendSyncLog, recentSyncLog, SYNC_LOG_SIZE } from './sync-log';

describe('outbox schema migrations', () => {
  it('v1 → v2 keeps every lead and adds the sync log', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ leads: 'id, createdAt, [sync.status+sync.dueAt], linkedinUrl, email, source.kind' });
    const lead = {
      id: '0b0e4f7e-8f5b-4c1e-9d7a-2b1f3c4d5e6f',
      createdAt: 1,
      updatedAt: 1,
      company: 'Acme',
      source: { kind: 'prospecting' },
      qualification: { level: 'raw', budget: false, authority: false, need: false, timing: false },
      capture: {},
      sync: { status: 'pending', attempts: 0, dueAt: 1 },
    };
    await v1.table('leads').add(lead);
    v1.close();

    const v2 = new OutboxDb(name);
    expect(await v2.leads.toArray()).toEqual([lead]);
    expect(v2.verno).toBe(8);
    await appendSyncLog(v2, { at: 5, sent: 1, synced: 1, needsAttention: 0, retrying: 0 });
    expect(await v2.syncLog.count()).toBe(1);
  });
});

describe('the sync log', () => {
  it(`keeps the last ${SYNC_LOG_SIZE} attempts, newest first`, async () => {
    const db = new OutboxDb(`log-${crypto.randomUUID()}`);
    for (let at = 1; at <= SYNC_LOG_SIZE + 5; at++) await appendSyncLog(db, { at, sent: 1, synced: 1, needsAttention: 0, retrying: 0 });
    const log = await recentSyncLog(db);
    expect(log).toHaveLength(SYNC_LOG_SIZE);
    expect(log[0]?.at).toBe(SYNC_LOG_SIZE + 5);
    expect(log.at(-1)?.at).toBe(6);
  });
});

describe('v2 → v3', () => {
  it('indexes the words of the leads already stored', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores({ leads: 'id, createdAt, [sync.status+sync.dueAt], linkedinUrl, email, source.kind', syncLog: '++id, at' });
    const lead = aLead({ fullName: 'Jane Doe', company: 'Acme', sync: { status: 'pending', attempts: 0, dueAt: 1 } });
    await v2.table('leads').add(lead);
    v2.close();

    const v3 = new OutboxDb(name);
    expect(await filterLeadIds(v3, { ...noFilter, text: 'acme' })).toEqual([lead.id]);
    expect(await v3.leads.get(lead.id)).toEqual(lead);
  });
});

describe('v3 → v4', () => {
  it('turns leads a v3 claim held ("syncing") back into pending leads, in capture order, keeping their CRM id', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({
      leads: 'id, createdAt, [sync.status+sync.dueAt], sync.status, linkedinUrl, email, source.kind, source.eventName',
      syncLog: '++id, at',
      leadSearch: 'id, *words, person',
    });
    const held = { ...aLead({ company: 'Held' }), createdAt: 7, sync: { status: 'syncing', attempts: 2, dueAt: 99_000, crmId: 'crm-7' } };
    const waiting = aLead({ company: 'Waiting', sync: { status: 'pending', attempts: 0, dueAt: 8 } });
    await v3.table('leads').bulkAdd([held, waiting]);
    v3.close();

    const v4 = new OutboxDb(name);
    expect((await v4.leads.get(held.id))?.sync).toEqual({ status: 'pending', attempts: 2, dueAt: 7, crmId: 'crm-7' });
    expect(await v4.leads.get(waiting.id)).toEqual(waiting);
    expect(await v4.claims.count()).toBe(0);
  });
});

describe('v4 → v5', () => {
  it('drops the email index; a lead stored before, with the same email in any case, is still found as a duplicate', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores({
      leads: 'id, createdAt, [sync.status+sync.dueAt], sync.status, linkedinUrl, email, source.kind, source.eventName',
      syncLog: '++id, at',
      leadSearch: 'id, *words, person',
      claims: 'id',
    });
    const lead = aLead({ fullName: 'Jane Doe', company: 'Acme', email: 'Jane.Doe@Acme.example' });
    await v4.table('leads').add(lead);
    await v4.table('leadSearch').add(searchRowOf(lead));
    v4.close();

    const v5 = new OutboxDb(name);
    expect(await v5.leads.get(lead.id)).toEqual(lead);
    expect(v5.backendDB().transaction('leads').objectStore('leads').indexNames.contains('email')).toBe(false);
    expect((await findDuplicate(v5, { email: 'jane.doe@acme.EXAMPLE' }))?.id).toBe(lead.id);
    expect(await findDuplicate(v5, { email: 'jane.doe@acme.example', exceptId: lead.id })).toBeUndefined();
    expect(await findDuplicate(v5, { email: 'john.doe@acme.example' })).toBeUndefined();
  });
});

describe('v5 → v6', () => {
  it('indexes LinkedIn links, source kinds and event names on the search rows, not on the leads, for every lead stored before', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores({
      leads: 'id, createdAt, [sync.status+sync.dueAt], sync.status, linkedinUrl, source.kind, source.eventName',
      syncLog: '++id, at',
      leadSearch: 'id, *words, person',
      claims: 'id',
    });
    const met = aLead({ fullName: 'Jane Doe', company: 'Acme', createdAt: 2, source: { kind: 'event', eventName: 'Web Summit' } });
    const referred = aLead({
      fullName: 'Raj Patel',
      company: 'Globex',
      createdAt: 3,
      linkedinUrl: 'https://www.linkedin.com/in/raj-patel',
      source: { kind: 'referral', referredBy: 'Grace Customer' },
      sync: { status: 'synced', attempts: 1, syncedAt: 4, crmId: 'crm-1' },
    });
    await v5.table('leads').bulkAdd([met, referred]);
    // A v5 search row had no kind, event or link; a lead may also have been stored without one.
    const { kind: _kind, event: _event, ...oldRow } = searchRowOf(met);
    await v5.table('leadSearch').add(oldRow);
    v5.close();

    const v6 = new OutboxDb(name);
    expect(v6.verno).toBe(8);
    expect(await v6.leads.toArray()).toEqual([met, referred].sort((a, b) => a.id.localeCompare(b.id)));
    expect([...v6.backendDB().transaction('leads').objectStore('leads').indexNames].sort()).toEqual(['[sync.status+sync.dueAt]', 'createdAt', 'sync.status']);
    expect(await filterLeadIds(v6, { ...noFilter, source: 'event' })).toEqual([met.id]);
    expect(await filterLeadIds(v6, { ...noFilter, event: 'Web Summit' })).toEqual([met.id]);
    expect(await filterLeadIds(v6, { ...noFilter, source: 'referral', text: 'raj' })).toEqual([referred.id]);
    expect((await findDuplicate(v6, { linkedinUrl: 'https://www.linkedin.com/in/raj-patel' }))?.id).toBe(referred.id);
    expect(await findDuplicate(v6, { linkedinUrl: 'https://www.linkedin.com/in/someone-else' })).toBeUndefined();
  });

  it('v6 → v7 keeps every lead and adds the day-long cache of CRM lookups', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v6 = new Dexie(name);
    v6.version(6).stores({
      leads: 'id, createdAt, [sync.status+sync.dueAt], sync.status',
      syncLog: '++id, at',
      leadSearch: 'id, *words, person, linkedin, kind, event',
      claims: 'id',
    });
    const lead = aLead({ fullName: 'Ola Berg', sync: { status: 'synced', attempts: 1, syncedAt: 2, crmId: 'rcv-1' } });
    await v6.table('leads').add(lead);
    await v6.table('leadSearch').add(searchRowOf(lead));
    v6.close();

    const v7 = new OutboxDb(name);
    expect(v7.verno).toBe(8);
    expect(await v7.leads.toArray()).toEqual([lead]);
    await v7.crmLookups.put({ key: 'webhook:email:ola@fjord.example', at: 5, matches: [{ crmId: 'rcv-1', owner: 'Mia' }] });
    expect(await v7.crmLookups.where('at').below(10).primaryKeys()).toEqual(['webhook:email:ola@fjord.example']);
  });
});

describe('the outbox at version 8', () => {
  it('v7 → v8 keeps every lead and adds where synced leads stand in the CRM, apart from them', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v7 = new Dexie(name);
    v7.version(7).stores({
      leads: 'id, createdAt, [sync.status+sync.dueAt], sync.status',
      syncLog: '++id, at',
      leadSearch: 'id, *words, person, linkedin, kind, event',
      claims: 'id',
      crmLookups: 'key, at',
    });
    const lead = aLead({ fullName: 'Ola Berg', sync: { status: 'synced', attempts: 1, syncedAt: 2, crmId: 'rcv-1' } });
    await v7.table('leads').add(lead);
    v7.close();

    const v8 = new OutboxDb(name);
    expect(v8.verno).toBe(8);
    expect(await v8.leads.toArray()).toEqual([lead]);
    await v8.outcomes.put({ leadId: lead.id, stage: 'won', amount: 25000, currency: 'EUR', wonAt: 9, checkedAt: 10 });
    expect(await v8.outcomes.get(lead.id)).toMatchObject({ stage: 'won' });
    expect(await v8.leads.get(lead.id)).toEqual(lead);
  });
});

describe('writingLeads', () => {
  it('inside another transaction, takes part in it: the transaction stays current for what follows', async () => {
    const db = new OutboxDb(`writing-${crypto.randomUUID()}`);
    const lead = aLead();
    await writingLeads(db, [db.leads], async () => void (await db.leads.add(lead)));
    await db.transaction('rw', db.leads, db.leadSearch, db.claims, async () => {
      const outer = Dexie.currentTransaction;
      await updateLead(db, lead.id, { fullName: 'Jane Roe', company: 'Acme' });
      expect(Dexie.currentTransaction).toBe(outer);
      expect((await db.leads.get(lead.id))?.fullName).toBe('Jane Roe');
    });
  });
});
