import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SALESFORCE_ORIGINS } from '../../lib/crm/salesforce/settings';
import { routedSpecProblems } from '../unit/crm-spec';
import { launchExtension, type ExtensionSession } from './support/extension';
import { fakeHubspot, HUBSPOT_ORIGIN, type FakeHubspot } from './support/hubspot';
import { storedLeads } from './support/outbox';
import { recordPermissionRequests } from './support/permissions';
import { routeApi } from './support/routed-api';
import { expectText, leadInList, typeLead } from './support/panel';
import { fakePipedrive, PIPEDRIVE_ORIGIN } from './support/pipedrive';
import { startFakeSalesforce, type FakeSalesforce } from './support/salesforce';
import { fakeTwenty, TWENTY_ORIGIN } from './support/twenty';

// CRMs on the internet, connected on the options page as a rep would. The browser's question for
// the CRM's site (and for the Salesforce sign-in window) cannot be answered headless, so the
// extension starts with those granted, as after the rep's yes.

let session: ExtensionSession;
afterEach(async () => {
  await session.close();
});

const TOKEN = 'pat-na1-0a1b2c3d-e2e0-4f00-9000-000000005678';
let hubspot: FakeHubspot;

/** HubSpot chosen on the options page, with this access token typed. */
async function chooseHubspot(options: Page, token: string) {
  await options.getByLabel('CRM', { exact: true }).selectOption({ label: 'HubSpot' });
  await options.getByLabel('Access token').fill(token);
}

async function saveHubspotSettings(options: Page, token: string) {
  await chooseHubspot(options, token);
  await options.getByRole('button', { name: 'Save settings' }).click();
  await expectText(options.getByRole('status'), 'Settings saved.');
}

