import * as z from 'zod/mini';
import { answersInWords, badgeInWords, cityAndCountry, opportunityInWords, sourceInWords } from '../../lead/describe';
import { keptText } from '../../lead/kept-text';
import type { Lead } from '../../lead/schema';
import type { CrmConnector, LeadResult, SendResult } from '../connector';
import { linkCompanies } from './companies';
import { hubspotOutcomes, withDeals } from './deals';
import { hubspotPost } from './http';
import { hubspotContactUrl, hubspotLookup, hubspotPortal } from './lookup';
import { contactsCreatedBefore, worthLookingFor } from './search';
import type { HubspotSettings } from './settings';

// HubSpot, with a private app's access token (scopes: crm.objects.contacts.read and .write, and
// crm.objects.companies.read and .write to link companies).
// A contact HubSpot has (its id kept as the lead's crmId) is updated by that id. Others with an
// email are upserted by email; without one, upserted by the lead's id in the unique "lead id
// property" when the settings name one, else created, their HubSpot id kept for later updates (a
// retry with no id first looks for the contact a lost or unclear answer left: search.ts).
// With a company key property, each contact is linked to its company (companies.ts).

const BATCH_LIMIT = 100;

/**
 * HubSpot's search finds a new contact only some seconds after it was made. A create whose answer
 * was lost may have made contacts: it is sent again no sooner than this, so that the search the
 * retry starts with can find them.
 */
export const SEARCH_CATCH_UP_MS = 30_000;

