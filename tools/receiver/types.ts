import type { ExistingContact, ReceivedLead } from './store';

// The reference receiver's options and the handle its starter gets back (server.ts).

export type ReceiverOptions = {
  host?: string;
  port?: number;
  /** Where received leads are kept across restarts; null keeps them in memory only. */
  dataDir?: string | null;
  /**
   * When set, every route needs it: `Authorization: Bearer <token>`, or `?token=<token>` for the
   * page a browser opens.
   */
  token?: string;
  /** Leads whose email ends with this are answered with a per-lead error, to try "Needs attention". */
  rejectEmailDomain?: string;
  /** Wait this long before handling each webhook request: a slow CRM. */
  delayMs?: number;
  /**
   * When set, webhook requests must carry a valid `X-Fieldclip-Signature` made with this secret over
   * `<X-Fieldclip-Timestamp>.<body>`, and a timestamp no more than five minutes off.
   */
  signingSecret?: string;
};

/** A scripted answer to the next webhook request, for tests of what the sync does with it. */
export type Fault =
  | {
      status: number;
      headers?: Record<string, string>;
      body?: string;
      /** Store the leads first, then answer with the fault: "stored, then answered 500". */
      storeFirst?: boolean;
    }
  /** Cut the connection without an answer. */
  | { reset: true }
  /** Never answer: the client's timeout must give up. */
  | { hang: true };

export type Receiver = {
  url: string;
  webhookUrl: string;
  /** Where Fieldclip asks "is this person in the CRM?" (the webhook's Lookup URL). */
  lookupUrl: string;
  /** A contact the CRM "already had", with an owner: what the page's form adds. */
  addContact(contact: ExistingContact): ReceivedLead;
  /** How many lookup requests arrived. */
  lookupCount(): number;
  /** Where Fieldclip reads how synced leads are doing (the webhook's Outcomes URL). */
  outcomesUrl: string;
  /** Sets a record's stage, as the page's form does: by CRM id or Fieldclip lead id. */
  setStage(ref: string, outcome: { stage: string; amount?: number; currency?: string }): ReceivedLead;
  /** The ids each outcome request asked about, in order. */
  outcomeRequests(): string[][];
  received(): ReceivedLead[];
  /** The next webhook requests get these answers, one each, before normal service resumes. */
  failNext(...faults: Fault[]): void;
  /** How many webhook requests arrived, faulted ones included. */
  requestCount(): number;
  /** The most webhook requests it was answering at the same time. */
  mostAtOnce(): number;
  /** The headers of the last webhook or lookup request. */
  lastHeaders(): Record<string, string | string[] | undefined>;
  close(): Promise<void>;
};
