import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkRequestsAgainstSpec } from '../../../tests/unit/crm-spec';
import { aLead } from '../../../tests/unit/leads';
import { twentyConnector } from './connector';
import { twentyLookup, twentyPersonUrl } from './lookup';
import { twentySettingsSchema } from './settings';

// "Already in Twenty?" against the shapes of Twenty's REST API: GET /rest/people with a filter.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
checkRequestsAgainstSpec(server, 'twenty', /^api\.twenty\.com$/);

const settings = twentySettingsSchema.parse({ crm: 'twenty', apiKey: 'eyJhbGciOiJIUzI1NiJ9.test' });
const signal = () => AbortSignal.timeout(5_000);
const OLA = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

describe('twentyLookup', () => {
  it('filters people by primary email or LinkedIn link, with their company, and links on the workspace app', async () => {
    const asked: URLSearchParams[] = [];
    server.use(
      http.get('https://api.twenty.com/rest/people', ({ request }) => {
        asked.push(new URL(request.url).searchParams);
        return HttpResponse.json({
          data: { people: [{ id: OLA, name: { firstName: 'Ola', lastName: 'Berg' }, emails: { primaryEmail: 'ola@fjord.example', additionalEmails: [] }, company: { name: 'Fjord AS' }, createdAt: '2026-09-01T09:00:00.000Z', updatedAt: '2026-10-01T09:00:00.000Z' }] },
          pageInfo: { hasNextPage: false },
          totalCount: 1,
        });
      }),
    );
    const answer = await twentyLookup({ email: 'ola@fjord.example', linkedinUrl: 'https://www.linkedin.com/in/ola-berg' }, settings, signal());
    expect(asked.map((params) => Object.fromEntries(params))).toEqual([
      { filter: 'or(emails.primaryEmail[eq]:"ola@fjord.example",linkedinLink.primaryLinkUrl[eq]:"https://www.linkedin.com/in/ola-berg")', limit: '3', depth: '1' },
    ]);
    expect(answer).toEqual({ ok: true, matches: [{ crmId: OLA, url: `https://app.twenty.com/object/person/${OLA}`, fullName: 'Ola Berg', company: 'Fjord AS', updatedAt: '2026-10-01T09:00:00.000Z' }] });
  });

  it('links a self-hosted workspace on its own address', () => {
    expect(twentyPersonUrl({ ...settings, baseUrl: 'https://crm.example.com/' }, OLA)).toBe(`https://crm.example.com/object/person/${OLA}`);
  });

  it('gives Twenty\'s reason when it refuses', async () => {
    server.use(http.get('https://api.twenty.com/rest/people', () => HttpResponse.json({ statusCode: 401, error: 'Unauthorized', messages: ['Token invalid.'] }, { status: 401 })));
    expect(await twentyLookup({ email: 'ola@fjord.example' }, settings, signal())).toEqual({ ok: false, reason: expect.stringMatching(/^The CRM answered 401.*Token invalid/) });
  });
});

describe('a lead saved as the person a lookup matched', () => {
  it('is upserted with that person\'s id, which updates them rather than adding a person', async () => {
    let sent: Array<{ id: string }> = [];
    server.use(
      http.post('https://api.twenty.com/rest/batch/people', async ({ request }) => {
        sent = (await request.json()) as Array<{ id: string }>;
        return HttpResponse.json({ data: { createPeople: sent.map(({ id }) => ({ id, name: { firstName: 'Ola', lastName: 'Berg' } })) } }, { status: 201 });
      }),
    );
    const ola = aLead({ fullName: 'Ola Berg', firstName: 'Ola', lastName: 'Berg', sync: { status: 'pending', attempts: 0, dueAt: 1, crmId: OLA } });
    const result = await twentyConnector.send([ola], settings, signal());
    expect(sent.map(({ id }) => id)).toEqual([OLA]);
    expect(result).toEqual({ kind: 'delivered', results: [{ id: ola.id, ok: true, crmId: OLA, crmUrl: `https://app.twenty.com/object/person/${OLA}` }] });
  });
});
