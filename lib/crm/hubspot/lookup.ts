import * as z from 'zod/mini';
import { lookupFailure, lookupFetchFailure } from '../http';
import { joinedName, keptMatches, MAX_MATCHES, type PersonLookup } from '../lookup';
import { HUBSPOT_CREDENTIAL, hubspotCall } from './http';
import type { HubspotSettings } from './settings';

// "Already in HubSpot?": the contacts search by email, and by the LinkedIn URL property when the
// settings name one; each contact's owner from the owners API; links on the account's own domain.

const searchAnswerSchema = z.looseObject({
  results: z._default(
    z.array(z.looseObject({ id: z.string(), updatedAt: z.optional(z.string()), properties: z._default(z.record(z.string(), z.nullish(z.string())), {}) })),
    [],
  ),
});
const portalSchema = z.looseObject({ portalId: z.number(), uiDomain: z._default(z.string().check(z.regex(/^[a-z0-9.-]+\.hubspot\.com$/)), 'app.hubspot.com') });
const ownerSchema = z.looseObject({ firstName: z.optional(z.string()), lastName: z.optional(z.string()), email: z.optional(z.string()) });

type Portal = { portalId: number; uiDomain: string };
/**
 * The account each token belongs to, learnt once per worker: it does not change. A token HubSpot
 * answered without it (no scope for account details) is kept as null, so that every batch of a
 * sync does not ask again; a network failure is not kept.
 */
const portals = new Map<string, Portal | null>();

/** The HubSpot account of these settings' token (its id and web app domain, for record links), or undefined. */
export async function hubspotPortal(settings: HubspotSettings, signal: AbortSignal): Promise<Portal | undefined> {
  const known = portals.get(settings.accessToken);
  if (known !== undefined) return known ?? undefined;
  let response: Response;
  try {
    response = await hubspotCall(settings, '/account-info/v3/details', { method: 'GET' }, signal);
  } catch {
    return undefined;
  }
  const parsed = response.ok ? portalSchema.safeParse(await response.json().catch(() => null)) : undefined;
  // A 429 or a 5xx says nothing of the token: asked again next time.
  if (!parsed?.success && (response.status === 429 || response.status >= 500)) return undefined;
  portals.set(settings.accessToken, parsed?.success ? parsed.data : null);
  return parsed?.success ? parsed.data : undefined;
}

/** A contact in HubSpot's web app. */
export function hubspotContactUrl(portal: Portal, contactId: string): string {
  return `https://${portal.uiDomain}/contacts/${portal.portalId}/record/0-1/${encodeURIComponent(contactId)}`;
}

async function ownerName(settings: HubspotSettings, ownerId: string, signal: AbortSignal): Promise<string | undefined> {
  if (!/^\d{1,12}$/.test(ownerId)) return undefined;
  try {
    const response = await hubspotCall(settings, `/crm/v3/owners/${ownerId}`, { method: 'GET' }, signal);
    if (!response.ok) return undefined;
    const owner = ownerSchema.safeParse(await response.json());
    return owner.success ? joinedName(owner.data.firstName, owner.data.lastName) ?? owner.data.email : undefined;
  } catch {
    return undefined;
  }
}

export const hubspotLookup: PersonLookup<HubspotSettings> = async (query, settings, signal) => {
  const filterGroups = [
    ...(query.email ? [{ filters: [{ propertyName: 'email', operator: 'EQ', value: query.email }] }] : []),
    ...(query.linkedinUrl && settings.linkedinProperty ? [{ filters: [{ propertyName: settings.linkedinProperty, operator: 'EQ', value: query.linkedinUrl }] }] : []),
  ];
  // Only a LinkedIn profile, and no property keeps them: HubSpot cannot be asked.
  if (filterGroups.length === 0) return { ok: false, unsupported: true };
  let response: Response;
  try {
    response = await hubspotCall(
      settings,
      '/crm/v3/objects/contacts/search',
      { method: 'POST', body: JSON.stringify({ filterGroups, properties: ['firstname', 'lastname', 'company', 'hubspot_owner_id', 'lastmodifieddate'], limit: MAX_MATCHES }) },
      signal,
    );
  } catch (error) {
    return lookupFetchFailure(error);
  }
  if (!response.ok) return lookupFailure(response, HUBSPOT_CREDENTIAL);
  const answer = searchAnswerSchema.safeParse(await response.json().catch(() => null));
  if (!answer.success) return { ok: false, reason: 'HubSpot answered the search with something unexpected' };
  const contacts = answer.data.results.slice(0, MAX_MATCHES);
  if (contacts.length === 0) return { ok: true, matches: [] };
  const portal = await hubspotPortal(settings, signal);
  const owners = new Map<string, string | undefined>();
  for (const id of new Set(contacts.map((contact) => contact.properties.hubspot_owner_id).filter((id): id is string => !!id))) {
    owners.set(id, await ownerName(settings, id, signal));
  }
  return {
    ok: true,
    matches: keptMatches(
      contacts.map(({ id, updatedAt, properties }) => ({
        crmId: id,
        url: portal ? hubspotContactUrl(portal, id) : undefined,
        fullName: joinedName(properties.firstname, properties.lastname),
        company: properties.company ?? undefined,
        owner: properties.hubspot_owner_id ? owners.get(properties.hubspot_owner_id) : undefined,
        updatedAt: properties.lastmodifieddate ?? updatedAt,
      })),
    ),
  };
};
