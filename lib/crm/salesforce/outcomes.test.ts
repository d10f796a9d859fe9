import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkRequestsAgainstSpec } from '../../../tests/unit/crm-spec';
import { aLead } from '../../../tests/unit/leads';
import { salesforceLeadFromLead } from './connector';
import { salesforceOutcomes } from './outcomes';
import { salesforceSettingsSchema } from './settings';

// Where leads stand in Salesforce, against the shapes it documents: the Query resource (SOQL over
// Lead with its converted opportunity, and over OpportunityContactRole), after the token endpoint.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
checkRequestsAgainstSpec(server, 'salesforce', /\.(salesforce|force)\.com$/);

const INSTANCE = 'https://acme.my.salesforce.com';
const API = `${INSTANCE}/services/data/v62.0`;
const settings = salesforceSettingsSchema.parse({
  crm: 'salesforce', clientId: '3MVG9consumerkeyexample', externalIdField: 'Fieldclip_Id__c', instanceUrl: INSTANCE, refreshToken: 'outcomes-refresh', orgCurrency: 'EUR',
});
const signal = () => AbortSignal.timeout(5_000);
const attributes = (type: string, id: string) => ({ type, url: `/services/data/v62.0/sobjects/${type}/${id}` });
const opportunity = (fields: Record<string, unknown>) => ({ attributes: attributes('Opportunity', '006000000000001AAA'), StageName: 'Prospecting', IsWon: false, IsClosed: false, Amount: null, CloseDate: '2026-12-31', LastModifiedDate: '2026-11-20T10:00:00.000+0000', ...fields });

function salesforce(answers: { Lead: unknown[]; OpportunityContactRole: unknown[] }) {
  const queries: string[] = [];
  server.use(
    http.post('https://login.salesforce.com/services/oauth2/token', () => HttpResponse.json({ access_token: 'outcomes-token', instance_url: INSTANCE, token_type: 'Bearer', issued_at: '1700000000000' })),
    http.get(`${API}/query`, ({ request }) => {
      const q = new URL(request.url).searchParams.get('q') ?? '';
      queries.push(q);
      const records = / FROM OpportunityContactRole /.test(q) ? answers.OpportunityContactRole : answers.Lead;
      return HttpResponse.json({ totalSize: records.length, done: true, records });
    }),
  );
  return queries;
}

