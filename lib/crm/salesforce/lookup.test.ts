import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkRequestsAgainstSpec } from '../../../tests/unit/crm-spec';
import { aLead } from '../../../tests/unit/leads';
import { salesforceConnector } from './connector';
import { salesforceLookup, soqlString } from './lookup';
import { salesforceSettingsSchema } from './settings';

// "Already in Salesforce?" against the shapes Salesforce documents: the Query resource (SOQL) and
// sObject Collections update, after the OAuth token endpoint.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
checkRequestsAgainstSpec(server, 'salesforce', /\.(salesforce|force)\.com$/);

const INSTANCE = 'https://acme.my.salesforce.com';
const API = `${INSTANCE}/services/data/v62.0`;
const settings = salesforceSettingsSchema.parse({
  crm: 'salesforce', clientId: '3MVG9consumerkeyexample', externalIdField: 'Fieldclip_Id__c', linkedinField: 'LinkedIn_URL__c', instanceUrl: INSTANCE, refreshToken: 'lookup-refresh',
});
const signal = () => AbortSignal.timeout(5_000);

const record = (type: string, id: string, fields: Record<string, unknown>) => ({ attributes: { type, url: `/services/data/v62.0/sobjects/${type}/${id}` }, Id: id, ...fields });

function salesforce(answers: { Lead: unknown[]; Contact: unknown[] }) {
  const queries: string[] = [];
  server.use(
    http.post('https://login.salesforce.com/services/oauth2/token', () => HttpResponse.json({ access_token: 'lookup-token', instance_url: INSTANCE, token_type: 'Bearer', issued_at: '1700000000000' })),
    http.get(`${API}/query`, ({ request }) => {
      const q = new URL(request.url).searchParams.get('q') ?? '';
      queries.push(q);
      const records = / FROM Contact /.test(q) ? answers.Contact : answers.Lead;
      return HttpResponse.json({ totalSize: records.length, done: true, records });
    }),
  );
  return queries;
}

describe('soqlString', () => {
  it('quotes a value, escaping quotes and backslashes so it cannot end the literal', () => {
    expect(soqlString("o'neil@x.example")).toBe("'o\\'neil@x.example'");
    expect(soqlString("a\\' OR Name != '")).toBe("'a\\\\\\' OR Name != \\''");
  });
});

describe('salesforceLookup', () => {
  it('queries Leads by email or the LinkedIn field and Contacts by email, with owners and links on the instance', async () => {
    const queries = salesforce({
      Lead: [record('Lead', '00Q5g00000LeAd1', { Name: 'Ola Berg', Company: 'Fjord AS', Owner: { attributes: { type: 'Name' }, Name: 'Tom Rep' }, LastModifiedDate: '2026-10-01T09:00:00.000+0000' })],
      Contact: [record('Contact', '0035g00000CoNt1', { Name: 'Ola Berg', Account: { attributes: { type: 'Account' }, Name: 'Fjord AS' }, Owner: { attributes: { type: 'Name' }, Name: 'Mia Sales' }, LastModifiedDate: '2026-11-02T10:30:00.000+0000' })],
    });
    const answer = await salesforceLookup({ email: "ola@fjord.example", linkedinUrl: 'https://www.linkedin.com/in/ola-berg' }, settings, signal());
    expect(queries).toEqual([
      "SELECT Id, Name, Owner.Name, LastModifiedDate, Company FROM Lead WHERE (Email = 'ola@fjord.example' OR LinkedIn_URL__c = 'https://www.linkedin.com/in/ola-berg') AND IsConverted = false ORDER BY LastModifiedDate DESC LIMIT 3",
      "SELECT Id, Name, Owner.Name, LastModifiedDate, Account.Name FROM Contact WHERE Email = 'ola@fjord.example' ORDER BY LastModifiedDate DESC LIMIT 3",
    ]);
    expect(answer).toEqual({
      ok: true,
      matches: [
        { crmId: '0035g00000CoNt1', url: `${INSTANCE}/lightning/r/Contact/0035g00000CoNt1/view`, fullName: 'Ola Berg', company: 'Fjord AS', owner: 'Mia Sales', updatedAt: '2026-11-02T10:30:00.000+00:00' },
        { crmId: '00Q5g00000LeAd1', url: `${INSTANCE}/lightning/r/Lead/00Q5g00000LeAd1/view`, fullName: 'Ola Berg', company: 'Fjord AS', owner: 'Tom Rep', updatedAt: '2026-10-01T09:00:00.000+00:00' },
      ],
    });
  });

  it('looks a LinkedIn profile up among Leads only, and not at all without the field', async () => {
    const queries = salesforce({ Lead: [], Contact: [] });
    expect(await salesforceLookup({ linkedinUrl: 'https://www.linkedin.com/in/kim' }, settings, signal())).toEqual({ ok: true, matches: [] });
    expect(queries).toHaveLength(1);
    expect(await salesforceLookup({ linkedinUrl: 'https://www.linkedin.com/in/kim' }, { ...settings, linkedinField: undefined }, signal())).toEqual({ ok: false, unsupported: true });
  });

  it('gives Salesforce\'s reason when a query is refused', async () => {
    server.use(
      http.post('https://login.salesforce.com/services/oauth2/token', () => HttpResponse.json({ access_token: 'lookup-token', instance_url: INSTANCE, token_type: 'Bearer', issued_at: '1700000000000' })),
      http.get(`${API}/query`, () => HttpResponse.json([{ message: "No such column 'LinkedIn_URL__c' on entity 'Lead'", errorCode: 'INVALID_FIELD' }], { status: 400 })),
    );
    expect(await salesforceLookup({ email: 'ola@fjord.example' }, settings, signal())).toEqual({ ok: false, reason: expect.stringContaining("No such column 'LinkedIn_URL__c'") });
  });
});

