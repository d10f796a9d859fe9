import * as z from 'zod/mini';
import type { Lead } from '../../lead/schema';
import { CLOCK_SLACK_MS } from '../connector';
import { hubspotPost, type HubspotFailure } from './http';
import { RollingWindow } from '../rate-limit';
import type { HubspotSettings } from './settings';

// Without a lead id property, a contact without an email is created, and only HubSpot's answer
// tells which contact that was. When that answer is lost (timeout, dropped connection, "stored,
// then answered 500"), the contact may exist all the same. So before a lead sent before is created
// again, HubSpot's search is asked for a contact with its name and company created since the lead
// was captured. HubSpot's search sees a new contact only after a few seconds, so a failed create is
// sent again no sooner than SEARCH_CATCH_UP_MS (hubspot.ts); Sync now before then, or a slower index,
// can still create a second one (the lead id property closes that gap; docs/crms.md, HubSpot).

/** HubSpot's search limits: 5 filter groups (ORed) and 25 filters a request, 5 requests a second. */
const LEADS_PER_SEARCH = 5;
const searchLimiter = new RollingWindow(4, 1_000);

const MATCHED_PROPERTIES = ['firstname', 'lastname', 'company'] as const;

const searchAnswerSchema = z.looseObject({
  results: z._default(z.array(z.looseObject({ id: z.string(), properties: z._default(z.record(z.string(), z.nullish(z.string())), {}) })), []),
});

/** The contact properties a match must share with the lead, as they were sent. */
function matchedValues(properties: Record<string, string>): Array<[string, string]> {
  return MATCHED_PROPERTIES.flatMap((name) => (properties[name] ? [[name, properties[name]] as [string, string]] : []));
}

/**
 * Leads that may be in HubSpot already without Fieldclip knowing: sent before, and no HubSpot id
 * came back. Looked for only with a name and one more value (a last name, or a company): a first
 * name alone would find strangers.
 */
export function worthLookingFor(lead: Lead, properties: Record<string, string>): boolean {
  const name = Boolean(properties.firstname || properties.lastname);
  return lead.sync.attempts > 0 && !lead.sync.crmId && name && matchedValues(properties).length >= 2;
}

const same = (a: string | null | undefined, b: string) => (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

/**
 * HubSpot's ids of the contacts these leads already made, by lead id (a lead with none found is
 * left out), or what a failed search means for the batch. `propertiesOf` gives each lead's contact
 * properties as the connector sends them.
 */
export async function contactsCreatedBefore(
  leads: readonly Lead[],
  propertiesOf: (lead: Lead) => Record<string, string>,
  settings: HubspotSettings,
  signal: AbortSignal,
): Promise<Map<string, string> | HubspotFailure> {
  const found = new Map<string, string>();
  // The search ORs the groups: each lead takes the oldest contact that matches it, and none twice.
  const taken = new Set<string>();
  for (let i = 0; i < leads.length; i += LEADS_PER_SEARCH) {
    const group = leads.slice(i, i + LEADS_PER_SEARCH).map((lead) => ({ lead, values: matchedValues(propertiesOf(lead)), since: lead.createdAt - CLOCK_SLACK_MS }));
    await searchLimiter.take();
    const answer = await hubspotPost(
      settings,
      '/crm/v3/objects/contacts/search',
      {
        filterGroups: group.map(({ values, since }) => ({
          filters: [
            ...values.map(([propertyName, value]) => ({ propertyName, operator: 'EQ', value })),
            { propertyName: 'createdate', operator: 'GTE', value: String(since) },
          ],
        })),
        properties: [...MATCHED_PROPERTIES, 'createdate'],
        sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }],
        limit: 100,
      },
      signal,
    );
    if (!answer.ok) return answer.failure;
    const contacts = searchAnswerSchema.safeParse(answer.body).data?.results ?? [];
    for (const { lead, values, since } of group) {
      const contact = contacts.find(
        (candidate) =>
          !taken.has(candidate.id) &&
          values.every(([name, value]) => same(candidate.properties[name], value)) &&
          Date.parse(candidate.properties.createdate ?? '') >= since,
      );
      if (!contact) continue;
      taken.add(contact.id);
      found.set(lead.id, contact.id);
    }
  }
  return found;
}
