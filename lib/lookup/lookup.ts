import type { Crm } from '../crm/connector';
import type { CrmMatch, LookupOutcome, PersonQuery } from '../crm/lookup';
import { canonicalLinkedinProfileUrl } from '../lead/linkedin-url';
import type { OutboxDb } from '../outbox/db';

// "Already in your CRM?", in the service worker: answers come from a day-long cache in IndexedDB
// (shown offline too) or from the CRM, through its connector and its rate limiter. It never throws,
// and nothing waits for it: the panel shows what it says when it comes.

/** How long an answer is shown without asking the CRM again. */
export const LOOKUP_TTL_MS = 24 * 60 * 60_000;
/** A lookup the CRM has not answered by then is given up ("Could not check"). */
const LOOKUP_TIMEOUT_MS = 10_000;

export type LookupDeps = {
  db: OutboxDb;
  /** The CRM set up, and its kind (part of the cache key), or null. */
  crm: { kind: string; crm: Crm } | null;
  online: () => boolean;
  now?: () => number;
};

/** The cache keys of a query: its email (any case) and its LinkedIn profile, each under the CRM's kind. */
export function lookupKeys(kind: string, query: PersonQuery): string[] {
  const keys: string[] = [];
  const email = query.email?.trim().toLowerCase();
  const linkedin = query.linkedinUrl ? canonicalLinkedinProfileUrl(query.linkedinUrl) : null;
  if (email) keys.push(`${kind}:email:${email}`);
  if (linkedin) keys.push(`${kind}:linkedin:${linkedin}`);
  return keys;
}

function outcomeOf(matches: CrmMatch[], checkedAt: number): LookupOutcome {
  return matches.length > 0 ? { status: 'found', matches, checkedAt } : { status: 'none', checkedAt };
}

/** Lookups on their way, by key: the same person asked for twice waits for one answer. */
const inFlight = new Map<string, Promise<LookupOutcome>>();

export async function lookUpPerson(query: PersonQuery, { db, crm, online, now = Date.now }: LookupDeps): Promise<LookupOutcome> {
  if (!crm) return { status: 'off' };
  const keys = lookupKeys(crm.kind, query);
  if (keys.length === 0) return { status: 'off' };
  const cached = (await db.crmLookups.bulkGet(keys).catch(() => [])).filter((row) => row && now() - row.at < LOOKUP_TTL_MS);
  // A record found by either key is shown; else "not in the CRM", by either.
  const hit = cached.find((row) => row!.matches.length > 0) ?? cached[0];
  if (hit) return outcomeOf(hit.matches, hit.at);
  if (!online()) return { status: 'offline' };
  const key = keys.join('|');
  const running = inFlight.get(key);
  if (running) return running;
  const asking = ask(query, keys, crm.crm, db, now).finally(() => inFlight.delete(key));
  inFlight.set(key, asking);
  return asking;
}

async function ask(query: PersonQuery, keys: string[], crm: Crm, db: OutboxDb, now: () => number): Promise<LookupOutcome> {
  const answer = await crm.lookup(query, AbortSignal.timeout(LOOKUP_TIMEOUT_MS)).catch((error: unknown) => ({
    ok: false as const,
    reason: error instanceof Error ? error.message : String(error),
  }));
  if (!answer.ok) return 'unsupported' in answer ? { status: 'off' } : { status: 'failed', reason: answer.reason };
  const at = now();
  // Kept under each key the query had: the same person typed by email or by profile is found again.
  await db.crmLookups.bulkPut(keys.map((key) => ({ key, at, matches: answer.matches }))).catch(() => {});
  // Rows are only added here, so dropping the stale ones here too keeps the table a day's size.
  await dropOldLookups(db, at).catch(() => {});
  return outcomeOf(answer.matches, at);
}

/** Answers older than a day are of no use: dropped (after each new answer is kept). */
export function dropOldLookups(db: OutboxDb, now = Date.now()): Promise<number> {
  return db.crmLookups.where('at').below(now - LOOKUP_TTL_MS).delete();
}
