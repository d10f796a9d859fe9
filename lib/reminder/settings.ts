import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';

// The end-of-day reminder's setting, as the options page edits it (no outbox here: the options
// page does not load IndexedDB code). The alarm and the notification are in alarm.ts.

export const reminderSchema = z.object({
  enabled: z.boolean(),
  time: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Enter a time like 17:30' })),
});
export type Reminder = z.infer<typeof reminderSchema>;
export const defaultReminder: Reminder = { enabled: true, time: '17:30' };

export const reminderItem = storage.defineItem<Reminder>('local:endOfDayReminder', { fallback: defaultReminder });

/** The next time, strictly after `now`, that the local clock shows `time` (DST-proof: local dates). */
export function nextReminderAt(time: string, now: number): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const next = new Date(now);
  next.setHours(hours, minutes, 0, 0);
  if (next.getTime() <= now) next.setDate(next.getDate() + 1);
  return next.getTime();
}

export function reminderMessage(waiting: number): string {
  return `${waiting} lead${waiting === 1 ? '' : 's'} waiting to sync`;
}

