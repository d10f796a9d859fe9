import * as z from 'zod/mini';
import { cityAndCountry } from '../../lead/describe';
import type { Lead } from '../../lead/schema';
import type { CrmConnector, LeadResult } from '../connector';
import { twentyHeaders, twentyUrl } from './http';
import type { TwentySettings } from './settings';
import { classifyFailure, classifyFetchError, errorDetail } from '../http';

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

export const twentyConnector: CrmConnector<TwentySettings> = {
  batchSize: BATCH_LIMIT,

  async send(leads, settings, signal) {
    let response: Response;
    try {
      response = await fetch(twentyUrl(settings, '/rest/batch/people?upsert=true'), {
        method: 'POST',
        headers: twentyHeaders(settings),
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
