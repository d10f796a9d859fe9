import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../tools/receiver/server';
import { fireRetryAlarm, launchExtension, type ExtensionSession } from './support/extension';
import { passTimeForRetries, statusCounts } from './support/outbox';
import { expectText, leadInList, typeLead } from './support/panel';

let session: ExtensionSession;
let receiver: Receiver;

beforeEach(async () => {
  receiver = await startReceiver({ token: 'tok-e2e-5678', rejectEmailDomain: '@blocked.example' });
  session = await launchExtension();
});
afterEach(async () => {
  await session.close();
  await receiver.close();
});

async function connectCrm(endpointUrl: string, token?: string): Promise<Page> {
  const options = await session.open('options.html');
  await options.getByLabel('CRM').selectOption({ label: 'Webhook' });
  await options.getByLabel('Endpoint URL').fill(endpointUrl);
  if (token) await options.getByLabel('API token').fill(token);
  await options.getByRole('button', { name: 'Save settings' }).click();
  await expectText(options.getByRole('status'), 'Settings saved.');
  return options;
}

async function saveLead(panel: Page, name: string, email: string) {
  await typeLead(panel, { 'Full name': name, Company: 'Initech', Email: email });
  await panel.getByRole('button', { name: 'Save lead' }).click();
  await expectText(leadInList(panel, name), 'Pending');
}

describe('connecting a CRM on the options page', () => {
  it('saves the settings, tests the connection, and keeps the token out of sight and out of sync storage', async () => {
    const options = await connectCrm(receiver.webhookUrl, 'tok-e2e-5678');
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expectText(options.getByRole('status'), 'Connected: the webhook answered 200');

    await options.reload();
    expect(await options.getByLabel('Endpoint URL').inputValue()).toBe(receiver.webhookUrl);
    expect(await options.getByLabel('API token').inputValue()).toBe('');
    await expectText(options.locator('body'), 'The saved one ends ••••5678');
    expect(await options.locator('body').innerText()).not.toContain('tok-e2e-5678');

    const stored = await session.worker.evaluate(async () => ({
      local: await chrome.storage.local.get(null),
      sync: await chrome.storage.sync.get(null),
    }));
    expect(stored.local.crmSettings).toEqual({ crm: 'webhook', endpointUrl: receiver.webhookUrl, apiToken: 'tok-e2e-5678' });
    expect(stored.sync).toEqual({});

    // Code the extension runs in a web page (as it runs its page reader) cannot read the token.
    const page = await session.context.newPage();
    await page.goto(receiver.url);
    const fromPage = await session.worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url: `${url}/*` });
      const [injected] = await chrome.scripting.executeScript({
        target: { tabId: tab!.id! },
        func: async () => {
          try {
            return JSON.stringify(await chrome.storage.local.get('crmSettings'));
          } catch (error) {
            return `refused: ${(error as Error).message}`;
          }
        },
      });
      return injected?.result as string;
    }, receiver.url);
    expect(fromPage).toMatch(/^refused/);
    expect(fromPage).not.toContain('tok-e2e-5678');
    await page.close();
  });

  it('reports why a connection test fails', async () => {
    const options = await connectCrm(receiver.webhookUrl, 'wrong-token');
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expectText(options.getByRole('status'), /The CRM answered 401.*Check the API token/);
  });

  it('signs every body, sends extra headers and the endpoint’s own field names (n8n, Zapier, Make)', async () => {
    const signed = await startReceiver({ signingSecret: 'shared-secret-for-e2e' });
    try {
      const options = await session.open('options.html');
      await options.getByLabel('Endpoint URL').fill(signed.webhookUrl);
      await options.getByText('Signing, extra headers and field names').click();
      await options.getByLabel('Signing secret').fill('shared-secret-for-e2e');
      await options.getByLabel('Extra headers').fill('not a header');
      await options.getByRole('button', { name: 'Save settings' }).click();
      await expectText(options.locator('.field__error'), 'Write one header per line, like X-Team: emea');
      await options.getByLabel('Extra headers').fill('X-Team: emea-field');
      await options.getByLabel('Field mapping').fill('first_name = firstName\nmail = email\nlead_source = source.kind');
      await options.getByRole('button', { name: 'Save settings' }).click();
      await expectText(options.getByRole('status'), 'Settings saved.');

      const panel = await session.open('sidepanel.html');
      await saveLead(panel, 'Signed Lead', 'signed@initech.example');
      await panel.getByRole('button', { name: 'Sync now' }).click();
      await expectText(leadInList(panel, 'Signed Lead'), 'Synced');
      expect(signed.lastHeaders()['x-team']).toBe('emea-field');
      expect(signed.lastHeaders()['x-fieldclip-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(signed.received()[0]?.lead).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        first_name: 'Signed',
        mail: 'signed@initech.example',
        lead_source: 'prospecting',
      });
    } finally {
      await signed.close();
    }
  });

  it('refuses a plain-http remote endpoint at the field and saves nothing', async () => {
    const options = await session.open('options.html');
    await options.getByLabel('Endpoint URL').fill('http://crm.example.com/hook');
    await options.getByRole('button', { name: 'Save settings' }).click();
    await expectText(options.locator('.field__error'), 'Use an https:// address (plain http:// works only for localhost and 127.0.0.1)');
    expect(await session.worker.evaluate(() => chrome.storage.local.get('crmSettings'))).toEqual({});
  });

  it('reports a Pipedrive field name typed where its API key goes, at the field, keeping what was typed', async () => {
    const options = await session.open('options.html');
    await options.getByLabel('CRM', { exact: true }).selectOption('pipedrive');
    await options.getByLabel('API token').fill('0123456789abcdef0123456789abcdef01234567');
    await options.getByLabel('Person field for the lead id').fill('Fieldclip lead id');
    await options.getByRole('button', { name: 'Save settings' }).click();
    await expectText(options.locator('.field__error'), "A Pipedrive field's API key is 40 letters and digits (Settings → Data fields → Person → the field → Copy API key)");
    expect(await options.getByLabel('Person field for the lead id').inputValue()).toBe('Fieldclip lead id');
    expect(await options.getByLabel('API token').inputValue()).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(await session.worker.evaluate(() => chrome.storage.local.get('crmSettings'))).toEqual({});
  });
});

