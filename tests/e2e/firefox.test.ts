import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../tools/receiver/server';
import { clickButton, fieldValue, fillField, launchFirefoxExtension, openSavedSite, waitForText, type FirefoxSession } from './support/firefox';
import { codePng } from './support/images';
import { seedLeads, statusCounts, storedLeads } from './support/outbox';
import { startFakeSalesforce } from './support/salesforce';

// The Firefox build (Manifest V2: the sidebar page, a background page instead of a service worker,
// `browser.*` promises) in a real Firefox: the rep's whole path from settings to a synced lead.

let firefox: FirefoxSession;
let receiver: Receiver;

beforeEach(async () => {
  receiver = await startReceiver({ token: 'tok-firefox-4321' });
  firefox = await launchFirefoxExtension();
});
afterEach(async () => {
  await firefox.close();
  await receiver.close();
});

/** Types a lead into the sidebar page's form and saves it; waits until the list shows it. */
async function saveLead(panel: Page, fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) await fillField(panel, label, value);
  await clickButton(panel, 'Save lead');
  await waitForText(panel, '[aria-label="Leads"]', fields['Full name'] ?? fields.Company ?? '');
}

/** The options page with the reference receiver (or another) saved as the CRM. */
async function connectWebhook(endpointUrl = receiver.webhookUrl, lookupUrl?: string): Promise<Page> {
  const options = await firefox.open('options.html');
  await fillField(options, 'Endpoint URL', endpointUrl);
  if (lookupUrl) await fillField(options, 'Lookup URL', lookupUrl);
  await fillField(options, 'API token', 'tok-firefox-4321');
  await clickButton(options, 'Save settings');
  await waitForText(options, '[role="status"]', 'Settings saved.');
  return options;
}

