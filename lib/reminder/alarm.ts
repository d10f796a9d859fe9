import { browser } from 'wxt/browser';
import { outboxDb } from '../outbox/db';
import { waitingCount } from '../outbox/outbox';
import { nextReminderAt, reminderItem, reminderMessage } from './settings';

// The end-of-day reminder: at the time the rep sets (17:30 local by default), if leads are still
// waiting to sync, a notification says how many; clicking it opens the panel.

export const REMINDER_ALARM = 'fieldclip-end-of-day';
export const REMINDER_NOTIFICATION = 'fieldclip-end-of-day';

/** Sets the alarm for the next reminder, or clears it when the rep turned the reminder off. */
export async function scheduleReminder(now = Date.now()): Promise<void> {
  const reminder = await reminderItem.getValue();
  await browser.alarms.clear(REMINDER_ALARM);
  if (reminder.enabled) await browser.alarms.create(REMINDER_ALARM, { when: nextReminderAt(reminder.time, now) });
}

/** The alarm went off: remind if anything waits, then set tomorrow's. */
export async function remindIfWaiting(): Promise<number> {
  const waiting = await waitingCount(outboxDb());
  if (waiting > 0) {
    await browser.notifications.create(REMINDER_NOTIFICATION, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: 'Fieldclip',
      message: reminderMessage(waiting),
      contextMessage: 'Click to open the panel and sync them.',
    });
  }
  await scheduleReminder();
  return waiting;
}

/** The service worker's side: the alarm, set again whenever the worker starts or the setting changes. */
export function setUpReminder(openPanel: () => Promise<void>): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMINDER_ALARM) void remindIfWaiting();
  });
  browser.notifications.onClicked.addListener((id) => {
    if (id !== REMINDER_NOTIFICATION) return;
    void browser.notifications.clear(id);
    void openPanel();
  });
  reminderItem.watch(() => void scheduleReminder());
  void scheduleReminder();
}
