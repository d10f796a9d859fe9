import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver } from '../../tools/receiver/server';
import { launchExtension, type ExtensionSession } from './support/extension';
import { expectText, leadInList, typeLead } from './support/panel';

let session: ExtensionSession;
beforeEach(async () => {
  session = await launchExtension();
});
afterEach(() => session.close());

const weekday = (time: number) => new Intl.DateTimeFormat('en-US', { weekday: 'short' }).format(time);

async function saveReferral(panel: Page, name: string) {
  await panel.getByLabel('Source', { exact: true }).selectOption({ label: 'Referral' });
  await panel.getByLabel('Referred by').fill('Grace Customer');
  await typeLead(panel, { 'Full name': name, Company: 'Initech' });
  await panel.getByRole('button', { name: 'Save lead' }).click();
  await expectText(leadInList(panel, name), 'Referral · Grace Customer');
}

describe('the Today view', () => {
  it('explains itself on a new install, then shows the day by source, sync state, levels and the last 7 days', async () => {
    const panel = await session.open('sidepanel.html');
    await panel.getByRole('tab', { name: 'Today' }).click();
    await expectText(panel.getByRole('region', { name: 'Today' }), 'No leads yet.');

    await panel.getByRole('tab', { name: 'Capture' }).click();
    await saveReferral(panel, 'Ann Referred');
    await saveReferral(panel, 'Bo Referred');
    await panel.getByLabel('Source', { exact: true }).selectOption({ label: 'Prospecting' });
    await panel.getByLabel('Hot').check();
    await typeLead(panel, { Company: 'Hot Prospect Inc' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Hot Prospect Inc'), 'Prospecting');

    await panel.getByRole('tab', { name: 'Today' }).click();
    const today = panel.getByRole('region', { name: 'Today' });
    const todayTable = today.getByRole('table', { name: /^Today/ });
    await expectText(todayTable, 'Today: 3');
    expect(await todayTable.innerText()).toMatch(/Prospecting\s+1\s+Referral\s+2\s+Event\s+0\s+Prospecting at close\s+0/);
    await expectText(today.getByRole('table', { name: /^This week/ }), 'This week: 3');
    await expectText(today.locator('.today__sync'), '3 waiting to sync');
    await expectText(today.locator('.today__levels'), /Raw 2\s+Lukewarm 0\s+Hot 1/);
    expect(await today.getByRole('img').getAttribute('aria-label')).toContain(`${weekday(Date.now())} 3`);
    expect(await today.locator('rect.chart__bar--referral').count()).toBe(1);

    // Back on Capture, the list is drawn again (a list measured while hidden had no height).
    await panel.getByRole('tab', { name: 'Capture' }).click();
    await expectText(leadInList(panel, 'Ann Referred'), 'Referral · Grace Customer');
  });
});

describe('the end-of-day reminder', () => {
  it('is set for the time the rep picks and tells how many leads wait', async () => {
    const options = await session.open('options.html');
    await expect.poll(() => options.getByLabel('Reminder time').inputValue()).toBe('17:30');
    await options.getByLabel('Reminder time').fill('08:15');
    await expectText(options.locator('#reminder-time-message'), 'Saved.');
    const scheduled = () => session.worker.evaluate(() => chrome.alarms.get('fieldclip-end-of-day').then((alarm) => alarm?.scheduledTime));
    await expect.poll(async () => {
      const time = await scheduled();
      return time === undefined ? '' : `${new Date(time).getHours()}:${new Date(time).getMinutes()}`;
    }).toBe('8:15');

    const panel = await session.open('sidepanel.html');
    await saveReferral(panel, 'Late Lead');
    // The alarm going off now rather than at 08:15.
    await session.worker.evaluate(() => chrome.alarms.create('fieldclip-end-of-day', { when: Date.now() + 50 }));
    const notification = () => session.worker.evaluate(() => chrome.notifications.getAll().then((all) => Object.keys(all)));
    await expect.poll(notification, { timeout: 10_000 }).toEqual(['fieldclip-end-of-day']);
    // And tomorrow's is set.
    await expect.poll(async () => ((await scheduled()) ?? 0) > Date.now() + 60_000).toBe(true);

    await options.getByLabel('Remind me when leads are still waiting to sync').uncheck();
    await expect.poll(scheduled).toBeUndefined();
  });
});

describe('the keyboard', () => {
  it('captures, saves and syncs a lead with the keyboard alone, and lists the shortcuts', async () => {
    const receiver = await startReceiver({ port: 0, dataDir: null });
    await session.worker.evaluate((url) => chrome.storage.local.set({ crmSettings: { crm: 'webhook', endpointUrl: url } }), receiver.webhookUrl);
    const panel = await session.open('sidepanel.html');
    await panel.getByRole('button', { name: 'Sync now' }).waitFor();
    await panel.keyboard.press('Alt+N');
    await expect.poll(() => panel.evaluate(() => document.activeElement?.getAttribute('data-shortcut'))).toBe('Alt+N');
    await panel.keyboard.type('Kay Board');
    await panel.keyboard.press('Tab');
    await panel.keyboard.type('CEO');
    await panel.keyboard.press('Tab');
    await panel.keyboard.type('Keys Ltd');
    await panel.keyboard.press('Control+Enter');
    await expectText(leadInList(panel, 'Kay Board'), 'Keys Ltd');
    await panel.keyboard.press('Alt+S');
    await expectText(leadInList(panel, 'Kay Board'), 'Synced');
    expect(receiver.received().map((entry) => entry.lead.fullName)).toEqual(['Kay Board']);
    await receiver.close();

    await panel.keyboard.press('Alt+R');
    await expect.poll(() => panel.evaluate(() => document.activeElement?.getAttribute('data-shortcut'))).toBe('Alt+R');
    await panel.keyboard.press('Alt+T');
    await expect.poll(() => panel.getByRole('tab', { name: 'Today' }).getAttribute('aria-selected')).toBe('true');
    // Focus went with the tab, off the hidden referral field, so the next shortcut is not taken as typing.
    expect(await panel.evaluate(() => document.activeElement?.id)).toBe('tab-today');
    await panel.keyboard.press('/');
    await expect.poll(() => panel.evaluate(() => document.activeElement?.id)).toBe('outbox-search');

    await panel.getByText('Keyboard shortcuts').click();
    await expectText(panel.locator('.shortcuts'), 'Sync now');
  });
});