/** A lead as a HubSpot contact's properties. */
export function hubspotContactFromLead(lead: Lead, settings: HubspotSettings): Record<string, string> {
  const { city, country } = cityAndCountry(lead.location);
  const properties: Record<string, string | undefined> = {
    email: lead.email,
    firstname: lead.firstName,
    lastname: lead.lastName,
    jobtitle: lead.title,
    company: lead.company,
    phone: lead.phone,
    website: lead.website ?? (lead.companyDomain ? `https://${lead.companyDomain}` : undefined),
    city,
    country,
    // A value left blank is not sent: HubSpot keeps its own.
    hs_lead_status: settings.leadStatusValues[lead.qualification.level] || undefined,
    message: [sourceInWords(lead), opportunityInWords(lead), answersInWords(lead), badgeInWords(lead), lead.linkedinUrl, lead.notes].filter(Boolean).join('\n') || undefined,
    ...(settings.leadSourceProperty ? { [settings.leadSourceProperty]: settings.sourceValues[lead.source.kind] || undefined } : {}),
    ...(settings.leadIdProperty ? { [settings.leadIdProperty]: lead.id } : {}),
    ...(settings.linkedinProperty ? { [settings.linkedinProperty]: lead.linkedinUrl } : {}),
    ...(settings.opportunityProperty && lead.opportunity ? { [settings.opportunityProperty]: String(lead.opportunity.amount) } : {}),
  };
  return Object.fromEntries(Object.entries(properties).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

const batchAnswerSchema = z.looseObject({
  results: z._default(z.array(z.looseObject({ id: z.string(), objectWriteTraceId: z.optional(z.string()), properties: z.optional(z.record(z.string(), z.unknown())) })), []),
  errors: z._default(
    z.array(
      z.looseObject({
        message: z._default(z.string(), 'HubSpot refused this contact'),
        context: z.optional(z.record(z.string(), z.array(z.string()))),
      }),
    ),
    [],
  ),
});

/**
 * Maps a batch answer onto the leads sent: results by the trace id each input carries (the lead's
 * id), which HubSpot may echo; else by the property the batch was keyed on, when it has one (the
 * email, the lead id property, the contact id). HubSpot marks the echo optional and its own example
 * answer has none, and it promises no order: a result matched by neither is not taken for any lead.
 * Errors name the inputs they are about by trace id.
 */
function readBatchAnswer(leads: readonly Lead[], body: unknown, keyOf: (lead: Lead) => string, keyProperty: string | undefined): LeadResult[] {
  const answer = batchAnswerSchema.safeParse(body);
  if (!answer.success) return [];
  const results: LeadResult[] = [];
  const byKey = new Map(leads.map((lead) => [keyOf(lead).toLowerCase(), lead]));
  const byId = new Map(leads.map((lead) => [lead.id, lead]));
  for (const result of answer.data.results) {
    const keyed = keyProperty ? result.properties?.[keyProperty] : undefined;
    const lead = (result.objectWriteTraceId && byId.get(result.objectWriteTraceId)) || (keyed !== undefined ? byKey.get(String(keyed).toLowerCase()) : undefined);
    if (lead) results.push({ id: lead.id, ok: true, crmId: result.id });
  }
  for (const error of answer.data.errors) {
    const named = [...(error.context?.objectWriteTraceId ?? []), ...(error.context?.ids ?? [])];
    for (const key of named) {
      const lead = byId.get(key) ?? byKey.get(key.toLowerCase());
      if (lead && !results.some((r) => r.id === lead.id)) results.push({ id: lead.id, ok: false, message: keptText(error.message, 500) });
    }
  }
  return results;
}

type Group = {
  path: string;
  leads: Lead[];
  input: (lead: Lead) => Record<string, unknown>;
  key: (lead: Lead) => string;
  /** The contact property an answer's result can be matched by when it carries no trace id; none for a create. */
  keyProperty: string | undefined;
};

async function sendGroup(group: Group, settings: HubspotSettings, signal: AbortSignal): Promise<SendResult> {
  const answer = await hubspotPost(settings, group.path, { inputs: group.leads.map(group.input) }, signal);
  if (!answer.ok) return answer.failure;
  return { kind: 'delivered', results: readBatchAnswer(group.leads, answer.body, group.key, group.keyProperty) };
}

/** Each synced contact with its link in HubSpot's web app, when the account is known. */
async function withLinks(result: SendResult, settings: HubspotSettings, signal: AbortSignal): Promise<SendResult> {
  if (result.kind !== 'delivered' || !result.results.some((r) => r.ok && r.crmId)) return result;
  const portal = await hubspotPortal(settings, signal);
  if (!portal) return result;
  return { ...result, results: result.results.map((r) => (r.ok && r.crmId ? { ...r, crmUrl: hubspotContactUrl(portal, r.crmId) } : r)) };
}

export const hubspotConnector: CrmConnector<HubspotSettings> = {
  batchSize: BATCH_LIMIT,
  lookup: hubspotLookup,
  outcomes: hubspotOutcomes,

  async send(leads, settings, signal) {
    const contacts = await sendContacts(leads, settings, signal);
    // Then, when the settings ask for it, a deal for each lead with an opportunity size.
    return withLinks(await withDeals(contacts, leads, settings, signal), settings, signal);
  },
};

async function sendContacts(leads: readonly Lead[], settings: HubspotSettings, signal: AbortSignal): Promise<SendResult> {
  // Each lead's properties, mapped once: a retried lead without email needs them to be looked for, then sent.
  const mapped = new Map(leads.map((lead) => [lead.id, hubspotContactFromLead(lead, settings)]));
  const properties = (lead: Lead) => mapped.get(lead.id) ?? hubspotContactFromLead(lead, settings);
  const { leadIdProperty } = settings;
  const withoutEmail = leads.filter((lead) => !lead.email);
  // Without the lead id property, a contact a lost answer left unknown is looked for before it is made again.
  let known = new Map<string, string>();
  if (!leadIdProperty) {
    const unsure = withoutEmail.filter((lead) => worthLookingFor(lead, properties(lead)));
    const found = unsure.length ? await contactsCreatedBefore(unsure, properties, settings, signal) : known;
    if (!(found instanceof Map)) return found;
    known = found;
  }
  const contactId = (lead: Lead) => lead.sync.crmId ?? known.get(lead.id);
  // A lead HubSpot has already (its contact id is kept) is updated by that id, whatever its email
  // is now: upserted by a new email (after a merge or an edit) it would become a second contact.
  const update: Group = {
    path: '/crm/v3/objects/contacts/batch/update',
    leads: leads.filter((lead) => contactId(lead)),
    input: (lead: Lead) => ({ id: contactId(lead), objectWriteTraceId: lead.id, properties: properties(lead) }),
    key: (lead: Lead) => contactId(lead) ?? lead.id,
    keyProperty: 'hs_object_id',
  };
  const unknown = leads.filter((lead) => !contactId(lead));
  const groups = ([
    update,
    {
      path: '/crm/v3/objects/contacts/batch/upsert',
      leads: unknown.filter((lead) => lead.email),
      input: (lead: Lead) => ({ idProperty: 'email', id: lead.email, objectWriteTraceId: lead.id, properties: properties(lead) }),
      key: (lead: Lead) => lead.email ?? lead.id,
      keyProperty: 'email',
    },
    leadIdProperty
      ? {
          path: '/crm/v3/objects/contacts/batch/upsert',
          leads: unknown.filter((lead) => !lead.email),
          input: (lead: Lead) => ({ idProperty: leadIdProperty, id: lead.id, objectWriteTraceId: lead.id, properties: properties(lead) }),
          key: (lead: Lead) => lead.id,
          keyProperty: leadIdProperty,
        }
      : {
          path: '/crm/v3/objects/contacts/batch/create',
          leads: unknown.filter((lead) => !lead.email),
          input: (lead: Lead) => ({ objectWriteTraceId: lead.id, properties: properties(lead), associations: [] }),
          key: (lead: Lead) => lead.id,
          keyProperty: undefined,
        },
  ] satisfies Group[]).filter((group) => group.leads.length > 0);

  // The first failing request decides for what was not delivered yet; leads an answer does not
  // mention are sent again by the engine.
  const results: LeadResult[] = [];
  // Contacts a create may have made without saying which: sent again only once search can find them.
  let createdUnsure = false;
  for (const group of groups) {
    const result = await sendGroup(group, settings, signal);
    if (result.kind !== 'delivered') {
      const wait = result.kind === 'retry' && group.path.endsWith('/batch/create') ? { retryAfterMs: Math.max(result.retryAfterMs ?? 0, SEARCH_CATCH_UP_MS) } : {};
      return results.length ? { kind: 'delivered', results, ...wait } : { ...result, ...wait };
    }
    results.push(...result.results);
    // A create answered without telling which result is which lead: those leads are not marked
    // synced. Their retry first asks HubSpot's search for them (hubspot/search.ts), as after a lost answer.
    if (group.path.endsWith('/batch/create') && group.leads.some((lead) => !result.results.some((r) => r.id === lead.id))) createdUnsure = true;
  }
  const unsure = createdUnsure ? { retryAfterMs: SEARCH_CATCH_UP_MS } : {};
  if (!settings.companyKeyProperty) return { kind: 'delivered', results, ...unsure };

  // Then each saved contact's company, found or made by domain, and linked to it. Every contact
  // was an upsert (the settings require the lead id property), so a failure here may send the
  // whole batch again.
  const byId = new Map(leads.map((lead) => [lead.id, lead]));
  const saved = results.flatMap((result) => (result.ok && result.crmId && byId.get(result.id) ? [{ lead: byId.get(result.id)!, contactId: result.crmId }] : []));
  const links = await linkCompanies(saved, settings, settings.companyKeyProperty, signal);
  if ('kind' in links) return links;
  const refused = new Map(links.refused.map((result) => [result.id, result]));
  return {
    kind: 'delivered',
    results: results.flatMap((result) => (links.notLinked.has(result.id) ? [] : [refused.get(result.id) ?? result])),
  };
}
