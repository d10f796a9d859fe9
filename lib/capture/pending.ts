import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';

// A capture the rep asked for outside the panel (context menu, keyboard shortcut), handed from the
// service worker to the panel. Session storage: it never outlives the browser session.
const pendingCaptureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('page'), tabId: z.int(), at: z.number() }),
  z.object({ kind: z.literal('text'), text: z.string().check(z.maxLength(5000)), pageUrl: z.optional(z.string()), pageTitle: z.optional(z.string()), at: z.number() }),
]);
export type PendingCapture = z.infer<typeof pendingCaptureSchema>;

const pendingItem = storage.defineItem<unknown>('session:pendingCapture');

export function requestCapture(request: PendingCapture): Promise<void> {
  return pendingItem.setValue(request);
}

/** Takes the pending capture, if any, so it is applied once. */
export async function takePendingCapture(): Promise<PendingCapture | null> {
  const value = await pendingItem.getValue();
  if (value == null) return null;
  await pendingItem.removeValue();
  const parsed = pendingCaptureSchema.safeParse(value);
  // A request older than a minute was not meant for a panel opened now.
  return parsed.success && Date.now() - parsed.data.at < 60_000 ? parsed.data : null;
}

export function watchPendingCapture(callback: () => void): () => void {
  return pendingItem.watch((value) => {
    if (value != null) callback();
  });
}
