import * as z from 'zod/mini';
import { activeEventItem, type ActiveEvent as StoredEvent, type QuestionKind } from './events';
import { MAX_QUESTIONS } from './lead/schema';

// Starting an event: its name, date and venue, up to 8 qualifying questions, rapid mode. Kept apart
// from events.ts so the panel loads these checks only when the rep starts an event.

/** How a qualifying question is answered: a few words, one choice, several choices, or 1 to 5. */
export const questionKinds = ['text', 'choice', 'choices', 'rating'] as const satisfies readonly QuestionKind[];
export const questionKindLabels: Record<QuestionKind, string> = { text: 'Short text', choice: 'One choice', choices: 'Several choices', rating: 'Rating 1–5' };

export const questionSchema = z
  .object({
    text: z.string().check(z.trim(), z.minLength(1, { error: 'Write the question' }), z.maxLength(200, { error: 'Keep a question under 200 characters' })),
    kind: z.enum(questionKinds),
    /** The choices, for `choice` and `choices`. */
    options: z._default(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(60, { error: 'Keep a choice under 60 characters' }))).check(z.maxLength(12, { error: 'At most 12 choices' })), []),
  })
  .check(
    z.refine((question) => (question.kind === 'choice' || question.kind === 'choices' ? question.options.length >= 2 : true), {
      error: 'Give at least two choices, one per line',
      path: ['options'],
    }),
  );

export const activeEventSchema = z.object({
  eventName: z.string().check(z.trim(), z.minLength(1, { error: 'Enter the event name' }), z.maxLength(200)),
  eventDate: z.optional(z.iso.date({ error: 'Enter the date as YYYY-MM-DD' })),
  eventLocation: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  /** Qualifying questions asked of every visitor, shown after the source in event mode. */
  // Optional: events started before questions and rapid mode were stored without them.
  questions: z.optional(
    z.array(questionSchema).check(
      z.maxLength(MAX_QUESTIONS, { error: `At most ${MAX_QUESTIONS} questions` }),
      z.refine((questions) => new Set(questions.map((question) => question.text.toLowerCase())).size === questions.length, { error: 'Ask each question once' }),
    ),
  ),
  /** Rapid mode: after each save the form clears and the scanner is ready for the next visitor. */
  rapid: z.optional(z.boolean()),
  startedAt: z.number(),
});
export async function startEvent(input: Omit<z.input<typeof activeEventSchema>, 'startedAt'>, now = Date.now()): Promise<StoredEvent> {
  // Typed as events.ts's ActiveEvent: what the checks let through must be what it says is stored.
  const event: StoredEvent = activeEventSchema.parse({ ...input, startedAt: now });
  await activeEventItem.setValue(event);
  return event;
}

