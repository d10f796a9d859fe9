import type { CDPSession } from 'playwright-core';
import type { ExtensionSession } from '../e2e/support/extension';

type Message = { id?: number; result?: { usedSize: number } };

/**
 * Samples what the service worker's JavaScript heap holds (a garbage collection, then
 * Runtime.getHeapUsage, through the DevTools protocol) until stopped; reports the baseline and the
 * peak. Collecting first measures what the engine keeps, not garbage waiting for the collector.
 */
export async function sampleWorkerHeap(session: ExtensionSession, everyMs = 500) {
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
  const usedHeap = async () => {
    // collectGarbage answers with an empty result: sent first, it runs before the next call.
    void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: next++, method: 'HeapProfiler.collectGarbage' }) });
    return call('Runtime.getHeapUsage');
  };
  const baseline = await usedHeap();
  let peak = baseline;
  let running = true;
  const sampling = (async () => {
    while (running) {
      peak = Math.max(peak, await usedHeap());
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop(): Promise<{ baseline: number; peak: number }> {
      running = false;
      await sampling;
      await cdp.detach();
      return { baseline, peak };
    },
  };
}
