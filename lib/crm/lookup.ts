import * as z from 'zod/mini';
import { keptText } from '../lead/kept-text';
import { crmUrlSchema } from '../lead/schema';

// "Already in your CRM?": what every connector's read path takes and gives back. The service
// worker runs lookups (lib/lookup), with each CRM's own rate limiter, and caches the answers.

/** Who the rep is about to save: looked up by email, else by LinkedIn profile; the rest helps the CRM tell people apart. */
export type PersonQuery = {
  email?: string;
  linkedinUrl?: string;
  fullName?: string;
  company?: string;
  companyDomain?: string;
};

/** A record the CRM holds for that person. Text is the CRM's, kept as text and shown as text. */
export type CrmMatch = {
  crmId: string;
  /** The record in the CRM's own web app. */
  url?: string;
  fullName?: string;
  company?: string;
  owner?: string;
  /** ISO 8601. */
  updatedAt?: string;
};

export type LookupAnswer =
  | { ok: true; matches: CrmMatch[] }
  /** `reason` is said to the rep after "Could not check: ". */
  | { ok: false; reason: string }
  /** This CRM's settings give no way to look people up (a webhook without a Lookup URL). */
  | { ok: false; unsupported: true };

/** How a connector looks a person up; it never throws. */
export type PersonLookup<Settings> = (query: PersonQuery, settings: Settings, signal: AbortSignal) => Promise<LookupAnswer>;

/** What the capture form shows; `checkedAt` says how old a cached answer is. */
export type LookupOutcome =
  | { status: 'found'; matches: CrmMatch[]; checkedAt: number }
  | { status: 'none'; checkedAt: number }
  | { status: 'failed'; reason: string }
  | { status: 'offline' }
  /** No CRM is set up, or its settings give no way to look people up: nothing to show. */
  | { status: 'off' };

/** Matches shown, at most. */
export const MAX_MATCHES = 3;

const text = (max: number) => z.pipe(z.union([z.string(), z.number()]), z.transform((value) => keptText(String(value).replace(/\s+/g, ' ').trim(), max)));

const matchSchema = z.object({
  crmId: z.pipe(z.union([z.string().check(z.minLength(1), z.maxLength(200)), z.number()]), z.transform(String)),
  url: z.optional(z.catch(z.optional(crmUrlSchema), undefined)),
  fullName: z.optional(z.catch(z.optional(text(200)), undefined)),
  company: z.optional(z.catch(z.optional(text(200)), undefined)),
  owner: z.optional(z.catch(z.optional(text(200)), undefined)),
  updatedAt: z.optional(z.catch(z.optional(z.iso.datetime({ offset: true })), undefined)),
});

/** A match as Fieldclip keeps it: an id, and only well-formed, short text and links; else nothing. */
export function keptMatch(raw: unknown): CrmMatch | undefined {
  const parsed = matchSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  return Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined && value !== '')) as CrmMatch;
}

/** Up to MAX_MATCHES well-formed matches, each record once. */
export function keptMatches(raw: readonly unknown[]): CrmMatch[] {
  const seen = new Set<string>();
  const matches: CrmMatch[] = [];
  for (const item of raw) {
    const match = keptMatch(item);
    if (!match || seen.has(match.crmId)) continue;
    seen.add(match.crmId);
    matches.push(match);
    if (matches.length === MAX_MATCHES) break;
  }
  return matches;
}

/** A name from its parts, as CRMs store them. */
export function joinedName(...parts: Array<string | null | undefined>): string | undefined {
  return parts.filter((part) => typeof part === 'string' && part.trim()).join(' ').trim() || undefined;
}
