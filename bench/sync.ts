import { WEBHOOK_BATCH_SIZE, webhookLeadFromLead } from '../lib/crm/webhook/connector';
import { startReceiver, type Receiver } from '../tools/receiver/server';
import { launchExtension, type ExtensionSession } from '../tests/e2e/support/extension';
import { seededLead, seedLeads } from '../tests/e2e/support/outbox';
import { sampleWorkerHeap, workerHeapHeldBy } from './heap';
import { syncMeasureName, syncParts, type SyncPart } from '../lib/outbox/timings';
import { untilMachineQuiet } from './quiet';
import { fromRuns, median, type Figure } from './stats';
import { CHUNKED_OUTBOX, LEADS, NARROWEST_RECORD_PER_LEAD, READ_AND_SEND, RECORD_EACH_LEAD_ONCE, WHOLE_OUTBOX, type ChunkedFloor } from './sync-floors';

const RUNS = 3;
const HEAP_SMALL = 2_000;
/** Syncs of each size whose heap is sampled: a 2,000-lead sync lasts about half a second, a few samples. */
const HEAP_RUNS = 3;

type Progress = { running: boolean; synced: number; startedAt: number; updatedAt: number } | undefined;

/**
 * Waits until the engine reports `count` leads synced; returns how long its run took by the worker's
 * own clock, from the sync's start to its summary (lib/sync/run.ts), in ms.
 */