describe('a lead saved as the record a lookup matched', () => {
  it('updates that Contact or Lead by its id, not by an upsert that would make another Lead', async () => {
    salesforce({ Lead: [], Contact: [] });
    const sent: unknown[] = [];
    server.use(
      http.patch(`${API}/composite/sobjects`, async ({ request }) => {
        const body = (await request.json()) as { records: Array<{ id: string }> };
        sent.push(body);
        return HttpResponse.json(body.records.map((r) => ({ id: r.id, success: true, errors: [] })));
      }),
    );
    const contact = aLead({ fullName: 'Ola Berg', firstName: 'Ola', lastName: 'Berg', company: 'Fjord AS', email: 'ola@fjord.example', location: 'Bergen, Norway', linkedinUrl: 'https://www.linkedin.com/in/ola-berg', sync: { status: 'pending', attempts: 0, dueAt: 1, crmId: '0035g00000CoNt1' } });
    const lead = aLead({ fullName: 'Kim Lee', lastName: 'Lee', company: 'Initech', linkedinUrl: 'https://www.linkedin.com/in/kim', sync: { status: 'pending', attempts: 0, dueAt: 1, crmId: '00Q5g00000LeAd1' } });
    const result = await salesforceConnector.send([contact, lead], settings, signal());
    expect(sent).toEqual([
      {
        allOrNone: false,
        records: [
          expect.objectContaining({ attributes: { type: 'Contact' }, id: '0035g00000CoNt1', LastName: 'Berg', Email: 'ola@fjord.example', MailingCity: 'Bergen', MailingCountry: 'Norway' }),
          expect.objectContaining({ attributes: { type: 'Lead' }, id: '00Q5g00000LeAd1', Fieldclip_Id__c: lead.id, Company: 'Initech', LinkedIn_URL__c: 'https://www.linkedin.com/in/kim' }),
        ],
      },
    ]);
    const [contactRecord] = (sent[0] as { records: Array<Record<string, unknown>> }).records;
    for (const leadOnly of ['Company', 'Status', 'Rating', 'Website', 'City', 'Fieldclip_Id__c', 'LinkedIn_URL__c']) expect(contactRecord).not.toHaveProperty(leadOnly);
    expect(result).toEqual({
      kind: 'delivered',
      results: [
        { id: contact.id, ok: true, crmId: '0035g00000CoNt1', crmUrl: `${INSTANCE}/lightning/r/Contact/0035g00000CoNt1/view` },
        { id: lead.id, ok: true, crmId: '00Q5g00000LeAd1', crmUrl: `${INSTANCE}/lightning/r/Lead/00Q5g00000LeAd1/view` },
      ],
    });
  });
});
