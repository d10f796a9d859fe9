import * as z from 'zod/mini';
import type { Lead } from '../../lead/schema';
import { keptText } from '../../lead/kept-text';
import type { LeadResult } from '../connector';
import type { HubspotSettings } from './settings';
import { hubspotPost, type HubspotFailure } from './http';

// Each contact linked to its company: the companies upserted by domain (kept in a company property
// with unique values, so a retry never makes a second company), then HubSpot's default
// contact-to-company association, which is the same link however often it is made.

/** The company's domain a lead names: its company domain, or its website's host. */
export function companyDomainOf(lead: Lead): string | undefined {
  if (lead.companyDomain) return lead.companyDomain.toLowerCase();
  if (!lead.website) return undefined;
  try {
    return new URL(lead.website).hostname.replace(/^www\./, '').toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

const upsertAnswerSchema = z.looseObject({
  results: z._default(z.array(z.looseObject({ id: z.string(), properties: z._default(z.record(z.string(), z.unknown()), {}) })), []),
  errors: z._default(z.array(z.looseObject({ message: z._default(z.string(), 'HubSpot refused this company'), context: z.optional(z.record(z.string(), z.array(z.string()))) })), []),
});

const associateAnswerSchema = z.looseObject({
  results: z._default(z.array(z.looseObject({ from: z.looseObject({ id: z.string() }), to: z.looseObject({ id: z.string() }) })), []),
  errors: z._default(z.array(z.looseObject({ message: z._default(z.string(), ''), context: z.optional(z.record(z.string(), z.array(z.string()))) })), []),
});

/** HubSpot's message about a link that was not made: the error naming either end, else the first. */
function linkError(errors: ReadonlyArray<{ message: string; context?: Record<string, string[]> }>, contactId: string, companyId: string): string | undefined {
  const naming = errors.find((error) => Object.values(error.context ?? {}).some((ids) => ids.includes(contactId) || ids.includes(companyId)));
  return (naming ?? errors[0])?.message;
}

export type SavedContact = { lead: Lead; contactId: string };

/** What linking came to for the leads: refused companies (the rep must look), leads to send again. */
export type CompanyLinks = { refused: LeadResult[]; notLinked: Set<string> };

/**
 * Links the saved contacts to their companies. Returns the leads whose company HubSpot refused and
 * those not linked yet, or what a failed request means for the whole batch: its contacts are
 * upserts, so the engine may send them all again.
 */
export async function linkCompanies(contacts: readonly SavedContact[], settings: HubspotSettings, keyProperty: string, signal: AbortSignal): Promise<CompanyLinks | HubspotFailure> {
  const withDomain = contacts.flatMap((contact) => {
    const domain = companyDomainOf(contact.lead);
    return domain ? [{ ...contact, domain }] : [];
  });
  if (withDomain.length === 0) return { refused: [], notLinked: new Set() };
  const companies = new Map<string, string | undefined>();
  for (const { lead, domain } of withDomain) if (!companies.has(domain)) companies.set(domain, lead.company);
  const inputs = [...companies].map(([domain, name]) => ({ idProperty: keyProperty, id: domain, properties: { domain, [keyProperty]: domain, ...(name ? { name } : {}) } }));
  const upserted = await hubspotPost(settings, '/crm/v3/objects/companies/batch/upsert', { inputs }, signal);
  if (!upserted.ok) return upserted.failure;
  const answer = upsertAnswerSchema.safeParse(upserted.body);
  const companyIds = new Map<string, string>();
  const refused = new Map<string, string>();
  for (const result of answer.data?.results ?? []) companyIds.set(String(result.properties[keyProperty] ?? result.properties.domain ?? '').toLowerCase(), result.id);
  for (const error of answer.data?.errors ?? []) for (const domain of error.context?.ids ?? []) refused.set(domain.toLowerCase(), keptText(error.message, 300));

  const pairs = withDomain.flatMap(({ contactId, domain }) => {
    const companyId = companyIds.get(domain);
    return companyId ? [{ from: { id: contactId }, to: { id: companyId } }] : [];
  });
  const linkedPairs = new Set<string>();
  let linkErrors: z.infer<typeof associateAnswerSchema>['errors'] = [];
  if (pairs.length > 0) {
    const linked = await hubspotPost(settings, '/crm/v4/associations/contacts/companies/batch/associate/default', { inputs: pairs }, signal);
    if (!linked.ok) return linked.failure;
    // A 2xx answer can still leave links out, with errors (a multi-status answer): the rest were made.
    const answer = associateAnswerSchema.safeParse(linked.body);
    if (answer.success && (answer.data.results.length > 0 || answer.data.errors.length > 0)) {
      for (const result of answer.data.results) linkedPairs.add(`${result.from.id}|${result.to.id}`);
      linkErrors = answer.data.errors;
    } else {
      // An answer that lists nothing (not HubSpot's documented shape) is taken as every link made.
      for (const pair of pairs) linkedPairs.add(`${pair.from.id}|${pair.to.id}`);
    }
  }
  const links: CompanyLinks = { refused: [], notLinked: new Set() };
  for (const { lead, contactId, domain } of withDomain) {
    const reason = refused.get(domain);
    const companyId = companyIds.get(domain);
    if (reason) links.refused.push({ id: lead.id, ok: false, message: `Saved as a contact, but HubSpot refused the company ${domain}: ${reason}` });
    // Neither saved nor refused: sent again, like any lead an answer does not mention.
    else if (!companyId) links.notLinked.add(lead.id);
    else if (!linkedPairs.has(`${contactId}|${companyId}`)) {
      const message = linkError(linkErrors, contactId, companyId);
      // HubSpot said why it did not link them: the rep must look. Without a reason, the link is tried again.
      if (message) links.refused.push({ id: lead.id, ok: false, message: `Saved as a contact, but HubSpot did not link it to the company ${domain}: ${keptText(message, 300)}` });
      else links.notLinked.add(lead.id);
    }
  }
  return links;
}
