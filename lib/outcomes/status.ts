import { storage } from 'wxt/utils/storage';

/**
 * An outcome refresh as the Results tab shows it: while it runs, how far; when it ended, when and
 * with what (how many leads the CRM placed, or why it stopped).
 */
export type OutcomeRefresh = {
  running: boolean;
  startedAt: number;
  updatedAt: number;
  /** Synced leads asked about so far, of `total`. */
  asked: number;
  total: number;
  /** Leads the CRM placed at a stage. */
  placed: number;
  /** Why the refresh stopped before the end, for the rep; never a token or a body. */
  error?: string;
};

// Local storage: the last refresh's time and result are worth showing after a restart.
export const outcomeRefreshItem = storage.defineItem<OutcomeRefresh | null>('local:outcomeRefresh', { fallback: null });
