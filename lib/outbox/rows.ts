import type { WaitingStatus } from '../lead/terms';

// The shapes of the outbox's own rows besides leads and their search rows: here, apart from the
// code that reads and writes them, so that db.ts (the schema) and that code import them one way.

/** A batch being sent: which leads (and the version of each that went), until when. */
export type ClaimRow = {
  id: string;
  /** After this time the claim is void and its leads may be taken again (a killed worker's batch). */
  leaseUntil: number;
  leads: Array<{ id: string; updatedAt: number }>;
  /**
   * Its leads changed since they were claimed (edited, deleted), noted by the outbox's write check
   * (db.ts): recording reads these again, and writes the others' outcomes onto the copies it sent.
   */
  changed?: string[];
};

/** Where in the due index (status, due time) a claim found its leads: the next claim looks on from there. */
export type ClaimRange = { status: WaitingStatus; from: number; to: number };

/** One attempt to send a batch, as the panel's sync log shows it. */
export type SyncLogEntry = {
  id?: number;
  at: number;
  sent: number;
  synced: number;
  needsAttention: number;
  retrying: number;
  /** The reason a request failed, for the rep; never a token or a body. */
  error?: string;
};

/**
 * A CRM's answer to "is this person in the CRM?", by `<crm>@<its address>:email:<address>` or
 * `…:linkedin:<profile URL>`: the records it named (none: not in the CRM) and when it was asked.
 */
export type CrmLookupRow = {
  key: string;
  at: number;
  matches: Array<{ crmId: string; url?: string; fullName?: string; company?: string; owner?: string; updatedAt?: string }>;
};

/**
 * Where a synced lead stands in the CRM, as the last outcome refresh read it (lib/outcomes): its
 * stage, a deal's value, when the CRM last changed it, and when it was first seen won.
 */
export type OutcomeRow = {
  leadId: string;
  stage: 'open' | 'meeting' | 'demo' | 'proposal' | 'won' | 'lost';
  amount?: number;
  currency?: string;
  /** The CRM's time of its last change (ISO 8601), when it says. */
  changedAt?: string;
  /** When the lead was won: the CRM's time of that change, else when a refresh first saw it won. */
  wonAt?: number;
  checkedAt: number;
};
