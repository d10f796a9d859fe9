import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkRequestsAgainstSpec } from '../../../tests/unit/crm-spec';
import { aLead } from '../../../tests/unit/leads';
import type { Lead } from '../../lead/schema';
import { salesforceConnector, salesforceLeadFromLead } from './connector';
import { testSalesforceConnection } from './check';
import { SALESFORCE_LEAD_FIELD_LENGTHS } from './fields';
import { salesforceSettingsSchema } from './settings';

// Requests and answers in the shapes Salesforce documents: the OAuth token endpoint, and
// PATCH /services/data/vXX.X/composite/sobjects/Lead/<externalIdField> (sObject collections upsert).
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
checkRequestsAgainstSpec(server, 'salesforce', /\.(salesforce|force)\.com$/);

const INSTANCE = 'https://acme.my.salesforce.com';
const base = {
  crm: 'salesforce',
  clientId: '3MVG9consumerkeyexample',
  externalIdField: 'Fieldclip_Id__c',
  instanceUrl: INSTANCE,
};
const settingsWith = (refreshToken: string) => salesforceSettingsSchema.parse({ ...base, refreshToken });
const signal = () => AbortSignal.timeout(5_000);

const lead = (fields: Partial<Lead> = {}) =>
  aLead({
    fullName: 'Dmitri Ivanov',
    firstName: 'Dmitri',
    lastName: 'Ivanov',
    company: 'Hooli',
    source: { kind: 'event', eventName: 'Dreamforce' },
    qualification: { level: 'lukewarm', budget: false, authority: true, need: true, timing: false },
    ...fields,
  });

function tokenEndpoint(tokens: string[]) {
  const grants: string[] = [];
  server.use(
    http.post('https://login.salesforce.com/services/oauth2/token', async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      grants.push(form.get('grant_type') ?? '');
      return HttpResponse.json({ access_token: tokens.shift() ?? 'exhausted', instance_url: INSTANCE, token_type: 'Bearer', issued_at: '1700000000000' });
    }),
  );
  return grants;
}

describe('salesforceLeadFromLead', () => {
  it('maps the lead to a Lead record with its external id, LeadSource and Status', () => {
    const dmitri = lead({ email: 'dmitri@hooli.example', title: 'CTO', location: 'Tallinn, Estonia' });
    expect(salesforceLeadFromLead(dmitri, settingsWith('r1'))).toEqual({
      attributes: { type: 'Lead' },
      Fieldclip_Id__c: dmitri.id,
      FirstName: 'Dmitri',
      LastName: 'Ivanov',
      Company: 'Hooli',
      Title: 'CTO',
      Email: 'dmitri@hooli.example',
      City: 'Tallinn',
      Country: 'Estonia',
      LeadSource: 'Trade Show',
      Status: 'Working - Contacted',
      Rating: 'Warm',
      Description: 'Met at Dreamforce',
    });
  });

  it('writes the visitor’s answers to the event’s questions and the badge id into the Description, a line each', () => {
    const asked = lead({ badgeId: 'DF-0042', answers: [{ question: 'Budget this year?', answer: 'Yes' }, { question: 'Interested in', answer: 'Scanners, Software' }] });
    expect(salesforceLeadFromLead(asked, settingsWith('r1')).Description).toBe('Met at Dreamforce\nQualifying answers:\n- Budget this year?: Yes\n- Interested in: Scanners, Software\nBadge ID: DF-0042');
  });

  it("uses the org's own picklist values, and leaves a blank one to the org's default", () => {
    const settings = { ...settingsWith('r1'), leadSourceValues: { prospecting: 'Web', referral: 'Customer Referral', event: 'Conference', 'prospecting-at-close': '' }, statusValues: { raw: 'New', lukewarm: 'Nurturing', hot: '' } };
    expect(salesforceLeadFromLead(lead(), settings)).toMatchObject({ LeadSource: 'Conference', Status: 'Nurturing' });
    const atClose = salesforceLeadFromLead(lead({ source: { kind: 'prospecting-at-close', closedAccount: 'Initech' }, qualification: { level: 'hot', budget: true, authority: true, need: true, timing: true } }), settings);
    expect(atClose).not.toHaveProperty('LeadSource');
    expect(atClose).not.toHaveProperty('Status');
  });

  it('fills the fields Salesforce requires when the rep only has a company', () => {
    const record = salesforceLeadFromLead(lead({ fullName: undefined, firstName: undefined, lastName: undefined }), settingsWith('r1'));
    expect(record).toMatchObject({ LastName: '(not given)', Company: 'Hooli' });
  });
});

