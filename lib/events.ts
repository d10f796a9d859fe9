import { storage } from 'wxt/utils/storage';
import type { OutboxDb } from './outbox/db';
import { eachLeadOfKind } from './outbox/outbox';

// Event mode: the rep starts an event once; until it ends, every new lead is tagged with it.
// Starting one (its checks, its questions) is event-start.ts, loaded when the rep starts one.

/** How a qualifying question is answered: a few words, one choice, several choices, or 1 to 5. */
export type QuestionKind = 'text' | 'choice' | 'choices' | 'rating';
export type Question = { text: string; kind: QuestionKind; /** For `choice` and `choices`. */ options: string[] };
/** The running event, as event-start.ts checks it before it is stored. */
export type ActiveEvent = {
  eventName: string;
  eventDate?: string;
  eventLocation?: string;
  /** Qualifying questions asked of every visitor (absent on events started before there were any). */
  questions?: Question[];
  /** Rapid mode: after each save the form clears and the scanner is ready for the next visitor. */
  rapid?: boolean;
  startedAt: number;
};

export const activeEventItem = storage.defineItem<ActiveEvent | null>('local:activeEvent', { fallback: null });

export function endEvent(): Promise<void> {
  return activeEventItem.setValue(null);
}

export type EventSummary = { eventName: string; leads: number; lastLeadAt: number };

/** Every event leads were captured at, newest first, with how many. Read when the rep opens the list. */
export async function pastEvents(db: OutboxDb): Promise<EventSummary[]> {
  const byName = new Map<string, EventSummary>();
  await eachLeadOfKind(db, 'event', (lead) => {
    if (lead.source.kind !== 'event') return;
    const summary = byName.get(lead.source.eventName) ?? { eventName: lead.source.eventName, leads: 0, lastLeadAt: 0 };
    summary.leads += 1;
    summary.lastLeadAt = Math.max(summary.lastLeadAt, lead.createdAt);
    byName.set(lead.source.eventName, summary);
  });
  return [...byName.values()].sort((a, b) => b.lastLeadAt - a.lastLeadAt);
}

/** The names of every event leads were tagged with, A to Z: for filters and "move to event". */
export function eventNames(db: OutboxDb): Promise<string[]> {
  return db.leadSearch.orderBy('event').uniqueKeys() as Promise<string[]>;
}

/** How many leads are tagged with this event: counted on the search index, not by reading the leads. */
export function eventLeadCount(db: OutboxDb, eventName: string): Promise<number> {
  return db.leadSearch.where('event').equals(eventName).count();
}

/** Whether any lead was tagged with an event: one index key read, whatever the outbox's size. */
export async function hasEvents(db: OutboxDb): Promise<boolean> {
  return (await db.leadSearch.orderBy('event').limit(1).primaryKeys()).length > 0;
}
