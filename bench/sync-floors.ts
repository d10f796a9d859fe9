import { WEBHOOK_BATCH_SIZE } from '../lib/crm/webhook/connector';

// The floors the bench holds a bulk sync against: snippets run inside the extension (the service
// worker or the panel) with raw IndexedDB and fetch, as strings so that the bundler's helpers never
// reach the worker. bench/sync.ts runs them and prints what they measure.

/** Leads in the outbox the bench syncs. */
export const LEADS = 10_000;

/** The extension's outbox, opened with raw IndexedDB inside a worker snippet. */
export const OPEN_OUTBOX = `new Promise((resolve, reject) => {
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
export const RECORD_EACH_LEAD_ONCE = `(async (size) => {
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
export const NARROWEST_RECORD_PER_LEAD = `(async ({ count, size }) => {
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
export const READ_AND_SEND = (url: string) => `(async (size) => {
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
export const CHUNKED_OUTBOX = (receiverUrl: string) => `(async (size) => {
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

export type ChunkedFloor = { bareMs: number; leadsMs: number; bodiesMs: number; sent: { leads: number; bodies: number } };

/** The whole outbox read into the worker's memory, as a whole-table load would hold it. */
export const WHOLE_OUTBOX = `${OPEN_OUTBOX}.then((db) => new Promise((resolve, reject) => {
  const request = db.transaction('leads').objectStore('leads').getAll();
  request.onsuccess = () => (db.close(), resolve(request.result));
  request.onerror = () => (db.close(), reject(request.error));
}))`;
