import { describe, expect, it } from 'vitest';
import { aLead } from '../../tests/unit/leads';
import { InvalidLeadError, OutboxDb } from '../outbox/db';
import { leadSchemas, loadedLeadSchemas } from './load-schema';

// The lead schema loads on demand; the outbox checks every lead written with it. A write whose
// code did not load it first fails, saying so, rather than going into the outbox unchecked.
// (Vitest gives each test file its own modules: nothing has loaded the schema before this file.)

describe('the lead schema, loaded on demand', () => {
  it('is not loaded until asked for; a lead written before then is refused, naming the mistake', async () => {
    expect(loadedLeadSchemas()).toBeUndefined();
    const db = new OutboxDb(`load-schema-${crypto.randomUUID()}`);
    await expect(db.leads.add(aLead())).rejects.toThrow('A lead was written before the lead schema was loaded: write leads through writingLeads()');
    expect(await db.leads.count()).toBe(0);
  });

  it('once loaded, checks every lead written: a valid one is stored, an invalid one refused', async () => {
    const schemas = await leadSchemas();
    expect(loadedLeadSchemas()).toBe(schemas);
    expect(await leadSchemas()).toBe(schemas);
    const db = new OutboxDb(`load-schema-${crypto.randomUUID()}`);
    const lead = aLead();
    await db.leads.add(lead);
    expect(await db.leads.get(lead.id)).toEqual(lead);
    await expect(db.leads.add({ ...aLead(), id: crypto.randomUUID(), email: 'not an email' })).rejects.toBeInstanceOf(InvalidLeadError);
    expect(await db.leads.count()).toBe(1);
  });
});
