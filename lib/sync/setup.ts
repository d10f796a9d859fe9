import { browser } from 'wxt/browser';
import { onMessage } from './messages';
import { outboxDb } from '../outbox/db';
import { releaseAllClaims } from '../outbox/claims';
import { withSyncLock } from './engine';
import { cancelSync, runSync, syncBackOnline, syncRunning } from './run';
import { syncProgressItem } from './status';

const RETRY_ALARM = 'fieldclip-sync';
const RETRY_PERIOD_MINUTES = 1;

/**
 * The service worker's side of syncing: "Sync now" and cancel from the panel, a periodic alarm for
 * retries (registered again whenever the worker starts), and a sync when the browser comes back
 * online or starts with leads waiting.
 */
export function setUpSync(): void {
  onMessage('syncNow', () => runSync('manual'));
  onMessage('cancelSync', () => cancelSync());
  onMessage('syncRunning', () => syncRunning());

  void browser.alarms.create(RETRY_ALARM, { periodInMinutes: RETRY_PERIOD_MINUTES, delayInMinutes: RETRY_PERIOD_MINUTES });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETRY_ALARM) void runSync('alarm');
  });
  // Where the event fires (Firefox's background page). Chrome's workers never get it: a sync that
  // finds the browser offline waits for the network itself (lib/sync/connectivity.ts).
  globalThis.addEventListener?.('online', syncBackOnline);
  // Registered so the browser wakes this worker when it starts; the start-up work below then runs.
  browser.runtime.onStartup.addListener(() => {});

  // This worker has just started: no sync of its own runs yet, so a batch still claimed
  // was left by one that died with the browser or the worker. Give it back, then carry on.
  void withSyncLock(async () => {
    await releaseAllClaims(outboxDb());
    const progress = await syncProgressItem.getValue();
    if (progress?.running) await syncProgressItem.setValue({ ...progress, running: false, updatedAt: Date.now() });
  }).then(() => runSync('startup'));
}