describe('syncing the outbox to the webhook', () => {
  it('delivers the lead exactly as typed and shows it synced', async () => {
    await connectCrm(receiver.webhookUrl, 'tok-e2e-5678');
    const panel = await session.open('sidepanel.html');
    await panel.getByLabel('Source', { exact: true }).selectOption({ label: 'Prospecting at close' });
    await panel.getByLabel('Closed account').fill('Globex Corp');
    await panel.getByLabel('Deal reference').fill('DEAL-2041');
    await typeLead(panel, {
      'Full name': 'Åsa Lindqvist',
      'Job title': 'CFO',
      Company: 'Umbrella AB',
      Email: 'asa@umbrella.example',
      Phone: '+46 8 123 456 78',
      'LinkedIn URL': 'https://se.linkedin.com/in/asa-lindqvist/?trk=x',
      Notes: 'Named by the Globex CFO at signing',
    });
    await panel.getByLabel('Need').check();
    // BANT suggests raw for a need alone; the rep knows better.
    await panel.getByLabel('Lukewarm').check();
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Åsa Lindqvist'), 'Pending');

    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Åsa Lindqvist'), 'Synced');
    await expectText(leadInList(panel, 'Åsa Lindqvist'), 'CRM id rcv-1');
    await expectText(panel.getByRole('status').filter({ hasText: 'synced' }), '1 synced.');
    await expectText(panel.locator('.sync-bar__count'), 'Nothing waiting to sync');

    const [received] = receiver.received();
    expect(receiver.received()).toHaveLength(1);
    expect(received?.lead).toMatchObject({
      fullName: 'Åsa Lindqvist',
      firstName: 'Åsa',
      lastName: 'Lindqvist',
      title: 'CFO',
      company: 'Umbrella AB',
      email: 'asa@umbrella.example',
      phone: '+46 8 123 456 78',
      linkedinUrl: 'https://www.linkedin.com/in/asa-lindqvist',
      notes: 'Named by the Globex CFO at signing',
      source: { kind: 'prospecting-at-close', closedAccount: 'Globex Corp', dealReference: 'DEAL-2041' },
      qualification: { level: 'lukewarm', budget: false, authority: false, need: true, timing: false },
    });
    expect(received?.lead.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('leaves a lead the CRM rejects as "Needs attention" with its message, and syncs the rest', async () => {
    await connectCrm(receiver.webhookUrl, 'tok-e2e-5678');
    const panel = await session.open('sidepanel.html');
    await saveLead(panel, 'Good Lead', 'good@initech.example');
    await saveLead(panel, 'Blocked Lead', 'someone@blocked.example');
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Good Lead'), 'Synced');
    await expectText(leadInList(panel, 'Blocked Lead'), 'Needs attention');
    await expectText(leadInList(panel, 'Blocked Lead'), 'Addresses at @blocked.example are not accepted');
    await expectText(panel.getByRole('status').filter({ hasText: 'synced' }), '1 synced, 1 needs attention.');
  });

  it('keeps leads waiting when the CRM is down, sends none before its Retry-After even on Sync now, then sends them', async () => {
    await connectCrm(receiver.webhookUrl, 'tok-e2e-5678');
    const panel = await session.open('sidepanel.html');
    await saveLead(panel, 'Patient Lead', 'patient@initech.example');
    receiver.failNext({ status: 503, headers: { 'Retry-After': '120' } });
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Patient Lead'), 'Will retry');
    await expectText(leadInList(panel, 'Patient Lead'), 'The CRM answered 503 Service Unavailable');
    await expectText(panel.locator('.sync-bar__count'), '1 waiting to sync');
    expect(receiver.received()).toHaveLength(0);

    // The CRM asked for two minutes: Sync now says so and sends nothing.
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(panel.locator('.sync-bar__result'), /^Last sync: Nothing sent\. 1 lead waits until \d{1,2}:\d{2}:\d{2}.* to be sent again\.$/);
    expect(receiver.requestCount()).toBe(1);
    await expectText(leadInList(panel, 'Patient Lead'), 'Will retry');

    // Two minutes on, the minute's alarm sends it.
    await passTimeForRetries(panel, 120_000);
    await fireRetryAlarm(session.worker);
    await expectText(leadInList(panel, 'Patient Lead'), 'Synced');
    expect(receiver.received().map((entry) => entry.deliveries)).toEqual([1]);
  });

  it('sends a saved lead on its own at the minute’s alarm, with the panel closed, and registers the alarm again at each start', async () => {
    await connectCrm(receiver.webhookUrl, 'tok-e2e-5678');
    const alarm = () => session.worker.evaluate(() => chrome.alarms.get('fieldclip-sync'));
    expect((await alarm())?.periodInMinutes).toBe(1);
    const panel = await session.open('sidepanel.html');
    await saveLead(panel, 'Quiet Lead', 'quiet@initech.example');
    await panel.close();
    expect(receiver.requestCount()).toBe(0);

    // The alarm's next minute, brought forward.
    await fireRetryAlarm(session.worker);
    await expect.poll(() => receiver.received().map((entry) => entry.lead.fullName), { timeout: 15_000 }).toEqual(['Quiet Lead']);
    const reopened = await session.open('sidepanel.html');
    await expectText(leadInList(reopened, 'Quiet Lead'), 'Synced');

    // Gone (as if lost), then the browser restarts on the same profile: the worker registers it again.
    await session.worker.evaluate(() => chrome.alarms.clearAll());
    const userDataDir = session.userDataDir;
    await session.close({ discard: false });
    session = await launchExtension({ userDataDir });
    await expect.poll(async () => (await alarm())?.periodInMinutes).toBe(1);
  });

  it('holds leads while the browser is offline, says so, and sends them once the network is back, without Sync now', async () => {
    await connectCrm(receiver.webhookUrl, 'tok-e2e-5678');
    // Only the network's return may send the lead: the every-minute retry alarm is taken away.
    await session.worker.evaluate(() => chrome.alarms.clear('fieldclip-sync'));
    const panel = await session.open('sidepanel.html');
    await session.context.setOffline(true);
    await expectText(panel.locator('.sync-bar__offline'), 'Offline. New leads are kept here');
    await saveLead(panel, 'Offline Lead', 'offline@initech.example');
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(panel.locator('.sync-bar__result'), 'Nothing was sent: you are offline.');
    // No attempt spent, so no backoff to wait out once the network is back.
    expect(await statusCounts(panel)).toEqual({ pending: 1 });
    expect(receiver.requestCount()).toBe(0);

    await session.context.setOffline(false);
    await expect.poll(() => panel.locator('.sync-bar__offline').count()).toBe(0);
    await expectText(leadInList(panel, 'Offline Lead'), 'Synced');
    expect(receiver.received().map((entry) => entry.lead.fullName)).toEqual(['Offline Lead']);
    expect(receiver.requestCount()).toBe(1);
    await expectText(panel.locator('.sync-bar__result'), 'Last sync: 1 synced.');
  });

  it('pauses on a refused token without failing any lead', async () => {
    await connectCrm(receiver.webhookUrl, 'wrong-token');
    const panel = await session.open('sidepanel.html');
    await saveLead(panel, 'Waiting Lead', 'waiting@initech.example');
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(panel.getByRole('status').filter({ hasText: 'Stopped' }), /401.*Check the API token/);
    await expectText(leadInList(panel, 'Waiting Lead'), 'Pending');
  });

  it('pauses, failing no lead, when its access to a remote CRM was taken away after saving', async () => {
    // Saved while allowed; the site access is gone now (taken away in the browser's extension menu).
    await session.worker.evaluate(() =>
      chrome.storage.local.set({ crmSettings: { crm: 'webhook', endpointUrl: 'https://crm.example.com/fieldclip' } }),
    );
    const panel = await session.open('sidepanel.html');
    await saveLead(panel, 'Kept Lead', 'kept@initech.example');
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(
      panel.locator('.sync-bar__paused'),
      'Sync is paused: Fieldclip is not allowed to reach https://crm.example.com. Save the settings to allow it.',
    );
    await expectText(panel.locator('.sync-bar__result'), 'Nothing was sent: sync is paused.');
    expect(await statusCounts(panel)).toEqual({ pending: 1 });
    await expectText(leadInList(panel, 'Kept Lead'), 'Pending');
  });

  it('asks the rep to connect a CRM before the first sync', async () => {
    const panel = await session.open('sidepanel.html');
    await saveLead(panel, 'Early Lead', 'early@initech.example');
    expect(await panel.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    const optionsOpened = session.context.waitForEvent('page');
    await panel.getByRole('button', { name: 'Connect a CRM' }).click();
    expect((await optionsOpened).url()).toContain('/options.html');
  });
});
