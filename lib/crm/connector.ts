import type { Lead } from '../lead/schema';
import type { LookupAnswer, PersonLookup, PersonQuery } from './lookup';
import type { OutcomeAnswer, OutcomeQuery, OutcomeRead } from './outcomes';

/** What one lead's delivery came to, as the CRM told it; `crmUrl` is the record in the CRM's own web app. */
export type LeadResult = { id: string; ok: true; crmId?: string; crmUrl?: string } | { id: string; ok: false; message: string };

/**
 * What one request to a CRM came to. The classes decide what the sync engine does:
 * - delivered: the CRM answered 2xx; each lead is synced or needs the rep (per-lead errors);
 * - retry: maybe not delivered (network, timeout, 408/425/429/5xx): send again later, same ids;
 * - unauthorized: 401/403: pause the queue until the rep checks the credentials;
 * - refused: any other 4xx: the CRM will not take this batch as it is; the rep must look.
 */
export type SendResult =
  /** `retryAfterMs`: the soonest the leads the answer leaves out may be sent again. */
  | { kind: 'delivered'; results: LeadResult[]; retryAfterMs?: number }
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  | { kind: 'unauthorized'; error: string }
  | { kind: 'refused'; error: string };

/**
 * A retry that looks for what a lost answer created takes only records the CRM made since the lead
 * was captured. The capture time is this computer's clock and the CRM's time its own: this much
 * room is left between the two.
 */
export const CLOCK_SLACK_MS = 60 * 60_000;

/**
 * What "Test connection" tells the rep. Each connector's file exports its test as a function of its
 * own, apart from the connector: only the options page calls it, so the service worker's bundle,
 * which holds every connector, holds none of the tests.
 */
export type ConnectionCheck = { ok: true; message: string } | { ok: false; message: string };

export type CrmConnector<Settings> = {
  /** Leads per request. */
  batchSize: number;
  /**
   * Sends leads. A lead whose `sync.crmId` names a record (an earlier answer's, or the one a lookup
   * matched before it was saved) updates that record rather than creating another.
   */
  send(leads: readonly Lead[], settings: Settings, signal: AbortSignal): Promise<SendResult>;
  /** "Already in your CRM?": the records this CRM holds for a person, by email or LinkedIn profile. */
  lookup: PersonLookup<Settings>;
  /** Where synced leads stand (meeting, demo, won…), for the Results tab. */
  outcomes: OutcomeRead<Settings>;
};

/**
 * A delivered answer once a follow-up request for some of its leads (a deal, an opportunity) has
 * failed: refused, those leads need attention, said by `refusedAs`; otherwise they are left out,
 * so the engine sends them again (after the wait asked for), the rest staying delivered.
 */
export function withoutLeads(
  result: Extract<SendResult, { kind: 'delivered' }>,
  leads: ReadonlyArray<{ id: string }>,
  failure: Exclude<SendResult, { kind: 'delivered' }>,
  refusedAs: (error: string) => string,
): SendResult {
  const ids = new Set(leads.map((lead) => lead.id));
  const kept = result.results.filter((r) => !ids.has(r.id));
  if (failure.kind === 'refused') return { ...result, results: [...kept, ...leads.map((lead): LeadResult => ({ id: lead.id, ok: false, message: refusedAs(failure.error) }))] };
  return { ...result, results: kept, ...(failure.kind === 'retry' && failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}) };
}

/** A connector's sending side, with its settings: what the sync engine calls. */
export type CrmSender = {
  batchSize: number;
  send(leads: readonly Lead[], signal: AbortSignal): Promise<SendResult>;
};

/** A connector together with its settings: what the sync engine and the lookups call. */
export type Crm = CrmSender & {
  lookup(query: PersonQuery, signal: AbortSignal): Promise<LookupAnswer>;
  outcomes: { batchSize: number; available: boolean; read(leads: readonly OutcomeQuery[], signal: AbortSignal): Promise<OutcomeAnswer> };
};

export function bindConnector<Settings>(connector: CrmConnector<Settings>, settings: Settings): Crm {
  return {
    batchSize: connector.batchSize,
    send: (leads, signal) => connector.send(leads, settings, signal),
    lookup: (query, signal) => connector.lookup(query, settings, signal),
    outcomes: {
      batchSize: connector.outcomes.batchSize,
      available: connector.outcomes.available(settings),
      read: (leads, signal) => connector.outcomes.read(leads, settings, signal),
    },
  };
}