describe('Fieldclip in Firefox', () => {
  it('connects the webhook CRM, finds the person already in it, saves the lead to the outbox and syncs it as that record', async () => {
    const options = await connectWebhook(receiver.webhookUrl, receiver.lookupUrl);
    await clickButton(options, 'Test connection');
    await waitForText(options, '[role="status"]', 'Connected: the webhook answered 200');
    const fiona = receiver.addContact({ fullName: 'Fiona Fox', email: 'fiona@gecko.example', owner: 'Mia Sales' });

    const panel = await firefox.open('sidepanel.html');
    await fillField(panel, 'Email', 'fiona@gecko.example');
    await waitForText(panel, '.crm-lookup', 'Already in your CRM');
    await waitForText(panel, '.crm-lookup', 'owner Mia Sales');
    await saveLead(panel, { 'Full name': 'Fiona Fox', Company: 'Gecko GmbH', Email: 'fiona@gecko.example' });
    await waitForText(panel, '[aria-label="Leads"]', 'Pending');
    await waitForText(panel, '.sync-bar__count', '1 waiting to sync');

    await clickButton(panel, 'Sync now');
    await waitForText(panel, '[aria-label="Leads"]', 'Synced');
    const received = receiver.received();
    expect(received).toHaveLength(1);
    expect(received[0]!.crmId).toBe(fiona.crmId);
    expect(received[0]!.lead).toMatchObject({ fullName: 'Fiona Fox', company: 'Gecko GmbH', email: 'fiona@gecko.example', crmId: fiona.crmId, source: { kind: 'prospecting' } });

    // The token is kept in the extension's local storage only.
    const stored = (await panel.evaluate(`Promise.all([browser.storage.local.get(null), browser.storage.sync.get(null)])`)) as [
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    expect(stored[0].crmSettings).toEqual({ crm: 'webhook', endpointUrl: receiver.webhookUrl, lookupUrl: receiver.lookupUrl, apiToken: 'tok-firefox-4321' });
    expect(stored[1]).toEqual({});
  });

  it('sends a saved lead from the background page at the minute’s alarm, with the sidebar closed', async () => {
    const options = await connectWebhook();
    const panel = await firefox.open('sidepanel.html');
    await saveLead(panel, { Company: 'Alarm Clock AG' });
    await panel.close();

    // The minute's alarm, due now rather than in a minute: only the background page is listening.
    await options.evaluate(`browser.alarms.create('fieldclip-sync', { when: Date.now() + 50, periodInMinutes: 1 })`);
    await expect.poll(() => receiver.received().map(({ lead }) => lead.company), { timeout: 15_000 }).toEqual(['Alarm Clock AG']);
  });

  it('reminds at the end of the day, from the background page, that a lead is still waiting', async () => {
    const panel = await firefox.open('sidepanel.html');
    await saveLead(panel, { Company: 'Late Lead Ltd' });
    await waitForText(panel, '.sync-bar__count', '1 waiting to sync');
    // Headless Firefox 153 has nowhere to show a notification and closes it at once (140 keeps it
    // open): either way the page sees it.
    await panel.evaluate(`window.closedNotifications = []; browser.notifications.onClosed.addListener((id) => window.closedNotifications.push(id))`);
    const notified = () =>
      panel.evaluate(`browser.notifications.getAll().then((open) => [...Object.keys(open), ...window.closedNotifications])`) as Promise<string[]>;
    expect(await notified()).toEqual([]);
    // The reminder's alarm, due now rather than at 17:30.
    await panel.evaluate(`browser.alarms.create('fieldclip-end-of-day', { when: Date.now() + 50 })`);
    await expect.poll(notified, { timeout: 10_000 }).toEqual(['fieldclip-end-of-day']);
    // And the next one is set for 17:30, the default time.
    const next = (await panel.evaluate(`browser.alarms.get('fieldclip-end-of-day')`)) as { scheduledTime: number };
    expect(new Date(next.scheduledTime).getHours() * 60 + new Date(next.scheduledTime).getMinutes()).toBe(17 * 60 + 30);
    expect(next.scheduledTime).toBeGreaterThan(Date.now());
  });

  it('shows the Salesforce admin the callback URL and the CORS origin of this Firefox', async () => {
    const options = await firefox.open('options.html');
    await options.select('select', 'salesforce');
    await waitForText(options, '[aria-label="For your Salesforce admin"]', `moz-extension://${firefox.uuid}`);
    const redirectUrl = (await options.evaluate(`browser.identity.getRedirectURL('salesforce')`)) as string;
    expect(redirectUrl).toMatch(/^https:\/\/[0-9a-f]+\.extensions\.allizom\.org\/salesforce$/);
    await waitForText(options, '[aria-label="For your Salesforce admin"]', redirectUrl);
  });

  it('signs in to Salesforce through Firefox’s own sign-in window, and sends a lead there', async () => {
    const salesforce = await startFakeSalesforce({ clientId: '3MVG9firefox.connected.app', externalIdField: 'Fieldclip_Id__c' });
    try {
      await firefox.close();
      firefox = await launchFirefoxExtension(undefined, { grantOptionalPermissions: true });
      const options = await firefox.open('options.html');
      await options.select('select', 'salesforce');
      await fillField(options, 'Login URL', salesforce.url);
      await fillField(options, 'Consumer key', '3MVG9firefox.connected.app');
      await fillField(options, 'External ID field', 'Fieldclip_Id__c');
      // identity is granted at install in Firefox (it cannot be asked for): only the org's sites are.
      await clickButton(options, 'Connect to Salesforce');
      await waitForText(options, '[role="status"]', `Connected to ${salesforce.url}. Settings saved.`);

      const panel = await firefox.open('sidepanel.html');
      await saveLead(panel, { 'Full name': 'Ines Duarte', Company: 'Nordwind Logistics' });
      await waitForText(panel, '.sync-bar__count', '1 waiting to sync');
      await clickButton(panel, 'Sync now');
      await waitForText(panel, '[aria-label="Leads"]', 'Synced');
      const [lead] = await storedLeads(panel);
      expect(salesforce.leads()).toEqual([expect.objectContaining({ Fieldclip_Id__c: lead!.id, LastName: 'Duarte', Company: 'Nordwind Logistics' })]);
      expect(salesforce.requests()).toEqual(
        expect.arrayContaining(['GET /services/oauth2/authorize', 'POST /services/oauth2/token', 'PATCH /services/data/v62.0/composite/sobjects/Lead/Fieldclip_Id__c']),
      );
      // The refresh token in the add-on's local storage only.
      const stored = (await panel.evaluate(`Promise.all([browser.storage.local.get(null), browser.storage.sync.get(null)])`)) as [
        Record<string, { refreshToken?: string }>,
        object,
      ];
      expect(stored[0].crmSettings?.refreshToken).toMatch(/^5Aep861/);
      expect(stored[1]).toEqual({});
    } finally {
      await salesforce.close();
    }
  });

  it('clips a prospect from a LinkedIn profile in another tab', async () => {
    const profile = await openSavedSite(firefox, 'https://www.linkedin.com/in/lucja-wisniewska-4b2a91/', 'linkedin-profile-classic.html');
    const panel = await firefox.open('sidepanel.html');
    await profile.bringToFront();

    await clickButton(panel, 'Capture from page');
    await waitForText(panel, '.capture__read', 'Filled 5 fields from the page');
    expect(await fieldValue(panel, 'Full name')).toBe('Łucja Wiśniewska');
    expect(await fieldValue(panel, 'Company')).toBe('Nordwind Logistics Sp. z o.o.');
    expect(await fieldValue(panel, 'LinkedIn URL')).toBe('https://www.linkedin.com/in/lucja-wisniewska-4b2a91');

    await clickButton(panel, 'Save lead');
    await waitForText(panel, '[aria-label="Leads"]', 'Łucja Wiśniewska');
  });

  it('resumes a bulk sync after Firefox is closed in the middle of it: all 1,000 leads arrive, each under its own id', async () => {
    // Slow enough that Firefox closes with most of the five batches still to go.
    const slow = await startReceiver({ token: 'tok-firefox-4321', delayMs: 1_000 });
    try {
      await connectWebhook(slow.webhookUrl);
      const seeding = await firefox.open('sidepanel.html');
      await seedLeads(seeding, 1000);
      await seeding.close();
      // Seeded under Dexie's feet: a panel opened now reads them.
      const panel = await firefox.open('sidepanel.html');
      await waitForText(panel, '.sync-bar__count', '1000 waiting to sync');
      await clickButton(panel, 'Sync now');
      await expect.poll(() => slow.received().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(150);
      await firefox.close({ discard: false });
      expect(slow.received().length).toBeLessThan(1000);

      firefox = await launchFirefoxExtension(firefox);
      const reopened = await firefox.open('sidepanel.html');
      await expect.poll(() => statusCounts(reopened), { timeout: 60_000, interval: 1_000 }).toEqual({ synced: 1000 });
      // The receiver keeps one record per lead id: a batch sent again after the restart lands on the
      // same records. Exactly the outbox's leads arrived.
      const received = slow.received().map(({ lead }) => lead.id);
      const stored = (await storedLeads(reopened)).map((lead) => lead.id);
      expect(received.toSorted()).toEqual(stored.toSorted());
      expect(received).toHaveLength(1000);
    } finally {
      await slow.close();
    }
  }, 120_000);

  it('asks for a remote CRM’s site when its settings are saved, and pauses the sync once that access is taken away', async () => {
    await firefox.close();
    firefox = await launchFirefoxExtension(undefined, { grantOptionalPermissions: true });
    const site = { origins: ['https://crm.fieldclip-test.example/*'] };
    const options = await firefox.open('options.html');
    const allowed = () => options.evaluate(`browser.permissions.contains(${JSON.stringify(site)})`);
    expect(await allowed()).toBe(false);

    await fillField(options, 'Endpoint URL', 'https://crm.fieldclip-test.example/fieldclip');
    await clickButton(options, 'Save settings');
    await waitForText(options, '[role="status"]', 'Settings saved.');
    expect(await allowed()).toBe(true);

    // Taken away (the add-on's page in Firefox): the next sync pauses, and no lead is spent on it.
    await options.evaluate(`browser.permissions.remove(${JSON.stringify(site)})`);
    const panel = await firefox.open('sidepanel.html');
    await saveLead(panel, { Company: 'Remote Ltd' });
    await waitForText(panel, '.sync-bar__count', '1 waiting to sync');
    await clickButton(panel, 'Sync now');
    await waitForText(panel, '.sync-bar__paused', 'Fieldclip is not allowed to reach https://crm.fieldclip-test.example. Save the settings to allow it.');
    expect(await statusCounts(panel)).toEqual({ pending: 1 });

    // Saving again asks again, and lifts the pause.
    await clickButton(options, 'Save settings');
    await waitForText(options, '[role="status"]', 'Settings saved.');
    expect(await allowed()).toBe(true);
    await expect.poll(() => panel.evaluate(`document.querySelector('.sync-bar__paused') === null`), { timeout: 10_000 }).toBe(true);
  });

  it('says how to let it read a company website it was not called on, with the shortcut as Firefox has it, and asks for no site', async () => {
    // Firefox would say yes to any site asked for: none must be.
    await firefox.close();
    firefox = await launchFirefoxExtension(undefined, { grantOptionalPermissions: true });
    const site = await openSavedSite(firefox, 'https://www.acme-robotik.example.de/kontakt', 'site-jsonld-organization-de.html');
    const panel = await firefox.open('sidepanel.html');
    await site.bringToFront();

    await clickButton(panel, 'Capture from page');
    await waitForText(panel, '.capture__read', 'Fieldclip may read this page only once you call it there: on the page, press Alt+Shift+F');
    const { origins } = (await panel.evaluate(`browser.permissions.getAll()`)) as { origins: string[] };
    expect(origins.filter((origin) => origin.includes('acme-robotik'))).toEqual([]);
    expect(await fieldValue(panel, 'Company')).toBe('');

    // The rep gave the shortcut other keys (Firefox's add-on manager): the panel names those.
    await panel.evaluate(`browser.commands.update({ name: 'capture-page', shortcut: 'Alt+Shift+K' })`);
    const reopened = await firefox.open('sidepanel.html');
    await site.bringToFront();
    await waitForText(reopened, '.capture__from-page', 'Alt+Shift+K');
    await clickButton(reopened, 'Capture from page');
    await waitForText(reopened, '.capture__read', 'on the page, press Alt+Shift+K, or right-click it');
    // And none at all: only the menu is left to name.
    await panel.evaluate(`browser.commands.update({ name: 'capture-page', shortcut: '' })`);
    const without = await firefox.open('sidepanel.html');
    await site.bringToFront();
    await clickButton(without, 'Capture from page');
    await waitForText(without, '.capture__read', 'on the page, right-click it and choose “Capture this page as lead”');
    expect(await without.evaluate(`document.querySelector('.capture__from-page').innerText`)).toBe('Capture from page');
  });

  it('exports the outbox as CSV and a lead as a vCard, saved as files by Firefox', async () => {
    const downloads = await mkdtemp(join(tmpdir(), 'fieldclip-e2e-downloads-'));
    try {
      await firefox.close();
      firefox = await launchFirefoxExtension(undefined, { downloadDir: downloads });
      const panel = await firefox.open('sidepanel.html');
      await saveLead(panel, { 'Full name': 'Dora Download', Company: 'Files AG' });
      await clickButton(panel, 'Export CSV');
      await clickButton(panel, 'vCard for Dora Download');

      await expect.poll(() => readdir(downloads).then((files) => files.toSorted()), { timeout: 10_000 }).toEqual([
        'Dora Download.vcf',
        expect.stringMatching(/^fieldclip-leads-\d{4}-\d{2}-\d{2}\.csv$/),
      ]);
      const csvName = (await readdir(downloads)).find((file) => file.endsWith('.csv'))!;
      const csv = await readFile(join(downloads, csvName), 'utf8');
      expect(csv.split(/\r?\n/)[1]).toMatch(/^"Dora Download","Dora","Download","","Files AG",/);
      expect(await readFile(join(downloads, 'Dora Download.vcf'), 'utf8')).toContain('FN:Dora Download');
    } finally {
      await rm(downloads, { recursive: true, force: true });
    }
  });

  it('keeps a saved lead, waiting, when Firefox is closed and opened again', async () => {
    const panel = await firefox.open('sidepanel.html');
    await saveLead(panel, { 'Full name': 'Otto Offline', Company: 'Booth Co' });

    await firefox.close({ discard: false });
    firefox = await launchFirefoxExtension(firefox);
    const reopened = await firefox.open('sidepanel.html');
    await waitForText(reopened, '[aria-label="Leads"]', 'Otto Offline');
    await waitForText(reopened, '.sync-bar__count', '1 waiting to sync');
  });

  it('scans a badge’s QR code and reads a business card in the sidebar, all on this computer', async () => {
    const panel = await firefox.open('sidepanel.html');
    const pictures = await mkdtemp(join(tmpdir(), 'fieldclip-ff-scan-'));
    // Chosen with "Badge or card image" (Firefox gives a script's paste event no files, so the file input it is).
    const choose = async (name: string, png: Buffer) => {
      await writeFile(join(pictures, name), png);
      const input = await panel.$('input[type=file]');
      await input!.uploadFile(join(pictures, name));
    };
    try {
      await choose('badge.png', await codePng('qrcode', 'MECARD:N:Fox,Fiona;ORG:Gecko GmbH;EMAIL:fiona@gecko.example;;'));
      await waitForText(panel, '.capture__read', 'Filled 3 fields from the badge.', 30_000);
      expect(await fieldValue(panel, 'Full name')).toBe('Fiona Fox');
      expect(await fieldValue(panel, 'Company')).toBe('Gecko GmbH');

      const card = await firefox.browser.newPage();
      await card.setViewport({ width: 1400, height: 800 });
      await card.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0}</style></head><body>${await readFile('tests/fixtures/cards/two-columns.html', 'utf8')}</body></html>`);
      const png = Buffer.from(await card.screenshot({ type: 'png' }));
      await card.close();
      await choose('card.png', png);
      await waitForText(panel, '.capture__read', 'from the card', 90_000);
      expect(await fieldValue(panel, 'Full name')).toBe('Amelia Hart');
      expect(await fieldValue(panel, 'Email')).toBe('amelia.hart@northwind.example');
      expect(await fieldValue(panel, 'Company')).toBe('Northwind Industrial Systems Ltd');
    } finally {
      await rm(pictures, { recursive: true, force: true });
    }
  });
});
