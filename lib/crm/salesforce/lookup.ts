import * as z from 'zod/mini';
import { lookupFailure } from '../http';
import { keptMatches, MAX_MATCHES, type CrmMatch, type PersonLookup } from '../lookup';
import { SALESFORCE_API_VERSION, SALESFORCE_CREDENTIAL, salesforceCall } from './http';
import type { SalesforceSettings } from './settings';

// "Already in Salesforce?": a SOQL query over Lead (by email, and by the LinkedIn URL field the
// settings name) and one over Contact (by email), each with its owner's name; record links on the
// org's own instance.

const recordSchema = z.looseObject({
  attributes: z.looseObject({ type: z.string() }),
  Id: z.string(),
  Name: z.nullish(z.string()),
  Company: z.nullish(z.string()),
  Account: z.nullish(z.looseObject({ Name: z.nullish(z.string()) })),
  Owner: z.nullish(z.looseObject({ Name: z.nullish(z.string()) })),
  LastModifiedDate: z.nullish(z.string()),
});
const queryAnswerSchema = z.looseObject({ records: z.array(recordSchema) });

/** A value inside a SOQL string literal: quotes and backslashes escaped, as SOQL asks. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A Lead or Contact in Salesforce's web app (Lightning). */
export function salesforceRecordUrl(instanceUrl: string, type: string, id: string): string {
  return `${instanceUrl.replace(/\/+$/, '')}/lightning/r/${type}/${encodeURIComponent(id)}/view`;
}

/** The object a Salesforce id names, by its key prefix: Contact (003) or Lead (00Q). */
export function salesforceObjectOf(id: string): 'Contact' | 'Lead' {
  return id.startsWith('003') ? 'Contact' : 'Lead';
}

/** Salesforce's `…+0000` offset as ISO 8601 (`…+00:00`). */
const isoDate = (value: string | null | undefined) => value?.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');

async function query(settings: SalesforceSettings, soql: string, signal: AbortSignal) {
  const response = await salesforceCall(settings, 'GET', `/services/data/${SALESFORCE_API_VERSION}/query?q=${encodeURIComponent(soql)}`, undefined, signal);
  if (!(response instanceof Response)) return { ok: false as const, reason: 'error' in response ? response.error : 'Salesforce could not be asked' };
  if (!response.ok) return lookupFailure(response, SALESFORCE_CREDENTIAL);
  const answer = queryAnswerSchema.safeParse(await response.json().catch(() => null));
  return answer.success ? { ok: true as const, records: answer.data.records } : { ok: false as const, reason: 'Salesforce answered the query with something unexpected' };
}

export const salesforceLookup: PersonLookup<SalesforceSettings> = async (person, settings, signal) => {
  const leadWhere = [
    ...(person.email ? [`Email = ${soqlString(person.email)}`] : []),
    ...(person.linkedinUrl && settings.linkedinField ? [`${settings.linkedinField} = ${soqlString(person.linkedinUrl)}`] : []),
  ];
  if (leadWhere.length === 0) return { ok: false, unsupported: true };
  const fields = 'Id, Name, Owner.Name, LastModifiedDate';
  const leads = await query(settings, `SELECT ${fields}, Company FROM Lead WHERE (${leadWhere.join(' OR ')}) AND IsConverted = false ORDER BY LastModifiedDate DESC LIMIT ${MAX_MATCHES}`, signal);
  if (!leads.ok) return leads;
  const contacts = person.email
    ? await query(settings, `SELECT ${fields}, Account.Name FROM Contact WHERE Email = ${soqlString(person.email)} ORDER BY LastModifiedDate DESC LIMIT ${MAX_MATCHES}`, signal)
    : { ok: true as const, records: [] };
  if (!contacts.ok) return contacts;
  const matches: CrmMatch[] = [...contacts.records, ...leads.records].map((record) => ({
    crmId: record.Id,
    url: settings.instanceUrl ? salesforceRecordUrl(settings.instanceUrl, record.attributes.type, record.Id) : undefined,
    fullName: record.Name ?? undefined,
    company: record.Company ?? record.Account?.Name ?? undefined,
    owner: record.Owner?.Name ?? undefined,
    updatedAt: isoDate(record.LastModifiedDate),
  }));
  return { ok: true, matches: keptMatches(matches) };
};