describe('connecting HubSpot on the options page', () => {
  // HubSpot answered at its real address through request routing.
  beforeEach(async () => {
    session = await launchExtension({ grantedAtInstall: { origins: [`${HUBSPOT_ORIGIN}/*`] } });
  });

  it('creates the lead id property for the rep, tests the token, and syncs a referral without email to a contact keyed by it', async () => {
    hubspot = await fakeHubspot(session.context, { token: TOKEN });
    const options = await session.open('options.html');
    const permissionRequests = await recordPermissionRequests(options);
    await chooseHubspot(options, TOKEN);
    // The portal's own lead source property, and its value for a referral.
    await options.getByLabel('Lead source property').fill('lead_source');
    await options.getByRole('group', { name: 'Lead source in HubSpot' }).getByLabel('Referral').fill('Customer referral');
    await options.getByRole('button', { name: 'Create fieldclip_lead_id in HubSpot' }).click();
    await expectText(options.getByRole('status'), 'Created the contact property "fieldclip_lead_id" in HubSpot, with unique values. Settings saved.');
    expect(await options.getByLabel('Lead id property').inputValue()).toBe('fieldclip_lead_id');
    // The page asked for HubSpot's site, and only that, at the click.
    expect(await permissionRequests()).toEqual([{ origins: ['https://api.hubapi.com/*'], permissions: [] }]);
    expect(hubspot.requests().find((request) => request.path === '/crm/v3/properties/contacts')?.body).toMatchObject({
      name: 'fieldclip_lead_id',
      type: 'string',
      fieldType: 'text',
      hasUniqueValue: true,
    });
    const stored = await session.worker.evaluate(async () => ({ local: await chrome.storage.local.get(null), sync: await chrome.storage.sync.get(null) }));
    expect(stored.local.crmSettings).toMatchObject({ crm: 'hubspot', accessToken: TOKEN, leadIdProperty: 'fieldclip_lead_id' });
    expect(stored.sync).toEqual({});

    await options.getByRole('button', { name: 'Test connection' }).click();
    await expectText(options.getByRole('status'), 'Connected to HubSpot: the token can read contacts, and "fieldclip_lead_id" keeps each lead\'s id');
    await options.reload();
    expect(await options.getByLabel('Access token').inputValue()).toBe('');
    expect(await options.locator('body').innerText()).not.toContain(TOKEN);

    // Logged right after a close: a name, a company and who referred them; no email yet.
    const panel = await session.open('sidepanel.html');
    await panel.getByLabel('Source', { exact: true }).selectOption({ label: 'Referral' });
    await panel.getByLabel('Referred by').fill('Bob Martin');
    await typeLead(panel, { 'Full name': 'Dana Whitfield', Company: 'Initech' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Dana Whitfield'), 'Pending');
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Dana Whitfield'), 'Synced');

    const [lead] = await storedLeads(panel);
    expect(hubspot.contacts()).toEqual([
      {
        id: '51001',
        properties: expect.objectContaining({
          firstname: 'Dana',
          lastname: 'Whitfield',
          company: 'Initech',
          message: 'Referred by Bob Martin',
          lead_source: 'Customer referral',
          hs_lead_status: 'NEW',
          fieldclip_lead_id: lead!.id,
        }),
      },
    ]);
    await expectText(leadInList(panel, 'Dana Whitfield'), 'CRM id 51001');
    const upserts = hubspot.requests().filter((request) => request.path === '/crm/v3/objects/contacts/batch/upsert');
    expect(upserts).toHaveLength(1);
    expect(upserts[0]).toMatchObject({ headers: { authorization: `Bearer ${TOKEN}` }, body: { inputs: [{ idProperty: 'fieldclip_lead_id', id: lead!.id }] } });
  });

  it('says which scope is missing when the token may not create properties, and saves nothing', async () => {
    hubspot = await fakeHubspot(session.context, { token: TOKEN, mayCreateProperties: false });
    const options = await session.open('options.html');
    await chooseHubspot(options, TOKEN);
    await options.getByLabel('Lead id property').fill('fc_lead_id');
    await options.getByRole('button', { name: 'Create it in HubSpot' }).click();
    await expectText(
      options.getByRole('status'),
      'HubSpot did not let this token create properties (403): add the crm.schemas.contacts.write scope to the private app, or create "fc_lead_id" yourself',
    );
    expect(await options.getByLabel('Access token').inputValue()).toBe(TOKEN);
    expect(await session.worker.evaluate(() => chrome.storage.local.get('crmSettings'))).toEqual({});
  });

  it('says so when HubSpot refuses the token, pauses the queue without failing the lead, and sends it once a good token is saved', async () => {
    hubspot = await fakeHubspot(session.context, { token: TOKEN });
    const options = await session.open('options.html');
    await saveHubspotSettings(options, 'pat-na1-revoked');
    await options.getByRole('button', { name: 'Test connection' }).click();
    const refused = /^The CRM answered 401 Unauthorized: Authentication credentials not found\..* Check the access token in Fieldclip's settings\.$/;
    await expectText(options.getByRole('status'), refused);

    const panel = await session.open('sidepanel.html');
    await typeLead(panel, { 'Full name': 'Omar Haddad', Company: 'Globex', Email: 'omar@globex.example' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(panel.locator('.sync-bar__paused'), /^Sync is paused: The CRM answered 401 .* Check the access token in Fieldclip's settings\. Open settings$/);
    await expectText(panel.locator('.sync-bar__result'), /^Last sync: Nothing sent\. Stopped: The CRM answered 401/);
    await expectText(leadInList(panel, 'Omar Haddad'), 'Pending');
    expect(hubspot.contacts()).toEqual([]);

    await saveHubspotSettings(options, TOKEN);
    await expect.poll(() => panel.locator('.sync-bar__paused').count()).toBe(0);
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Omar Haddad'), 'Synced');
    expect(hubspot.contacts()).toEqual([{ id: '51001', properties: expect.objectContaining({ email: 'omar@globex.example', firstname: 'Omar' }) }]);
    const upserts = hubspot.requests().filter((request) => request.path === '/crm/v3/objects/contacts/batch/upsert');
    expect(upserts.map((request) => request.headers['authorization'])).toEqual([`Bearer pat-na1-revoked`, `Bearer ${TOKEN}`]);
    expect(routedSpecProblems('hubspot', HUBSPOT_ORIGIN, hubspot.requests())).toEqual([]);
  });
});

describe('setting up a Salesforce org for Fieldclip', () => {
  it('shows the callback URL and the CORS origin for this browser before the rep has granted anything', async () => {
    session = await launchExtension();
    const options = await session.open('options.html');
    await options.getByLabel('CRM', { exact: true }).selectOption({ label: 'Salesforce' });
    // Chrome's identity API is absent until the rep connects: the URL is the one it will give then.
    const setup = options.getByRole('region', { name: 'For your Salesforce admin' });
    await expectText(setup, `Callback URL of the connected app\nhttps://${session.extensionId}.chromiumapp.org/salesforce`);
    await expectText(setup, `Allowed origin in Setup → CORS\nchrome-extension://${session.extensionId}`);
  });
});

describe('connecting Salesforce on the options page', () => {
  const CLIENT_ID = '3MVG9fe4g9fhX0E5e2e.connected.app.key';
  let salesforce: FakeSalesforce;
  beforeEach(async () => {
    salesforce = await startFakeSalesforce({ clientId: CLIENT_ID, externalIdField: 'Fieldclip_Id__c' });
    session = await launchExtension({ grantedAtInstall: { origins: SALESFORCE_ORIGINS, permissions: ['identity'] } });
  });
  afterEach(async () => {
    await salesforce.close();
  });

  /** Salesforce chosen on the options page, the fake org as its Login URL, ready to connect. */
  async function fillSalesforceSettings(options: Page, clientId = CLIENT_ID) {
    await options.getByLabel('CRM', { exact: true }).selectOption({ label: 'Salesforce' });
    await options.getByLabel('Login URL').fill(salesforce.url);
    await options.getByLabel('Consumer key').fill(clientId);
    await options.getByLabel('External ID field').fill('Fieldclip_Id__c');
  }

  it('signs in with PKCE, tests the connection, and upserts a lead met at an event by its external id', async () => {
    const options = await session.open('options.html');
    const permissionRequests = await recordPermissionRequests(options);
    await fillSalesforceSettings(options);
    // What the org's admin enters: the callback URL the sign-in uses, and this extension's origin.
    const setup = options.getByRole('region', { name: 'For your Salesforce admin' });
    const redirectUrl = await session.worker.evaluate(() => chrome.identity.getRedirectURL('salesforce'));
    // The same URL the page shows before identity is granted (the test above).
    expect(redirectUrl).toBe(`https://${session.extensionId}.chromiumapp.org/salesforce`);
    await expectText(setup, redirectUrl);
    await expectText(setup, `chrome-extension://${session.extensionId}`);
    // This org calls trade shows "Conference".
    await options.getByRole('group', { name: 'Lead source in Salesforce' }).getByLabel('Event').fill('Conference');
    await options.getByRole('button', { name: 'Connect to Salesforce' }).click();
    await expectText(options.getByRole('status'), `Connected to ${salesforce.url}. Settings saved.`);
    await expectText(options.locator('.connection'), `Signed in to ${salesforce.url}.`);
    // The sign-in window needs identity; the org's sites are Salesforce's own (the local org is on 127.0.0.1, granted at install).
    expect(await permissionRequests()).toEqual([{ origins: ['https://*.salesforce.com/*', 'https://*.force.com/*'], permissions: ['identity'] }]);
    const stored = await session.worker.evaluate(async () => ({ local: await chrome.storage.local.get(null), sync: await chrome.storage.sync.get(null) }));
    expect(stored.local.crmSettings).toMatchObject({ crm: 'salesforce', instanceUrl: salesforce.url, refreshToken: expect.stringMatching(/^5Aep861/) });
    expect(stored.sync).toEqual({});

    await options.getByRole('button', { name: 'Test connection' }).click();
    await expectText(options.getByRole('status'), 'Connected to Salesforce: Leads are upserted by Fieldclip_Id__c');

    const panel = await session.open('sidepanel.html');
    await panel.getByLabel('Source', { exact: true }).selectOption({ label: 'Event' });
    await panel.getByLabel('Event name').fill('SaaStr Europa 2026');
    await typeLead(panel, { 'Full name': 'Ines Duarte', Company: 'Nordwind Logistics', Email: 'ines@nordwind.example' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Ines Duarte'), 'Synced');
    await expectText(leadInList(panel, 'Ines Duarte'), 'CRM id 00Q5g0000000000001');

    const [lead] = await storedLeads(panel);
    expect(salesforce.leads()).toEqual([
      expect.objectContaining({
        Id: '00Q5g0000000000001',
        Fieldclip_Id__c: lead!.id,
        FirstName: 'Ines',
        LastName: 'Duarte',
        Company: 'Nordwind Logistics',
        Email: 'ines@nordwind.example',
        LeadSource: 'Conference',
        Status: 'Open - Not Contacted',
        Description: 'Met at SaaStr Europa 2026',
      }),
    ]);
    expect(salesforce.requests()).toEqual([
      'GET /services/oauth2/authorize',
      'POST /services/oauth2/token',
      // Access tokens live in memory only: the options page (Test connection) and then the worker
      // (the sync) each get their own with the refresh token.
      'POST /services/oauth2/token',
      'GET /services/data/v62.0/sobjects/Lead/describe',
      'POST /services/oauth2/token',
      'PATCH /services/data/v62.0/composite/sobjects/Lead/Fieldclip_Id__c',
    ]);
  });

  it('pauses when Salesforce no longer accepts the sign-in, and "Sign in again" lets the waiting lead go', async () => {
    const options = await session.open('options.html');
    await fillSalesforceSettings(options);
    await options.getByRole('button', { name: 'Connect to Salesforce' }).click();
    await expectText(options.getByRole('status'), `Connected to ${salesforce.url}. Settings saved.`);
    const panel = await session.open('sidepanel.html');
    await typeLead(panel, { 'Full name': 'Aiko Tanaka', Company: 'Sora Robotics', Email: 'aiko@sora.example' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Aiko Tanaka'), 'Synced');

    // An admin revokes the connected app's sessions: the access token and the refresh token both stop working.
    salesforce.revokeTokens();
    await typeLead(panel, { 'Full name': 'Marek Dvořák', Company: 'Vltava Systems', Email: 'marek@vltava.example' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(panel.locator('.sync-bar__paused'), 'Sync is paused: Salesforce no longer accepts Fieldclip’s sign-in: connect again in the settings');
    await expectText(leadInList(panel, 'Marek Dvořák'), 'Pending');

    await options.reload();
    await options.getByRole('button', { name: 'Sign in again' }).click();
    await expectText(options.getByRole('status'), `Connected to ${salesforce.url}. Settings saved.`);
    await expect.poll(() => panel.locator('.sync-bar__paused').count()).toBe(0);
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Marek Dvořák'), 'Synced');
    expect(salesforce.leads().map((lead) => lead.LastName)).toEqual(['Tanaka', 'Dvořák']);
  });

  it('says why Salesforce refused the sign-in, and saves nothing', async () => {
    const options = await session.open('options.html');
    await fillSalesforceSettings(options, '3MVG9fe4g9fhX0E5e2e.some.other.app');
    await options.getByRole('button', { name: 'Connect to Salesforce' }).click();
    await expectText(options.getByRole('status'), 'Not connected: client identifier invalid');
    expect(await options.getByLabel('Consumer key').inputValue()).toBe('3MVG9fe4g9fhX0E5e2e.some.other.app');
    await expectText(options.locator('.connection'), 'Not signed in yet.');
    expect(await session.worker.evaluate(() => chrome.storage.local.get('crmSettings'))).toEqual({});
  });
});

describe('connecting Pipedrive on the options page', () => {
  const API_TOKEN = '5f2c9d0e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d';

  it('saves and tests the API token, creates the lead id field, then updates the person Pipedrive has and creates the one it has not, each with a lead', async () => {
    session = await launchExtension({ grantedAtInstall: { origins: [`${PIPEDRIVE_ORIGIN}/*`] } });
    // Lena is in Pipedrive already, from an earlier deal.
    const pipedrive = await fakePipedrive(session.context, {
      token: API_TOKEN,
      persons: [{ id: 4242, name: 'Lena Fischer', emails: [{ value: 'lena@brightwave.example', primary: true, label: 'work' }], phones: [], custom_fields: {}, add_time: '2026-10-01T09:00:00Z' }],
    });
    const options = await session.open('options.html');
    await options.getByLabel('CRM', { exact: true }).selectOption({ label: 'Pipedrive' });
    await options.getByLabel('API token').fill(API_TOKEN);
    await options.getByRole('button', { name: 'Save settings' }).click();
    await expectText(options.getByRole('status'), 'Settings saved.');
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expectText(options.getByRole('status'), 'Connected to Pipedrive');
    // The field that lets a retry find a person without email, made from here.
    await options.getByRole('button', { name: 'Create it in Pipedrive' }).click();
    await expectText(options.getByRole('status'), 'Created the person field "Fieldclip lead id" in Pipedrive. Settings saved.');
    const field = pipedrive.personFields().find((candidate) => candidate.name === 'Fieldclip lead id')!;
    expect(field.field_type).toBe('varchar');
    expect(await options.getByLabel('Person field for the lead id').inputValue()).toBe(field.key);
    expect(await session.worker.evaluate(() => chrome.storage.local.get('crmSettings'))).toMatchObject({ crmSettings: { crm: 'pipedrive', apiToken: API_TOKEN, personIdField: field.key } });
    // Trade-show leads counted under the company's "Trade shows" channel.
    await options.getByRole('group', { name: 'Marketing channel in Pipedrive' }).getByLabel('Event').fill('Trade shows');
    await options.getByRole('button', { name: 'Save settings' }).click();
    await expectText(options.getByRole('status'), 'Settings saved.');
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expectText(
      options.getByRole('status'),
      'Connected to Pipedrive, and the person field "Fieldclip lead id" keeps each lead\'s id, and each source has its marketing channel',
    );

    const panel = await session.open('sidepanel.html');
    await panel.getByLabel('Source', { exact: true }).selectOption({ label: 'Event' });
    await panel.getByLabel('Event name').fill('LogiMAT 2026');
    await typeLead(panel, { 'Full name': 'Lena Fischer', Company: 'Brightwave', Email: 'lena@brightwave.example', Phone: '+49 30 1234567' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Lena Fischer'), 'Pending');
    await panel.getByLabel('Source', { exact: true }).selectOption({ label: 'Referral' });
    await panel.getByLabel('Referred by').fill('Lena Fischer');
    await typeLead(panel, { 'Full name': 'Tomasz Nowak', Company: 'Vistula Freight' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Tomasz Nowak'), 'Pending');
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Lena Fischer'), 'Synced');
    await expectText(leadInList(panel, 'Tomasz Nowak'), 'Synced');

    const stored = await storedLeads(panel);
    const idOf = (company: string) => stored.find((lead) => lead.company === company)!.id;
    expect(pipedrive.persons()).toEqual([
      {
        id: 4242,
        name: 'Lena Fischer',
        emails: [{ value: 'lena@brightwave.example', primary: true, label: 'work' }],
        phones: [{ value: '+49 30 1234567', primary: true, label: 'work' }],
        custom_fields: {},
        add_time: '2026-10-01T09:00:00Z',
      },
      { id: 7001, name: 'Tomasz Nowak', emails: [], phones: [], custom_fields: { [field.key]: idOf('Vistula Freight') }, add_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) },
    ]);
    expect(pipedrive.leads()).toEqual([
      { id: expect.any(String), title: 'Lena Fischer, Brightwave · Event (LogiMAT 2026)', person_id: 4242, origin_id: idOf('Brightwave'), label_ids: [], channel: 4 },
      { id: expect.any(String), title: 'Tomasz Nowak, Vistula Freight · Referral (Lena Fischer)', person_id: 7001, origin_id: idOf('Vistula Freight'), label_ids: [], channel: null },
    ]);
    await expectText(leadInList(panel, 'Tomasz Nowak'), `CRM id ${pipedrive.leads()[1]!.id}`);
    expect(pipedrive.requests().every((request) => request.headers['x-api-token'] === API_TOKEN)).toBe(true);
    // Every call is one Pipedrive's published spec still lists: persons through API v2.
    expect(routedSpecProblems('pipedrive', PIPEDRIVE_ORIGIN, pipedrive.requests())).toEqual([]);
  });
});

describe('connecting Twenty on the options page', () => {
  const API_KEY = 'eyJhbGciOiJIUzI1NiJ9.e2e-twenty-workspace.key';

  it('tests the key and the workspace\'s own fields, then upserts the lead as a person with the lead\'s own id, its source and level in those fields', async () => {
    session = await launchExtension({ grantedAtInstall: { origins: [`${TWENTY_ORIGIN}/*`] } });
    // The workspace's lead source is a select whose options differ from Fieldclip's defaults in one place.
    const twenty = await fakeTwenty(session.context, {
      apiKey: API_KEY,
      customFields: { leadSource: ['OUTBOUND', 'REFERRAL', 'EVENT', 'PROSPECTING_AT_CLOSE'], leadTemperature: null },
    });
    const options = await session.open('options.html');
    await options.getByLabel('CRM', { exact: true }).selectOption({ label: 'Twenty' });
    await options.getByLabel('API key').fill(API_KEY);
    // Twenty has no lead source or status of its own: the workspace's custom People fields take them.
    await options.getByLabel('Lead source field').fill('leadSource');
    await options.getByLabel('Qualification field').fill('leadTemprature');
    // Before anything is sent, the test names the misspelt field and the option the select lacks.
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expectText(
      options.getByRole('status'),
      'Connected, but the select field "leadSource" has no option "PROSPECTING" (its options are "OUTBOUND", "REFERRAL", "EVENT", "PROSPECTING_AT_CLOSE"): use its option values, or leave a value blank; and people in Twenty have no field named "leadTemprature"',
    );
    await options.getByRole('group', { name: 'Lead source in Twenty' }).getByLabel('Prospecting', { exact: true }).fill('OUTBOUND');
    await options.getByLabel('Qualification field').fill('leadTemperature');
    await options.getByRole('button', { name: 'Save settings' }).click();
    await expectText(options.getByRole('status'), 'Settings saved.');
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expectText(options.getByRole('status'), 'Connected to Twenty: the API key can read people, and People have the fields "leadSource" and "leadTemperature"');

    const panel = await session.open('sidepanel.html');
    await typeLead(panel, { 'Full name': 'Priya Raman', 'Job title': 'Head of Ops', Company: 'Kestrel Labs', Email: 'priya@kestrel.example' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Priya Raman'), 'Synced');

    const [lead] = await storedLeads(panel);
    expect(twenty.people()).toEqual([
      expect.objectContaining({
        id: lead!.id,
        name: { firstName: 'Priya', lastName: 'Raman' },
        emails: { primaryEmail: 'priya@kestrel.example' },
        jobTitle: 'Head of Ops',
        leadSource: 'OUTBOUND',
        leadTemperature: 'RAW',
      }),
    ]);
    expect(twenty.requests().map((request) => `${request.method} ${request.path} ${request.headers['authorization']}`)).toEqual([
      // The two tests of the connection: the key, then the fields.
      `GET /rest/people Bearer ${API_KEY}`,
      `GET /rest/open-api/core Bearer ${API_KEY}`,
      `GET /rest/people Bearer ${API_KEY}`,
      `GET /rest/open-api/core Bearer ${API_KEY}`,
      `POST /rest/batch/people Bearer ${API_KEY}`,
    ]);
    expect(routedSpecProblems('twenty', TWENTY_ORIGIN, twenty.requests())).toEqual([]);
  });
});

describe('connecting a webhook on the internet (n8n, Zapier, Make)', () => {
  it('asks for that site only, then delivers each lead with its token and takes the per-lead results', async () => {
    const HOOK = 'https://hooks.example.com/webhook/fieldclip';
    session = await launchExtension({ grantedAtInstall: { origins: ['https://hooks.example.com/*'] } });
    const hook = await routeApi(session.context, 'https://hooks.example.com', ({ method, body }) =>
      method === 'POST'
        ? { status: 200, body: { results: (body as { leads: Array<{ id: string }> }).leads.map((lead, i) => ({ id: lead.id, status: 'ok', crmId: `n8n-${i + 1}` })) } }
        : { status: 405, body: { message: 'POST only' } },
    );
    const options = await session.open('options.html');
    const permissionRequests = await recordPermissionRequests(options);
    await options.getByLabel('Endpoint URL').fill(HOOK);
    await options.getByLabel('API token').fill('n8n-header-token-4321');
    await options.getByRole('button', { name: 'Save settings' }).click();
    await expectText(options.getByRole('status'), 'Settings saved.');
    expect(await permissionRequests()).toEqual([{ origins: ['https://hooks.example.com/*'], permissions: [] }]);

    const panel = await session.open('sidepanel.html');
    await typeLead(panel, { 'Full name': 'Noor Haddad', Company: 'Atlas Freight', Email: 'noor@atlas.example' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Noor Haddad'), 'Synced');
    await expectText(leadInList(panel, 'Noor Haddad'), 'CRM id n8n-1');
    const [lead] = await storedLeads(panel);
    const posts = hook.requests().filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      path: '/webhook/fieldclip',
      headers: { authorization: 'Bearer n8n-header-token-4321', 'content-type': 'application/json' },
      body: { leads: [{ id: lead!.id, fullName: 'Noor Haddad', company: 'Atlas Freight', email: 'noor@atlas.example' }] },
    });
  });

  it('keeps a 600-character id and a 6,000-character refusal from jamming the outbox: each lead sent once, none left waiting', async () => {
    session = await launchExtension({ grantedAtInstall: { origins: ['https://hooks.example.com/*'] } });
    const hook = await routeApi(session.context, 'https://hooks.example.com', ({ body }) => {
      const leads = (body as { leads: Array<{ id: string; fullName: string }> }).leads;
      return {
        status: 200,
        body: {
          results: leads.map((lead) =>
            lead.fullName === 'Long Id'
              ? { id: lead.id, status: 'ok', crmId: 'x'.repeat(600) }
              : { id: lead.id, status: 'error', message: `Refused: ${'because '.repeat(750)}` },
          ),
        },
      };
    });
    await session.worker.evaluate(() => chrome.storage.local.set({ crmSettings: { crm: 'webhook', endpointUrl: 'https://hooks.example.com/in' } }));
    const panel = await session.open('sidepanel.html');
    for (const name of ['Long Id', 'Long Refusal']) {
      await typeLead(panel, { 'Full name': name, Company: 'Hostile CRM' });
      await panel.getByRole('button', { name: 'Save lead' }).click();
      await expectText(leadInList(panel, name), 'Pending');
    }
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Long Id'), 'Synced');
    await expectText(leadInList(panel, 'Long Refusal'), 'Needs attention');
    // The CRM's refusal, its start kept and marked as cut.
    await expectText(leadInList(panel, 'Long Refusal'), /Refused: because because .*\(cut: 6009 characters in all\)/);
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await panel.getByText('Nothing to sync.').waitFor();
    const sent = hook.requests().flatMap((request) => (request.body as { leads: Array<{ fullName: string }> }).leads.map((lead) => lead.fullName));
    expect(sent).toEqual(['Long Id', 'Long Refusal']);
    expect((await storedLeads(panel)).map((lead) => lead.sync.status).sort()).toEqual(['rejected', 'synced']);
  });
});
