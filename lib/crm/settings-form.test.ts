import { describe, expect, it } from 'vitest';
import { fieldMapFrom, headersFrom, initialFormValues, settingsFrom } from './settings-form';

describe('the options form', () => {
  const savedWebhook = { crm: 'webhook' as const, endpointUrl: 'https://hooks.example.com/in', apiToken: 'tok-secret-1234', signingSecret: 'a-shared-secret-1234' };

  it('opens with the saved settings and every secret blank', () => {
    const values = initialFormValues(savedWebhook);
    expect(values).toMatchObject({ crm: 'webhook', endpointUrl: 'https://hooks.example.com/in', apiToken: '', signingSecret: '' });
  });

  it('keeps a saved secret left blank, replaces a typed one, and drops a removed one', () => {
    const values = initialFormValues(savedWebhook);
    expect(settingsFrom(values, savedWebhook)).toEqual({ success: true, data: savedWebhook });
    expect(settingsFrom({ ...values, apiToken: 'new-token-9999' }, savedWebhook)).toMatchObject({ success: true, data: { apiToken: 'new-token-9999' } });
    const removed = settingsFrom({ ...values, removeToken: true, removeSecret: true }, savedWebhook);
    expect(removed).toEqual({ success: true, data: { crm: 'webhook', endpointUrl: 'https://hooks.example.com/in' } });
  });

  it('keeps a saved secret for the same address only: a new host never receives the token or the signing secret', () => {
    const values = initialFormValues(savedWebhook);
    // Same origin, another path: kept.
    expect(settingsFrom({ ...values, endpointUrl: 'https://hooks.example.com/other' }, savedWebhook)).toMatchObject({ success: true, data: { apiToken: 'tok-secret-1234', signingSecret: 'a-shared-secret-1234' } });
    // A mistyped host: both left behind.
    expect(settingsFrom({ ...values, endpointUrl: 'https://hooks.exmaple.com/in' }, savedWebhook)).toEqual({ success: true, data: { crm: 'webhook', endpointUrl: 'https://hooks.exmaple.com/in' } });
    // Another scheme or port is another origin too.
    expect(settingsFrom({ ...values, endpointUrl: 'https://hooks.example.com:8443/in' }, savedWebhook)).toEqual({ success: true, data: { crm: 'webhook', endpointUrl: 'https://hooks.example.com:8443/in' } });
  });

  it('keeps a CRM’s saved stage map until the rep edits it, saves edited lines, and says what is wrong with a bad one', () => {
    const savedPipedrive = {
      crm: 'pipedrive' as const, baseUrl: 'https://acme.pipedrive.com', apiToken: '0123456789abcdef0123456789abcdef01234567', labelIds: {},
      channelNames: { prospecting: '', referral: '', event: '', 'prospecting-at-close': '' }, stageMap: { Discovery: 'meeting' as const },
    };
    const values = initialFormValues(savedPipedrive);
    expect(values.stages).toEqual({});
    expect(settingsFrom(values, savedPipedrive)).toMatchObject({ success: true, data: { stageMap: { Discovery: 'meeting' } } });
    expect(settingsFrom({ ...values, stages: { pipedrive: 'Discovery = demo\nSigned = won' } }, savedPipedrive)).toMatchObject({ success: true, data: { stageMap: { Discovery: 'demo', Signed: 'won' } } });
    // Blank: back to Pipedrive's defaults, nothing saved.
    const defaults = settingsFrom({ ...values, stages: { pipedrive: '  ' } }, savedPipedrive);
    expect(defaults.success && defaults.data).not.toHaveProperty('stageMap');
    expect(settingsFrom({ ...values, stages: { pipedrive: 'Discovery = signed' } }, savedPipedrive)).toEqual({ success: false, errors: { stages: expect.stringMatching(/is not a Fieldclip stage/) } });
    // Another CRM chosen: the saved CRM's map does not follow.
    const twenty = settingsFrom({ ...values, crm: 'twenty', baseUrl: 'https://api.twenty.com', apiKey: 'eyJhbGciOiJIUzI1NiJ9.test' }, savedPipedrive);
    expect(twenty).toMatchObject({ success: true, data: { crm: 'twenty' } });
    expect(twenty.success && twenty.data).not.toHaveProperty('stageMap');
  });

  it('does not send a kept secret to a Lookup URL on a new host', () => {
    const values = initialFormValues(savedWebhook);
    // A Lookup URL on the endpoint's origin: kept.
    expect(settingsFrom({ ...values, lookupUrl: 'https://hooks.example.com/lookup' }, savedWebhook)).toMatchObject({ success: true, data: { apiToken: 'tok-secret-1234', signingSecret: 'a-shared-secret-1234' } });
    // A Lookup URL on another host: both left behind, the addresses saved.
    expect(settingsFrom({ ...values, lookupUrl: 'https://lookup.other.example/people' }, savedWebhook)).toEqual({ success: true, data: { crm: 'webhook', endpointUrl: savedWebhook.endpointUrl, lookupUrl: 'https://lookup.other.example/people' } });
    // Saved with that Lookup URL already: kept, and kept when it moves back to the endpoint's host.
    const savedWithLookup = { ...savedWebhook, lookupUrl: 'https://lookup.other.example/people' };
    const withLookup = initialFormValues(savedWithLookup);
    expect(settingsFrom(withLookup, savedWithLookup)).toMatchObject({ success: true, data: { apiToken: 'tok-secret-1234', lookupUrl: 'https://lookup.other.example/people' } });
    expect(settingsFrom({ ...withLookup, lookupUrl: '' }, savedWithLookup)).toMatchObject({ success: true, data: { apiToken: 'tok-secret-1234' } });
    // A token typed again goes with the new Lookup URL.
    expect(settingsFrom({ ...values, apiToken: 'tok-new-5678', lookupUrl: 'https://lookup.other.example/people' }, savedWebhook)).toMatchObject({ success: true, data: { apiToken: 'tok-new-5678' } });
  });

  it("asks for Pipedrive's and Twenty's key again when the server address changes", () => {
    const savedPipedrive = { crm: 'pipedrive' as const, baseUrl: 'https://acme.pipedrive.com', apiToken: '0123456789abcdef0123456789abcdef01234567', labelIds: {}, channelNames: { prospecting: '', referral: '', event: '', 'prospecting-at-close': '' } };
    const values = initialFormValues(savedPipedrive);
    expect(settingsFrom(values, savedPipedrive)).toMatchObject({ success: true, data: { apiToken: savedPipedrive.apiToken } });
    expect(settingsFrom({ ...values, baseUrl: 'https://acme.pipedrive.co' }, savedPipedrive)).toEqual({
      success: false,
      errors: { apiToken: 'Paste the personal API token (Settings → Personal preferences → API)' },
    });
    const savedTwenty = { crm: 'twenty' as const, baseUrl: 'https://crm.acme.example', apiKey: 'eyJhbGciOiJIUzI1NiJ9.key', sourceValues: { prospecting: 'PROSPECTING', referral: 'REFERRAL', event: 'EVENT', 'prospecting-at-close': 'PROSPECTING_AT_CLOSE' }, qualificationValues: { raw: 'RAW', lukewarm: 'LUKEWARM', hot: 'HOT' } };
    const twenty = initialFormValues(savedTwenty);
    expect(settingsFrom({ ...twenty, baseUrl: '' }, savedTwenty)).toMatchObject({ success: false, errors: { apiKey: expect.stringContaining('Paste the API key') } });
  });

  it('reports each problem at its field', () => {
    const values = { ...initialFormValues(null), endpointUrl: 'http://crm.example.com' };
    expect(settingsFrom(values, null)).toEqual({
      success: false,
      errors: { endpointUrl: 'Use an https:// address (plain http:// works only for localhost and 127.0.0.1)' },
    });
    expect(settingsFrom({ ...initialFormValues(null), crm: 'hubspot' }, null)).toMatchObject({ success: false, errors: { accessToken: expect.any(String) } });
  });

  it("saves HubSpot's lead id and company key properties, and says at the field what is wrong with them", () => {
    const values = { ...initialFormValues(null), crm: 'hubspot' as const, accessToken: 'pat-na1-11111111-2222', leadIdProperty: ' fieldclip_lead_id ' };
    expect(settingsFrom(values, null)).toMatchObject({ success: true, data: { crm: 'hubspot', leadIdProperty: 'fieldclip_lead_id' } });
    expect(initialFormValues(settingsFrom(values, null).data ?? null).leadIdProperty).toBe('fieldclip_lead_id');
    expect(settingsFrom({ ...values, leadIdProperty: 'Lead Id' }, null)).toEqual({
      success: false,
      errors: { leadIdProperty: 'A HubSpot internal property name, like lead_source' },
    });
    expect(settingsFrom({ ...values, leadIdProperty: '', companyKeyProperty: 'fieldclip_domain' }, null)).toEqual({
      success: false,
      errors: { companyKeyProperty: 'Set the lead id property too: linking companies needs it' },
    });
    expect(settingsFrom({ ...values, companyKeyProperty: 'fieldclip_domain' }, null)).toMatchObject({ success: true, data: { companyKeyProperty: 'fieldclip_domain' } });
  });

  it('saves the CRM values for each source and level, trimmed, and says at the field which is too long', () => {
    const hubspot = { ...initialFormValues(null), crm: 'hubspot' as const, accessToken: 'pat-na1-11111111-2222', leadSourceProperty: 'lead_source' };
    expect(hubspot.hubspotSources).toEqual({ prospecting: 'Prospecting', referral: 'Referral', event: 'Event', 'prospecting-at-close': 'Prospecting at close' });
    const saved = settingsFrom({ ...hubspot, hubspotSources: { ...hubspot.hubspotSources, event: ' TRADE_SHOW ' }, statusHot: '' }, null);
    expect(saved).toMatchObject({ success: true, data: { sourceValues: { event: 'TRADE_SHOW' }, leadStatusValues: { hot: '' } } });
    expect(initialFormValues(saved.data ?? null).hubspotSources.event).toBe('TRADE_SHOW');
    expect(settingsFrom({ ...hubspot, hubspotSources: { ...hubspot.hubspotSources, referral: 'x'.repeat(101) } }, null)).toEqual({
      success: false,
      errors: { 'sourceValues.referral': 'At most 100 characters' },
    });
    expect(settingsFrom({ ...hubspot, statusLukewarm: 'x'.repeat(101) }, null)).toEqual({ success: false, errors: { statusLukewarm: 'At most 100 characters' } });

    const salesforce = { ...initialFormValues(null), crm: 'salesforce' as const, clientId: '3MVG9consumerkeyexample' };
    expect(salesforce.salesforceSources.event).toBe('Trade Show');
    expect(settingsFrom({ ...salesforce, salesforceSources: { ...salesforce.salesforceSources, event: 'Conference' }, salesforceStatuses: { ...salesforce.salesforceStatuses, raw: 'New' } }, null)).toMatchObject({
      success: true,
      data: { leadSourceValues: { event: 'Conference', referral: 'Partner Referral' }, statusValues: { raw: 'New', hot: 'Working - Contacted' } },
    });
    expect(settingsFrom({ ...salesforce, salesforceStatuses: { ...salesforce.salesforceStatuses, hot: 'x'.repeat(101) } }, null)).toEqual({
      success: false,
      errors: { 'statusValues.hot': 'At most 100 characters' },
    });
  });

  it("saves Pipedrive's marketing channel for each source, blank by default", () => {
    const pipedrive = { ...initialFormValues(null), crm: 'pipedrive' as const, apiToken: '0123456789abcdef0123456789abcdef01234567' };
    expect(Object.values(pipedrive.pipedriveChannels)).toEqual(['', '', '', '']);
    const saved = settingsFrom({ ...pipedrive, pipedriveChannels: { ...pipedrive.pipedriveChannels, event: ' Trade shows ' } }, null);
    expect(saved).toMatchObject({ success: true, data: { channelNames: { event: 'Trade shows', referral: '' } } });
    expect(initialFormValues(saved.data ?? null).pipedriveChannels.event).toBe('Trade shows');
    expect(settingsFrom({ ...pipedrive, pipedriveChannels: { ...pipedrive.pipedriveChannels, referral: 'x'.repeat(101) } }, null)).toEqual({
      success: false,
      errors: { 'channelNames.referral': 'At most 100 characters' },
    });
  });

  it("saves Twenty's custom fields for the source and the level, and says at the field when a name is not an API name", () => {
    const twenty = { ...initialFormValues(null), crm: 'twenty' as const, apiKey: 'eyJhbGciOiJIUzI1NiJ9.test' };
    expect(settingsFrom(twenty, null)).toMatchObject({ success: true, data: { sourceValues: { event: 'EVENT' }, qualificationValues: { hot: 'HOT' } } });
    expect(settingsFrom(twenty, null).data).not.toHaveProperty('sourceField');
    const saved = settingsFrom({ ...twenty, twentySourceField: ' leadSource ', twentySources: { ...twenty.twentySources, event: 'TRADE_SHOW' }, twentyQualificationField: 'leadTemperature' }, null);
    expect(saved).toMatchObject({ success: true, data: { sourceField: 'leadSource', sourceValues: { event: 'TRADE_SHOW' }, qualificationField: 'leadTemperature' } });
    expect(initialFormValues(saved.data ?? null)).toMatchObject({ twentySourceField: 'leadSource', twentyQualificationField: 'leadTemperature' });
    expect(settingsFrom({ ...twenty, twentySourceField: 'Lead source' }, null)).toEqual({ success: false, errors: { sourceField: "A Twenty field's API name, like leadSource" } });
  });

  it('keeps a Salesforce sign-in only while the org and the connected app stay the same', () => {
    const saved = {
      crm: 'salesforce' as const,
      loginUrl: 'https://login.salesforce.com',
      clientId: '3MVG9consumerkeyexample',
      externalIdField: 'Fieldclip_Id__c',
      instanceUrl: 'https://acme.my.salesforce.com',
      refreshToken: 'refresh-1',
      leadSourceValues: { prospecting: 'Other', referral: 'Partner Referral', event: 'Trade Show', 'prospecting-at-close': 'Partner Referral' },
      statusValues: { raw: 'Open - Not Contacted', lukewarm: 'Working - Contacted', hot: 'Working - Contacted' },
    };
    const values = initialFormValues(saved);
    expect(settingsFrom(values, saved)).toMatchObject({ success: true, data: { refreshToken: 'refresh-1' } });
    const otherApp = settingsFrom({ ...values, clientId: '3MVG9anotherconsumerkey' }, saved);
    expect(otherApp.success && 'refreshToken' in otherApp.data).toBe(false);
  });
});

