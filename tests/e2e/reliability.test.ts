import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../tools/receiver/server';
import { fireRetryAlarm, launchExtension, type ExtensionSession } from './support/extension';
import { expectText } from './support/panel';
import { seedLeads, statusCounts } from './support/outbox';

let session: ExtensionSession | undefined;
let receiver: Receiver | undefined;
afterEach(async () => {
  await session?.close();
  await receiver?.close();
  session = receiver = undefined;
});

async function connect(s: ExtensionSession, endpointUrl: string): Promise<void> {
  await s.worker.evaluate((url) => chrome.storage.local.set({ crmSettings: { crm: 'webhook', endpointUrl: url } }), endpointUrl);
}

async function openPanelWithLeads(s: ExtensionSession, count: number): Promise<Page> {
  const panel = await s.open('sidepanel.html');
  await expectText(panel.locator('.sync-bar__count'), 'Nothing waiting to sync');
  await seedLeads(panel, count);
  // Written under Dexie's feet, so the live list learns of them on reload.
  await panel.reload();
  await expectText(panel.locator('.sync-bar__count'), `${count} waiting to sync`);
  return panel;
}

/** A receiver slow by `delayMs` a request, a fresh browser, and a bulk sync of `count` leads just started. */
async function bulkSyncUnderWay(count: number, delayMs: number): Promise<{ panel: Page; slow: Receiver; browser: ExtensionSession }> {
  const slow = (receiver = await startReceiver({ delayMs }));
  const browser = (session = await launchExtension());
  await connect(browser, slow.webhookUrl);
  const panel = await openPanelWithLeads(browser, count);
  await panel.getByRole('button', { name: 'Sync now' }).click();
  return { panel, slow, browser };
}

