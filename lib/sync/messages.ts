import { defineExtensionMessaging } from '@webext-core/messaging';
import type { LookupOutcome, PersonQuery } from '../crm/lookup';
import type { SyncReport } from './engine';

/** The outcome of a "Sync now" as the panel shows it. */
export type SyncNowOutcome =
  | { status: 'done'; report: SyncReport }
  /** Another sync (the alarm, another panel) is running; its results show up in the list. */
  | { status: 'busy' }
  | { status: 'not-configured' }
  /** Automatic syncs wait while the CRM's credentials need the rep. */
  | { status: 'paused' }
  /** The browser has no network: nothing was sent, and a sync starts once it is back. */
  | { status: 'offline' };

/** What "Refresh outcomes" answers at once; the refresh's progress then shows in outcomeRefreshItem. */
export type RefreshOutcomesStart =
  | { status: 'started' }
  | { status: 'busy' }
  | { status: 'not-configured' }
  /** The CRM's settings give no way to read outcomes: a webhook without an Outcomes URL. */
  | { status: 'unavailable' }
  | { status: 'offline' };

/** Every message between the extension's pages and its service worker. */
type ProtocolMap = {
  syncNow(): SyncNowOutcome;
  /** Stops the running sync after its current request; true if one was running. */
  cancelSync(): boolean;
  /**
   * Whether the service worker is running a sync. Asking wakes a stopped worker, which gives back
   * the claims of the sync that died with it and carries on (lib/sync/setup.ts).
   */
  syncRunning(): boolean;
  /** "Already in your CRM?" for the capture form: answered from the 24-hour cache or the CRM (lib/lookup). */
  lookUpPerson(query: PersonQuery): LookupOutcome;
  /** "Refresh outcomes" on the Results tab: starts reading where synced leads stand (lib/outcomes). */
  refreshOutcomes(): RefreshOutcomesStart;
  /** Stops the running outcome refresh after its current request; true if one was running. */
  cancelOutcomeRefresh(): boolean;
};

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
