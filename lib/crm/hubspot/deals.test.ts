import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hubspotBatch, hubspotBatchError, hubspotError, hubspotObject, hubspotUpserted } from '../../../tests/unit/crm-answers';
import { checkRequestsAgainstSpec } from '../../../tests/unit/crm-spec';
import { aLead } from '../../../tests/unit/leads';
import { hubspotConnector } from './connector';
import { hubspotDealName, hubspotOutcomes } from './deals';
import { HUBSPOT_API, hubspotSettingsSchema } from './settings';

// HubSpot's deals, against its documented shapes: contacts batch upsert, Associations v4 batch
// read (contacts to deals), Deals (0-3) batch read and create. Every request is spec-checked.
const server = setupServer(
  http.get(`${HUBSPOT_API}/account-info/v3/details`, () => HttpResponse.json(hubspotError('This app lacks a required scope', 'MISSING_SCOPES'), { status: 403 })),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
checkRequestsAgainstSpec(server, 'hubspot', /^api\.hubapi\.com$/);

const settings = hubspotSettingsSchema.parse({ crm: 'hubspot', accessToken: 'pat-na1-11111111-2222', createDeals: true, dealStage: 'qualifiedtobuy' });
const signal = () => AbortSignal.timeout(5_000);
const AT = '2026-11-20T10:00:00.000Z';

type Inputs = { inputs: Array<Record<string, unknown>> };

function hubspot({ contactIds, associations = {}, deals = {}, lifecycle = {} }: { contactIds?: string[]; associations?: Record<string, string[]>; deals?: Record<string, Record<string, string>>; lifecycle?: Record<string, string> }) {
  const created: Inputs[] = [];
  const paths: string[] = [];
  server.use(
    http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/batch/upsert`, async ({ request }) => {
      const body = (await request.json()) as Inputs;
      paths.push('contacts upsert');
      return HttpResponse.json(hubspotBatch(body.inputs.map((input, i) => hubspotUpserted(contactIds![i]!, input.properties as Record<string, unknown>, { objectWriteTraceId: input.objectWriteTraceId }))));
    }),
    http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/batch/read`, async ({ request }) => {
      const body = (await request.json()) as Inputs;
      paths.push('contacts read');
      return HttpResponse.json(hubspotBatch(body.inputs.filter((input) => lifecycle[String(input.id)]).map((input) => hubspotObject(String(input.id), { lifecyclestage: lifecycle[String(input.id)] }))));
    }),
    http.post(`${HUBSPOT_API}/crm/v4/associations/contacts/deals/batch/read`, async ({ request }) => {
      const body = (await request.json()) as Inputs;
      paths.push('associations read');
      return HttpResponse.json(
        hubspotBatch(
          body.inputs.map((input) => ({
            from: { id: String(input.id) },
            to: (associations[String(input.id)] ?? []).map((toObjectId) => ({ toObjectId, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 4 }] })),
          })),
        ),
      );
    }),
    http.post(`${HUBSPOT_API}/crm/v3/objects/0-3/batch/read`, async ({ request }) => {
      const body = (await request.json()) as Inputs & { properties: string[] };
      paths.push(`deals read ${body.properties.join(',')}`);
      return HttpResponse.json(hubspotBatch(body.inputs.filter((input) => deals[String(input.id)]).map((input) => hubspotObject(String(input.id), deals[String(input.id)]!))));
    }),
    http.post(`${HUBSPOT_API}/crm/v3/objects/0-3/batch/create`, async ({ request }) => {
      const body = (await request.json()) as Inputs;
      created.push(body);
      paths.push('deals create');
      return HttpResponse.json(hubspotBatch(body.inputs.map((input, i) => hubspotObject(`70${i}`, input.properties as Record<string, unknown>))), { status: 201 });
    }),
  );
  return { created, paths };
}

