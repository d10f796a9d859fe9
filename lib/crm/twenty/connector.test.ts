import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkRequestsAgainstSpec } from '../../../tests/unit/crm-spec';
import { aLead } from '../../../tests/unit/leads';
import type { Lead } from '../../lead/schema';
import { twentyConnector, twentyPersonFromLead } from './connector';
import { testTwentyConnection } from './check';
import { twentySettingsSchema } from './settings';

// Requests and answers in the shapes of Twenty's REST API: POST /rest/batch/people?upsert=true
// with an array of people, answered { data: { createPeople: [...] } }; GET /rest/open-api/core, the
// workspace's OpenAPI document, whose Person schema lists People's fields (a select's options as its enum).
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
checkRequestsAgainstSpec(server, 'twenty', /^api\.twenty\.com$/);

const settings = twentySettingsSchema.parse({ crm: 'twenty', apiKey: 'eyJhbGciOiJIUzI1NiJ9.test' });
const signal = () => AbortSignal.timeout(5_000);

const lead = (fields: Partial<Lead> = {}) => aLead({ fullName: 'Zoë Müller', firstName: 'Zoë', lastName: 'Müller', company: 'Initech', ...fields });

describe('twentyPersonFromLead', () => {
  it("uses the lead's id as the person's, so a retry updates the same person", () => {
    const jane = lead({ email: 'zoe@initech.example', title: 'COO', location: 'Zürich, Switzerland', linkedinUrl: 'https://www.linkedin.com/in/zoe' });
    expect(twentyPersonFromLead(jane, settings)).toEqual({
      id: jane.id,
      name: { firstName: 'Zoë', lastName: 'Müller' },
      emails: { primaryEmail: 'zoe@initech.example' },
      jobTitle: 'COO',
      city: 'Zürich',
      linkedinLink: { primaryLinkUrl: 'https://www.linkedin.com/in/zoe' },
    });
  });

  it('puts the source and the level into the custom fields the settings name, as configured, and no blank value', () => {
    const withFields = twentySettingsSchema.parse({
      ...settings,
      sourceField: 'leadSource',
      sourceValues: { prospecting: 'OUTBOUND', referral: 'REFERRAL', event: 'TRADE_SHOW', 'prospecting-at-close': '' },
      qualificationField: 'leadTemperature',
    });
    const zoe = lead({ source: { kind: 'event', eventName: 'Web Summit' }, qualification: { level: 'hot', budget: true, authority: true, need: true, timing: true } });
    expect(twentyPersonFromLead(zoe, withFields)).toMatchObject({ leadSource: 'TRADE_SHOW', leadTemperature: 'HOT' });
    const atClose = twentyPersonFromLead(lead({ source: { kind: 'prospecting-at-close', closedAccount: 'Globex' } }), withFields);
    expect(atClose).not.toHaveProperty('leadSource');
    expect(twentyPersonFromLead(zoe, settings)).not.toHaveProperty('leadSource');
  });

  it('writes the source detail, the event’s answers, the badge id and the notes into the notes field the settings name', () => {
    const withNotes = twentySettingsSchema.parse({ ...settings, notesField: 'fieldclipNotes' });
    const visitor = lead({ source: { kind: 'event', eventName: 'Expo North' }, badgeId: 'EXPO-7', notes: 'Call in March', answers: [{ question: 'Budget?', answer: 'Yes' }] });
    expect(twentyPersonFromLead(visitor, withNotes)).toMatchObject({ fieldclipNotes: 'Met at Expo North\nQualifying answers:\n- Budget?: Yes\nBadge ID: EXPO-7\nCall in March' });
    expect(twentyPersonFromLead(visitor, settings)).not.toHaveProperty('fieldclipNotes');
  });
});

