import { describe, expect, it } from 'vitest';
import { activeEventItem, endEvent, eventNames, hasEvents, pastEvents, startEvent } from './events';
import { OutboxDb } from './outbox/db';
import { addLead, moveToEvent } from './outbox/outbox';

describe('event mode', () => {
  it('starts and ends an event', async () => {
    await startEvent({ eventName: 'Web Summit', eventDate: '2026-11-12', eventLocation: 'Lisbon' }, 5);
    expect(await activeEventItem.getValue()).toEqual({ eventName: 'Web Summit', eventDate: '2026-11-12', eventLocation: 'Lisbon', startedAt: 5 });
    await endEvent();
    expect(await activeEventItem.getValue()).toBeNull();
  });

  it('refuses an event without a name', async () => {
    await expect(startEvent({ eventName: '  ' })).rejects.toThrow(/Enter the event name/);
  });

  it('lists past events with their lead counts, newest first', async () => {
    const db = new OutboxDb(`events-${crypto.randomUUID()}`);
    await addLead(db, { company: 'No event' }, 0);
    expect(await hasEvents(db)).toBe(false);
    await addLead(db, { company: 'A', source: { kind: 'event', eventName: 'SaaStr' } }, 1);
    await addLead(db, { company: 'B', source: { kind: 'event', eventName: 'Web Summit' } }, 2);
    await addLead(db, { company: 'C', source: { kind: 'event', eventName: 'SaaStr' } }, 3);
    expect(await hasEvents(db)).toBe(true);
    await addLead(db, { company: 'D' }, 4);
    expect(await eventNames(db)).toEqual(['SaaStr', 'Web Summit']);
    expect(await pastEvents(db)).toEqual([
      { eventName: 'SaaStr', leads: 2, lastLeadAt: 3 },
      { eventName: 'Web Summit', leads: 1, lastLeadAt: 2 },
    ]);
  });

  it('follows a lead moved to another event', async () => {
    const db = new OutboxDb(`events-${crypto.randomUUID()}`);
    await addLead(db, { company: 'A', source: { kind: 'event', eventName: 'SaaStr' } }, 1);
    const party = await addLead(db, { company: 'B', source: { kind: 'event', eventName: 'Web Summit' } }, 2);
    await moveToEvent(db, party.id, { eventName: 'SaaStr party' }, 3);
    expect(await eventNames(db)).toEqual(['SaaStr', 'SaaStr party']);
    expect((await pastEvents(db)).map(({ eventName, leads }) => [eventName, leads])).toEqual([
      ['SaaStr party', 1],
      ['SaaStr', 1],
    ]);
  });
});
