import * as z from 'zod/mini';
import type { Lead } from '../../lead/schema';
import { answersInWords, badgeInWords, cityAndCountry, opportunityInWords, sourceInWords } from '../../lead/describe';
import { keptText } from '../../lead/kept-text';
import type { CrmConnector, LeadResult, SendResult } from '../connector';
import { classifyFailure, errorDetail } from '../http';
import type { SalesforceSettings } from './settings';
import { SALESFORCE_API_VERSION, SALESFORCE_CREDENTIAL, salesforceCall } from './http';
import { fitToLeadFields, SALESFORCE_LEAD_FIELD_LENGTHS } from './fields';
import { salesforceLookup, salesforceObjectOf, salesforceRecordUrl } from './lookup';
import { salesforceOutcomes } from './outcomes';

// Salesforce: OAuth 2.0 (authorization code with PKCE, through identity.launchWebAuthFlow; see
// auth.ts), then Lead records upserted by an external-id field through the sObject
// collections API, up to 200 per call. The external id is the lead's own UUID, so a retry or an
// update reaches the same Lead.

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
    Description: [sourceInWords(lead), opportunityInWords(lead), answersInWords(lead), badgeInWords(lead), lead.linkedinUrl, lead.notes].filter(Boolean).join('\n') || undefined,
    ...(settings.linkedinField ? { [settings.linkedinField]: lead.linkedinUrl } : {}),
    ...(settings.opportunityField && lead.opportunity ? { [settings.opportunityField]: lead.opportunity.amount } : {}),
  };
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/**
 * A lead whose record Salesforce already has (a lookup matched it, or an earlier upsert named it),
 * as an update of that record by its id: a Lead keeps its external id set to the lead's, a Contact
 * gets the fields a Contact has.
 */
export function salesforceUpdateFromLead(lead: Lead, crmId: string, settings: SalesforceSettings): Record<string, unknown> {
  const record = salesforceLeadFromLead(lead, settings);
  if (salesforceObjectOf(crmId) === 'Lead') return { ...record, id: crmId };
  // Lead-only fields, the external id and the LinkedIn field (both custom fields of Lead) are left out.
  const { attributes: _lead, Company: _company, Website: _website, Status: _status, Rating: _rating, City, Country, [settings.externalIdField]: _externalId, ...rest } = record;
  const { [settings.linkedinField ?? '']: _linkedin, [settings.opportunityField ?? '']: _size, ...contact } = rest;
  return Object.fromEntries(
    Object.entries({ attributes: { type: 'Contact' }, id: crmId, ...contact, MailingCity: City, MailingCountry: Country }).filter(([, value]) => value !== undefined),
  );
}

const EMAIL_LEFT_OUT = `Saved in Salesforce without its email: the address is longer than the ${SALESFORCE_LEAD_FIELD_LENGTHS.Email} characters Salesforce's Email field takes, so it is in the Lead's Description`;

const collectionAnswerSchema = z.array(
  z.looseObject({
    id: z.optional(z.nullable(z.string())),
    success: z.boolean(),
    errors: z._default(z.array(z.looseObject({ message: z.string(), statusCode: z.optional(z.string()) })), []),
  }),
);

export const salesforceConnector: CrmConnector<SalesforceSettings> = {
  batchSize: BATCH_LIMIT,
  lookup: salesforceLookup,
  outcomes: salesforceOutcomes,

  async send(leads, settings, signal) {
    // Records Salesforce has are updated by their id; the others upserted by the lead's own id.
    const known = leads.filter((lead) => lead.sync.crmId);
    const unknown = leads.filter((lead) => !lead.sync.crmId);
    const results: LeadResult[] = [];
    for (const [group, update] of [[known, true], [unknown, false]] as const) {
      if (group.length === 0) continue;
      const result = await sendRecords(group, update, settings, signal);
      if (result.kind !== 'delivered') return results.length ? { kind: 'delivered', results } : result;
      results.push(...result.results);
    }
    return { kind: 'delivered', results };
  },
};

async function sendRecords(leads: readonly Lead[], update: boolean, settings: SalesforceSettings, signal: AbortSignal): Promise<SendResult> {
  const path = update
    ? `/services/data/${SALESFORCE_API_VERSION}/composite/sobjects`
    : `/services/data/${SALESFORCE_API_VERSION}/composite/sobjects/Lead/${settings.externalIdField}`;
  const fitted = leads.map((lead) => fitToLeadFields(update ? salesforceUpdateFromLead(lead, lead.sync.crmId!, settings) : salesforceLeadFromLead(lead, settings)));
  const response = await salesforceCall(settings, 'PATCH', path, { allOrNone: false, records: fitted.map(({ record }) => record) }, signal);
  if (!(response instanceof Response)) return response;
  if (!response.ok) return classifyFailure(response, await errorDetail(response), SALESFORCE_CREDENTIAL);
  const answer = collectionAnswerSchema.safeParse(await response.json().catch(() => null));
  if (!answer.success || answer.data.length !== leads.length) return { kind: 'retry', error: 'Salesforce answered in a shape Fieldclip does not know' };
  // The answer lists the records in the order they were sent.
  const results = leads.map((lead, i): LeadResult => {
    const row = answer.data[i]!;
    if (!row.success) return { id: lead.id, ok: false, message: keptText(row.errors.map((e) => e.message).join('; '), 500) || 'Salesforce refused this lead' };
    // Saved, but without its email: the rep should look (the address is in the Lead's Description).
    if (fitted[i]!.emailLeftOut) return { id: lead.id, ok: false, message: EMAIL_LEFT_OUT };
    const id = row.id ?? (update ? lead.sync.crmId : undefined);
    return { id: lead.id, ok: true, ...(id ? { crmId: id, ...(settings.instanceUrl ? { crmUrl: salesforceRecordUrl(settings.instanceUrl, salesforceObjectOf(id), id) } : {}) } : {}) };
  });
  return { kind: 'delivered', results };
}
