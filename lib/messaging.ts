import { defineExtensionMessaging } from '@webext-core/messaging';
import type { SyncReport } from './sync/engine';

/** The outcome of a "Sync now" as the panel shows it. */
export type SyncNowOutcome =
  | { status: 'done'; report: SyncReport }
  /** Another sync (the alarm, another panel) is running; its results show up in the list. */
  | { status: 'busy' }
  | { status: 'not-configured' };

/** Every message between the extension's pages and its service worker. */
type ProtocolMap = {
  syncNow(): SyncNowOutcome;
};

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
