import { storage } from 'wxt/utils/storage';
import type { PendingCapture } from './pending-schema';

// A capture the rep asked for outside the panel (context menu, keyboard shortcut), handed from the
// service worker to the panel. Session storage: it never outlives the browser session.
export type { PendingCapture };

const pendingItem = storage.defineItem<unknown>('session:pendingCapture');

export function requestCapture(request: PendingCapture): Promise<void> {
  return pendingItem.setValue(request);
}

/** Takes the pending capture, if any, so it is applied once. */
export async function takePendingCapture(): Promise<PendingCapture | null> {
  const value = await pendingItem.getValue();
  if (value == null) return null;
  await pendingItem.removeValue();
  const { pendingCaptureSchema } = await import('./pending-schema');
  const parsed = pendingCaptureSchema.safeParse(value);
  // A request older than a minute was not meant for a panel opened now.
  return parsed.success && Date.now() - parsed.data.at < 60_000 ? parsed.data : null;
}

export function watchPendingCapture(callback: () => void): () => void {
  return pendingItem.watch((value) => {
    if (value != null) callback();
  });
}
