import type { CDPSession } from 'playwright-core';
import type { ExtensionSession } from '../tests/e2e/support/extension';

type Message = { id?: number; result?: { usedSize: number } };

/**
 * The service worker's JavaScript heap, through the DevTools protocol: `usedHeap()` collects
 * garbage, then reads Runtime.getHeapUsage, so it measures what is kept, not garbage waiting for
 * the collector.
 */
async function attachToWorkerHeap(session: ExtensionSession) {
  const cdp: CDPSession = await session.context.browser()!.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
  const worker = targetInfos.find((target) => target.type === 'service_worker' && target.url.includes(session.extensionId));
  if (!worker) throw new Error('No service worker target');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string };
  let next = 1;
  const waiting = new Map<number, (used: number) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
    const message = JSON.parse(event.message) as Message;
    if (message.id !== undefined && message.result) waiting.get(message.id)?.(message.result.usedSize);
  });
  const call = (method: string) =>
    new Promise<number>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  return {
    usedHeap() {
      // collectGarbage answers with an empty result: sent first, it runs before the next call.
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: next++, method: 'HeapProfiler.collectGarbage' }) });
      return call('Runtime.getHeapUsage');
    },
    detach: () => cdp.detach(),
  };
}

/**
 * Samples the worker's heap until stopped; reports the baseline and every sample. `begin` (the click
 * that starts the work measured) runs after the baseline and before the first sample: a sample
 * taken before it would count the heap at rest as one of the work's, and weigh the most in the
 * shortest runs, which have the fewest samples.
 */
export async function sampleWorkerHeap(session: ExtensionSession, everyMs: number, begin: () => Promise<unknown>) {
  const heap = await attachToWorkerHeap(session);
  const baseline = await heap.usedHeap();
  await begin();
  const samples: number[] = [];
  let running = true;
  const sampling = (async () => {
    while (running) {
      samples.push(await heap.usedHeap());
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop(): Promise<{ baseline: number; samples: number[] }> {
      running = false;
      await sampling;
      await heap.detach();
      return { baseline, samples };
    },
  };
}

/**
 * What the worker's heap holds while `expression` (run in the worker, its value kept in a global)
 * is kept, over what it held before; the global is dropped after.
 */
export async function workerHeapHeldBy(session: ExtensionSession, expression: string): Promise<number> {
  const heap = await attachToWorkerHeap(session);
  try {
    const before = await heap.usedHeap();
    await session.worker.evaluate(`(async () => { globalThis.__heldForBench = await (${expression}); })()`);
    const after = await heap.usedHeap();
    await session.worker.evaluate('delete globalThis.__heldForBench');
    return after - before;
  } finally {
    await heap.detach();
  }
}
