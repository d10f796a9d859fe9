import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import type { OutboxDb } from './outbox/db';
import { eachLeadOfKind } from './outbox/outbox';

// Event mode: the rep starts an event once; until it ends, every new lead is tagged with it.

export const activeEventSchema = z.object({
  eventName: z.string().check(z.trim(), z.minLength(1, { error: 'Enter the event name' }), z.maxLength(200)),
  eventDate: z.optional(z.iso.date({ error: 'Enter the date as YYYY-MM-DD' })),
  eventLocation: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  startedAt: z.number(),
});
export type ActiveEvent = z.infer<typeof activeEventSchema>;

export const activeEventItem = storage.defineItem<ActiveEvent | null>('local:activeEvent', { fallback: null });

export async function startEvent(input: Omit<ActiveEvent, 'startedAt'>, now = Date.now()): Promise<ActiveEvent> {
  const event = activeEventSchema.parse({ ...input, startedAt: now });
  await activeEventItem.setValue(event);
  return event;
}

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

/** Whether any lead was tagged with an event: one index key read, whatever the outbox's size. */
export async function hasEvents(db: OutboxDb): Promise<boolean> {
  return (await db.leadSearch.orderBy('event').limit(1).primaryKeys()).length > 0;
}
