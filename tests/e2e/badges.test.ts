import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../tools/receiver/server';
import { launchExtension, type ExtensionSession } from './support/extension';
import { expectText, leadInList, startEvent } from './support/panel';

// At a show, a rep saves a visitor by badge id alone; the organizer's list fills the details in
// later. One browser for the flow.

let session: ExtensionSession;
let receiver: Receiver;
let panel: Page;

beforeAll(async () => {
  receiver = await startReceiver();
  session = await launchExtension();
  await session.worker.evaluate((endpointUrl) => chrome.storage.local.set({ crmSettings: { crm: 'webhook', endpointUrl } }), receiver.webhookUrl);
  panel = await session.open('sidepanel.html');
});
afterAll(async () => {
  await session.close();
  await receiver.close();
});

describe('badge ids and the organizer’s list', () => {
  it('saves a visitor by badge id alone, as needing details, and sends nothing for them', async () => {
    await startEvent(panel, 'Expo North');
    await panel.getByLabel('Badge ID', { exact: true }).fill('EXPO-4711');
    await panel.getByLabel('Notes', { exact: true }).fill('Wants a demo in March');
    await panel.getByRole('button', { name: 'Save lead' }).click();
    const row = panel.getByRole('list', { name: 'Leads' }).getByRole('listitem').filter({ hasText: 'Needs details' });
    await expectText(row, 'Known by its badge id only');
    await expectText(panel.locator('.sync-bar__count'), 'Nothing waiting to sync');
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(panel.locator('.sync-bar__result'), 'Last sync');
    expect(receiver.received()).toEqual([]);
  });

  it('fills the lead in from the organizer’s list by badge id, says how many matched and how many were new, then syncs it', async () => {
    const lines = ['Badge ID,First Name,Last Name,Email,Company', 'EXPO-4711,Ana,Lima,ana@acme.example,Acme', 'EXPO-4712,Bo,Berg,bo@initech.example,Initech'];
    await panel.getByText('Import from a spreadsheet').click();
    await panel.getByLabel('Import CSV').setInputFiles({ name: 'organizer.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    expect(await panel.getByLabel('Field for column Badge ID').inputValue()).toBe('badgeId');
    await panel.getByLabel('Tag imported leads as').selectOption({ label: 'Event' });
    await panel.getByLabel('Source detail').fill('Expo North');
    await panel.getByRole('button', { name: 'Import 2 rows' }).click();
    await expectText(panel.locator('.csv-report'), 'Imported 1 lead. Filled in 1 lead saved with a badge id (matched by badge id).');
    await expectText(leadInList(panel, 'Ana Lima'), 'Pending');
    await expectText(panel.locator('.sync-bar__count'), '2 waiting to sync');
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Ana Lima'), 'Synced');
    const ana = receiver.received().find((entry) => entry.lead.badgeId === 'EXPO-4711');
    expect(ana?.lead).toMatchObject({ fullName: 'Ana Lima', email: 'ana@acme.example', notes: 'Wants a demo in March', source: { kind: 'event', eventName: 'Expo North' } });
    expect(receiver.received()).toHaveLength(2);
  });
});
