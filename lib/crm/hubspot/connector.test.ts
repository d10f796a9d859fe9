import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hubspotBatch, hubspotBatchError, hubspotError, hubspotObject, hubspotProperty, hubspotUpserted } from '../../../tests/unit/crm-answers';
import { checkRequestsAgainstSpec, documentedExample } from '../../../tests/unit/crm-spec';
import { aLead } from '../../../tests/unit/leads';
import type { Lead } from '../../lead/schema';
import { hubspotConnector, hubspotContactFromLead, SEARCH_CATCH_UP_MS } from './connector';
import { testHubspotConnection } from './check';
import { createLeadIdProperty } from './properties';
import { HUBSPOT_API, hubspotSettingsSchema } from './settings';

// Requests and answers in the shapes HubSpot documents for /crm/v3/objects/contacts/batch/*. The
// account's details (for record links, lookup.test.ts) are refused here: results carry no link.
const server = setupServer(
  http.get(`${HUBSPOT_API}/account-info/v3/details`, () => HttpResponse.json(hubspotError('This app lacks a required scope', 'MISSING_SCOPES'), { status: 403 })),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
checkRequestsAgainstSpec(server, 'hubspot', /^api\.hubapi\.com$/);

const settings = hubspotSettingsSchema.parse({ crm: 'hubspot', accessToken: 'pat-na1-11111111-2222', leadSourceProperty: 'lead_source' });
const signal = () => AbortSignal.timeout(5_000);

const lead = (fields: Partial<Lead> = {}) =>
  aLead({
    source: { kind: 'referral', referredBy: 'Bob Martin' },
    qualification: { level: 'hot', budget: true, authority: true, need: true, timing: true },
    ...fields,
  });

type Captured = { path: string; auth: string | null; body: { inputs: Array<Record<string, unknown>> } };
function capture(answer: (body: Captured['body']) => Response | Promise<Response>): Captured[] {
  const seen: Captured[] = [];
  server.use(
    http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/batch/:operation`, async ({ request, params }) => {
      const body = (await request.json()) as Captured['body'];
      seen.push({ path: `batch/${params.operation}`, auth: request.headers.get('authorization'), body });
      return answer(body);
    }),
  );
  return seen;
}

/** HubSpot's answer to a batch: a record for each input, with its trace id (HubSpot may echo it). */
const ok = (body: Captured['body'], status = 200) =>
  HttpResponse.json(
    hubspotBatch(body.inputs.map((input, i) => hubspotUpserted(`90${i}`, input.properties as Record<string, unknown>, { objectWriteTraceId: input.objectWriteTraceId }))),
    { status },
  );

describe('hubspotContactFromLead', () => {
  it('maps the lead, its qualification to hs_lead_status and its source to the configured property', () => {
    const properties = hubspotContactFromLead(
      lead({ email: 'jane@acme.example', title: 'CFO', phone: '+4930123', location: 'Berlin, Germany', linkedinUrl: 'https://www.linkedin.com/in/jane' }),
      settings,
    );
    expect(properties).toEqual({
      email: 'jane@acme.example',
      firstname: 'Jane',
      lastname: 'Doe',
      jobtitle: 'CFO',
      company: 'Acme',
      phone: '+4930123',
      city: 'Berlin',
      country: 'Germany',
      hs_lead_status: 'IN_PROGRESS',
      message: 'Referred by Bob Martin\nhttps://www.linkedin.com/in/jane',
      lead_source: 'Referral',
    });
  });
});

describe('hubspotContactFromLead with values of the portal\'s own', () => {
  it('writes each source as configured, and sends no value left blank', () => {
    const custom = hubspotSettingsSchema.parse({
      ...settings,
      sourceValues: { prospecting: 'OUTBOUND', referral: 'CUSTOMER_REFERRAL', event: 'EVENT', 'prospecting-at-close': '' },
      leadStatusValues: { raw: 'NEW', lukewarm: 'OPEN', hot: '' },
    });
    expect(hubspotContactFromLead(lead(), custom)).toMatchObject({ lead_source: 'CUSTOMER_REFERRAL' });
    expect(hubspotContactFromLead(lead(), custom)).not.toHaveProperty('hs_lead_status');
    expect(hubspotContactFromLead(lead({ source: { kind: 'prospecting-at-close', closedAccount: 'Initech' } }), custom)).not.toHaveProperty('lead_source');
  });
});

describe('hubspotConnector.send', () => {
  it('upserts contacts with an email by email, with the token, and records their HubSpot ids', async () => {
    const seen = capture((body) => ok(body));
    const leads = [lead({ email: 'jane@acme.example' }), lead({ email: 'raj@acme.example' })];
    const result = await hubspotConnector.send(leads, settings, signal());
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ path: 'batch/upsert', auth: 'Bearer pat-na1-11111111-2222' });
    expect(seen[0]!.body.inputs[0]).toMatchObject({ idProperty: 'email', id: 'jane@acme.example', objectWriteTraceId: leads[0]!.id });
    expect(result).toEqual({
      kind: 'delivered',
      results: [
        { id: leads[0]!.id, ok: true, crmId: '900' },
        { id: leads[1]!.id, ok: true, crmId: '901' },
      ],
    });
  });

  it('creates a contact without email, and updates it by its HubSpot id once it has one', async () => {
    const seen = capture((body) => ok(body, 201));
    const fresh = lead();
    const known = lead({ sync: { status: 'pending', attempts: 1, dueAt: 1, crmId: '555' } });
    const result = await hubspotConnector.send([fresh, known], settings, signal());
    expect(seen.map((request) => request.path)).toEqual(['batch/update', 'batch/create']);
    expect(seen[0]!.body.inputs[0]).toMatchObject({ id: '555' });
    expect(seen[1]!.body.inputs[0]).toMatchObject({ objectWriteTraceId: fresh.id, associations: [] });
    expect(result.kind === 'delivered' && result.results.map((r) => r.id).sort()).toEqual([fresh.id, known.id].sort());
  });

  it('updates a contact HubSpot has by its id even when the lead now has another email (a merge took it), never upserting a second one', async () => {
    const seen = capture((body) => HttpResponse.json(hubspotBatch(body.inputs.map((input) => hubspotObject(String(input.id), input.properties as Record<string, unknown>, { objectWriteTraceId: input.objectWriteTraceId })))));
    const merged = lead({ email: 'jane.new@acme.example', sync: { status: 'pending', attempts: 1, dueAt: 1, crmId: '555' } });
    expect(await hubspotConnector.send([merged], settings, signal())).toEqual({ kind: 'delivered', results: [{ id: merged.id, ok: true, crmId: '555' }] });
    expect(seen.map((request) => request.path)).toEqual(['batch/update']);
    expect(seen[0]!.body.inputs[0]).toMatchObject({ id: '555', properties: { email: 'jane.new@acme.example' } });
  });

  it("takes HubSpot's documented multi-status answer to a create, whose results carry no trace id, without guessing", async () => {
    // HubSpot's own example (its error-handling guide): a 207 whose created record has no
    // objectWriteTraceId, and an error naming the failed input's trace id.
    const [named, refused] = [lead({ firstName: 'Ana', lastName: 'López', company: 'Initech' }), lead({ firstName: 'Raj', lastName: 'Patel', company: 'Globex' })];
    const example = documentedExample('hubspot', 'multiStatusCreate') as { status: number; body: { results: Array<Record<string, unknown>>; errors: Array<{ context: { objectWriteTraceId: string[] } }> } };
    example.body.errors[0]!.context.objectWriteTraceId = [refused.id];
    const seen = capture(() => HttpResponse.json(example.body, { status: example.status }));
    const result = await hubspotConnector.send([named, refused], settings, signal());
    expect(seen[0]!.body.inputs.map((input) => input.objectWriteTraceId)).toEqual([named.id, refused.id]);
    // The refusal is the second lead's; the created record is matched to no lead, so the first is
    // not marked synced: it goes again once HubSpot's search can find what the create made.
    expect(result).toEqual({
      kind: 'delivered',
      results: [{ id: refused.id, ok: false, message: expect.stringContaining('Property values were not valid') }],
      retryAfterMs: SEARCH_CATCH_UP_MS,
    });
  });

  it('upserts a contact without email by the lead id property: a retry after a lost answer updates the same contact', async () => {
    const withLeadId = { ...settings, leadIdProperty: 'fieldclip_lead_id' };
    // HubSpot's side: contacts by their unique fieldclip_lead_id. The first answer is lost on the way back.
    const contacts = new Map<string, { id: string; properties: Record<string, unknown> }>();
    let answers = 0;
    const seen = capture((body) => {
      for (const input of body.inputs) {
        const key = String(input.id);
        const existing = contacts.get(key);
        contacts.set(key, { id: existing?.id ?? `80${contacts.size}`, properties: input.properties as Record<string, unknown> });
      }
      answers += 1;
      if (answers === 1) return HttpResponse.error();
      return HttpResponse.json(
        hubspotBatch(body.inputs.map((input) => hubspotUpserted(contacts.get(String(input.id))!.id, input.properties as Record<string, unknown>, { objectWriteTraceId: input.objectWriteTraceId }))),
      );
    });
    const noEmail = lead();
    expect(await hubspotConnector.send([noEmail], withLeadId, signal())).toMatchObject({ kind: 'retry' });
    const again = await hubspotConnector.send([{ ...noEmail, sync: { status: 'failed', attempts: 1, dueAt: 1, lastError: 'lost' } }], withLeadId, signal());
    expect(again).toEqual({ kind: 'delivered', results: [{ id: noEmail.id, ok: true, crmId: '800' }] });
    expect(contacts.size).toBe(1);
    expect(seen.map((request) => request.path)).toEqual(['batch/upsert', 'batch/upsert']);
    expect(seen[1]!.body.inputs[0]).toMatchObject({ idProperty: 'fieldclip_lead_id', id: noEmail.id, properties: { fieldclip_lead_id: noEmail.id } });
  });

  it('reads a 207 answer: the contacts HubSpot refused need attention with its message', async () => {
    const good = lead({ email: 'good@acme.example' });
    const bad = lead({ email: 'bad@acme.example' });
    capture(() =>
      HttpResponse.json(
        hubspotBatch(
          [hubspotUpserted('700', { email: 'good@acme.example' }, { objectWriteTraceId: good.id })],
          [hubspotBatchError('Property values were not valid: hs_lead_status', { ids: ['bad@acme.example'] })],
        ),
        { status: 207 },
      ),
    );
    expect(await hubspotConnector.send([good, bad], settings, signal())).toEqual({
      kind: 'delivered',
      results: [
        { id: good.id, ok: true, crmId: '700' },
        { id: bad.id, ok: false, message: 'Property values were not valid: hs_lead_status' },
      ],
    });
  });

  it("marks a batch HubSpot refuses (400) as needing attention, with HubSpot's own message", async () => {
    server.use(
      http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/batch/upsert`, () =>
        HttpResponse.json(hubspotError('Invalid input JSON on line 1, column 42: Cannot deserialize value', 'VALIDATION_ERROR'), { status: 400 }),
      ),
    );
    expect(await hubspotConnector.send([lead({ email: 'jane@acme.example' })], settings, signal())).toEqual({
      kind: 'refused',
      error: 'The CRM answered 400 Bad Request: Invalid input JSON on line 1, column 42: Cannot deserialize value',
    });
  });

  it("backs off for HubSpot's rate-limit window on a 429", async () => {
    server.use(
      http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/batch/upsert`, () =>
        HttpResponse.json(
          hubspotError('You have reached your ten_secondly_rolling limit.', 'RATE_LIMITS'),
          { status: 429, headers: { 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000', 'X-HubSpot-RateLimit-Remaining': '0' } },
        ),
      ),
    );
    expect(await hubspotConnector.send([lead({ email: 'jane@acme.example' })], settings, signal())).toEqual({
      kind: 'retry',
      error: 'HubSpot asked to slow down (429)',
      retryAfterMs: 10_000,
    });
  });

  it('pauses on an expired token (401), pointing at the access token', async () => {
    server.use(
      http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/batch/upsert`, () =>
        HttpResponse.json(hubspotError('Authentication credentials not found.', 'INVALID_AUTHENTICATION'), { status: 401 }),
      ),
    );
    expect(await hubspotConnector.send([lead({ email: 'jane@acme.example' })], settings, signal())).toMatchObject({
      kind: 'unauthorized',
      error: "The CRM answered 401 Unauthorized: Authentication credentials not found. Check the access token in Fieldclip's settings.",
    });
  });
});

