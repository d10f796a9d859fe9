import * as z from 'zod/mini';
import { dealNameOf } from '../../lead/describe';
import type { Lead } from '../../lead/schema';
import { withoutLeads, type SendResult } from '../connector';
import { isoTime, outcomeFailureOf, outcomeOfDeals, type CrmOutcome, type DealState, type OutcomeRead, type OutcomeStage } from '../outcomes';
import { mappedStage } from '../stage-map';
import { stageMapOf } from '../stage-map-defaults';
import { hubspotPost, type HubspotFailure } from './http';
import type { HubspotSettings } from './settings';

// HubSpot's deals, both ways (the Deals API addresses deals by their object type id, 0-3):
// - "Create a deal for leads with an opportunity size": after the contacts, each lead with a size
//   gets a deal with that amount and currency in the pipeline and stage the settings name,
//   associated with its contact. A contact that has a deal of that name already (an earlier
//   attempt's, whose answer was lost) gets none: a retry never makes a second deal.
// - Where a lead stands: its contact's lifecycle stage and the stage of every deal associated with
//   it, the furthest through the stage map (defaults: HubSpot's default sales pipeline; closed won
//   and closed lost deals count as such in any pipeline), a won deal's amount.

const refusedAs = (error: string) => `Saved in HubSpot without its deal: ${error}`;

/** Deal to contact, HubSpot-defined (Associations v4). */
const DEAL_TO_CONTACT = 3;
/** Ids per batch read: HubSpot's batch limit. */
const BATCH = 100;

/** The name of a lead's deal (lib/lead/describe.ts), by which an existing deal is found again. */
export const hubspotDealName = dealNameOf;

const associationsSchema = z.looseObject({
  results: z._default(z.array(z.looseObject({ from: z.looseObject({ id: z.string() }), to: z._default(z.array(z.looseObject({ toObjectId: z.union([z.string(), z.number()]) })), []) })), []),
});
const objectsSchema = z.looseObject({
  results: z._default(z.array(z.looseObject({ id: z.string(), properties: z._default(z.record(z.string(), z.nullable(z.string())), {}) })), []),
});

type Objects = z.infer<typeof objectsSchema>['results'];

/** Each contact's deal ids. */
async function dealsOfContacts(contactIds: readonly string[], settings: HubspotSettings, signal: AbortSignal): Promise<Map<string, string[]> | HubspotFailure> {
  const deals = new Map<string, string[]>();
  for (let start = 0; start < contactIds.length; start += BATCH) {
    const inputs = contactIds.slice(start, start + BATCH).map((id) => ({ id }));
    const answer = await hubspotPost(settings, '/crm/v4/associations/contacts/deals/batch/read', { inputs }, signal);
    if (!answer.ok) return answer.failure;
    for (const result of associationsSchema.safeParse(answer.body).data?.results ?? []) deals.set(result.from.id, result.to.map((to) => String(to.toObjectId)));
  }
  return deals;
}

/** Objects of one type by id, with these properties. */
async function readObjects(path: string, ids: readonly string[], properties: string[], settings: HubspotSettings, signal: AbortSignal): Promise<Objects | HubspotFailure> {
  const found: Objects = [];
  for (let start = 0; start < ids.length; start += BATCH) {
    const inputs = ids.slice(start, start + BATCH).map((id) => ({ id }));
    const answer = await hubspotPost(settings, path, { inputs, properties, propertiesWithHistory: [] }, signal);
    if (!answer.ok) return answer.failure;
    found.push(...(objectsSchema.safeParse(answer.body).data?.results ?? []));
  }
  return found;
}

/**
 * Creates the deal of each delivered lead that has a size, unless its contact has a deal of that
 * name. A lead whose deal could not be made is sent again (or, refused, needs attention).
 */
