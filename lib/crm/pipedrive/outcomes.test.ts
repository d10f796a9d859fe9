import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pipedriveLead } from '../../../tests/unit/crm-answers';
import { checkRequestsAgainstSpec } from '../../../tests/unit/crm-spec';
import { pipedriveOutcomes } from './outcomes';
import { pipedriveSettingsSchema } from './settings';

// Where leads stand in Pipedrive, against the shapes of its API: leads (v1), persons search,
// deals and stages (v2). Every request is checked against Pipedrive's spec excerpt.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
checkRequestsAgainstSpec(server, 'pipedrive', /\.pipedrive\.com$/);

const settings = pipedriveSettingsSchema.parse({ crm: 'pipedrive', baseUrl: 'https://acme.pipedrive.com', apiToken: '0123456789abcdef0123456789abcdef01234567' });
const signal = () => AbortSignal.timeout(5_000);
const BASE = 'https://acme.pipedrive.com';

const stages = [
  { id: 1, order_nr: 1, name: 'Qualified', pipeline_id: 1, is_deleted: false },
  { id: 3, order_nr: 3, name: 'Demo Scheduled', pipeline_id: 1, is_deleted: false },
  { id: 4, order_nr: 4, name: 'Proposal Made', pipeline_id: 1, is_deleted: false },
];
const deal = (fields: Record<string, unknown>) => ({ id: 1, title: 'Deal', person_id: 42, pipeline_id: 1, stage_id: 1, value: 0, currency: 'EUR', status: 'open', add_time: '2026-11-01T09:00:00Z', update_time: '2026-11-20T09:00:00Z', is_deleted: false, source_lead_id: null, ...fields });

function pipedrive({ leads = {}, deals = {}, persons = {} }: { leads?: Record<string, unknown>; deals?: Record<number, unknown[]>; persons?: Record<string, number> }) {
  const asked: string[] = [];
  server.use(
    http.get(`${BASE}/api/v2/stages`, ({ request }) => {
      asked.push(new URL(request.url).pathname);
      return HttpResponse.json({ success: true, data: stages, additional_data: {} });
    }),
    http.get(`${BASE}/v1/leads/:id`, ({ params }) => {
      asked.push(`lead ${String(params.id)}`);
      const lead = leads[String(params.id)];
      return lead ? HttpResponse.json({ success: true, data: lead }) : HttpResponse.json({ success: false, error: 'Lead not found' }, { status: 404 });
    }),
    http.get(`${BASE}/api/v2/persons/search`, ({ request }) => {
      const term = new URL(request.url).searchParams.get('term') ?? '';
      asked.push(`search ${term}`);
      const id = persons[term];
      return HttpResponse.json({ success: true, data: { items: id ? [{ result_score: 1, item: { id, type: 'person', name: 'Someone' } }] : [] }, additional_data: {} });
    }),
    http.get(`${BASE}/api/v2/deals`, ({ request }) => {
      const url = new URL(request.url);
      const person = Number(url.searchParams.get('person_id'));
      asked.push(`deals ${person} ${url.searchParams.get('include_fields')}`);
      return HttpResponse.json({ success: true, data: deals[person] ?? [], additional_data: {} });
    }),
  );
  return asked;
}

describe('pipedriveOutcomes', () => {
  it('follows each lead to the deal it became, and maps stages by name', async () => {
    const stillLead = pipedriveLead({ person_id: 50 });
    const asked = pipedrive({
      leads: { [stillLead.id]: stillLead },
      deals: {
        42: [deal({ id: 7, status: 'won', value: 18000, currency: 'EUR', won_time: '2026-11-28T15:00:00Z', source_lead_id: 'converted-lead' }), deal({ id: 8, stage_id: 4, source_lead_id: null })],
        50: [deal({ id: 9, person_id: 50, stage_id: 4 })],
        61: [deal({ id: 10, person_id: 61, stage_id: 3 }), deal({ id: 11, person_id: 61, status: 'lost' })],
      },
      persons: { 'kai@initech.example': 42 },
    });
    const answer = await pipedriveOutcomes.read(
      [
        // Converted: its lead is gone; found by email, then by the deal made from it.
        { id: 'a', crmId: 'converted-lead', email: 'kai@initech.example' },
        // Still a Pipedrive lead: open, whatever other deals its person has.
        { id: 'b', crmId: stillLead.id },
        // Matched to a person before saving: that person's deals, the furthest.
        { id: 'c', crmId: 'person:61' },
        // Unknown to Pipedrive: left out.
        { id: 'd', crmId: 'gone-lead' },
      ],
      settings,
      signal(),
    );
    expect(answer).toEqual({
      ok: true,
      outcomes: [
        { id: 'a', stage: 'won', amount: 18000, currency: 'EUR', updatedAt: '2026-11-28T15:00:00.000Z' },
        { id: 'b', stage: 'open' },
        { id: 'c', stage: 'demo', updatedAt: '2026-11-20T09:00:00.000Z' },
      ],
    });
    expect(asked).toEqual([
      '/api/v2/stages',
      'lead converted-lead',
      'search kai@initech.example',
      'deals 42 source_lead_id',
      `lead ${stillLead.id}`,
      'deals 50 source_lead_id',
      'deals 61 source_lead_id',
      'lead gone-lead',
    ]);
  });

  it('uses the rep’s stage map, and says why when Pipedrive refuses', async () => {
    pipedrive({ deals: { 61: [deal({ stage_id: 1 })] } });
    const custom = { ...settings, stageMap: { qualified: 'meeting' as const } };
    expect(await pipedriveOutcomes.read([{ id: 'c', crmId: 'person:61' }], custom, signal())).toMatchObject({ ok: true, outcomes: [{ id: 'c', stage: 'meeting' }] });
    server.use(http.get(`${BASE}/api/v2/stages`, () => HttpResponse.json({ success: false, error: 'unauthorized access', errorCode: 401 }, { status: 401 })));
    expect(await pipedriveOutcomes.read([{ id: 'c', crmId: 'person:61' }], settings, signal())).toEqual({ ok: false, reason: expect.stringMatching(/^The CRM answered 401.*unauthorized access/), unauthorized: true });
  });
});