describe('HubSpot deals', () => {
  it('create a deal for each lead with a size, with its amount, currency, pipeline and stage, linked to its contact', async () => {
    const sized = aLead({ fullName: 'Dee Park', company: 'Stark', email: 'dee@stark.example', opportunity: { amount: 25000.5, currency: 'EUR' } });
    const plain = aLead({ fullName: 'Eve Ng', email: 'eve@hooli.example' });
    const { created, paths } = hubspot({ contactIds: ['501', '502'] });
    expect(await hubspotConnector.send([sized, plain], settings, signal())).toEqual({
      kind: 'delivered',
      results: [{ id: sized.id, ok: true, crmId: '501' }, { id: plain.id, ok: true, crmId: '502' }],
    });
    expect(paths).toEqual(['contacts upsert', 'associations read', 'deals create']);
    expect(created).toEqual([
      {
        inputs: [
          {
            properties: { dealname: 'Dee Park, Stark', amount: '25000.5', deal_currency_code: 'EUR', pipeline: 'default', dealstage: 'qualifiedtobuy' },
            associations: [{ to: { id: '501' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }] }],
          },
        ],
      },
    ]);
  });

  it('make no second deal when the contact has its deal already (an earlier attempt whose answer was lost)', async () => {
    const sized = aLead({ fullName: 'Dee Park', company: 'Stark', email: 'dee@stark.example', opportunity: { amount: 100, currency: 'EUR' } });
    const { created, paths } = hubspot({ contactIds: ['501'], associations: { '501': ['700'] }, deals: { '700': { dealname: hubspotDealName(sized) } } });
    expect(await hubspotConnector.send([sized], settings, signal())).toMatchObject({ kind: 'delivered', results: [{ id: sized.id, ok: true }] });
    expect(created).toEqual([]);
    expect(paths).toEqual(['contacts upsert', 'associations read', 'deals read dealname']);
  });

  it('mark the leads as needing attention, with HubSpot’s message, when it refuses their deals', async () => {
    const sized = aLead({ fullName: 'Dee Park', email: 'dee@stark.example', opportunity: { amount: 100, currency: 'EUR' } });
    hubspot({ contactIds: ['501'] });
    server.use(
      http.post(`${HUBSPOT_API}/crm/v3/objects/0-3/batch/create`, () =>
        HttpResponse.json(hubspotBatch([], [hubspotBatchError('Property values were not valid: dealstage "bogus" does not exist', { dealstage: ['bogus'] })]), { status: 207 }),
      ),
    );
    expect(await hubspotConnector.send([sized], { ...settings, dealStage: 'bogus' }, signal())).toEqual({
      kind: 'delivered',
      results: [{ id: sized.id, ok: false, message: 'Saved in HubSpot without its deal: Property values were not valid: dealstage "bogus" does not exist' }],
    });
  });

  it('make no deal when the settings do not ask for one', async () => {
    const sized = aLead({ email: 'dee@stark.example', opportunity: { amount: 100, currency: 'EUR' } });
    const { paths } = hubspot({ contactIds: ['501'] });
    await hubspotConnector.send([sized], { ...settings, createDeals: false }, signal());
    expect(paths).toEqual(['contacts upsert']);
  });

  it('read where each lead stands: lifecycle stage and associated deals, the furthest, a won deal’s amount', async () => {
    const { paths } = hubspot({
      lifecycle: { '501': 'opportunity', '502': 'lead', '503': 'customer', '504': 'salesqualifiedlead' },
      associations: { '501': ['700', '701'], '502': ['702'], '504': ['703'] },
      deals: {
        '700': { dealstage: 'presentationscheduled', amount: '5000', deal_currency_code: 'EUR', hs_is_closed_won: 'false', hs_is_closed: 'false', hs_lastmodifieddate: AT },
        '701': { dealstage: 'closedwon', amount: '25000', deal_currency_code: 'EUR', hs_is_closed_won: 'true', hs_is_closed: 'true', hs_lastmodifieddate: AT, closedate: '2026-11-30T12:00:00.000Z' },
        '702': { dealstage: 'closedlost', amount: '1000', deal_currency_code: 'USD', hs_is_closed_won: 'false', hs_is_closed: 'true', hs_lastmodifieddate: AT },
        '703': { dealstage: 'custom-stage-9', hs_is_closed_won: 'false', hs_is_closed: 'false', hs_lastmodifieddate: AT },
      },
    });
    const answer = await hubspotOutcomes.read(
      [{ id: 'a', crmId: '501' }, { id: 'b', crmId: '502' }, { id: 'c', crmId: '503' }, { id: 'd', crmId: '504' }, { id: 'gone', crmId: '599' }, { id: 'never' }],
      { ...settings, stageMap: { 'custom-stage-9': 'demo', closedwon: 'won', opportunity: 'meeting', customer: 'won' } },
      signal(),
    );
    expect(answer).toEqual({
      ok: true,
      outcomes: [
        { id: 'a', stage: 'won', amount: 25000, currency: 'EUR', updatedAt: '2026-11-30T12:00:00.000Z' },
        { id: 'b', stage: 'lost', updatedAt: AT },
        { id: 'c', stage: 'won' },
        { id: 'd', stage: 'demo', updatedAt: AT },
      ],
    });
    expect(paths).toEqual(['contacts read', 'associations read', 'deals read dealstage,amount,deal_currency_code,closedate,hs_is_closed_won,hs_is_closed,hs_lastmodifieddate']);
  });

  it('say why when HubSpot refuses the token', async () => {
    server.use(http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/batch/read`, () => HttpResponse.json(hubspotError('Authentication credentials not found.', 'INVALID_AUTHENTICATION'), { status: 401 })));
    expect(await hubspotOutcomes.read([{ id: 'a', crmId: '501' }], settings, signal())).toEqual({ ok: false, reason: expect.stringMatching(/^The CRM answered 401.*Check the access token/), unauthorized: true });
  });
});
