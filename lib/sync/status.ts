import { storage } from 'wxt/utils/storage';
import type { SyncReport } from './engine';

/** A sync as the panel shows it while it runs, and the summary it leaves when it ends. */
export type SyncProgress = SyncReport & { running: boolean; startedAt: number; updatedAt: number };

// Session storage: progress means nothing after the browser restarts.
export const syncProgressItem = storage.defineItem<SyncProgress | null>('session:syncProgress', { fallback: null });

/** Set when the CRM refused the credentials: automatic syncs wait until the rep checks them. */
export type SyncPause = { reason: string; at: number };
export const syncPauseItem = storage.defineItem<SyncPause | null>('local:syncPause', { fallback: null });