describe('salesforceConnector.send', () => {
  it('signs in with the refresh token, then upserts by the external id and reads each record’s result in order', async () => {
    const grants = tokenEndpoint(['access-1']);
    const seen: Array<{ url: string; auth: string | null; body: { allOrNone: boolean; records: Array<Record<string, unknown>> } }> = [];
    server.use(
      http.patch(`${INSTANCE}/services/data/v62.0/composite/sobjects/Lead/Fieldclip_Id__c`, async ({ request }) => {
        const body = (await request.json()) as (typeof seen)[number]['body'];
        seen.push({ url: request.url, auth: request.headers.get('authorization'), body });
        return HttpResponse.json([
          { id: '00Q5g00000AbCdE', success: true, errors: [], created: true },
          { success: false, errors: [{ statusCode: 'INVALID_EMAIL_ADDRESS', message: 'Email: invalid email address: x', fields: ['Email'] }] },
        ]);
      }),
    );
    const [a, b] = [lead(), lead()];
    expect(await salesforceConnector.send([a!, b!], settingsWith('refresh-A'), signal())).toEqual({
      kind: 'delivered',
      results: [
        { id: a!.id, ok: true, crmId: '00Q5g00000AbCdE', crmUrl: `${INSTANCE}/lightning/r/Lead/00Q5g00000AbCdE/view` },
        { id: b!.id, ok: false, message: 'Email: invalid email address: x' },
      ],
    });
    expect(grants).toEqual(['refresh_token']);
    expect(seen[0]).toMatchObject({ auth: 'Bearer access-1', body: { allOrNone: false } });
    expect(seen[0]!.body.records.map((r) => r.Fieldclip_Id__c)).toEqual([a!.id, b!.id]);
  });

  it("fits each value to its Lead field, so Salesforce takes the record; an email too long for the field leaves the lead needing attention", async () => {
    tokenEndpoint(['access-F']);
    const records: Array<Record<string, unknown>> = [];
    server.use(
      http.patch(`${INSTANCE}/services/data/v62.0/composite/sobjects/Lead/Fieldclip_Id__c`, async ({ request }) => {
        const body = (await request.json()) as { records: Array<Record<string, unknown>> };
        records.push(...body.records);
        // Salesforce refuses a record with a value over its field's length (STRING_TOO_LONG).
        return HttpResponse.json(
          body.records.map((record, i) =>
            Object.entries(record).some(([field, value]) => typeof value === 'string' && value.length > (SALESFORCE_LEAD_FIELD_LENGTHS[field] ?? Infinity))
              ? { success: false, errors: [{ statusCode: 'STRING_TOO_LONG', message: 'data value too large', fields: [] }] }
              : { id: `00Q${i}`, success: true, errors: [], created: true },
          ),
        );
      }),
    );
    // Fieldclip takes titles of 200 characters and first names of 100; Salesforce 128 and 40.
    const longTitle = `Head of ${'Strategic Partnerships and '.repeat(6)}Alliances`.slice(0, 200);
    const longFirstName = 'Maximilian-Alexander Johann Friedrich Wilhelm';
    const longEmail = `dmitri.${'x'.repeat(70)}@hooli.example`;
    const [title, email] = [lead({ title: longTitle, firstName: longFirstName }), lead({ email: longEmail })];
    expect(await salesforceConnector.send([title!, email!], settingsWith('refresh-F'), signal())).toEqual({
      kind: 'delivered',
      results: [
        { id: title!.id, ok: true, crmId: '00Q0', crmUrl: `${INSTANCE}/lightning/r/Lead/00Q0/view` },
        { id: email!.id, ok: false, message: expect.stringMatching(/^Saved in Salesforce without its email: the address is longer than the 80 characters/) },
      ],
    });
    expect((records[0]!.Title as string).length).toBe(128);
    expect((records[0]!.FirstName as string).length).toBe(40);
    expect(records[0]!.Description).toContain(`Title in full: ${longTitle}`);
    expect(records[0]!.Description).toContain(`FirstName in full: ${longFirstName}`);
    expect(records[1]).not.toHaveProperty('Email');
    expect(records[1]!.Description).toContain(`Email in full: ${longEmail}`);
  });

  it("marks a request Salesforce refuses (400) as needing attention, with Salesforce's message", async () => {
    tokenEndpoint(['access-G']);
    server.use(
      http.patch(`${INSTANCE}/services/data/v62.0/composite/sobjects/Lead/Fieldclip_Id__c`, () =>
        HttpResponse.json([{ message: 'No such column Fieldclip_Id__c on sobject of type Lead', errorCode: 'INVALID_FIELD' }], { status: 400 }),
      ),
    );
    expect(await salesforceConnector.send([lead()], settingsWith('refresh-G'), signal())).toEqual({
      kind: 'refused',
      error: 'The CRM answered 400 Bad Request: No such column Fieldclip_Id__c on sobject of type Lead',
    });
  });

  it('signs in again once when the access token has expired (401), then sends', async () => {
    const grants = tokenEndpoint(['old', 'new']);
    const auths: Array<string | null> = [];
    server.use(
      http.patch(`${INSTANCE}/services/data/v62.0/composite/sobjects/Lead/Fieldclip_Id__c`, ({ request }) => {
        auths.push(request.headers.get('authorization'));
        return request.headers.get('authorization') === 'Bearer new'
          ? HttpResponse.json([{ id: '00Q1', success: true, errors: [] }])
          : HttpResponse.json([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }], { status: 401 });
      }),
    );
    expect(await salesforceConnector.send([lead()], settingsWith('refresh-B'), signal())).toMatchObject({ kind: 'delivered', results: [{ ok: true }] });
    expect(grants).toEqual(['refresh_token', 'refresh_token']);
    expect(auths).toEqual(['Bearer old', 'Bearer new']);
  });

  it('pauses when the refresh token is no longer accepted', async () => {
    server.use(http.post('https://login.salesforce.com/services/oauth2/token', () => HttpResponse.json({ error: 'invalid_grant', error_description: 'expired access/refresh token' }, { status: 400 })));
    expect(await salesforceConnector.send([lead()], settingsWith('refresh-C'), signal())).toMatchObject({ kind: 'unauthorized' });
  });

  it('pauses when the signed-in user may not write Leads (403), pointing at the Salesforce connection', async () => {
    tokenEndpoint(['access-D']);
    server.use(
      http.patch(`${INSTANCE}/services/data/v62.0/composite/sobjects/Lead/Fieldclip_Id__c`, () =>
        HttpResponse.json([{ message: 'insufficient access rights on object id', errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' }], { status: 403 }),
      ),
    );
    expect(await salesforceConnector.send([lead()], settingsWith('refresh-D'), signal())).toEqual({
      kind: 'unauthorized',
      error: expect.stringMatching(/^The CRM answered 403 Forbidden: .* Check the Salesforce connection \(Connect to Salesforce again\) in Fieldclip's settings\.$/),
    });
  });

  it('asks the rep to connect first', async () => {
    const notConnected = salesforceSettingsSchema.parse({ crm: 'salesforce', clientId: '3MVG9consumerkeyexample', externalIdField: 'Fieldclip_Id__c' });
    expect(await salesforceConnector.send([lead()], notConnected, signal())).toEqual({ kind: 'unauthorized', error: 'Connect Fieldclip to Salesforce in the settings' });
  });
});

describe('salesforceConnector.testConnection', () => {
  it('checks that the Lead has the external id field', async () => {
    tokenEndpoint(['access-D']);
    server.use(
      http.get(`${INSTANCE}/services/data/v62.0/sobjects/Lead/describe`, () =>
        HttpResponse.json({ name: 'Lead', fields: [{ name: 'Email' }, { name: 'Fieldclip_Id__c', externalId: true, unique: true }] }),
      ),
    );
    expect(await testSalesforceConnection(settingsWith('refresh-D'), signal())).toEqual({
      ok: true,
      message: 'Connected to Salesforce: Leads are upserted by Fieldclip_Id__c',
    });
  });
});
