import * as z from 'zod/mini';
import type { Lead } from '../../lead/schema';
import { cityAndCountry, leadNoteText } from '../../lead/describe';
import type { CrmConnector, LeadResult, SendResult } from '../connector';
import { classifyFailure, classifyFetchError, errorDetail } from '../http';
import type { TwentySettings } from './settings';
import { twentyHeaders, twentyUrl } from './http';
import { twentyLookup, twentyPersonUrl } from './lookup';
import { twentyOutcomes, withOpportunities } from './opportunities';

// Twenty (cloud or self-hosted), with an API key. People are upserted in batches with the lead's own
// UUID as the person's id, so a retry updates the same person; a lead a lookup matched to a person
// is upserted with that person's id, which updates them.

/**
 * Twenty documents "Batch size: 60 records per call". Its server enforces its own maximum, which has
 * been 60, 200 and 10,000 in different releases: a server that says a batch holds too many records
 * gets it again in halves.
 */
export const TWENTY_BATCH_LIMIT = 60;
const TOO_MANY_RECORDS = /maximum number of records/i;

/** The Twenty person a lead is: the one a lookup matched (or an earlier sync named), else a person with the lead's own UUID. */
export function twentyPersonId(lead: Lead): string {
  return lead.sync.crmId ?? lead.id;
}

/** A lead as a Twenty person: its standard fields, and the source and level in the custom fields the settings name. */
export function twentyPersonFromLead(lead: Lead, settings: TwentySettings) {
  const { city } = cityAndCountry(lead.location);
  const source = settings.sourceField && settings.sourceValues[lead.source.kind];
  const level = settings.qualificationField && settings.qualificationValues[lead.qualification.level];
  const notes = settings.notesField ? leadNoteText(lead) : undefined;
  return {
    id: twentyPersonId(lead),
    name: { firstName: lead.firstName ?? '', lastName: lead.lastName ?? '' },
    ...(lead.email ? { emails: { primaryEmail: lead.email } } : {}),
    ...(lead.phone ? { phones: { primaryPhoneNumber: lead.phone } } : {}),
    ...(lead.title ? { jobTitle: lead.title } : {}),
    ...(city ? { city } : {}),
    ...(lead.linkedinUrl ? { linkedinLink: { primaryLinkUrl: lead.linkedinUrl } } : {}),
    // A value left blank is not sent.
    ...(settings.sourceField && source ? { [settings.sourceField]: source } : {}),
    ...(settings.qualificationField && level ? { [settings.qualificationField]: level } : {}),
    ...(settings.notesField && notes ? { [settings.notesField]: notes } : {}),
  };
}

const answerSchema = z.looseObject({
  data: z.looseObject({ createPeople: z._default(z.array(z.looseObject({ id: z.string() })), []) }),
});

/** One request: the people upserted, or what Twenty's answer means; `tooMany` when the server wants smaller batches. */
async function upsertPeople(leads: readonly Lead[], settings: TwentySettings, signal: AbortSignal): Promise<SendResult | { tooMany: true }> {
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
  if (!response.ok) {
    const detail = await errorDetail(response);
    if (response.status === 400 && leads.length > 1 && TOO_MANY_RECORDS.test(detail)) return { tooMany: true };
    return classifyFailure(response, detail, 'the API key');
  }
  const answer = answerSchema.safeParse(await response.json().catch(() => null));
  const created = new Set(answer.success ? answer.data.data.createPeople.map((person) => person.id) : []);
  // A lead whose person is not in the answer is sent again (same id, so no second person).
  const results: LeadResult[] = leads
    .filter((lead) => created.has(twentyPersonId(lead)))
    .map((lead) => ({ id: lead.id, ok: true, crmId: twentyPersonId(lead), crmUrl: twentyPersonUrl(settings, twentyPersonId(lead)) }));
  return { kind: 'delivered', results };
}

/** Upserts the leads, halving a batch the server finds too large until it takes it. */
async function sendInBatchesItTakes(leads: readonly Lead[], settings: TwentySettings, signal: AbortSignal): Promise<SendResult> {
  const answer = await upsertPeople(leads, settings, signal);
  if (!('tooMany' in answer)) return answer;
  const half = Math.ceil(leads.length / 2);
  const results: LeadResult[] = [];
  for (const part of [leads.slice(0, half), leads.slice(half)]) {
    const sent = await sendInBatchesItTakes(part, settings, signal);
    if (sent.kind === 'delivered') results.push(...sent.results);
    else if (sent.kind === 'refused') results.push(...part.map((lead): LeadResult => ({ id: lead.id, ok: false, message: sent.error })));
    // Unreachable, busy or unauthorized: what was done stands, the rest goes again later.
    else return results.length ? { kind: 'delivered', results } : sent;
  }
  return { kind: 'delivered', results };
}

export const twentyConnector: CrmConnector<TwentySettings> = {
  batchSize: TWENTY_BATCH_LIMIT,
  async send(leads, settings, signal) {
    // Then the opportunity of each lead with a size, its person the point of contact.
    return withOpportunities(await sendInBatchesItTakes(leads, settings, signal), leads, twentyPersonId, settings, signal);
  },
  lookup: twentyLookup,
  outcomes: twentyOutcomes,
};
