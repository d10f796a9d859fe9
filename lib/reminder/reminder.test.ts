import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { outboxDb } from '../outbox/db';
import { addLead } from '../outbox/outbox';
import { REMINDER_ALARM, remindIfWaiting, scheduleReminder, setUpReminder } from './alarm';
import { nextReminderAt, reminderItem, reminderMessage, reminderSchema } from './settings';

const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();

describe('nextReminderAt', () => {
  it('is today at that time if still ahead, else tomorrow, in local time', () => {
    expect(nextReminderAt('17:30', at(23, 9))).toBe(at(23, 17, 30));
    expect(nextReminderAt('17:30', at(23, 17, 30))).toBe(at(24, 17, 30));
    expect(nextReminderAt('08:05', at(30, 22))).toBe(new Date(2026, 11, 1, 8, 5).getTime());
  });
});

describe('the reminder setting', () => {
  it('takes a 24-hour time and nothing else', () => {
    expect(reminderSchema.safeParse({ enabled: true, time: '17:30' }).success).toBe(true);
    expect(reminderSchema.safeParse({ enabled: true, time: '25:00' }).error?.issues[0]?.message).toBe('Enter a time like 17:30');
  });

  it('says how many leads wait', () => {
    expect(reminderMessage(1)).toBe('1 lead waiting to sync');
    expect(reminderMessage(12)).toBe('12 leads waiting to sync');
  });
});

describe('scheduling and reminding', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    const db = outboxDb();
    await db.transaction('rw', db.leads, db.claims, () => db.leads.clear());
  });

  it('sets the alarm at the next 17:30 by default, and clears it when turned off', async () => {
    await scheduleReminder(at(23, 9));
    expect((await fakeBrowser.alarms.get(REMINDER_ALARM))?.scheduledTime).toBe(at(23, 17, 30));
    await reminderItem.setValue({ enabled: false, time: '17:30' });
    await scheduleReminder(at(23, 9));
    expect(await fakeBrowser.alarms.get(REMINDER_ALARM)).toBeUndefined();
  });

  it('notifies only when leads are waiting', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create').mockResolvedValue('id');
    expect(await remindIfWaiting()).toBe(0);
    expect(create).not.toHaveBeenCalled();
    await addLead(outboxDb(), { company: 'Acme' });
    await addLead(outboxDb(), { company: 'Globex' });
    expect(await remindIfWaiting()).toBe(2);
    expect(create).toHaveBeenCalledWith('fieldclip-end-of-day', expect.objectContaining({ message: '2 leads waiting to sync' }));
    expect(await fakeBrowser.alarms.get(REMINDER_ALARM)).toBeDefined();
  });
});

describe('setUpReminder', () => {
  it('opens the panel when the rep clicks the reminder, and only that notification', async () => {
    fakeBrowser.reset();
    const openPanel = vi.fn(async () => {});
    setUpReminder(openPanel);
    await fakeBrowser.notifications.onClicked.trigger('someone-else');
    expect(openPanel).not.toHaveBeenCalled();
    await fakeBrowser.notifications.onClicked.trigger('fieldclip-end-of-day');
    expect(openPanel).toHaveBeenCalledOnce();
  });
});