describe('Pipedrive lead labels', () => {
  const values = { ...initialFormValues(null), crm: 'pipedrive' as const, apiToken: 'pd-0123456789abcdef0123456789' };
  const hot = '1f6b2c3e-4d5e-4f60-8a7b-9c0d1e2f3a4b';

  it('saves a label for the levels given, none for the blank ones, and shows them again', () => {
    const result = settingsFrom({ ...values, labelHot: ` ${hot} ` }, null);
    expect(result.success && result.data).toMatchObject({ crm: 'pipedrive', labelIds: { hot } });
    expect(result.success && result.data.crm === 'pipedrive' && result.data.labelIds.raw).toBeUndefined();
    expect(initialFormValues(result.success ? result.data : null)).toMatchObject({ labelHot: hot, labelRaw: '' });
  });

  it('reports a label that is not an id at its own field', () => {
    expect(settingsFrom({ ...values, labelLukewarm: 'warm' }, null)).toEqual({
      success: false,
      errors: { labelLukewarm: 'A Pipedrive label id looks like 1f6b2c3e-…' },
    });
  });
});

describe('Pipedrive person field for the lead id', () => {
  const values = { ...initialFormValues(null), crm: 'pipedrive' as const, apiToken: 'pd-0123456789abcdef0123456789' };
  const key = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

  it('saves the field key given, none when blank, and shows it again', () => {
    const result = settingsFrom({ ...values, personIdField: ` ${key} ` }, null);
    expect(result.success && result.data).toMatchObject({ crm: 'pipedrive', personIdField: key });
    expect(initialFormValues(result.success ? result.data : null)).toMatchObject({ personIdField: key });
    const blank = settingsFrom(values, null);
    expect(blank.success && 'personIdField' in blank.data).toBe(false);
  });

  it('reports a field name typed instead of its API key at the field', () => {
    expect(settingsFrom({ ...values, personIdField: 'Fieldclip lead id' }, null)).toEqual({
      success: false,
      errors: { personIdField: "A Pipedrive field's API key is 40 letters and digits (Settings → Data fields → Person → the field → Copy API key)" },
    });
  });
});

describe('headersFrom and fieldMapFrom', () => {
  it('read one entry per line and report a line that is not one', () => {
    expect(headersFrom('X-Team: emea\n\nX-Region:  eu ')).toEqual([
      { name: 'X-Team', value: 'emea' },
      { name: 'X-Region', value: 'eu' },
    ]);
    expect(headersFrom('no colon here')).toBe('Write one header per line, like X-Team: emea');
    expect(fieldMapFrom('first_name = firstName')).toEqual([{ to: 'first_name', from: 'firstName' }]);
    expect(fieldMapFrom('first_name')).toBe('Write one mapping per line, like first_name = firstName');
  });
});
