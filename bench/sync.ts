import { WEBHOOK_BATCH_SIZE, webhookLeadFromLead } from '../lib/crm/webhook/connector';
import { startReceiver, type Receiver } from '../tools/receiver/server';
import { launchExtension, type ExtensionSession } from '../tests/e2e/support/extension';
import { seededLead, seedLeads } from '../tests/e2e/support/outbox';
import { sampleWorkerHeap, workerHeapHeldBy } from './heap';
import { median, type Figure } from './stats';

const LEADS = 10_000;
const RUNS = 3;
const HEAP_SMALL = 2_000;

type Progress = { running: boolean; synced: number } | undefined;

async function untilSynced(session: ExtensionSession, count: number): Promise<void> {
  for (;;) {
    const progress = (await session.worker.evaluate(() => chrome.storage.session.get('syncProgress'))).syncProgress as Progress;
    if (progress && progress.running === false && progress.synced === count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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
  await fetch(`${receiver.url}/api/leads`, { method: 'DELETE' });
  return { session, panel };
}

/** The extension's outbox, opened with raw IndexedDB inside a worker snippet. */
const OPEN_OUTBOX = `new Promise((resolve, reject) => {
  const open = indexedDB.open('fieldclip');
  open.onsuccess = () => resolve(open.result);
  open.onerror = () => reject(open.error);
})`;

/** Waits, inside a worker snippet, until the transaction `tx` names has committed. */
const committed = (tx: string) => `new Promise((resolve, reject) => { ${tx}.oncomplete = resolve; ${tx}.onerror = ${tx}.onabort = () => reject(${tx}.error); })`;

/** Inside a worker snippet, the result of the IndexedDB request the expression `request` makes. */
const answered = (request: string) =>
  `new Promise((resolve, reject) => { const request = ${request}; request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); })`;

/** Inside a worker snippet: a scratch database named by the variable `name`, with these stores (name → key path). */
const openScratch = (stores: Record<string, string>) => `new Promise((resolve, reject) => {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => Object.entries(${JSON.stringify(stores)}).forEach(([store, keyPath]) => open.result.createObjectStore(store, { keyPath }));
  open.onsuccess = () => resolve(open.result);
  open.onerror = () => reject(open.error);
})`;

/** Inside a worker snippet: deletes the scratch database named by the variable `name`. */
const DELETE_SCRATCH = `new Promise((resolve) => { const request = indexedDB.deleteDatabase(name); request.onsuccess = request.onerror = request.onblocked = resolve; })`;

/**
 * The least an engine that writes each lead's outcome to the outbox can cost: every lead of the
 * outbox read and written back once, a batch to a transaction, with raw IndexedDB in the service
 * worker (no Dexie, no network). A string, so that the bundler's helpers never reach the worker.
 */
const RECORD_EACH_LEAD_ONCE = `(async (size) => {
  const db = await ${OPEN_OUTBOX};
  const start = performance.now();
  let after;
  let written = 0;
  for (;;) {
    const tx = db.transaction('leads', 'readwrite');
    const store = tx.objectStore('leads');
    const batch = await ${answered('store.getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), size)')};
    for (const lead of batch) store.put({ ...lead, sync: { ...lead.sync, attempts: lead.sync.attempts + 1 } });
    await ${committed('tx')};
    written += batch.length;
    if (batch.length < size) break;
    after = batch[batch.length - 1].id;
  }
  db.close();
  return { ms: performance.now() - start, written };
})(${WEBHOOK_BATCH_SIZE})`;

/**
 * The least any design that writes a record per lead can cost: `count` records of two fields (an
 * id and a status), no index, a batch to a transaction, with raw IndexedDB in the service worker,
 * into a scratch database deleted afterwards. No engine that keeps each lead's outcome in its own
 * record, however it shapes the outbox, writes less than this.
 */
const NARROWEST_RECORD_PER_LEAD = `(async ({ count, size }) => {
  const name = 'fieldclip-bench-floor';
  const db = await ${openScratch({ outcomes: 'id' })};
  const ids = Array.from({ length: count }, () => crypto.randomUUID());
  const start = performance.now();
  for (let i = 0; i < count; i += size) {
    const tx = db.transaction('outcomes', 'readwrite');
    const store = tx.objectStore('outcomes');
    for (const id of ids.slice(i, i + size)) store.put({ id, status: 'synced' });
    await ${committed('tx')};
  }
  const ms = performance.now() - start;
  db.close();
  await ${DELETE_SCRATCH};
  return ms;
})({ count: ${LEADS}, size: ${WEBHOOK_BATCH_SIZE} })`;

/**
 * The least an engine that sends from the outbox can cost: the bare loop, but with each batch read
 * from the outbox first (raw IndexedDB, through the `createdAt` index, as a claim reads it; the next
 * batch read while one is on its way) and nothing written: no claim, no outcome, no log. Run in the
 * same page as the bare loop. A string, as the snippets above.
 */
const READ_AND_SEND = (url: string) => `(async (size) => {
  const db = await ${OPEN_OUTBOX};
  const read = (after) =>
    ${answered("db.transaction('leads').objectStore('leads').index('createdAt').getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), size)")};
  const start = performance.now();
  let sent = 0;
  let next = read(undefined);
  for (;;) {
    const batch = await next;
    if (batch.length === 0) break;
    // The next batch is read while this one is on its way.
    next = read(batch[batch.length - 1].createdAt);
    const leads = batch.map(({ sync, ...lead }) => lead);
    const response = await fetch(${JSON.stringify(url)}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ leads }) });
    await response.json();
    sent += batch.length;
  }
  db.close();
  return { ms: performance.now() - start, sent };
})(${WEBHOOK_BATCH_SIZE})`;

/**
 * The least a differently shaped outbox could cost: waiting leads kept a second time, a batch to a
 * row, so that a batch is one record read, and each batch's outcome one journal row, so that a batch
 * is one record written. Two shapes of row: the batch's leads, or the request's body already written
 * (JSON, ready to send). Every lead of the outbox is copied into such a scratch database first (not
 * timed). Then, in the service worker, timed: the bare loop with the payload in memory, and the loop
 * over each shape of row (read a row, send it, write its journal row in a transaction), each to the
 * receiver, emptied in between. The statuses the list shows would still have to be written to each
 * lead later (the writes measured above), outside the sync. A string, as the snippets above.
 */
const CHUNKED_OUTBOX = (receiverUrl: string) => `(async (size) => {
  const outbox = await ${OPEN_OUTBOX};
  const all = await ${answered("outbox.transaction('leads').objectStore('leads').index('createdAt').getAll()")};
  outbox.close();
  const leads = all.map(({ sync, ...lead }) => lead);
  const name = 'fieldclip-bench-chunks';
  const db = await ${openScratch({ leads: 'seq', bodies: 'seq', journal: 'seq' })};
  const fill = db.transaction(['leads', 'bodies'], 'readwrite');
  for (let i = 0; i < leads.length; i += size) {
    const batch = leads.slice(i, i + size);
    fill.objectStore('leads').put({ seq: i / size, ids: batch.map((lead) => lead.id), leads: batch });
    fill.objectStore('bodies').put({ seq: i / size, ids: batch.map((lead) => lead.id), body: JSON.stringify({ leads: batch }) });
  }
  await ${committed('fill')};
  const post = (body) =>
    fetch(${JSON.stringify(`${receiverUrl}/webhook`)}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
      .then((response) => response.json());
  const empty = () => fetch(${JSON.stringify(`${receiverUrl}/api/leads`)}, { method: 'DELETE' });

  await empty();
  let start = performance.now();
  for (let i = 0; i < leads.length; i += size) await post(JSON.stringify({ leads: leads.slice(i, i + size) }));
  const result = { bareMs: performance.now() - start, sent: {} };

  for (const shape of ['leads', 'bodies']) {
    await empty();
    start = performance.now();
    let sent = 0;
    for (let seq = 0; ; seq++) {
      const row = await ${answered('db.transaction(shape).objectStore(shape).get(seq)')};
      if (!row) break;
      const answer = await post(shape === 'leads' ? JSON.stringify({ leads: row.leads }) : row.body);
      const tx = db.transaction('journal', 'readwrite');
      tx.objectStore('journal').put({ seq, at: Date.now(), ids: row.ids, results: answer.results ?? null });
      await ${committed('tx')};
      sent += row.ids.length;
    }
    result[shape + 'Ms'] = performance.now() - start;
    result.sent[shape] = sent;
  }
  db.close();
  await ${DELETE_SCRATCH};
  return result;
})(${WEBHOOK_BATCH_SIZE})`;

type ChunkedFloor = { bareMs: number; leadsMs: number; bodiesMs: number; sent: { leads: number; bodies: number } };

/** The whole outbox read into the worker's memory, as a whole-table load would hold it. */
const WHOLE_OUTBOX = `${OPEN_OUTBOX}.then((db) => new Promise((resolve, reject) => {
  const request = db.transaction('leads').objectStore('leads').getAll();
  request.onsuccess = () => (db.close(), resolve(request.result));
  request.onerror = () => (db.close(), reject(request.error));
}))`;

type HeapDuringSync = { median: number; peak: number; wholeOutbox?: number };

/**
 * What the service worker's heap held during a sync of `count` leads, over its start (MB): the
 * median of the samples and their peak; and, when asked, what the whole outbox takes in that heap
 * once read.
 */
async function heapDuringSync(receiver: Receiver, count: number, { readWholeOutbox = false } = {}): Promise<HeapDuringSync> {
  const { session, panel } = await seeded(receiver, count);
  try {
    const heap = await sampleWorkerHeap(session, 250);
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await untilSynced(session, count);
    const { baseline, samples } = await heap.stop();
    const held = samples.map((used) => (used - baseline) / 2 ** 20);
    const wholeOutbox = readWholeOutbox ? (await workerHeapHeldBy(session, WHOLE_OUTBOX)) / 2 ** 20 : undefined;
    return { median: median(held), peak: Math.max(0, ...held), ...(wholeOutbox === undefined ? {} : { wholeOutbox }) };
  } finally {
    await session.close();
  }
}

/**
 * The time to sync 10,000 leads from the outbox to the local receiver with the real extension
 * (seeded outbox, "Sync now", until the engine reports all synced), against the same payload sent
 * by a bare batched fetch loop from the same extension page to the same receiver.
 */
export async function syncFigures(): Promise<Figure[]> {
  const receiver = await startReceiver();
  const engine: number[] = [];
  const bare: number[] = [];
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
        const start = performance.now();
        await panel.getByRole('button', { name: 'Sync now' }).click();
        // Poll the receiver (free) until it has them all, then the engine's own word (a call into the worker).
        while (receiver.received().length < LEADS) await new Promise((resolve) => setTimeout(resolve, 20));
        await untilSynced(session, LEADS);
        engine.push(performance.now() - start);
        if (receiver.received().length !== LEADS) throw new Error(`The receiver has ${receiver.received().length} leads`);

        await fetch(`${receiver.url}/api/leads`, { method: 'DELETE' });
        // The same leads as the outbox held, in the webhook's own form, sent from memory.
        const payload = Array.from({ length: LEADS }, (_, i) => webhookLeadFromLead(seededLead(i, Date.now())));
        bare.push(
          await panel.evaluate(
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
          ),
        );
        // The same loop, but each batch read from the outbox first (no writes at all).
        await fetch(`${receiver.url}/api/leads`, { method: 'DELETE' });
        const { ms: readMs, sent } = (await panel.evaluate(READ_AND_SEND(receiver.webhookUrl))) as { ms: number; sent: number };
        if (sent !== LEADS || receiver.received().length !== LEADS) throw new Error(`Read and sent ${sent} leads`);
        readAndSend.push(readMs);
        // With nothing else running: the outbox's own cost of writing each lead once.
        await panel.goto('about:blank');
        const { ms, written } = (await session.worker.evaluate(RECORD_EACH_LEAD_ONCE)) as { ms: number; written: number };
        if (written !== LEADS) throw new Error(`Wrote back ${written} leads`);
        recordOnce.push(ms);
        narrowest.push((await session.worker.evaluate(NARROWEST_RECORD_PER_LEAD)) as number);
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
    heapSmall = await heapDuringSync(receiver, HEAP_SMALL);
    heapLarge = await heapDuringSync(receiver, LEADS, { readWholeOutbox: true });
  } finally {
    await receiver.close();
  }
  const engineMs = median(engine);
  const bareMs = median(bare);
  const overhead = (engineMs / bareMs - 1) * 100;
  const readMs = median(readAndSend);
  const recordMs = median(recordOnce);
  const narrowestMs = median(narrowest);
  const chunkedBareMs = median(chunkedBare);
  const chunkedLeadsMs = median(chunkedLeads);
  const chunkedBodiesMs = median(chunkedBodies);
  // What a whole-table load of the extra leads would add to the worker's heap.
  const growthIfLoaded = ((heapLarge.wholeOutbox ?? 0) * (LEADS - HEAP_SMALL)) / LEADS;
  return [
    { name: `sync ${LEADS} leads (engine)`, value: engineMs / 1000, unit: 's', target: '≤ 10 s', meets: engineMs <= 10_000 },
    { name: `same payload, bare fetch loop`, value: bareMs / 1000, unit: 's' },
    { name: 'engine overhead over the bare loop', value: overhead, unit: '%', target: '≤ 25 %', meets: overhead <= 25 },
    // Why the 25 % is out of reach here. First: reading each batch from the outbox, and writing
    // nothing back, already costs more than 25 % over a loop that has the payload in memory.
    { name: 'same loop, each batch read from the outbox first (no writes)', value: readMs / 1000, unit: 's' },
    { name: 'least overhead of an engine that sends from the outbox', value: (readMs / bareMs - 1) * 100, unit: '%' },
    // Then: writing each lead's outcome once, with nothing else, already
    // costs this much. An engine that keeps each lead's outcome in the outbox ("never lose a lead")
    // pays at least the bare loop and this.
    { name: `write each of ${LEADS} leads back once (raw IndexedDB, ${WEBHOOK_BATCH_SIZE} a transaction)`, value: recordMs / 1000, unit: 's' },
    { name: 'least overhead of an engine that records each lead', value: (recordMs / bareMs) * 100, unit: '%' },
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
    { name: `worker heap during a sync of ${HEAP_SMALL} (peak − start)`, value: heapSmall.peak, unit: 'MB' },
    { name: `worker heap during a sync of ${LEADS} (peak − start)`, value: heapLarge.peak, unit: 'MB' },
    { name: `worker heap during a sync of ${HEAP_SMALL} (median − start)`, value: heapSmall.median, unit: 'MB' },
    { name: `worker heap during a sync of ${LEADS} (median − start)`, value: heapLarge.median, unit: 'MB' },
    {
      name: `worker heap: the ${LEADS - HEAP_SMALL} more leads add (median)`,
      value: heapLarge.median - heapSmall.median,
      unit: 'MB',
      target: `flat: < ¼ of what reading them would (${(growthIfLoaded / 4).toFixed(1)} MB)`,
      meets: heapLarge.median - heapSmall.median < growthIfLoaded / 4,
    },
  ];
}
