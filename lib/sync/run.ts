import { browser } from 'wxt/browser';
import { crmFor } from '../crm/connectors';
import { crmOriginPermissions } from '../crm/settings';
import type { SyncNowOutcome } from './messages';
import { outboxDb } from '../outbox/db';
import { waitingCount } from '../outbox/outbox';
import { loadCrmSettings } from '../crm/stored-settings';
import { backOnline, isOnline } from './connectivity';
import { syncOutbox, withSyncLock } from './engine';
import { syncPauseItem, syncProgressItem } from './status';

export type SyncTrigger = 'manual' | 'alarm' | 'online' | 'startup';

let current: AbortController | null = null;

/**
 * How often a running sync tells the panel how far it is. Every batch (about 20 a second in a bulk
 * sync) was a storage write and a render in every open extension page, for a bar the eye reads a few
 * times a second. The summary at the end is always written.
 */
const PROGRESS_EVERY_MS = 250;

/** Keeps the service worker alive while a long bulk sync runs (an idle worker is stopped after 30 s). */
function keepAlive(): () => void {
  const timer = setInterval(() => void browser.runtime.getPlatformInfo(), 20_000);
  return () => clearInterval(timer);
}

/**
 * One sync of the extension's outbox to the saved CRM, unless another is running. The rep's
 * "Sync now" sends everything waiting and lifts a pause; automatic runs send what is due and
 * wait while the queue is paused for credentials.
 */
export async function runSync(trigger: SyncTrigger): Promise<SyncNowOutcome> {
  const settings = await loadCrmSettings();
  if (!settings) return { status: 'not-configured' };
  const manual = trigger === 'manual';
  if (manual) await syncPauseItem.setValue(null);
  else if (await syncPauseItem.getValue()) return { status: 'paused' };
  // Site access to the CRM can be taken away after the settings were saved (the browser's extension
  // menu, Firefox's add-on page): every request would fail as a network error and be retried for
  // ever. Pause instead, with the reason; saving the settings asks for it again and lifts the pause.
  const origins = crmOriginPermissions(settings);
  if (origins.length > 0 && !(await browser.permissions.contains({ origins }))) {
    const sites = origins.map((origin) => origin.replace(/\/\*$/, '')).join(', ');
    await syncPauseItem.setValue({ reason: `Fieldclip is not allowed to reach ${sites}. Save the settings to allow it.`, at: Date.now() });
    return { status: 'paused' };
  }
  if (!isOnline()) {
    // Sending now would only fail, spend an attempt and push each lead's next try further out.
    if ((await waitingCount(outboxDb())) > 0) void syncWhenBackOnline();
    return { status: 'offline' };
  }

  const report = await withSyncLock(async () => {
    const controller = new AbortController();
    current = controller;
    const stopKeepAlive = keepAlive();
    const startedAt = Date.now();
    let shownAt = 0;
    try {
      const result = await syncOutbox(outboxDb(), crmFor(settings), {
        force: manual,
        signal: controller.signal,
        onProgress: (progress) => {
          const now = Date.now();
          if (now - shownAt < PROGRESS_EVERY_MS) return;
          shownAt = now;
          void syncProgressItem.setValue({ ...progress, running: true, startedAt, updatedAt: now });
        },
      });
      await syncProgressItem.setValue({ ...result, running: false, startedAt, updatedAt: Date.now() });
      if (result.unauthorized) await syncPauseItem.setValue({ reason: result.stoppedBecause ?? 'The CRM refused the credentials', at: Date.now() });
      return result;
    } finally {
      stopKeepAlive();
      current = null;
    }
  });
  return report ? { status: 'done', report } : { status: 'busy' };
}

let waitingForNetwork = false;

/**
 * Waits for the network, keeping the worker alive meanwhile (a stopped worker would only notice at
 * the next minute's alarm), then syncs what is due. One wait at a time.
 */
async function syncWhenBackOnline(): Promise<void> {
  if (waitingForNetwork) return;
  waitingForNetwork = true;
  const stopKeepAlive = keepAlive();
  try {
    await backOnline();
  } finally {
    stopKeepAlive();
    waitingForNetwork = false;
  }
  await runSync('online');
}

/**
 * The browser says it is online again (Firefox's background page; Chrome's workers never hear it).
 * A sync that found it offline is waiting for just this and runs itself: no second run.
 */
export function syncBackOnline(): void {
  if (!waitingForNetwork) void runSync('online');
}

/** Whether this worker is running a sync. */
export function syncRunning(): boolean {
  return current !== null;
}

/** Stops the running sync after its current request; its leads stay waiting. */
export function cancelSync(): boolean {
  if (!current) return false;
  current.abort();
  return true;
}
