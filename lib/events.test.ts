import { describe, expect, it } from 'vitest';
import { startEvent } from './event-start';
import { activeEventItem, endEvent, eventLeadCount, eventNames, hasEvents, pastEvents } from './events';
import { OutboxDb } from './outbox/db';
import { addLead, moveToEvent } from './outbox/outbox';

describe('event mode', () => {
  it('starts and ends an event', async () => {
    await startEvent({ eventName: 'Web Summit', eventDate: '2026-11-12', eventLocation: 'Lisbon' }, 5);
    expect(await activeEventItem.getValue()).toEqual({ eventName: 'Web Summit', eventDate: '2026-11-12', eventLocation: 'Lisbon', startedAt: 5 });
    await endEvent();
    expect(await activeEventItem.getValue()).toBeNull();
  });

  it('keeps up to 8 qualifying questions and rapid mode, and says what is wrong with a question at its place', async () => {
    const questions = [
      { text: 'Budget this year?', kind: 'choice' as const, options: ['Yes', 'No', 'Unsure'] },
      { text: 'Interested in', kind: 'choices' as const, options: ['Scanners', 'Software'] },
      { text: 'How warm?', kind: 'rating' as const },
      { text: 'Timeline', kind: 'text' as const },
    ];
    const event = await startEvent({ eventName: 'Expo North', questions, rapid: true }, 7);
    expect(event.questions?.map(({ text, kind, options }) => [text, kind, options.length])).toEqual([
      ['Budget this year?', 'choice', 3],
      ['Interested in', 'choices', 2],
      ['How warm?', 'rating', 0],
      ['Timeline', 'text', 0],
    ]);
    expect(event.rapid).toBe(true);
    const problem = await startEvent({ eventName: 'X', questions: [{ text: 'Pick one', kind: 'choice', options: ['Only'] }] }).catch((error: { issues: Array<{ path: PropertyKey[]; message: string }> }) => error.issues[0]);
    expect(problem).toMatchObject({ path: ['questions', 0, 'options'], message: 'Give at least two choices, one per line' });
    await expect(startEvent({ eventName: 'X', questions: Array.from({ length: 9 }, (_, i) => ({ text: `Q${i}`, kind: 'text' as const })) })).rejects.toThrow(/At most 8 questions/);
    await expect(startEvent({ eventName: 'X', questions: [{ text: 'Same', kind: 'text' }, { text: 'same', kind: 'text' }] })).rejects.toThrow(/Ask each question once/);
  });

  it('counts an event’s leads on the index', async () => {
    const db = new OutboxDb(`event-count-${crypto.randomUUID()}`);
    await addLead(db, { company: 'A', source: { kind: 'event', eventName: 'Expo North' } }, 1);
    await addLead(db, { company: 'B', source: { kind: 'event', eventName: 'Expo North' } }, 2);
    await addLead(db, { company: 'C', source: { kind: 'event', eventName: 'Other' } }, 3);
    expect(await eventLeadCount(db, 'Expo North')).toBe(2);
    expect(await eventLeadCount(db, 'Nowhere')).toBe(0);
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
