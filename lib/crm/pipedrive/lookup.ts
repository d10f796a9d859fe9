import * as z from 'zod/mini';
import { keptMatches, MAX_MATCHES, type CrmMatch, type PersonLookup } from '../lookup';
import { pipedriveCall } from './http';
import type { PipedriveSettings } from './settings';

// "Already in Pipedrive?": the persons search (API v2) by email, and by the person field that keeps
// the LinkedIn profile when the settings name one; each person's owner by name, and a link. A
// match's id is `person:<id>`: saving makes a Pipedrive lead for that person, not a second person.

const searchSchema = z.looseObject({
  items: z._default(
    z.array(
      z.looseObject({
        item: z.looseObject({
          id: z.number(),
          name: z.optional(z.nullable(z.string())),
          owner: z.optional(z.nullable(z.looseObject({ id: z.optional(z.number()) }))),
          organization: z.optional(z.nullable(z.looseObject({ name: z.optional(z.nullable(z.string())) }))),
        }),
      }),
    ),
    [],
  ),
});
const userSchema = z.looseObject({ name: z.optional(z.string()) });

/** The `crmId` of a Pipedrive person a lookup matched, and back. */
export const personRecordId = (id: number) => `person:${id}`;
export const personIdOf = (crmId: string | undefined) => (crmId && /^person:\d{1,15}$/.test(crmId) ? Number(crmId.slice(7)) : undefined);

/**
 * A person in Pipedrive's web app: on the company's own address when the settings use it
 * (https://acme.pipedrive.com), else on app.pipedrive.com, which opens the signed-in company's.
 */
export function pipedrivePersonUrl(settings: PipedriveSettings, personId: number): string {
  const host = new URL(settings.baseUrl).hostname;
  const own = /^[a-z0-9-]+\.pipedrive\.com$/i.test(host) && host !== 'api.pipedrive.com';
  return `https://${own ? host : 'app.pipedrive.com'}/person/${personId}`;
}

async function search(settings: PipedriveSettings, term: string, fields: string, signal: AbortSignal) {
  return pipedriveCall(settings, 'GET', `/api/v2/persons/search?term=${encodeURIComponent(term)}&fields=${fields}&exact_match=true&limit=${MAX_MATCHES}`, undefined, signal);
}

export const pipedriveLookup: PersonLookup<PipedriveSettings> = async (person, settings, signal) => {
  const searches = [
    ...(person.email ? [[person.email, 'email']] : []),
    ...(person.linkedinUrl && settings.linkedinField ? [[person.linkedinUrl, 'custom_fields']] : []),
  ];
  if (searches.length === 0) return { ok: false, unsupported: true };
  const found: Array<z.infer<typeof searchSchema>['items'][number]['item']> = [];
  for (const [term, fields] of searches) {
    const answer = await search(settings, term!, fields!, signal);
    if (!answer.ok) return { ok: false, reason: answer.result.error };
    found.push(...(searchSchema.safeParse(answer.data).data?.items.map(({ item }) => item) ?? []));
  }
  if (found.length === 0) return { ok: true, matches: [] };
  const owners = new Map<number, string | undefined>();
  for (const id of new Set(found.map((item) => item.owner?.id).filter((id): id is number => typeof id === 'number'))) {
    const user = await pipedriveCall(settings, 'GET', `/v1/users/${id}`, undefined, signal);
    owners.set(id, user.ok ? userSchema.safeParse(user.data).data?.name : undefined);
  }
  const matches: CrmMatch[] = found.map((item) => ({
    crmId: personRecordId(item.id),
    url: pipedrivePersonUrl(settings, item.id),
    fullName: item.name ?? undefined,
    company: item.organization?.name ?? undefined,
    owner: item.owner?.id !== undefined ? owners.get(item.owner.id) : undefined,
  }));
  return { ok: true, matches: keptMatches(matches) };
};
