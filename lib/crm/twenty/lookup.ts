import * as z from 'zod/mini';
import { lookupFailure, lookupFetchFailure } from '../http';
import { joinedName, keptMatches, MAX_MATCHES, type PersonLookup } from '../lookup';
import { twentyHeaders, twentyUrl } from './http';
import type { TwentySettings } from './settings';

// "Already in Twenty?": people filtered by primary email or LinkedIn link, with their company
// (depth 1); links on the workspace's app. Twenty's people have no owner field.

const peopleSchema = z.looseObject({
  data: z.looseObject({
    people: z._default(
      z.array(
        z.looseObject({
          id: z.string(),
          name: z.optional(z.nullable(z.looseObject({ firstName: z.optional(z.nullable(z.string())), lastName: z.optional(z.nullable(z.string())) }))),
          company: z.optional(z.nullable(z.looseObject({ name: z.optional(z.nullable(z.string())) }))),
          updatedAt: z.optional(z.nullable(z.string())),
        }),
      ),
      [],
    ),
  }),
});

/** A person in Twenty's web app: the cloud's API (api.twenty.com) is answered at app.twenty.com, a self-hosted server at its own address. */
export function twentyPersonUrl(settings: TwentySettings, id: string): string {
  const app = new URL(settings.baseUrl);
  if (app.hostname === 'api.twenty.com') app.hostname = 'app.twenty.com';
  return `${app.origin}/object/person/${encodeURIComponent(id)}`;
}

/** A value in a Twenty REST filter: double-quoted, its quotes and backslashes escaped. */
export const filterValue = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export const twentyLookup: PersonLookup<TwentySettings> = async (person, settings, signal) => {
  const conditions = [
    ...(person.email ? [`emails.primaryEmail[eq]:${filterValue(person.email)}`] : []),
    ...(person.linkedinUrl ? [`linkedinLink.primaryLinkUrl[eq]:${filterValue(person.linkedinUrl)}`] : []),
  ];
  if (conditions.length === 0) return { ok: false, unsupported: true };
  const filter = conditions.length === 1 ? conditions[0]! : `or(${conditions.join(',')})`;
  let response: Response;
  try {
    response = await fetch(twentyUrl(settings, `/rest/people?filter=${encodeURIComponent(filter)}&limit=${MAX_MATCHES}&depth=1`), {
      method: 'GET',
      headers: twentyHeaders(settings),
      credentials: 'omit',
      signal,
    });
  } catch (error) {
    return lookupFetchFailure(error);
  }
  if (!response.ok) return lookupFailure(response, 'the API key');
  const answer = peopleSchema.safeParse(await response.json().catch(() => null));
  if (!answer.success) return { ok: false, reason: 'Twenty answered with something unexpected' };
  return {
    ok: true,
    matches: keptMatches(
      answer.data.data.people.map((found) => ({
        crmId: found.id,
        url: twentyPersonUrl(settings, found.id),
        fullName: joinedName(found.name?.firstName, found.name?.lastName),
        company: found.company?.name ?? undefined,
        updatedAt: found.updatedAt ?? undefined,
      })),
    ),
  };
};
