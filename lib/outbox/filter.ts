import type Dexie from 'dexie';
import type { Lead, SyncStatus } from '../lead/schema';
import { sourceKinds, waitingStatuses, type SourceKind } from '../lead/terms';
import type { OutboxDb } from './db';
import { wordsOf } from './search';
import type { WordIndex } from './word-index';

// Search and filters for the outbox list. Every criterion is answered by an index and gives a set
// of lead ids; the list is the leads in all sets, newest first. No lead is loaded to filter.

export const statusFilters = {
  waiting: { label: 'Waiting to sync', statuses: waitingStatuses },
  attention: { label: 'Needs attention', statuses: ['rejected'] },
  details: { label: 'Needs details', statuses: ['held'] },
  synced: { label: 'Synced', statuses: ['synced'] },
} as const satisfies Record<string, { label: string; statuses: readonly SyncStatus[] }>;

export const dateFilters = {
  today: 'Today',
  week: 'Last 7 days',
  month: 'Last 30 days',
} as const;

/** The list's search and filters; '' is "any". */
export type LeadFilter = {
  text: string;
  source: SourceKind | '';
  event: string;
  status: keyof typeof statusFilters | '';
  date: keyof typeof dateFilters | '';
};
export const noFilter: LeadFilter = { text: '', source: '', event: '', status: '', date: '' };

/** The longest search or event name a filter holds (the search box's own limit). */
export const FILTER_TEXT_MAX = 200;

const offered = (choices: readonly string[], value: string) => (choices.includes(value) ? value : '');

/**
 * The filter with one criterion set as the list's controls set it: text cut to its limit, a
 * source, status or date the list does not offer taken as "any".
 */
export function withCriterion(filter: LeadFilter, field: keyof LeadFilter, value: string): LeadFilter {
  const criteria = {
    text: () => ({ text: value.slice(0, FILTER_TEXT_MAX) }),
    event: () => ({ event: value.slice(0, FILTER_TEXT_MAX) }),
    source: () => ({ source: offered(sourceKinds, value) as LeadFilter['source'] }),
    status: () => ({ status: offered(Object.keys(statusFilters), value) as LeadFilter['status'] }),
    date: () => ({ date: offered(Object.keys(dateFilters), value) as LeadFilter['date'] }),
  } satisfies Record<keyof LeadFilter, () => Partial<LeadFilter>>;
  return { ...filter, ...criteria[field]() };
}

export function isFiltered(filter: LeadFilter): boolean {
  return Object.values(filter).some((value) => value.trim() !== '');
}

/** Local midnight `days - 1` days before `now`: "today" is 1 day, "last 7 days" includes today. */
export function startOfDays(days: number, now: number): number {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - (days - 1));
  return start.getTime();
}

const daysOf = { today: 1, week: 7, month: 30 } as const;

/** Lead ids newest first: all of them, or the first `limit` (what the list shows before scrolling). */
/** The newest leads, whole: the list's first screen, read in one small query so it paints at once. */
export function newestLeads(db: OutboxDb, limit: number): Promise<Lead[]> {
  return db.leads.orderBy('createdAt').reverse().limit(limit).toArray();
}

/** How many leads the outbox holds, synced ones included. */
export function leadCount(db: OutboxDb): Promise<number> {
  return db.leads.count();
}

/** Ids of the leads captured after `createdAt`, newest first: what was saved since the list was read. */
export async function newerIds(db: OutboxDb, createdAt: number): Promise<string[]> {
  return (await db.leads.where('createdAt').above(createdAt).primaryKeys()).reverse();
}

export async function newestIds(db: OutboxDb, limit?: number): Promise<string[]> {
  const newestFirst = db.leads.orderBy('createdAt').reverse();
  if (limit !== undefined) return (limit ? newestFirst.limit(limit) : newestFirst).primaryKeys();
  // Read forwards (IndexedDB's getAllKeys, one call) and reverse here: much faster than a reverse cursor.
  return (await db.leads.orderBy('createdAt').primaryKeys()).reverse();
}

/**
 * For each criterion of the filter, the set of lead ids that meet it, from its index. An empty
 * list means no criterion: every lead matches.
 */
export function matchingSets(db: OutboxDb, filter: LeadFilter, now = Date.now(), words?: WordIndex): Promise<Set<string>[]> {
  const keys = (collection: Dexie.Collection<unknown, string>) => collection.primaryKeys().then((ids) => new Set(ids));
  const sets: Promise<Set<string>>[] = [];
  if (filter.date) sets.push(keys(db.leads.where('createdAt').aboveOrEqual(startOfDays(daysOf[filter.date], now))));
  if (filter.source) sets.push(keys(db.leadSearch.where('kind').equals(filter.source)));
  if (filter.event) sets.push(keys(db.leadSearch.where('event').equals(filter.event)));
  if (filter.status) sets.push(keys(db.leads.where('sync.status').anyOf(statusFilters[filter.status].statuses)));
  // Each word typed is the start of a word of the lead: "jan acm" finds Jane Doe at Acme.
  // From the panel's in-memory copy of the words when it has one (word-index.ts), else the index.
  for (const word of new Set(wordsOf(filter.text))) sets.push(words ? Promise.resolve(words.startingWith(word)) : keys(db.leadSearch.where('words').startsWith(word)));
  return Promise.all(sets);
}

/** The ids, in their order, that are in every set. */
export function keepMatching(ordered: readonly string[], sets: readonly Set<string>[]): string[] {
  if (sets.length === 0) return [...ordered];
  const smallestFirst = [...sets].sort((a, b) => a.size - b.size);
  return ordered.filter((id) => smallestFirst.every((set) => set.has(id)));
}

/** The ids of the leads that match, newest first. */
export async function filterLeadIds(db: OutboxDb, filter: LeadFilter, now = Date.now()): Promise<string[]> {
  const [ordered, sets] = await Promise.all([newestIds(db), matchingSets(db, filter, now)]);
  return keepMatching(ordered, sets);
}
