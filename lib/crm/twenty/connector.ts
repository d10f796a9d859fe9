import * as z from 'zod/mini';
import { cityAndCountry } from '../../lead/describe';
import type { Lead } from '../../lead/schema';
import type { ConnectionCheck, CrmConnector, LeadResult } from '../connector';
import type { TwentySettings } from '../settings';
import { classifyFailure, classifyFetchError, errorDetail } from '../http';
import { customFieldsProblem, peopleFields } from './fields';

// Twenty (cloud or self-hosted), with an API key. People are upserted in batches of up to 100
// with the lead's own UUID as the person's id, so a retry updates the same person.

const BATCH_LIMIT = 100;

/** A lead as a Twenty person: its standard fields, and the source and level in the custom fields the settings name. */
export function twentyPersonFromLead(lead: Lead, settings: TwentySettings) {
  const { city } = cityAndCountry(lead.location);
  const source = settings.sourceField && settings.sourceValues[lead.source.kind];
  const level = settings.qualificationField && settings.qualificationValues[lead.qualification.level];
  return {
    id: lead.id,
    name: { firstName: lead.firstName ?? '', lastName: lead.lastName ?? '' },
    ...(lead.email ? { emails: { primaryEmail: lead.email } } : {}),
    ...(lead.phone ? { phones: { primaryPhoneNumber: lead.phone } } : {}),
    ...(lead.title ? { jobTitle: lead.title } : {}),
    ...(city ? { city } : {}),
    ...(lead.linkedinUrl ? { linkedinLink: { primaryLinkUrl: lead.linkedinUrl } } : {}),
    // A value left blank is not sent.
    ...(settings.sourceField && source ? { [settings.sourceField]: source } : {}),
    ...(settings.qualificationField && level ? { [settings.qualificationField]: level } : {}),
  };
}

const answerSchema = z.looseObject({
  data: z.looseObject({ createPeople: z._default(z.array(z.looseObject({ id: z.string() })), []) }),
});

function url(settings: TwentySettings, path: string): string {
  return `${settings.baseUrl.replace(/\/+$/, '')}${path}`;
}

function headers(settings: TwentySettings) {
  return { Authorization: `Bearer ${settings.apiKey}`, 'Content-Type': 'application/json', Accept: 'application/json' };
}

export const twentyConnector: CrmConnector<TwentySettings> = {
  batchSize: BATCH_LIMIT,

  async send(leads, settings, signal) {
    let response: Response;
    try {
      response = await fetch(url(settings, '/rest/batch/people?upsert=true'), {
        method: 'POST',
        headers: headers(settings),
        body: JSON.stringify(leads.map((lead) => twentyPersonFromLead(lead, settings))),
        credentials: 'omit',
        signal,
      });
    } catch (error) {
      return classifyFetchError(error);
    }
    if (!response.ok) return classifyFailure(response, await errorDetail(response), 'the API key');
    const answer = answerSchema.safeParse(await response.json().catch(() => null));
    const created = new Set(answer.success ? answer.data.data.createPeople.map((person) => person.id) : []);
    // A lead whose person is not in the answer is sent again (same id, so no second person).
    const results: LeadResult[] = leads.filter((lead) => created.has(lead.id)).map((lead) => ({ id: lead.id, ok: true, crmId: lead.id }));
    return { kind: 'delivered', results };
  },
};

/** "Test connection" on the options page: a harmless authenticated call, and what it tells the rep. */
export async function testTwentyConnection(settings: TwentySettings, signal: AbortSignal): Promise<ConnectionCheck> {
  let response: Response;
  try {
    response = await fetch(url(settings, '/rest/people?limit=1'), { headers: headers(settings), credentials: 'omit', signal });
  } catch (error) {
    return { ok: false, message: classifyFetchError(error).error };
  }
  if (!response.ok) return { ok: false, message: classifyFailure(response, await errorDetail(response), 'the API key').error };
  const connected = 'Connected to Twenty: the API key can read people';
  const named = [settings.sourceField, settings.qualificationField].filter((name) => name !== undefined);
  if (named.length === 0) return { ok: true, message: connected };
  const fields = await peopleFields(url(settings, ''), headers(settings), signal);
  if (!fields) return { ok: true, message: `${connected} (this server does not describe its fields, so their names were not checked)` };
  const problem = customFieldsProblem(settings, fields);
  if (problem) return { ok: false, message: problem };
  return { ok: true, message: `${connected}, and People have the field${named.length > 1 ? 's' : ''} ${named.map((name) => `"${name}"`).join(' and ')}` };
}