export async function withDeals(result: SendResult, leads: readonly Lead[], settings: HubspotSettings, signal: AbortSignal): Promise<SendResult> {
  if (result.kind !== 'delivered' || !settings.createDeals) return result;
  const contactOf = new Map(result.results.flatMap((r) => (r.ok && r.crmId ? [[r.id, r.crmId] as const] : [])));
  const sized = leads.filter((lead) => lead.opportunity && contactOf.has(lead.id));
  if (!sized.length) return result;
  const failed = (failure: HubspotFailure) => withoutLeads(result, sized, failure, refusedAs);
  const deals = await dealsOfContacts(sized.map((lead) => contactOf.get(lead.id)!), settings, signal);
  if (!(deals instanceof Map)) return failed(deals);
  const dealIds = [...new Set([...deals.values()].flat())];
  const named = dealIds.length ? await readObjects('/crm/v3/objects/0-3/batch/read', dealIds, ['dealname'], settings, signal) : [];
  if (!Array.isArray(named)) return failed(named);
  const nameOf = new Map(named.map((deal) => [deal.id, deal.properties.dealname ?? '']));
  const missing = sized.filter((lead) => !(deals.get(contactOf.get(lead.id)!) ?? []).some((id) => nameOf.get(id) === hubspotDealName(lead)));
  if (!missing.length) return result;
  const inputs = missing.map((lead) => ({
    properties: {
      dealname: hubspotDealName(lead),
      amount: String(lead.opportunity!.amount),
      deal_currency_code: lead.opportunity!.currency,
      pipeline: settings.dealPipeline,
      dealstage: settings.dealStage,
    },
    associations: [{ to: { id: contactOf.get(lead.id)! }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: DEAL_TO_CONTACT }] }],
  }));
  const created = await hubspotPost(settings, '/crm/v3/objects/0-3/batch/create', { inputs }, signal);
  if (!created.ok) return withoutLeads(result, missing, created.failure, refusedAs);
  const errors = z.looseObject({ errors: z._default(z.array(z.looseObject({ message: z.string() })), []) }).safeParse(created.body).data?.errors ?? [];
  // A 207's errors do not say which input they are about (HubSpot does not promise to echo one): the
  // batch's leads need attention, with HubSpot's message (a wrong pipeline or stage in the
  // settings, most likely). Sent again after the rep fixes it, a deal made this time is not made twice.
  return errors.length ? withoutLeads(result, missing, { kind: 'refused', error: errors[0]!.message }, refusedAs) : result;
}

const DEAL_PROPERTIES = ['dealstage', 'amount', 'deal_currency_code', 'closedate', 'hs_is_closed_won', 'hs_is_closed', 'hs_lastmodifieddate'];


export const hubspotOutcomes: OutcomeRead<HubspotSettings> = {
  batchSize: BATCH,
  available: () => true,
  async read(leads, settings, signal) {
    const contactOf = new Map(leads.flatMap((lead) => (lead.crmId && /^\d{1,20}$/.test(lead.crmId) ? [[lead.id, lead.crmId] as const] : [])));
    if (!contactOf.size) return { ok: true, outcomes: [] };
    const contacts = await readObjects('/crm/v3/objects/contacts/batch/read', [...new Set(contactOf.values())], ['lifecyclestage'], settings, signal);
    if (!Array.isArray(contacts)) return outcomeFailureOf(contacts);
    const deals = await dealsOfContacts([...new Set(contactOf.values())], settings, signal);
    if (!(deals instanceof Map)) return outcomeFailureOf(deals);
    const dealIds = [...new Set([...deals.values()].flat())];
    const dealRecords = dealIds.length ? await readObjects('/crm/v3/objects/0-3/batch/read', dealIds, DEAL_PROPERTIES, settings, signal) : [];
    if (!Array.isArray(dealRecords)) return outcomeFailureOf(dealRecords);
    const map = stageMapOf('hubspot', settings.stageMap);
    const lifecycle = new Map(contacts.map((contact) => [contact.id, contact.properties.lifecyclestage]));
    const dealById = new Map(dealRecords.map((deal) => [deal.id, deal.properties]));
    const outcomes: CrmOutcome[] = [];
    for (const lead of leads) {
      const contactId = contactOf.get(lead.id);
      // A contact HubSpot no longer has (merged away, deleted) is left out.
      if (!contactId || !lifecycle.has(contactId)) continue;
      const states = (deals.get(contactId) ?? []).flatMap((id): DealState[] => {
        const deal = dealById.get(id);
        if (!deal) return [];
        const stage: OutcomeStage = deal.hs_is_closed_won === 'true' ? 'won' : deal.hs_is_closed === 'true' ? 'lost' : mappedStage(map, deal.dealstage);
        const wonAt = stage === 'won' ? isoTime(deal.closedate) : undefined;
        const changedAt = isoTime(deal.hs_lastmodifieddate);
        return [{ stage, amount: Number(deal.amount), ...(deal.deal_currency_code ? { currency: deal.deal_currency_code } : {}), ...(wonAt ? { wonAt } : {}), ...(changedAt ? { changedAt } : {}) }];
      });
      outcomes.push(outcomeOfDeals(lead.id, states, mappedStage(map, lifecycle.get(contactId))));
    }
    return { ok: true, outcomes };
  },
};