describe('salesforceOutcomes', () => {
  it('reads each Lead’s status or its converted opportunity, and matched Contacts’ opportunities', async () => {
    const queries = salesforce({
      Lead: [
        { attributes: attributes('Lead', '00Q000000000001AAA'), Id: '00Q000000000001AAA', Status: 'Closed - Converted', IsConverted: true, LastModifiedDate: '2026-11-01T09:00:00.000+0000', ConvertedOpportunity: opportunity({ StageName: 'Closed Won', IsWon: true, IsClosed: true, Amount: 30000, CloseDate: '2026-11-30' }) },
        { attributes: attributes('Lead', '00Q000000000002AAA'), Id: '00Q000000000002AAA', Status: 'Working - Contacted', IsConverted: false, LastModifiedDate: '2026-11-02T09:00:00.000+0000', ConvertedOpportunity: null },
        { attributes: attributes('Lead', '00Q000000000003AAA'), Id: '00Q000000000003AAA', Status: 'Closed - Converted', IsConverted: true, LastModifiedDate: '2026-11-03T09:00:00.000+0000', ConvertedOpportunity: opportunity({ StageName: 'Value Proposition' }) },
        { attributes: attributes('Lead', '00Q000000000004AAA'), Id: '00Q000000000004AAA', Status: 'Closed - Not Converted', IsConverted: false, LastModifiedDate: '2026-11-04T09:00:00.000+0000', ConvertedOpportunity: null },
      ],
      OpportunityContactRole: [
        { attributes: attributes('OpportunityContactRole', '00K000000000001AAA'), ContactId: '003000000000001AAA', Opportunity: opportunity({ StageName: 'Negotiation/Review' }) },
        { attributes: attributes('OpportunityContactRole', '00K000000000002AAA'), ContactId: '003000000000001AAA', Opportunity: opportunity({ StageName: 'Closed Lost', IsClosed: true }) },
      ],
    });
    const answer = await salesforceOutcomes.read(
      [
        { id: 'won', crmId: '00Q000000000001AAA' },
        { id: 'working', crmId: '00Q000000000002' },
        { id: 'demo', crmId: '00Q000000000003AAA' },
        { id: 'lost', crmId: '00Q000000000004AAA' },
        { id: 'gone', crmId: '00Q000000000009AAA' },
        { id: 'contact', crmId: '003000000000001AAA' },
        { id: 'never synced' },
      ],
      settings,
      signal(),
    );
    expect(answer).toEqual({
      ok: true,
      outcomes: [
        { id: 'won', stage: 'won', amount: 30000, currency: 'EUR', updatedAt: '2026-11-30T12:00:00.000Z' },
        { id: 'working', stage: 'open', updatedAt: '2026-11-02T09:00:00.000Z' },
        { id: 'demo', stage: 'demo', updatedAt: '2026-11-20T10:00:00.000Z' },
        { id: 'lost', stage: 'lost', updatedAt: '2026-11-04T09:00:00.000Z' },
        { id: 'contact', stage: 'proposal', updatedAt: '2026-11-20T10:00:00.000Z' },
      ],
    });
    expect(queries).toEqual([
      "SELECT Id, Status, IsConverted, LastModifiedDate, ConvertedOpportunity.StageName, ConvertedOpportunity.IsWon, ConvertedOpportunity.IsClosed, ConvertedOpportunity.Amount, ConvertedOpportunity.CloseDate, ConvertedOpportunity.LastModifiedDate FROM Lead WHERE Id IN ('00Q000000000001AAA', '00Q000000000002', '00Q000000000003AAA', '00Q000000000004AAA', '00Q000000000009AAA')",
      "SELECT ContactId, Opportunity.StageName, Opportunity.IsWon, Opportunity.IsClosed, Opportunity.Amount, Opportunity.CloseDate, Opportunity.LastModifiedDate FROM OpportunityContactRole WHERE ContactId IN ('003000000000001AAA')",
    ]);
  });

  it('reads no amount without the org’s currency, and says why when Salesforce refuses the query', async () => {
    salesforce({
      Lead: [{ attributes: attributes('Lead', '00Q000000000001AAA'), Id: '00Q000000000001AAA', Status: 'Closed - Converted', IsConverted: true, ConvertedOpportunity: opportunity({ IsWon: true, IsClosed: true, Amount: 30000 }) }],
      OpportunityContactRole: [],
    });
    expect(await salesforceOutcomes.read([{ id: 'won', crmId: '00Q000000000001AAA' }], { ...settings, orgCurrency: undefined }, signal())).toEqual({
      ok: true,
      outcomes: [{ id: 'won', stage: 'won', updatedAt: '2026-12-31T12:00:00.000Z' }],
    });
    server.use(http.get(`${API}/query`, () => HttpResponse.json([{ message: "No such column 'IsWon' on entity 'Opportunity'", errorCode: 'INVALID_FIELD' }], { status: 400 })));
    expect(await salesforceOutcomes.read([{ id: 'won', crmId: '00Q000000000001AAA' }], settings, signal())).toEqual({ ok: false, reason: expect.stringContaining("No such column 'IsWon'") });
  });

  it('writes the opportunity size to the Lead field the settings name, and says it in the Description', () => {
    const lead = aLead({ opportunity: { amount: 25000, currency: 'EUR' } });
    expect(salesforceLeadFromLead(lead, { ...settings, opportunityField: 'Opportunity_Size__c' })).toMatchObject({ Opportunity_Size__c: 25000, Description: 'Opportunity size: 25000 EUR' });
    expect(salesforceLeadFromLead(lead, settings)).not.toHaveProperty('Opportunity_Size__c');
  });
});