describe('reliable sync in the browser', () => {
  it('delivers 1,000 leads through 500s, 503/429 with Retry-After, resets, a hang and "stored, then 500": none lost, none doubled', async () => {
    receiver = await startReceiver();
    receiver.failNext(
      { status: 500 },
      { status: 503, headers: { 'Retry-After': '1' } },
      { reset: true },
      { status: 500, storeFirst: true },
      { status: 429, headers: { 'Retry-After': new Date(Date.now() + 2_000).toUTCString() } },
      { hang: true },
      { status: 502, storeFirst: true },
    );
    session = await launchExtension();
    await connect(session, receiver.webhookUrl);
    const panel = await openPanelWithLeads(session, 1000);

    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => statusCounts(panel), { timeout: 120_000, interval: 1_000 }).toEqual({ synced: 1000 });

    const received = receiver.received();
    expect(received).toHaveLength(1000);
    const twice = received.filter((entry) => entry.deliveries > 1);
    // The batches stored before a 500 arrived again, with the same ids: one record each.
    expect(twice.length).toBeGreaterThanOrEqual(100);
    expect(new Set(received.map((entry) => entry.lead.id)).size).toBe(1000);
    await expectText(panel.locator('.sync-bar__count'), 'Nothing waiting to sync');
    await panel.getByText('Sync log').click();
    await expectText(panel.locator('.sync-log'), 'The CRM did not answer in time');
    // Five batches, each sent again whole after each of the seven faults: a failed batch goes back in
    // one request, not lead by lead.
    const attempts = await panel.locator('.sync-log tbody tr').count();
    expect(attempts).toBeGreaterThan(5);
    expect(attempts).toBeLessThanOrEqual(5 + 7);
  }, 180_000);

  it('resumes a bulk sync after the browser is closed in the middle of it, on the same profile', async () => {
    // Slow enough that the browser closes with most of the five batches still to go.
    const { slow, browser } = await bulkSyncUnderWay(1000, 1_000);
    await expect.poll(() => slow.received().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(150);
    const userDataDir = browser.userDataDir;
    await browser.close({ discard: false });
    const arrivedBeforeClose = slow.received().length;
    expect(arrivedBeforeClose).toBeLessThan(1000);

    session = await launchExtension({ userDataDir });
    const reopened = await session.open('sidepanel.html');
    await expect.poll(() => statusCounts(reopened), { timeout: 120_000, interval: 1_000 }).toEqual({ synced: 1000 });
    expect(slow.received()).toHaveLength(1000);
  }, 180_000);

  it('finishes a bulk sync after the service worker is killed in the middle of it', async () => {
    const { panel, slow, browser } = await bulkSyncUnderWay(1000, 1_000);
    await expect.poll(() => slow.received().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(200);

    // No alarm to wake the stopped worker: only the open panel, which sees the sync's bar stand still.
    await browser.worker.evaluate(() => chrome.alarms.clear('fieldclip-sync'));
    const devtools = await browser.context.newCDPSession(panel);
    await devtools.send('ServiceWorker.enable');
    await devtools.send('ServiceWorker.stopAllWorkers');
    expect(slow.received().length).toBeLessThan(1000);
    // The woken worker takes the batch the dead one had claimed again at once, not after its lease.

    await expect.poll(() => statusCounts(panel), { timeout: 60_000, interval: 500 }).toEqual({ synced: 1000 });
    const received = slow.received();
    expect(received).toHaveLength(1000);
    expect(new Set(received.map((entry) => entry.lead.id)).size).toBe(1000);
    await expectText(panel.locator('.sync-bar__count'), 'Nothing waiting to sync');
    expect(await panel.getByRole('button', { name: 'Cancel sync' }).count()).toBe(0);
  }, 120_000);

  it('shows a bulk sync’s progress; Cancel stops it with the rest still waiting, and the next sync sends them once', async () => {
    // Slow enough to read the bar and cancel with most of the five batches still to go.
    const { panel, slow } = await bulkSyncUnderWay(1000, 800);
    const bar = panel.locator('.sync-bar__progress');
    await expectText(bar, '0 of 1000 sent');
    await expectText(bar, '200 of 1000 sent');
    expect(await bar.getByRole('progressbar', { name: 'Sync progress' }).getAttribute('value')).toBe('200');
    // What still waits, from the sync's own progress while it runs (no count of the outbox).
    await expectText(panel.locator('.sync-bar__count'), '800 waiting to sync');
    await panel.getByRole('button', { name: 'Cancel sync' }).click();

    // The batch on its way when the rep cancelled is not counted as synced: the CRM may have it or not.
    await expectText(panel.locator('.sync-bar__result'), /^Last sync: Cancelled\. (200|400) synced\.$/);
    const synced = Number(/(\d+) synced/.exec((await panel.locator('.sync-bar__result').textContent()) ?? '')![1]);
    await expectText(panel.locator('.sync-bar__count'), `${1000 - synced} waiting to sync`);
    expect(await bar.count()).toBe(0);
    expect(await statusCounts(panel)).toEqual({ synced, pending: 1000 - synced });
    // No request goes after the one that was cancelled.
    const requests = slow.requestCount();
    expect(requests).toBe(synced / 200 + 1);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(slow.requestCount()).toBe(requests);
    expect(slow.received().length).toBeLessThanOrEqual(synced + 200);

    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => statusCounts(panel), { timeout: 60_000, interval: 500 }).toEqual({ synced: 1000 });
    await expectText(panel.locator('.sync-bar__result'), `Last sync: ${1000 - synced} synced.`);
    const received = slow.received();
    expect(received).toHaveLength(1000);
    expect(new Set(received.map((entry) => entry.lead.id)).size).toBe(1000);
  }, 120_000);

  it('runs one sync at a time: the alarm and a second panel meanwhile start no other', async () => {
    receiver = await startReceiver({ delayMs: 1_000 });
    session = await launchExtension();
    await connect(session, receiver.webhookUrl);
    const first = await openPanelWithLeads(session, 600);
    const second = await session.open('sidepanel.html');

    await first.getByRole('button', { name: 'Sync now' }).click();
    // The other panel shows the running sync and offers to cancel it, not to start one.
    await expectText(second.locator('.sync-bar__progress'), 'of 600 sent');
    expect(await second.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    await expect(second.getByRole('button', { name: 'Cancel sync' }).isVisible()).resolves.toBe(true);
    // The minute's alarm goes off mid-run: a second run would send the next batch alongside.
    await fireRetryAlarm(session.worker);

    await expect.poll(() => statusCounts(first), { timeout: 30_000, interval: 500 }).toEqual({ synced: 600 });
    expect(receiver.mostAtOnce()).toBe(1);
    expect(receiver.requestCount()).toBe(3);
    await expectText(second.locator('.sync-bar__result'), 'Last sync: 600 synced.');
  });

  it('pauses the queue on a refused token, says so, and lifts the pause when settings are saved', async () => {
    receiver = await startReceiver({ token: 'right-token' });
    session = await launchExtension();
    await session.worker.evaluate(
      (url) => chrome.storage.local.set({ crmSettings: { crm: 'webhook', endpointUrl: url, apiToken: 'wrong-token' } }),
      receiver.webhookUrl,
    );
    const panel = await openPanelWithLeads(session, 3);
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(panel.locator('.sync-bar__paused'), /Sync is paused: The CRM answered 401/);
    expect(await statusCounts(panel)).toEqual({ pending: 3 });

    const options = await session.open('options.html');
    await options.getByLabel('API token').fill('right-token');
    await options.getByRole('button', { name: 'Save settings' }).click();
    await expectText(options.getByRole('status'), 'Settings saved.');
    await expect.poll(() => panel.locator('.sync-bar__paused').count()).toBe(0);
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => statusCounts(panel), { timeout: 30_000 }).toEqual({ synced: 3 });
  });
});
