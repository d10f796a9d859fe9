import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pipedriveLead } from '../../../tests/unit/crm-answers';
import { checkRequestsAgainstSpec } from '../../../tests/unit/crm-spec';
import { aLead } from '../../../tests/unit/leads';
import { pipedriveConnector } from './connector';
import { personRecordId, pipedriveLookup, pipedrivePersonUrl } from './lookup';
import { pipedriveSettingsSchema } from './settings';

// "Already in Pipedrive?" against the shapes of Pipedrive's API: persons search (v2), users (v1).
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
checkRequestsAgainstSpec(server, 'pipedrive', /\.pipedrive\.com$/);

const LINKEDIN_FIELD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const settings = pipedriveSettingsSchema.parse({ crm: 'pipedrive', baseUrl: 'https://acme.pipedrive.com', apiToken: '0123456789abcdef0123456789abcdef01234567', linkedinField: LINKEDIN_FIELD });
const signal = () => AbortSignal.timeout(5_000);

function pipedrive(byField: Record<string, unknown[]>) {
  const searched: string[] = [];
  server.use(
    http.get('https://acme.pipedrive.com/api/v2/persons/search', ({ request }) => {
      const url = new URL(request.url);
      searched.push(url.search);
      const items = byField[url.searchParams.get('fields') ?? ''] ?? [];
      return HttpResponse.json({ success: true, data: { items: items.map((item) => ({ result_score: 1, item })) }, additional_data: {} });
    }),
    http.get('https://acme.pipedrive.com/v1/users/:id', ({ params }) =>
      params.id === '7' ? HttpResponse.json({ success: true, data: { id: 7, name: 'Mia Sales' } }) : HttpResponse.json({ success: false, error: 'User not found' }, { status: 404 }),
    ),
  );
  return searched;
}

describe('pipedriveLookup', () => {
  it('searches persons by email and by the LinkedIn field, names owners, and links on the company\'s domain', async () => {
    const searched = pipedrive({
      email: [{ id: 42, type: 'person', name: 'Ola Berg', owner: { id: 7 }, organization: { id: 3, name: 'Fjord AS' } }],
      custom_fields: [{ id: 42, type: 'person', name: 'Ola Berg', owner: { id: 7 } }, { id: 43, type: 'person', name: 'Ola B.', owner: { id: 8 } }],
    });
    const answer = await pipedriveLookup({ email: 'ola@fjord.example', linkedinUrl: 'https://www.linkedin.com/in/ola-berg' }, settings, signal());
    expect(searched).toEqual([
      '?term=ola%40fjord.example&fields=email&exact_match=true&limit=3',
      '?term=https%3A%2F%2Fwww.linkedin.com%2Fin%2Fola-berg&fields=custom_fields&exact_match=true&limit=3',
    ]);
    expect(answer).toEqual({
      ok: true,
      matches: [
        { crmId: 'person:42', url: 'https://acme.pipedrive.com/person/42', fullName: 'Ola Berg', company: 'Fjord AS', owner: 'Mia Sales' },
        { crmId: 'person:43', url: 'https://acme.pipedrive.com/person/43', fullName: 'Ola B.' },
      ],
    });
  });

  it('links on app.pipedrive.com when the settings use the shared API address', () => {
    expect(pipedrivePersonUrl({ ...settings, baseUrl: 'https://api.pipedrive.com' }, 5)).toBe('https://app.pipedrive.com/person/5');
  });

  it('says "not in the CRM" for nobody, and cannot look up a LinkedIn profile without the field', async () => {
    pipedrive({});
    expect(await pipedriveLookup({ email: 'new@initech.example' }, settings, signal())).toEqual({ ok: true, matches: [] });
    expect(await pipedriveLookup({ linkedinUrl: 'https://www.linkedin.com/in/x' }, { ...settings, linkedinField: undefined }, signal())).toEqual({ ok: false, unsupported: true });
  });
});

describe('a lead saved as the person a lookup matched', () => {
  it('updates that person (no search, no second person) and makes a Pipedrive lead for them', async () => {
    const seen: string[] = [];
    let leadBody: unknown;
    server.use(
      http.all('https://acme.pipedrive.com/*', async ({ request }) => {
        const url = new URL(request.url);
        seen.push(`${request.method} ${url.pathname}`);
        if (request.method === 'PATCH' && url.pathname === '/api/v2/persons/42') return HttpResponse.json({ success: true, data: { id: 42, name: 'Ola Berg' } });
        if (request.method === 'POST' && url.pathname === '/v1/leads') {
          leadBody = await request.json();
          return HttpResponse.json({ success: true, data: pipedriveLead({ id: 'c0ffee00-0e10-11eb-879b-05d71fb426ec', person_id: 42 }) });
        }
        return HttpResponse.json({ success: false, error: 'unexpected' }, { status: 404 });
      }),
    );
    const ola = aLead({ fullName: 'Ola Berg', linkedinUrl: 'https://www.linkedin.com/in/ola-berg', sync: { status: 'pending', attempts: 0, dueAt: 1, crmId: personRecordId(42) } });
    const result = await pipedriveConnector.send([ola], settings, signal());
    expect(seen).toEqual(['PATCH /api/v2/persons/42', 'POST /v1/leads']);
    expect(leadBody).toMatchObject({ person_id: 42, origin_id: ola.id });
    expect(result).toEqual({ kind: 'delivered', results: [{ id: ola.id, ok: true, crmId: 'c0ffee00-0e10-11eb-879b-05d71fb426ec', crmUrl: 'https://acme.pipedrive.com/person/42' }] });
  });
});
