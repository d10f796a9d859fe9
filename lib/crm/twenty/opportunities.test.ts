import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkRequestsAgainstSpec } from '../../../tests/unit/crm-spec';
import { aLead } from '../../../tests/unit/leads';
import { twentyConnector } from './connector';
import { twentyOpportunityId, twentyOutcomes } from './opportunities';
import { twentySettingsSchema } from './settings';

// Twenty's opportunities, against the shapes of its REST API: POST /rest/batch/opportunities
// (upsert) after the people, and GET /rest/opportunities filtered by point of contact.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
checkRequestsAgainstSpec(server, 'twenty', /^api\.twenty\.com$/);

const settings = twentySettingsSchema.parse({ crm: 'twenty', apiKey: 'eyJhbGciOiJIUzI1NiJ9.test' });
const signal = () => AbortSignal.timeout(5_000);
const AT = '2026-11-20T10:00:00.000Z';
const stored = (id: string, fields: Record<string, unknown>) => ({ id, name: 'Deal', position: 0, createdAt: AT, updatedAt: AT, deletedAt: null, ...fields });

describe('Twenty opportunities', () => {
  it('upsert an opportunity with the size for each lead that has one, its person the point of contact, with the same id every time', async () => {
    const sized = aLead({ fullName: 'Dee Park', company: 'Stark', opportunity: { amount: 25000.5, currency: 'EUR' } });
    const plain = aLead({ fullName: 'Eve Ng' });
    const bodies: unknown[] = [];
    server.use(
      http.post('https://api.twenty.com/rest/batch/people', async ({ request }) => {
        const people = (await request.json()) as Array<{ id: string }>;
        return HttpResponse.json({ data: { createPeople: people.map((person) => ({ id: person.id, createdAt: AT, updatedAt: AT })) } }, { status: 201 });
      }),
      http.post('https://api.twenty.com/rest/batch/opportunities', async ({ request }) => {
        expect(new URL(request.url).searchParams.get('upsert')).toBe('true');
        const body = (await request.json()) as Array<{ id: string }>;
        bodies.push(body);
        return HttpResponse.json({ data: { createOpportunities: body.map((o) => ({ ...o, createdAt: AT, updatedAt: AT })) } }, { status: 201 });
      }),
    );
    const answer = await twentyConnector.send([sized, plain], settings, signal());
    expect(answer).toMatchObject({ kind: 'delivered', results: [{ id: sized.id, ok: true }, { id: plain.id, ok: true }] });
    const id = await twentyOpportunityId(sized.id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await twentyOpportunityId(sized.id)).toBe(id);
    expect(bodies).toEqual([[{ id, name: 'Dee Park, Stark', amount: { amountMicros: 25000500000, currencyCode: 'EUR' }, pointOfContactId: sized.id }]]);
  });

  it('send a lead again when its opportunity could not be saved, and say so when Twenty refuses it', async () => {
    const sized = aLead({ opportunity: { amount: 100, currency: 'EUR' } });
    server.use(
      http.post('https://api.twenty.com/rest/batch/people', () => HttpResponse.json({ data: { createPeople: [{ id: sized.id }] } }, { status: 201 })),
      http.post('https://api.twenty.com/rest/batch/opportunities', () => HttpResponse.json({ statusCode: 503, messages: ['Service unavailable'], error: 'Service Unavailable' }, { status: 503 })),
    );
    expect(await twentyConnector.send([sized], settings, signal())).toEqual({ kind: 'delivered', results: [] });
    server.use(http.post('https://api.twenty.com/rest/batch/opportunities', () => HttpResponse.json({ statusCode: 400, messages: ['Invalid currency code'], error: 'Bad Request' }, { status: 400 })));
    expect(await twentyConnector.send([sized], settings, signal())).toEqual({
      kind: 'delivered',
      results: [{ id: sized.id, ok: false, message: expect.stringMatching(/^Saved in Twenty without its opportunity: The CRM answered 400.*Invalid currency code/) }],
    });
  });

  it('read where each lead stands from its person’s opportunities: the furthest stage, a won one’s amount', async () => {
    const asked: URLSearchParams[] = [];
    const a = crypto.randomUUID();
    const matched = crypto.randomUUID();
    const c = crypto.randomUUID();
    server.use(
      http.get('https://api.twenty.com/rest/opportunities', ({ request }) => {
        asked.push(new URL(request.url).searchParams);
        return HttpResponse.json({
          data: {
            opportunities: [
              stored(crypto.randomUUID(), { stage: 'MEETING', pointOfContactId: a, amount: { amountMicros: 5e9, currencyCode: 'EUR' } }),
              stored(crypto.randomUUID(), { stage: 'CUSTOMER', pointOfContactId: a, amount: { amountMicros: 25e9, currencyCode: 'EUR' }, closeDate: '2026-11-30T00:00:00.000Z' }),
              stored(crypto.randomUUID(), { stage: 'PROPOSAL', pointOfContactId: matched, amount: null }),
            ],
          },
          pageInfo: { hasNextPage: false },
          totalCount: 3,
        });
      }),
    );
    const answer = await twentyOutcomes.read([{ id: a }, { id: 'lead-b', crmId: matched }, { id: c }], settings, signal());
    expect(answer).toEqual({
      ok: true,
      outcomes: [
        { id: a, stage: 'won', amount: 25000, currency: 'EUR', updatedAt: '2026-11-30T00:00:00.000Z' },
        { id: 'lead-b', stage: 'proposal', updatedAt: AT },
        { id: c, stage: 'open' },
      ],
    });
    expect(asked.map((params) => params.get('filter'))).toEqual([`pointOfContactId[in]:["${a}","${matched}","${c}"]`]);
  });
});