type Filter = { propertyName: string; operator: 'EQ' | 'GTE'; value: string };
type SearchBody = { filterGroups: Array<{ filters: Filter[] }>; properties: string[]; sorts: unknown[]; limit: number };
type Contact = { id: string; properties: Record<string, string>; createdAt: number; searchable: boolean };

/**
 * HubSpot's contacts, as far as these tests need: batch create and update, and the search with
 * its documented filters (groups ORed, filters ANDed, EQ case-insensitive, createdate in ms).
 * `loseNextAnswer` stores a create and then drops the connection; `searchable` is false for
 * contacts HubSpot's search has not indexed yet.
 */
function hubspotContacts({ loseNextAnswer = false, searchable = true } = {}) {
  const contacts: Contact[] = [];
  const calls: string[] = [];
  const searches: SearchBody[] = [];
  let lose = loseNextAnswer;
  const matches = (contact: Contact, filter: Filter) => {
    if (filter.propertyName === 'createdate') return contact.createdAt >= Number(filter.value);
    return (contact.properties[filter.propertyName] ?? '').toLowerCase() === filter.value.toLowerCase();
  };
  server.use(
    http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/batch/create`, async ({ request }) => {
      calls.push('create');
      const { inputs } = (await request.json()) as { inputs: Array<{ objectWriteTraceId: string; properties: Record<string, string> }> };
      const made = inputs.map((input) => {
        const contact = { id: String(700 + contacts.length), properties: input.properties, createdAt: Date.now(), searchable };
        contacts.push(contact);
        return { id: contact.id, objectWriteTraceId: input.objectWriteTraceId, properties: input.properties };
      });
      if (lose) return (lose = false), HttpResponse.error();
      return HttpResponse.json(hubspotBatch(made.map(({ id, objectWriteTraceId, properties }) => hubspotObject(id, properties, { objectWriteTraceId }))), { status: 201 });
    }),
    http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/batch/update`, async ({ request }) => {
      calls.push('update');
      const { inputs } = (await request.json()) as { inputs: Array<{ id: string; objectWriteTraceId: string; properties: Record<string, string> }> };
      const results = inputs.map((input) => {
        const contact = contacts.find((candidate) => candidate.id === input.id)!;
        Object.assign(contact.properties, input.properties);
        return { id: contact.id, objectWriteTraceId: input.objectWriteTraceId, properties: contact.properties };
      });
      return HttpResponse.json(hubspotBatch(results.map(({ id, objectWriteTraceId, properties }) => hubspotObject(id, properties, { objectWriteTraceId }))));
    }),
    http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/search`, async ({ request }) => {
      calls.push('search');
      const body = (await request.json()) as SearchBody;
      searches.push(body);
      const found = contacts
        .filter((contact) => contact.searchable && body.filterGroups.some((group) => group.filters.every((filter) => matches(contact, filter))))
        .sort((a, b) => a.createdAt - b.createdAt);
      return HttpResponse.json({
        total: found.length,
        results: found.map((contact) => ({
          id: contact.id,
          properties: { ...Object.fromEntries(body.properties.map((name) => [name, contact.properties[name] ?? null])), createdate: new Date(contact.createdAt).toISOString(), hs_object_id: contact.id },
          createdAt: new Date(contact.createdAt).toISOString(),
          updatedAt: new Date(contact.createdAt).toISOString(),
          archived: false,
        })),
      });
    }),
  );
  return { contacts, calls, searches };
}

const sentBefore = (fields: Partial<Lead> = {}) => lead({ createdAt: Date.now(), ...fields, sync: { status: 'failed', attempts: 1, dueAt: 1, lastError: 'lost' } });

describe('hubspotConnector.send, a contact without email sent again without the lead id property', () => {
  it('finds the contact a lost answer left unknown, and updates it rather than create a second', async () => {
    const side = hubspotContacts({ loseNextAnswer: true });
    const noEmail = lead({ createdAt: Date.now() });
    expect(await hubspotConnector.send([noEmail], settings, signal())).toMatchObject({ kind: 'retry' });
    expect(side.calls).toEqual(['create']);

    const again = await hubspotConnector.send([{ ...noEmail, sync: { status: 'failed', attempts: 1, dueAt: 1, lastError: 'lost' } }], settings, signal());
    expect(again).toEqual({ kind: 'delivered', results: [{ id: noEmail.id, ok: true, crmId: '700' }] });
    expect(side.calls).toEqual(['create', 'search', 'update']);
    expect(side.contacts).toHaveLength(1);
    expect(side.searches[0]!.filterGroups).toEqual([
      {
        filters: [
          { propertyName: 'firstname', operator: 'EQ', value: 'Jane' },
          { propertyName: 'lastname', operator: 'EQ', value: 'Doe' },
          { propertyName: 'company', operator: 'EQ', value: 'Acme' },
          { propertyName: 'createdate', operator: 'GTE', value: String(noEmail.createdAt - 60 * 60_000) },
        ],
      },
    ]);
  });

  it("has a create whose answer was lost sent again only once HubSpot's search can see what it made", async () => {
    hubspotContacts({ loseNextAnswer: true });
    expect(await hubspotConnector.send([lead({ createdAt: Date.now() })], settings, signal())).toMatchObject({ kind: 'retry', retryAfterMs: SEARCH_CATCH_UP_MS });

    // Leads with an email were upserted first and are answered; the ones the lost create carried wait as long.
    const side = hubspotContacts({ loseNextAnswer: true });
    const withEmail = lead({ email: 'jane@acme.example' });
    server.use(
      http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/batch/upsert`, () =>
        HttpResponse.json(hubspotBatch([hubspotUpserted('900', { email: withEmail.email }, { objectWriteTraceId: withEmail.id })])),
      ),
    );
    const result = await hubspotConnector.send([withEmail, lead({ createdAt: Date.now() })], settings, signal());
    expect(result).toEqual({ kind: 'delivered', results: [{ id: withEmail.id, ok: true, crmId: '900' }], retryAfterMs: SEARCH_CATCH_UP_MS });
    expect(side.calls).toEqual(['create']);
  });

  it('creates the contact when the search finds none, or only one made before the lead was captured', async () => {
    const side = hubspotContacts();
    side.contacts.push({ id: '650', properties: { firstname: 'Jane', lastname: 'Doe', company: 'Acme' }, createdAt: Date.now() - 2 * 86_400_000, searchable: true });
    const retried = sentBefore();
    expect(await hubspotConnector.send([retried], settings, signal())).toEqual({ kind: 'delivered', results: [{ id: retried.id, ok: true, crmId: '701' }] });
    expect(side.calls).toEqual(['search', 'create']);
  });

  it("still creates a second contact when HubSpot's search has not seen the first yet (the lead id property closes that gap)", async () => {
    const side = hubspotContacts({ loseNextAnswer: true, searchable: false });
    const noEmail = lead({ createdAt: Date.now() });
    await hubspotConnector.send([noEmail], settings, signal());
    await hubspotConnector.send([{ ...noEmail, sync: { status: 'failed', attempts: 1, dueAt: 1, lastError: 'lost' } }], settings, signal());
    expect(side.calls).toEqual(['create', 'search', 'create']);
    expect(side.contacts).toHaveLength(2);
  });

  it('looks for five leads a request, and gives each its own contact', async () => {
    const side = hubspotContacts();
    const leads = Array.from({ length: 7 }, (_, i) => sentBefore({ fullName: `Person ${i}`, firstName: 'Person', lastName: String(i) }));
    for (const [i, twin] of [leads[1]!, leads[6]!].entries()) {
      side.contacts.push({ id: `60${i}`, properties: { firstname: twin.firstName!, lastname: twin.lastName!, company: 'Acme' }, createdAt: Date.now(), searchable: true });
    }
    const result = await hubspotConnector.send(leads, settings, signal());
    expect(side.searches.map((search) => search.filterGroups.length)).toEqual([5, 2]);
    expect(side.calls).toEqual(['search', 'search', 'update', 'create']);
    expect(side.contacts).toHaveLength(7);
    const crmIds = new Map(result.kind === 'delivered' ? result.results.map((r) => [r.id, r.ok ? r.crmId : undefined]) : []);
    expect([crmIds.get(leads[1]!.id), crmIds.get(leads[6]!.id)]).toEqual(['600', '601']);
  });

  it('gives a contact found to one lead only, across the requests of a retry', async () => {
    const side = hubspotContacts();
    side.contacts.push({ id: '650', properties: { firstname: 'Jane', lastname: 'Doe', company: 'Acme' }, createdAt: Date.now(), searchable: true });
    const twins = Array.from({ length: 6 }, () => sentBefore());
    const result = await hubspotConnector.send(twins, settings, signal());
    const crmIds = result.kind === 'delivered' ? result.results.map((r) => (r.ok ? r.crmId : undefined)) : [];
    expect(crmIds.filter((id) => id === '650')).toHaveLength(1);
    expect(side.contacts).toHaveLength(6);
  });

  it('does not look for a lead known only by a first name, nor on a first attempt', async () => {
    const side = hubspotContacts();
    await hubspotConnector.send([sentBefore({ fullName: 'Jane', firstName: 'Jane', lastName: undefined, company: undefined, email: undefined, phone: '+4930123' }), lead()], settings, signal());
    expect(side.calls).toEqual(['create']);
  });

  it('sends nothing when the search fails: the batch is retried, with the same ids', async () => {
    const side = hubspotContacts();
    server.use(http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/search`, () => HttpResponse.json(hubspotError('internal error', 'INTERNAL_ERROR'), { status: 500 })));
    expect(await hubspotConnector.send([sentBefore()], settings, signal())).toMatchObject({ kind: 'retry', error: expect.stringContaining('500') });
    expect(side.calls).toEqual([]);
  });
});

describe('hubspotConnector.testConnection', () => {
  it('reads one contact with the token', async () => {
    server.use(
      http.get(`${HUBSPOT_API}/crm/v3/objects/contacts`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer pat-na1-11111111-2222'
          ? HttpResponse.json({ results: [] })
          : HttpResponse.json(hubspotError('Authentication credentials not found.', 'INVALID_AUTHENTICATION'), { status: 401 }),
      ),
    );
    expect(await testHubspotConnection(settings, signal())).toEqual({ ok: true, message: 'Connected to HubSpot: the token can read contacts' });
    expect(await testHubspotConnection({ ...settings, accessToken: 'pat-wrong-000000' }, signal())).toMatchObject({
      ok: false,
      message: expect.stringContaining('401'),
    });
  });
});

describe('hubspotConnector.testConnection with a lead id property', () => {
  const withLeadId = { ...settings, leadIdProperty: 'fieldclip_lead_id' };
  const answerProperty = (answer: () => Response) =>
    server.use(
      http.get(`${HUBSPOT_API}/crm/v3/objects/contacts`, () => HttpResponse.json({ results: [] })),
      http.get(`${HUBSPOT_API}/crm/v3/properties/contacts/fieldclip_lead_id`, answer),
    );

  it('accepts a property that requires unique values', async () => {
    answerProperty(() => HttpResponse.json(hubspotProperty('fieldclip_lead_id', { hasUniqueValue: true })));
    expect(await testHubspotConnection(withLeadId, signal())).toEqual({
      ok: true,
      message: 'Connected to HubSpot: the token can read contacts, and "fieldclip_lead_id" keeps each lead\'s id',
    });
  });

  it('says how to create a missing property, and when one does not require unique values', async () => {
    answerProperty(() => HttpResponse.json(hubspotError('Unable to find property fieldclip_lead_id', 'OBJECT_NOT_FOUND'), { status: 404 }));
    expect(await testHubspotConnection(withLeadId, signal())).toEqual({
      ok: false,
      message: expect.stringMatching(/^Connected, but HubSpot has no contact property "fieldclip_lead_id": create it .*Require unique values/),
    });
    answerProperty(() => HttpResponse.json(hubspotProperty('fieldclip_lead_id', { hasUniqueValue: false })));
    expect(await testHubspotConnection(withLeadId, signal())).toEqual({
      ok: false,
      message: expect.stringContaining('"fieldclip_lead_id" does not require unique values'),
    });
  });
});

describe('createLeadIdProperty', () => {
  const created: unknown[] = [];
  const answerCreate = (answer: () => Response) =>
    server.use(
      http.post(`${HUBSPOT_API}/crm/v3/properties/contacts`, async ({ request }) => {
        created.push(await request.json());
        return answer();
      }),
    );

  it('creates a single-line text contact property with unique values', async () => {
    created.length = 0;
    answerCreate(() => HttpResponse.json(hubspotProperty('fieldclip_lead_id', { hasUniqueValue: true }), { status: 201 }));
    expect(await createLeadIdProperty(settings, 'fieldclip_lead_id', signal())).toEqual({ ok: true, message: 'Created the contact property "fieldclip_lead_id" in HubSpot, with unique values' });
    expect(created).toEqual([expect.objectContaining({ name: 'fieldclip_lead_id', type: 'string', fieldType: 'text', groupName: 'contactinformation', hasUniqueValue: true })]);
  });

  it('takes a property that is there already only if it requires unique values', async () => {
    answerCreate(() => HttpResponse.json(hubspotError("A property named 'fieldclip_lead_id' already exists.", 'OBJECT_ALREADY_EXISTS'), { status: 409 }));
    server.use(http.get(`${HUBSPOT_API}/crm/v3/properties/contacts/fieldclip_lead_id`, () => HttpResponse.json(hubspotProperty('fieldclip_lead_id', { hasUniqueValue: true }))));
    expect(await createLeadIdProperty(settings, 'fieldclip_lead_id', signal())).toEqual({ ok: true, message: 'HubSpot already has the contact property "fieldclip_lead_id", with unique values' });
    server.use(http.get(`${HUBSPOT_API}/crm/v3/properties/contacts/fieldclip_lead_id`, () => HttpResponse.json(hubspotProperty('fieldclip_lead_id', { hasUniqueValue: false }))));
    expect(await createLeadIdProperty(settings, 'fieldclip_lead_id', signal())).toEqual({ ok: false, message: expect.stringContaining('"fieldclip_lead_id" does not require unique values') });
  });

  it('names the missing scope, and a refused token', async () => {
    answerCreate(() => HttpResponse.json(hubspotError("This app hasn't been granted all required scopes to make this call.", 'MISSING_SCOPES'), { status: 403 }));
    expect(await createLeadIdProperty(settings, 'fieldclip_lead_id', signal())).toEqual({ ok: false, message: expect.stringMatching(/^HubSpot did not let this token create properties \(403\): add the crm\.schemas\.contacts\.write scope/) });
    answerCreate(() => HttpResponse.json(hubspotError('Authentication credentials not found.', 'INVALID_AUTHENTICATION'), { status: 401 }));
    expect(await createLeadIdProperty(settings, 'fieldclip_lead_id', signal())).toEqual({ ok: false, message: "The CRM answered 401 Unauthorized: Authentication credentials not found. Check the access token in Fieldclip's settings." });
  });
});

describe('linking contacts to their companies (company key property)', () => {
  const linking = hubspotSettingsSchema.parse({ ...settings, leadIdProperty: 'fieldclip_lead_id', companyKeyProperty: 'fieldclip_domain' });
  type Pair = { from: { id: string }; to: { id: string } };

  /** HubSpot's side: contacts by email, companies by their unique fieldclip_domain, associations. */
  function hubspot(options: { refuseDomain?: string; associate?: () => Response } = {}) {
    const companies = new Map<string, string>();
    const pairs: Pair[] = [];
    const companyRequests: Array<{ inputs: Array<{ idProperty: string; id: string; properties: Record<string, string> }> }> = [];
    capture((body) => ok(body));
    server.use(
      http.post(`${HUBSPOT_API}/crm/v3/objects/companies/batch/upsert`, async ({ request }) => {
        const body = (await request.json()) as (typeof companyRequests)[number];
        companyRequests.push(body);
        const saved = body.inputs.filter((input) => input.id !== options.refuseDomain);
        for (const input of saved) if (!companies.has(input.id)) companies.set(input.id, `70${companies.size}`);
        return HttpResponse.json(
          hubspotBatch(
            saved.map((input) => hubspotUpserted(companies.get(input.id)!, input.properties)),
            options.refuseDomain ? [hubspotBatchError('Property values were not valid: domain', { ids: [options.refuseDomain] })] : [],
          ),
          { status: options.refuseDomain ? 207 : 200 },
        );
      }),
      http.post(`${HUBSPOT_API}/crm/v4/associations/contacts/companies/batch/associate/default`, async ({ request }) => {
        if (options.associate) return options.associate();
        const body = (await request.json()) as { inputs: Pair[] };
        pairs.push(...body.inputs);
        return HttpResponse.json(hubspotBatch(body.inputs.map((pair) => ({ ...pair, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 } }))));
      }),
    );
    return { companies, pairs, companyRequests };
  }

  it('upserts each company once by domain and links every contact that names one', async () => {
    const side = hubspot();
    const jane = lead({ email: 'jane@acme.example', company: 'Acme', companyDomain: 'acme.example' });
    const raj = lead({ email: 'raj@acme.example', company: 'Acme', website: 'https://www.acme.example/team' });
    const kim = lead({ email: 'kim@globex.example', company: 'Globex', companyDomain: 'globex.example' });
    const solo = lead({ email: 'solo@gmail.example', company: undefined });
    const result = await hubspotConnector.send([jane, raj, kim, solo], linking, signal());
    expect(result).toEqual({
      kind: 'delivered',
      results: [
        { id: jane.id, ok: true, crmId: '900' },
        { id: raj.id, ok: true, crmId: '901' },
        { id: kim.id, ok: true, crmId: '902' },
        { id: solo.id, ok: true, crmId: '903' },
      ],
    });
    expect(side.companyRequests[0]!.inputs).toEqual([
      { idProperty: 'fieldclip_domain', id: 'acme.example', properties: { domain: 'acme.example', fieldclip_domain: 'acme.example', name: 'Acme' } },
      { idProperty: 'fieldclip_domain', id: 'globex.example', properties: { domain: 'globex.example', fieldclip_domain: 'globex.example', name: 'Globex' } },
    ]);
    expect(side.pairs).toEqual([
      { from: { id: '900' }, to: { id: '700' } },
      { from: { id: '901' }, to: { id: '700' } },
      { from: { id: '902' }, to: { id: '701' } },
    ]);
  });

  it('sends the whole batch again when linking is rate-limited: contacts and companies are upserts, so nothing doubles', async () => {
    const side = hubspot({ associate: () => HttpResponse.json(hubspotError('You have reached your ten_secondly_rolling limit.', 'RATE_LIMITS'), { status: 429, headers: { 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000' } }) });
    const jane = lead({ email: 'jane@acme.example', companyDomain: 'acme.example' });
    expect(await hubspotConnector.send([jane], linking, signal())).toEqual({ kind: 'retry', error: 'HubSpot asked to slow down (429)', retryAfterMs: 10_000 });
    await hubspotConnector.send([jane], linking, signal());
    expect(side.companies.size).toBe(1);
  });

  it('leaves a lead whose company HubSpot refused needing attention, and links the others', async () => {
    const side = hubspot({ refuseDomain: 'bad.example' });
    const good = lead({ email: 'good@acme.example', companyDomain: 'acme.example' });
    const bad = lead({ email: 'x@bad.example', companyDomain: 'bad.example' });
    expect(await hubspotConnector.send([good, bad], linking, signal())).toEqual({
      kind: 'delivered',
      results: [
        { id: good.id, ok: true, crmId: '900' },
        { id: bad.id, ok: false, message: 'Saved as a contact, but HubSpot refused the company bad.example: Property values were not valid: domain' },
      ],
    });
    expect(side.pairs).toEqual([{ from: { id: '900' }, to: { id: '700' } }]);
  });

  it("leaves a lead whose link HubSpot's answer reports failed needing attention, with HubSpot's message, and keeps the links it made", async () => {
    // A 207 multi-status answer: Raj's link is made; Jane's is in errors, not in results.
    const side = hubspot({
      associate: () =>
        HttpResponse.json(
          {
            status: 'COMPLETE',
            results: [{ from: { id: '901' }, to: { id: '701' }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 } }],
            numErrors: 1,
            errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'Association limit reached for contact 900', context: { fromObjectId: ['900'] }, errors: [], links: {} }],
            startedAt: '2026-11-23T09:00:00Z',
            completedAt: '2026-11-23T09:00:01Z',
          },
          { status: 207 },
        ),
    });
    const jane = lead({ email: 'jane@acme.example', companyDomain: 'acme.example' });
    const raj = lead({ email: 'raj@globex.example', companyDomain: 'globex.example' });
    expect(await hubspotConnector.send([jane, raj], linking, signal())).toEqual({
      kind: 'delivered',
      results: [
        { id: jane.id, ok: false, message: 'Saved as a contact, but HubSpot did not link it to the company acme.example: Association limit reached for contact 900' },
        { id: raj.id, ok: true, crmId: '901' },
      ],
    });
    expect(side.companies.size).toBe(2);
  });

  it('needs the lead id property, so that sending a batch again never doubles a contact', () => {
    const result = hubspotSettingsSchema.safeParse({ crm: 'hubspot', accessToken: 'pat-na1-11111111-2222', companyKeyProperty: 'fieldclip_domain' });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['companyKeyProperty', 'Set the lead id property too: linking companies needs it']]);
  });

  it('checks the company property when testing the connection', async () => {
    server.use(
      http.get(`${HUBSPOT_API}/crm/v3/objects/contacts`, () => HttpResponse.json({ results: [] })),
      http.get(`${HUBSPOT_API}/crm/v3/properties/contacts/fieldclip_lead_id`, () => HttpResponse.json(hubspotProperty('fieldclip_lead_id', { hasUniqueValue: true }))),
      http.get(`${HUBSPOT_API}/crm/v3/properties/companies/fieldclip_domain`, () => HttpResponse.json(hubspotError('Unable to find property', 'OBJECT_NOT_FOUND'), { status: 404 })),
    );
    expect(await testHubspotConnection(linking, signal())).toEqual({
      ok: false,
      message: expect.stringMatching(/^Connected, but HubSpot has no company property "fieldclip_domain": create it in HubSpot \(Settings → Properties → Company properties/),
    });
  });
});
