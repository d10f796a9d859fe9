import { startReceiver } from '../tools/receiver/server';
import { launchExtension } from '../tests/e2e/support/extension';
import { seedLeads } from '../tests/e2e/support/outbox';
import { sampleWorkerHeap, workerHeapHeldBy } from './heap';
import { median, type Figure } from './stats';
import { WHOLE_OUTBOX } from './sync-floors';

// Outcomes for 10,000 synced leads (#27): the time "Refresh outcomes" takes against the local
// receiver's Outcomes URL (100 ids a request), what the service worker's heap holds meanwhile
// next to what the whole outbox would take in it, and the Results tab's first table.

const LEADS = 10_000;

type Refresh = { running: boolean; startedAt: number; updatedAt: number; asked: number; total: number; placed: number; error?: string } | undefined;

export async function outcomeFigures(): Promise<Figure[]> {
  const receiver = await startReceiver();
  const session = await launchExtension();
  try {
    await session.worker.evaluate(
      (urls) => chrome.storage.local.set({ crmSettings: { crm: 'webhook', ...urls } }),
      { endpointUrl: receiver.webhookUrl, outcomesUrl: receiver.outcomesUrl },
    );
    const panel = await session.open('sidepanel.html');
    await panel.locator('.sync-bar__count').waitFor();
    await seedLeads(panel, LEADS);
    await panel.reload();
    await panel.getByText(`${LEADS} waiting to sync`).waitFor();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await panel.getByText('Nothing waiting to sync').waitFor({ timeout: 300_000 });
    // A third of the deals moved on: every third won, every seventh at demo.
    receiver.received().forEach((entry, i) => {
      if (i % 3 === 0) receiver.setStage(entry.crmId, { stage: 'won', amount: 1000 + i, currency: 'EUR' });
      else if (i % 7 === 0) receiver.setStage(entry.crmId, { stage: 'demo' });
    });

    await panel.getByRole('tab', { name: 'Results' }).click();
    const heap = await sampleWorkerHeap(session, 250, () => panel.getByRole('button', { name: 'Refresh outcomes' }).click());
    let refresh: Refresh;
    for (;;) {
      refresh = (await session.worker.evaluate(() => chrome.storage.local.get('outcomeRefresh'))).outcomeRefresh as Refresh;
      if (refresh && !refresh.running && refresh.asked === LEADS) break;
      if (refresh?.error) throw new Error(`Outcome refresh stopped: ${refresh.error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { baseline, samples } = await heap.stop();
    const held = samples.map((used) => (used - baseline) / 2 ** 20);
    const wholeOutbox = (await workerHeapHeldBy(session, WHOLE_OUTBOX)) / 2 ** 20;

    // The Results tab opened afresh: its chunk, then the tables counted over the whole outbox.
    await panel.reload();
    await panel.getByText('Nothing waiting to sync').waitFor();
    await panel.getByRole('list', { name: 'Leads' }).getByRole('listitem').first().waitFor();
    const started = Date.now();
    await panel.getByRole('tab', { name: 'Results' }).click();
    await panel.getByRole('table', { name: 'By source' }).getByRole('row', { name: /^Event/ }).getByText(String(LEADS)).first().waitFor();
    const tableMs = Date.now() - started;
    // Its floor: reading the 10,000 leads once with raw IndexedDB in the same page.
    const rawMs = (await panel.evaluate(`new Promise((resolve) => { const t = performance.now(); const open = indexedDB.open('fieldclip'); open.onsuccess = () => { const db = open.result; const r = db.transaction('leads').objectStore('leads').getAll(); r.onsuccess = () => { db.close(); resolve(performance.now() - t); }; }; })`)) as number;

    const seconds = (refresh!.updatedAt - refresh!.startedAt) / 1000;
    return [
      { key: 'outcomes.refresh', name: `refresh outcomes of ${LEADS} synced leads (webhook, 100 a request)`, value: seconds, unit: 's' },
      { key: 'outcomes.heapMedian', name: 'worker heap during the refresh, median over its start', value: median(held), unit: 'MB' },
      { key: 'outcomes.heapPeak', name: 'worker heap during the refresh, peak over its start', value: Math.max(0, ...held), unit: 'MB', target: `< whole outbox (${wholeOutbox.toFixed(1)} MB)`, meets: Math.max(0, ...held) < wholeOutbox },
      { key: 'results.open', name: `Results tab opened: its tables for ${LEADS} leads with outcomes`, value: tableMs, unit: 'ms' },
      { key: 'results.readFloor', name: `reading the ${LEADS} leads once (raw IndexedDB getAll, same page)`, value: rawMs, unit: 'ms' },
    ];
  } finally {
    await session.close();
    await receiver.close();
  }
}
