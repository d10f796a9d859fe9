import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hubspotError, hubspotObject } from '../../../tests/unit/crm-answers';
import { checkRequestsAgainstSpec } from '../../../tests/unit/crm-spec';
import { aLead } from '../../../tests/unit/leads';
import { hubspotConnector } from './connector';
import { hubspotLookup } from './lookup';
import { HUBSPOT_API, hubspotSettingsSchema } from './settings';

// "Already in HubSpot?" against the shapes HubSpot documents: contacts search, owners, account info.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
checkRequestsAgainstSpec(server, 'hubspot', /^api\.hubapi\.com$/);

const settings = hubspotSettingsSchema.parse({ crm: 'hubspot', accessToken: 'pat-eu1-33333333-4444', linkedinProperty: 'linkedin_url' });
const signal = () => AbortSignal.timeout(5_000);
const AT = '2026-10-01T09:00:00.000Z';

const portal = {
  accountType: 'STANDARD', additionalCurrencies: [], companyCurrency: 'EUR', dataHostingLocation: 'eu1', portalId: 8765432,
  timeZone: 'Europe/Berlin', uiDomain: 'app-eu1.hubspot.com', utcOffset: '+01:00', utcOffsetMilliseconds: 3_600_000,
};
const owner = (id: string, firstName: string, lastName: string) => ({ id, firstName, lastName, email: `${firstName.toLowerCase()}@acme.example`, type: 'PERSON', archived: false, createdAt: AT, updatedAt: AT });

function hubspot(results: unknown[]) {
  const searches: unknown[] = [];
  const owners: string[] = [];
  server.use(
    http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/search`, async ({ request }) => {
      searches.push(await request.json());
      return HttpResponse.json({ total: results.length, results });
    }),
    http.get(`${HUBSPOT_API}/crm/v3/owners/:id`, ({ params }) => {
      owners.push(String(params.id));
      return params.id === '501' ? HttpResponse.json(owner('501', 'Mia', 'Sales')) : HttpResponse.json(hubspotError('Owner not found', 'OBJECT_NOT_FOUND'), { status: 404 });
    }),
    http.get(`${HUBSPOT_API}/account-info/v3/details`, () => HttpResponse.json(portal)),
  );
  return { searches, owners };
}

describe('hubspotLookup', () => {
  it('searches by email or the LinkedIn URL property, and names each contact\'s owner and its link in the account', async () => {
    const { searches, owners } = hubspot([
      hubspotObject('1101', { firstname: 'Ola', lastname: 'Berg', company: 'Fjord AS', hubspot_owner_id: '501', lastmodifieddate: AT }),
      hubspotObject('1102', { firstname: 'Ola', lastname: 'B.', hubspot_owner_id: '999' }),
    ]);
    const answer = await hubspotLookup({ email: 'ola@fjord.example', linkedinUrl: 'https://www.linkedin.com/in/ola-berg' }, settings, signal());
    expect(searches).toEqual([
      {
        filterGroups: [
          { filters: [{ propertyName: 'email', operator: 'EQ', value: 'ola@fjord.example' }] },
          { filters: [{ propertyName: 'linkedin_url', operator: 'EQ', value: 'https://www.linkedin.com/in/ola-berg' }] },
        ],
        properties: ['firstname', 'lastname', 'company', 'hubspot_owner_id', 'lastmodifieddate'],
        limit: 3,
      },
    ]);
    expect(owners).toEqual(['501', '999']);
    expect(answer).toEqual({
      ok: true,
      matches: [
        { crmId: '1101', url: 'https://app-eu1.hubspot.com/contacts/8765432/record/0-1/1101', fullName: 'Ola Berg', company: 'Fjord AS', owner: 'Mia Sales', updatedAt: AT },
        // No lastmodifieddate asked back: the object's own updatedAt.
        { crmId: '1102', url: 'https://app-eu1.hubspot.com/contacts/8765432/record/0-1/1102', fullName: 'Ola B.', updatedAt: '2026-11-23T09:00:00.000Z' },
      ],
    });
  });

  it('says "not in the CRM" for no contact, and cannot look up a LinkedIn profile without the property', async () => {
    hubspot([]);
    expect(await hubspotLookup({ email: 'new@initech.example' }, settings, signal())).toEqual({ ok: true, matches: [] });
    expect(await hubspotLookup({ linkedinUrl: 'https://www.linkedin.com/in/x' }, { ...settings, linkedinProperty: undefined }, signal())).toEqual({ ok: false, unsupported: true });
  });

  it('asks once for an account HubSpot will not describe, and links nothing', async () => {
    hubspot([hubspotObject('1101', { firstname: 'Ola', lastname: 'Berg' })]);
    let asked = 0;
    server.use(
      http.get(`${HUBSPOT_API}/account-info/v3/details`, () => {
        asked += 1;
        return HttpResponse.json(hubspotError('This app lacks a required scope', 'MISSING_SCOPES'), { status: 403 });
      }),
    );
    const unscoped = { ...settings, accessToken: 'pat-eu1-55555555-6666' };
    for (let run = 0; run < 2; run++) {
      expect(await hubspotLookup({ email: 'ola@fjord.example' }, unscoped, signal())).toEqual({ ok: true, matches: [{ crmId: '1101', fullName: 'Ola Berg', updatedAt: '2026-11-23T09:00:00.000Z' }] });
    }
    expect(asked).toBe(1);
  });

  it('gives HubSpot\'s reason when it refuses', async () => {
    server.use(http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/search`, () => HttpResponse.json(hubspotError('Authentication credentials not found.', 'INVALID_AUTHENTICATION'), { status: 401 })));
    const answer = await hubspotLookup({ email: 'ola@fjord.example' }, settings, signal());
    expect(answer).toEqual({ ok: false, reason: expect.stringMatching(/^The CRM answered 401.*Check the access token/) });
  });
});

describe('a lead saved as the contact a lookup matched', () => {
  it('updates that contact by its id (no upsert, no second contact), with the LinkedIn property, and links to it', async () => {
    hubspot([]);
    const updates: unknown[] = [];
    server.use(
      http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/batch/:operation`, async ({ request, params }) => {
        const body = (await request.json()) as { inputs: Array<{ id: string; objectWriteTraceId: string }> };
        updates.push({ operation: params.operation, body });
        return HttpResponse.json({
          status: 'COMPLETE',
          results: body.inputs.map((input) => hubspotObject(input.id, { hs_object_id: input.id }, { objectWriteTraceId: input.objectWriteTraceId })),
          startedAt: AT,
          completedAt: AT,
        });
      }),
    );
    const lead = aLead({ fullName: 'Ola Berg', firstName: 'Ola', lastName: 'Berg', linkedinUrl: 'https://www.linkedin.com/in/ola-berg', sync: { status: 'pending', attempts: 0, dueAt: 1, crmId: '1101' } });
    const result = await hubspotConnector.send([lead], settings, signal());
    expect(updates).toEqual([
      { operation: 'update', body: { inputs: [expect.objectContaining({ id: '1101', properties: expect.objectContaining({ linkedin_url: 'https://www.linkedin.com/in/ola-berg' }) })] } },
    ]);
    expect(result).toEqual({ kind: 'delivered', results: [{ id: lead.id, ok: true, crmId: '1101', crmUrl: 'https://app-eu1.hubspot.com/contacts/8765432/record/0-1/1101' }] });
  });
});