async function untilSynced(session: ExtensionSession, count: number): Promise<number> {
  for (;;) {
    const progress = (await session.worker.evaluate(() => chrome.storage.session.get('syncProgress'))).syncProgress as Progress;
    if (progress && progress.running === false && progress.synced === count) return progress.updatedAt - progress.startedAt;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What the worker's last sync spent on each of its parts (lib/outbox/timings.ts), in ms. */
async function partsOfLastSync(session: ExtensionSession): Promise<Record<SyncPart, number>> {
  const names = Object.fromEntries(syncParts.map((part) => [part, syncMeasureName(part)]));
  return session.worker.evaluate(
    (names) => Object.fromEntries(Object.entries(names).map(([part, name]) => [part, performance.getEntriesByName(name).reduce((sum, entry) => sum + entry.duration, 0)])),
    names,
  ) as Promise<Record<SyncPart, number>>;
}

/** Forgets what the receiver has been sent, so that it counts the next run's leads alone. */
async function emptyReceiver(receiver: Receiver): Promise<void> {
  await fetch(`${receiver.url}/api/leads`, { method: 'DELETE' });
}

/** The floor's write-back (RECORD_EACH_LEAD_ONCE) in the worker, in ms; it must have written every lead. */
async function recordEachLeadOnce(session: ExtensionSession, when: string): Promise<number> {
  const { ms, written } = (await session.worker.evaluate(RECORD_EACH_LEAD_ONCE)) as { ms: number; written: number };
  if (written !== LEADS) throw new Error(`Wrote back ${written} leads ${when}`);
  return ms;
}

/** A fresh profile with `count` leads waiting, the panel open on them and the receiver emptied. */
async function seeded(receiver: Receiver, count: number) {
  const session = await launchExtension();
  await session.worker.evaluate((url) => chrome.storage.local.set({ crmSettings: { crm: 'webhook', endpointUrl: url } }), receiver.webhookUrl);
  const panel = await session.open('sidepanel.html');
  await panel.locator('.sync-bar__count').waitFor();
  await seedLeads(panel, count);
  await panel.reload();
  await panel.getByText(`${count} waiting to sync`).waitFor();
  await emptyReceiver(receiver);
  return { session, panel };
}

type HeapDuringSync = { median: number; peak: number; wholeOutbox?: number };

/**
 * What the service worker's heap held during a sync of `count` leads, over its start (MB): the
 * median of the samples and their peak; and, when asked, what the whole outbox takes in that heap
 * once read.
 */
async function heapDuringSync(receiver: Receiver, count: number, { readWholeOutbox = false } = {}): Promise<HeapDuringSync> {
  const { session, panel } = await seeded(receiver, count);
  try {
    const heap = await sampleWorkerHeap(session, 250, () => panel.getByRole('button', { name: 'Sync now' }).click());
    await untilSynced(session, count);
    const { baseline, samples } = await heap.stop();
    const held = samples.map((used) => (used - baseline) / 2 ** 20);
    const wholeOutbox = readWholeOutbox ? (await workerHeapHeldBy(session, WHOLE_OUTBOX)) / 2 ** 20 : undefined;
    return { median: median(held), peak: Math.max(0, ...held), ...(wholeOutbox === undefined ? {} : { wholeOutbox }) };
  } finally {
    await session.close();
  }
}

/** heapDuringSync over HEAP_RUNS syncs: the median of their medians, and the highest peak. */
async function heapDuringSyncs(receiver: Receiver, count: number, { readWholeOutbox = false } = {}): Promise<HeapDuringSync> {
  const runs: HeapDuringSync[] = [];
  for (let run = 0; run < HEAP_RUNS; run++) runs.push(await heapDuringSync(receiver, count, { readWholeOutbox: readWholeOutbox && run === 0 }));
  const wholeOutbox = runs[0]?.wholeOutbox;
  return { median: median(runs.map((run) => run.median)), peak: Math.max(...runs.map((run) => run.peak)), ...(wholeOutbox === undefined ? {} : { wholeOutbox }) };
}

/**
 * The time to sync 10,000 leads from the outbox to the local receiver with the real extension
 * (seeded outbox, "Sync now", until the engine reports all synced), against the same payload sent
 * by a bare batched fetch loop from the same extension page to the same receiver. Each is timed
 * where it runs: the engine by the worker's clock, from the run's start to its summary, as the
 * floors are by the page's or the worker's.
 */
export async function syncFigures(): Promise<Figure[]> {
  const receiver = await startReceiver();
  const engine: number[] = [];
  const clickToDone: number[] = [];
  const parts: Array<Record<SyncPart, number>> = [];
  const bare: number[] = [];
  const bareBeside: number[] = [];
  const recordBeside: number[] = [];
  const readAndSend: number[] = [];
  const recordOnce: number[] = [];
  const narrowest: number[] = [];
  const chunkedBare: number[] = [];
  const chunkedLeads: number[] = [];
  const chunkedBodies: number[] = [];
  let heapSmall: HeapDuringSync = { median: 0, peak: 0 };
  let heapLarge: HeapDuringSync = { median: 0, peak: 0 };
  try {
    for (let run = 0; run < RUNS; run++) {
      const { session, panel } = await seeded(receiver, LEADS);
      try {
        // Timed once the machine has done what writing the leads and reloading the panel set off
        // (quiet.ts), as the floors are below.
        await untilMachineQuiet();
        const start = performance.now();
        await panel.getByRole('button', { name: 'Sync now' }).click();
        // Poll the receiver (free) until it has them all, then the engine's own word (a call into the worker).
        while (receiver.received().length < LEADS) await new Promise((resolve) => setTimeout(resolve, 20));
        engine.push(await untilSynced(session, LEADS));
        clickToDone.push(performance.now() - start);
        if (receiver.received().length !== LEADS) throw new Error(`The receiver has ${receiver.received().length} leads`);
        parts.push(await partsOfLastSync(session));

        await emptyReceiver(receiver);
        // The same leads as the outbox held, in the webhook's own form, sent from memory.
        const payload = Array.from({ length: LEADS }, (_, i) => webhookLeadFromLead(seededLead(i, Date.now())));
        // Each part is timed, as the engine is, once the machine is done with the last (the panel
        // reads again what the sync changed).
        await untilMachineQuiet();
        const bareLoop = () =>
          panel.evaluate(
            async ({ url, leads, size }) => {
              const start = performance.now();
              for (let i = 0; i < leads.length; i += size) {
                const response = await fetch(url, {
                  method: 'POST',
                  headers: { 'Content-Type': 'application/json' },
                  body: JSON.stringify({ leads: leads.slice(i, i + size) }),
                });
                await response.json();
              }
              return performance.now() - start;
            },
            { url: receiver.webhookUrl, leads: payload, size: WEBHOOK_BATCH_SIZE },
          );
        bare.push(await bareLoop());
        // The floor's two parts at the same time, as a sync that records each answer as it comes
        // must run them: on two cores, the browser's IndexedDB, the worker, the page sending and
        // the receiver share them. (Raw IndexedDB: the panel's queries do not see these writes.)
        await emptyReceiver(receiver);
        await untilMachineQuiet();
        const [loopBeside, writeBeside] = await Promise.all([bareLoop(), recordEachLeadOnce(session, 'beside the loop')]);
        bareBeside.push(loopBeside);
        recordBeside.push(writeBeside);
        // The same loop, but each batch read from the outbox first (no writes at all).
        await emptyReceiver(receiver);
        await untilMachineQuiet();
        const { ms: readMs, sent } = (await panel.evaluate(READ_AND_SEND(receiver.webhookUrl))) as { ms: number; sent: number };
        if (sent !== LEADS || receiver.received().length !== LEADS) throw new Error(`Read and sent ${sent} leads`);
        readAndSend.push(readMs);
        // With nothing else running: the outbox's own cost of writing each lead once.
        await panel.goto('about:blank');
        await untilMachineQuiet();
        recordOnce.push(await recordEachLeadOnce(session, 'alone'));
        await untilMachineQuiet();
        narrowest.push((await session.worker.evaluate(NARROWEST_RECORD_PER_LEAD)) as number);
        await untilMachineQuiet();
        const floor = (await session.worker.evaluate(CHUNKED_OUTBOX(receiver.url))) as ChunkedFloor;
        if (floor.sent.leads !== LEADS || floor.sent.bodies !== LEADS || receiver.received().length !== LEADS) throw new Error(`Sent ${JSON.stringify(floor.sent)} leads in chunks`);
        chunkedBare.push(floor.bareMs);
        chunkedLeads.push(floor.leadsMs);
        chunkedBodies.push(floor.bodiesMs);
      } finally {
        await session.close();
      }
    }
    // Flat memory: the heap a sync needs does not grow with the outbox. Sampling collects garbage
    // as it goes, so these runs are not timed.
    heapSmall = await heapDuringSyncs(receiver, HEAP_SMALL);
    heapLarge = await heapDuringSyncs(receiver, LEADS, { readWholeOutbox: true });
  } finally {
    await receiver.close();
  }
  const engineMs = median(engine);
  const bareMs = median(bare);
  const overhead = (engineMs / bareMs - 1) * 100;
  // #29: the engine against its honest floor, run by run: sending the payload (the bare loop) and
  // writing each lead back once.
  const overFloor = engine.map((ms, run) => ms / (bare[run]! + recordOnce[run]!));
  const floorMs = median(bare.map((ms, run) => ms + recordOnce[run]!));
  const seconds = (runs: readonly number[]) => runs.map((ms) => ms / 1000);
  // The parts overlap: each request is on its way while the batch before is recorded, and recording,
  // the log line and the next claim are asked of IndexedDB at once; each runs until its last answer.
  const partNames: Record<SyncPart, string> = {
    claim: 'taking each batch (reading due leads, checking them, the claim row)',
    check: '… of which checking the leads against the lead schema',
    send: "the connector's requests (mapping, sending, reading the answers; beside the rest)",
    record: "writing each lead's outcome and ending the claim (beside the log and the next claim)",
    log: "the sync log's lines (beside the outcomes)",
    batchTransaction: 'the transactions recording each batch, its log line and the next claim, to commit',
  };
  const readMs = median(readAndSend);
  const recordMs = median(recordOnce);
  const narrowestMs = median(narrowest);
  const chunkedBareMs = median(chunkedBare);
  const chunkedLeadsMs = median(chunkedLeads);
  const chunkedBodiesMs = median(chunkedBodies);
  // What a whole-table load of the extra leads would add to the worker's heap.
  const growthIfLoaded = ((heapLarge.wholeOutbox ?? 0) * (LEADS - HEAP_SMALL)) / LEADS;
  return [
    {
      key: 'sync.engine',
      name: `sync ${LEADS} leads (engine, panel open)`,
      ...fromRuns(seconds(engine)),
      unit: 's',
      target: `≤ 1.5 × floor (${((1.5 * floorMs) / 1000).toFixed(2)} s)`,
      meets: median(overFloor) <= 1.5,
    },
    { name: 'engine ÷ floor (bare loop + writing each lead once), run by run', ...fromRuns(overFloor), unit: '×', target: '≤ 1.5 ×', meets: median(overFloor) <= 1.5 },
    // The same syncs timed from here: the click, the message to the worker, and the polling that
    // notices the end (every 50 ms, a call into the worker) come on top of the run itself.
    { name: '  the same syncs from the click on "Sync now" until this bench sees them done', ...fromRuns(seconds(clickToDone)), unit: 's' },
    ...syncParts.map((part): Figure => ({ name: `  engine part: ${partNames[part]}`, ...fromRuns(seconds(parts.map((run) => run[part]))), unit: 's' })),
    { key: 'sync.bareLoop', name: `same payload, bare fetch loop`, ...fromRuns(seconds(bare)), unit: 's' },
    // The sync issue's first target (≤ 25 % over the bare loop), withdrawn in #29 as below any
    // outbox's floor; kept to compare with earlier runs.
    { name: 'engine overhead over the bare loop', value: overhead, unit: '%' },
    // Why the 25 % is out of reach here. First: reading each batch from the outbox, and writing
    // nothing back, already costs more than 25 % over a loop that has the payload in memory.
    { name: 'same loop, each batch read from the outbox first (no writes)', value: readMs / 1000, unit: 's' },
    { name: 'least overhead of an engine that sends from the outbox', value: (readMs / bareMs - 1) * 100, unit: '%' },
    // Then: writing each lead's outcome once, with nothing else, already
    // costs this much. An engine that keeps each lead's outcome in the outbox ("never lose a lead")
    // pays at least the bare loop and this.
    { key: 'sync.writeOnce', name: `write each of ${LEADS} leads back once (raw IndexedDB, ${WEBHOOK_BATCH_SIZE} a transaction)`, ...fromRuns(seconds(recordOnce)), unit: 's' },
    { name: 'least overhead of an engine that records each lead', value: (recordMs / bareMs) * 100, unit: '%' },
    // The floor adds up its parts measured apart; an engine that overlaps them pays for sharing the machine.
    { name: '  the same writes while the bare loop runs beside them (both at once)', ...fromRuns(seconds(recordBeside)), unit: 's' },
    { name: '  the bare loop meanwhile', ...fromRuns(seconds(bareBeside)), unit: 's' },
    { name: '  engine ÷ the longer of the two at once, run by run', ...fromRuns(engine.map((ms, run) => ms / Math.max(recordBeside[run]!, bareBeside[run]!))), unit: '×' },
    // And with the outbox reshaped as far as it goes: one two-field record per lead, no index.
    { name: `write a two-field record for each of ${LEADS} leads (no index, ${WEBHOOK_BATCH_SIZE} a transaction)`, value: narrowestMs / 1000, unit: 's' },
    { name: 'least overhead of any design with a record per lead', value: (narrowestMs / bareMs) * 100, unit: '%' },
    // Only an outbox that reads and records a batch as one row each comes near the target: its floor,
    // against the bare loop run in the same worker, where the engine runs.
    { name: 'bare fetch loop, run in the service worker', value: chunkedBareMs / 1000, unit: 's' },
    { name: `same loop reading a row of ${WEBHOOK_BATCH_SIZE} leads, one journal row a batch`, value: chunkedLeadsMs / 1000, unit: 's' },
    { name: 'least overhead of an outbox kept in batches, with a journal', value: (chunkedLeadsMs / chunkedBareMs - 1) * 100, unit: '%' },
    { name: `same, each row the request's body already written`, value: chunkedBodiesMs / 1000, unit: 's' },
    { name: 'least overhead of an outbox kept as ready request bodies', value: (chunkedBodiesMs / chunkedBareMs - 1) * 100, unit: '%' },
    // Flat: a bounded batch at a time, never the whole table. What a run needs whatever its size
    // (code, one batch) shows in both; a whole-table load would add what the last line compares with.
    // The verdict compares medians: the peak of a longer sync is the highest of more samples, so it
    // is higher even when nothing grows (the peaks are shown too).
    { name: `worker heap during a sync of ${HEAP_SMALL} (peak − start, highest of ${HEAP_RUNS})`, value: heapSmall.peak, unit: 'MB' },
    { name: `worker heap during a sync of ${LEADS} (peak − start, highest of ${HEAP_RUNS})`, value: heapLarge.peak, unit: 'MB' },
    { name: `worker heap during a sync of ${HEAP_SMALL} (median − start, median of ${HEAP_RUNS})`, value: heapSmall.median, unit: 'MB' },
    { name: `worker heap during a sync of ${LEADS} (median − start, median of ${HEAP_RUNS})`, value: heapLarge.median, unit: 'MB' },
    {
      key: 'worker.heapGrowth',
      name: `worker heap: the ${LEADS - HEAP_SMALL} more leads add (medians of ${HEAP_RUNS} syncs each)`,
      value: heapLarge.median - heapSmall.median,
      unit: 'MB',
      target: `≤ 1 MB (reading them would add ${growthIfLoaded.toFixed(1)} MB)`,
      meets: heapLarge.median - heapSmall.median <= 1,
    },
  ];
}
