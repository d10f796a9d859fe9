import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { aLead } from '../../tests/unit/leads';
import type { Lead } from '../lead/schema';
import { testTwentyConnection, twentyConnector, twentyPersonFromLead } from './twenty';
import { twentySettingsSchema } from './settings-schema';

// Requests and answers in the shapes of Twenty's REST API: POST /rest/batch/people?upsert=true
// with an array of people, answered { data: { createPeople: [...] } }.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

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
    expect(result).toEqual({ kind: 'delivered', results: [{ id: leads[0]!.id, ok: true, crmId: leads[0]!.id }] });
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
});