describe('twentyConnector', () => {
  it('upserts a batch of people with the API key and marks those in the answer synced', async () => {
    const seen: Array<{ url: string; auth: string | null; body: Array<{ id: string }> }> = [];
    server.use(
      http.post('https://api.twenty.com/rest/batch/people', async ({ request }) => {
        const body = (await request.json()) as Array<{ id: string }>;
        seen.push({ url: request.url, auth: request.headers.get('authorization'), body });
        return HttpResponse.json({ data: { createPeople: body.slice(0, 1).map((person) => ({ ...person, createdAt: '2026-11-23T09:00:00Z' })) } }, { status: 201 });
      }),
    );
    const leads = [lead(), lead()];
    const result = await twentyConnector.send(leads, settings, signal());
    expect(seen[0]).toMatchObject({ url: 'https://api.twenty.com/rest/batch/people?upsert=true', auth: 'Bearer eyJhbGciOiJIUzI1NiJ9.test' });
    expect(seen[0]!.body.map((person) => person.id)).toEqual(leads.map((l) => l.id));
    // The second person is missing from the answer: the engine sends it again, same id.
    expect(result).toEqual({ kind: 'delivered', results: [{ id: leads[0]!.id, ok: true, crmId: leads[0]!.id, crmUrl: `https://app.twenty.com/object/person/${leads[0]!.id}` }] });
  });

  it('sends at most the 60 records a call Twenty documents', () => {
    expect(twentyConnector.batchSize).toBe(60);
  });

  it('halves a batch a server finds too large until it takes it, and every lead arrives once', async () => {
    // A server whose QUERY_MAX_RECORDS is 20, answering as Twenty does (its documented 400 shape).
    const sizes: number[] = [];
    const people = new Map<string, unknown>();
    server.use(
      http.post('https://api.twenty.com/rest/batch/people', async ({ request }) => {
        const body = (await request.json()) as Array<{ id: string }>;
        sizes.push(body.length);
        if (body.length > 20) {
          return HttpResponse.json({ statusCode: 400, error: 'BadRequestException', messages: ['Maximum number of records to upsert is 20.'] }, { status: 400 });
        }
        for (const person of body) people.set(person.id, person);
        return HttpResponse.json({ data: { createPeople: body } }, { status: 201 });
      }),
    );
    const leads = Array.from({ length: 60 }, () => lead());
    const result = await twentyConnector.send(leads, settings, signal());
    expect(result).toEqual({ kind: 'delivered', results: leads.map((l) => ({ id: l.id, ok: true, crmId: l.id, crmUrl: `https://app.twenty.com/object/person/${l.id}` })) });
    expect(sizes).toEqual([60, 30, 15, 15, 30, 15, 15]);
    expect(people.size).toBe(60);
  });

  it('marks the leads of a half Twenty refuses for another reason as needing attention, and sends the rest', async () => {
    server.use(
      http.post('https://api.twenty.com/rest/batch/people', async ({ request }) => {
        const body = (await request.json()) as Array<{ id: string; emails?: { primaryEmail: string } }>;
        if (body.length > 2) return HttpResponse.json({ statusCode: 400, error: 'BadRequestException', messages: ['Maximum number of records to upsert is 2.'] }, { status: 400 });
        if (body.some((person) => person.emails?.primaryEmail === 'bad@initech.example')) {
          return HttpResponse.json({ statusCode: 400, error: 'BadRequestException', messages: ['Invalid email'] }, { status: 400 });
        }
        return HttpResponse.json({ data: { createPeople: body } }, { status: 201 });
      }),
    );
    const [a, b, c, d] = [lead(), lead(), lead({ email: 'bad@initech.example' }), lead()];
    expect(await twentyConnector.send([a!, b!, c!, d!], settings, signal())).toEqual({
      kind: 'delivered',
      results: [
        { id: a!.id, ok: true, crmId: a!.id, crmUrl: `https://app.twenty.com/object/person/${a!.id}` },
        { id: b!.id, ok: true, crmId: b!.id, crmUrl: `https://app.twenty.com/object/person/${b!.id}` },
        { id: c!.id, ok: false, message: 'The CRM answered 400 Bad Request: Invalid email' },
        { id: d!.id, ok: false, message: 'The CRM answered 400 Bad Request: Invalid email' },
      ],
    });
  });

  it('pauses on a refused key and explains a refused batch', async () => {
    server.use(http.post('https://api.twenty.com/rest/batch/people', () => HttpResponse.json({ statusCode: 401, messages: ['Token invalid.'], error: 'UNAUTHENTICATED' }, { status: 401 })));
    expect(await twentyConnector.send([lead()], settings, signal())).toMatchObject({ kind: 'unauthorized', error: expect.stringMatching(/401.*Check the API key in Fieldclip's settings\.$/) });
    server.use(http.post('https://api.twenty.com/rest/batch/people', () => HttpResponse.json({ statusCode: 400, error: 'BadRequestException', messages: ['Invalid email'] }, { status: 400 })));
    expect(await twentyConnector.send([lead()], settings, signal())).toMatchObject({ kind: 'refused', error: 'The CRM answered 400 Bad Request: Invalid email' });
  });

  it('tests the connection against a self-hosted server', async () => {
    server.use(http.get('https://crm.example.com/rest/people', () => HttpResponse.json({ data: { people: [] } })));
    expect(await testTwentyConnection({ ...settings, baseUrl: 'https://crm.example.com/' }, signal())).toEqual({
      ok: true,
      message: 'Connected to Twenty: the API key can read people',
    });
  });

  describe("checks the custom fields against the workspace's own description of People", () => {
    const withFields = twentySettingsSchema.parse({ ...settings, sourceField: 'leadSource', qualificationField: 'leadTemperature' });
    /** A workspace whose People have these fields, as GET /rest/open-api/core describes them. */
    function workspace(properties: Record<string, unknown>) {
      const requests: Array<{ path: string; auth: string | null }> = [];
      server.use(
        http.get('https://api.twenty.com/rest/people', () => HttpResponse.json({ data: { people: [] } })),
        http.get('https://api.twenty.com/rest/open-api/core', ({ request }) => {
          requests.push({ path: new URL(request.url).pathname, auth: request.headers.get('authorization') });
          return HttpResponse.json({
            openapi: '3.1.1',
            info: { title: 'Twenty Api', version: 'v0.1' },
            components: {
              schemas: {
                Person: { type: 'object', properties: { name: { type: 'object', properties: { firstName: { type: 'string' } } }, ...properties } },
                PersonForResponse: { type: 'object', properties: {} },
              },
            },
          });
        }),
      );
      return requests;
    }
    const select = (...values: string[]) => ({ type: 'string', enum: values });
    const allSources = select('PROSPECTING', 'REFERRAL', 'EVENT', 'PROSPECTING_AT_CLOSE');

    it('says the fields are there, asking with the API key', async () => {
      const requests = workspace({ leadSource: allSources, leadTemperature: { type: 'string' } });
      expect(await testTwentyConnection(withFields, signal())).toEqual({
        ok: true,
        message: 'Connected to Twenty: the API key can read people, and People have the fields "leadSource" and "leadTemperature"',
      });
      expect(requests).toEqual([{ path: '/rest/open-api/core', auth: 'Bearer eyJhbGciOiJIUzI1NiJ9.test' }]);
    });

    it('names a field People do not have', async () => {
      workspace({ leadSource: allSources, leadTemprature: { type: 'string' } });
      expect(await testTwentyConnection(withFields, signal())).toEqual({
        ok: false,
        message:
          'Connected, but people in Twenty have no field named "leadTemperature": use the API name of a text or select field (Settings → Data model → People), or leave it blank',
      });
    });

    it("names each value a select field has no option for, and the options it has; a blank value is not checked", async () => {
      workspace({ leadSource: select('OUTBOUND', 'REFERRAL', 'EVENT'), leadTemperature: select('RAW', 'LUKEWARM', 'HOT') });
      const check = await testTwentyConnection({ ...withFields, sourceValues: { ...withFields.sourceValues, 'prospecting-at-close': '' } }, signal());
      expect(check).toEqual({
        ok: false,
        message: 'Connected, but the select field "leadSource" has no option "PROSPECTING" (its options are "OUTBOUND", "REFERRAL", "EVENT"): use its option values, or leave a value blank',
      });
    });

    it('checks the notes field takes free text', async () => {
      workspace({ leadSource: allSources, leadTemperature: { type: 'string' }, fieldclipNotes: select('A', 'B') });
      expect(await testTwentyConnection({ ...withFields, notesField: 'fieldclipNotes' }, signal())).toEqual({
        ok: false,
        message: 'Connected, but the field "fieldclipNotes" is a select field: the notes need a text field',
      });
      workspace({ leadSource: allSources, leadTemperature: { type: 'string' }, fieldclipNotes: { type: 'string' } });
      expect(await testTwentyConnection({ ...withFields, notesField: 'fieldclipNotes' }, signal())).toMatchObject({ ok: true });
    });

    it('refuses a multi-select or a field that takes no text, and reports both fields at once', async () => {
      workspace({ leadSource: { type: 'array', items: { type: 'string', enum: ['EVENT'] } }, leadTemperature: { type: 'number' } });
      const check = await testTwentyConnection(withFields, signal());
      expect(check).toEqual({
        ok: false,
        message:
          'Connected, but the field "leadSource" is a multi-select: Fieldclip writes one source, so use a select or text field; and the field "leadTemperature" is not a text or select field, so it cannot take the qualification level',
      });
    });

    it('says when the server does not describe its fields, and does not ask when no field is named', async () => {
      server.use(
        http.get('https://api.twenty.com/rest/people', () => HttpResponse.json({ data: { people: [] } })),
        // An older or stripped-down server: the document has no schemas.
        http.get('https://api.twenty.com/rest/open-api/core', () => HttpResponse.json({ openapi: '3.1.1', info: { title: 'Twenty Api' }, paths: {} })),
      );
      expect(await testTwentyConnection(withFields, signal())).toEqual({
        ok: true,
        message: 'Connected to Twenty: the API key can read people (this server does not describe its fields, so their names were not checked)',
      });
      const requests = workspace({});
      expect(await testTwentyConnection(settings, signal())).toEqual({ ok: true, message: 'Connected to Twenty: the API key can read people' });
      expect(requests).toEqual([]);
    });

    it('takes a field called like an object property for what it is', async () => {
      workspace({ leadSource: allSources });
      const check = await testTwentyConnection(twentySettingsSchema.parse({ ...settings, qualificationField: 'constructor' }), signal());
      expect(check).toMatchObject({ ok: false, message: expect.stringContaining('no field named "constructor"') });
    });
  });
});
