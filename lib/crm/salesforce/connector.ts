import * as z from 'zod/mini';
import { cityAndCountry, sourceInWords } from '../../lead/describe';
import type { Lead } from '../../lead/schema';
import type { ConnectionCheck, CrmConnector, LeadResult, SendResult } from '../connector';
import type { SalesforceSettings } from '../settings';
import { classifyFailure, classifyFetchError, errorDetail } from '../http';

// Salesforce: OAuth 2.0 (authorization code with PKCE, through identity.launchWebAuthFlow; see
// auth.ts), then Lead records upserted by an external-id field through the sObject
// collections API, up to 200 per call. The external id is the lead's own UUID, so a retry or an
// update reaches the same Lead.

export const SALESFORCE_API_VERSION = 'v62.0';
const BATCH_LIMIT = 200;

/** A lead as a Salesforce Lead record. LastName and Company are required there. */
export function salesforceLeadFromLead(lead: Lead, settings: SalesforceSettings): Record<string, unknown> {
  const { city, country } = cityAndCountry(lead.location);
  const record: Record<string, unknown> = {
    attributes: { type: 'Lead' },
    [settings.externalIdField]: lead.id,
    FirstName: lead.firstName,
    LastName: lead.lastName ?? lead.fullName ?? '(not given)',
    Company: lead.company ?? '(not given)',
    Title: lead.title,
    Email: lead.email,
    Phone: lead.phone,
    Website: lead.website,
    City: city,
    Country: country,
    // A value left blank is not sent: the org's default applies.
    LeadSource: settings.leadSourceValues[lead.source.kind] || undefined,
    Status: settings.statusValues[lead.qualification.level] || undefined,
    Rating: { raw: 'Cold', lukewarm: 'Warm', hot: 'Hot' }[lead.qualification.level],
    Description: [sourceInWords(lead), lead.linkedinUrl, lead.notes].filter(Boolean).join('\n') || undefined,
  };
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** What the rep checks when Salesforce refuses a call: the sign-in the settings page makes. */
const SALESFORCE_CREDENTIAL = 'the Salesforce connection (Connect to Salesforce again)';

// Access tokens live in memory only: a restarted worker gets a fresh one with the refresh token.
const accessTokens = new Map<string, string>();

async function refreshAccessToken(settings: SalesforceSettings, signal: AbortSignal): Promise<string | SendResult> {
  if (!settings.refreshToken) return { kind: 'unauthorized', error: 'Connect Fieldclip to Salesforce in the settings' };
  let response: Response;
  try {
    response = await fetch(`${settings.loginUrl.replace(/\/+$/, '')}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: settings.refreshToken, client_id: settings.clientId }),
      credentials: 'omit',
      signal,
    });
  } catch (error) {
    return classifyFetchError(error);
  }
  if (response.status === 400 || response.status === 401) {
    return { kind: 'unauthorized', error: 'Salesforce no longer accepts Fieldclip’s sign-in: connect again in the settings' };
  }
  if (!response.ok) return classifyFailure(response, await errorDetail(response), SALESFORCE_CREDENTIAL);
  const token = z.object({ access_token: z.string() }).safeParse(await response.json().catch(() => null));
  if (!token.success) return { kind: 'retry', error: 'Salesforce answered the sign-in without a token' };
  accessTokens.set(settings.refreshToken, token.data.access_token);
  return token.data.access_token;
}

/** Calls the org's REST API, signing in again once if the access token has expired. */
async function call(settings: SalesforceSettings, method: string, path: string, body: unknown, signal: AbortSignal): Promise<Response | SendResult> {
  if (!settings.instanceUrl || !settings.refreshToken) return { kind: 'unauthorized', error: 'Connect Fieldclip to Salesforce in the settings' };
  for (let attempt = 0; attempt < 2; attempt++) {
    let token = accessTokens.get(settings.refreshToken);
    if (!token || attempt > 0) {
      const fresh = await refreshAccessToken(settings, signal);
      if (typeof fresh !== 'string') return fresh;
      token = fresh;
    }
    let response: Response;
    try {
      response = await fetch(`${settings.instanceUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        credentials: 'omit',
        signal,
      });
    } catch (error) {
      return classifyFetchError(error);
    }
    if (response.status !== 401) return response;
  }
  return { kind: 'unauthorized', error: 'Salesforce refused Fieldclip’s sign-in: connect again in the settings' };
}

const collectionAnswerSchema = z.array(
  z.looseObject({
    id: z.optional(z.nullable(z.string())),
    success: z.boolean(),
    errors: z._default(z.array(z.looseObject({ message: z.string(), statusCode: z.optional(z.string()) })), []),
  }),
);

export const salesforceConnector: CrmConnector<SalesforceSettings> = {
  batchSize: BATCH_LIMIT,

  async send(leads, settings, signal) {
    const path = `/services/data/${SALESFORCE_API_VERSION}/composite/sobjects/Lead/${settings.externalIdField}`;
    const response = await call(settings, 'PATCH', path, { allOrNone: false, records: leads.map((lead) => salesforceLeadFromLead(lead, settings)) }, signal);
    if (!(response instanceof Response)) return response;
    if (!response.ok) return classifyFailure(response, await errorDetail(response), SALESFORCE_CREDENTIAL);
    const answer = collectionAnswerSchema.safeParse(await response.json().catch(() => null));
    if (!answer.success || answer.data.length !== leads.length) return { kind: 'retry', error: 'Salesforce answered in a shape Fieldclip does not know' };
    // The answer lists the records in the order they were sent.
    const results = leads.map((lead, i): LeadResult => {
      const row = answer.data[i]!;
      return row.success
        ? { id: lead.id, ok: true, ...(row.id ? { crmId: row.id } : {}) }
        : { id: lead.id, ok: false, message: row.errors.map((e) => e.message).join('; ').slice(0, 500) || 'Salesforce refused this lead' };
    });
    return { kind: 'delivered', results };
  },
};

/** "Test connection" on the options page: a harmless authenticated call, and what it tells the rep. */
export async function testSalesforceConnection(settings: SalesforceSettings, signal: AbortSignal): Promise<ConnectionCheck> {
  const response = await call(settings, 'GET', `/services/data/${SALESFORCE_API_VERSION}/sobjects/Lead/describe`, undefined, signal);
  if (!(response instanceof Response)) return { ok: false, message: 'error' in response ? response.error : 'Not connected' };
  if (!response.ok) return { ok: false, message: classifyFailure(response, await errorDetail(response), SALESFORCE_CREDENTIAL).error };
  const describe = z.looseObject({ fields: z.array(z.looseObject({ name: z.string(), externalId: z.optional(z.boolean()) })) }).safeParse(await response.json().catch(() => null));
  const field = describe.data?.fields.find((f) => f.name === settings.externalIdField);
  if (!field?.externalId) return { ok: false, message: `Connected, but the Lead has no External ID field named ${settings.externalIdField}` };
  return { ok: true, message: `Connected to Salesforce: Leads are upserted by ${settings.externalIdField}` };
}
