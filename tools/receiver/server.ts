import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { receivedLeadsPage } from './page';
import { readBody, sendJson, signatureProblem } from './requests';
import { LeadStore, recordUrl, type ExistingContact, type ReceivedLead } from './store';

// The local reference receiver: a small webhook CRM that implements the contract in docs/webhook-contract.md.
// `npm start` points the extension at it; the browser tests start their own.

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

/** The receiver's own address as the request named it: where its page and records are. */
function ownBase(request: IncomingMessage): string {
  return `http://${String(request.headers.host)}`;
}

/** The names this receiver answers to: its own loopback address and port. Others are a DNS rebinding. */
function ownHosts(host: string, port: number): Set<string> {
  const names = new Set([`${host}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  return names;
}

type WebhookResult = { id: string; status: 'ok'; crmId: string; url: string } | { id: string; status: 'error'; message: string };

function isLead(value: unknown): value is ReceivedLead['lead'] {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}

export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const { host = '127.0.0.1', port = 0, dataDir = null, token, rejectEmailDomain, delayMs = 0, signingSecret } = options;
  const store = await LeadStore.open(dataDir);
  const faults: Fault[] = [];
  const hanging: ServerResponse[] = [];
  let requests = 0;
  let inFlight = 0;
  let mostAtOnce = 0;
  let lastHeaders: IncomingMessage['headers'] = {};

  let lookups = 0;
  const outcomeRequests: string[][] = [];

  /** The body of a signed JSON request (the webhook's, a lookup's), or undefined once an error was answered (JSON itself is never undefined). */
  async function signedJson(request: IncomingMessage, response: ServerResponse): Promise<unknown> {
    if (!String(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      sendJson(response, 415, { error: 'Send JSON, with Content-Type: application/json' });
      return undefined;
    }
    const raw = await readBody(request);
    if (signingSecret) {
      const problem = signatureProblem(signingSecret, request.headers, raw);
      if (problem) {
        sendJson(response, 401, { error: problem });
        return undefined;
      }
    }
    try {
      return JSON.parse(raw);
    } catch {
      sendJson(response, 400, { error: 'The body must be JSON' });
      return undefined;
    }
  }

  /** The list a signed JSON body holds under `field`, or null once the request was answered with why not. */
  async function signedList(request: IncomingMessage, response: ServerResponse, field: string, shape: string): Promise<unknown[] | null> {
    const body = await signedJson(request, response);
    if (body === undefined) return null;
    const list = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
    if (Array.isArray(list)) return list;
    sendJson(response, 400, { error: `The body must be JSON: ${shape}` });
    return null;
  }

  /** POST /lookup: `{"people":[{"ref", "email", "linkedinUrl", …}]}` answered with each one's records. */
  async function handleLookup(request: IncomingMessage, response: ServerResponse, base: string) {
    lookups += 1;
    lastHeaders = request.headers;
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const people = await signedList(request, response, 'people', '{"people":[{"ref":"…","email":"…"}]}');
    if (people === null) return;
    const results = people
      .filter((person): person is { ref: string } & Record<string, unknown> => typeof person === 'object' && person !== null && typeof (person as { ref?: unknown }).ref === 'string')
      .slice(0, 100)
      .map((person) => ({ ref: person.ref, matches: store.lookup(person, base) }));
    sendJson(response, 200, { results });
  }

  /** POST /outcomes: `{"ids":["<lead id>", …]}` (at most 100) answered with where each known lead stands. */
  async function handleOutcomes(request: IncomingMessage, response: ServerResponse) {
    lastHeaders = request.headers;
    const ids = await signedList(request, response, 'ids', '{"ids":["<lead id>", …]}');
    if (ids === null) return;
    if (ids.length > 100) return sendJson(response, 400, { error: 'At most 100 ids a request' });
    const asked = ids.filter((id): id is string => typeof id === 'string');
    outcomeRequests.push(asked);
    sendJson(response, 200, { results: store.outcomes(asked) });
  }

  /** POST /api/stages, from the page's form or as JSON: where a record's deal stands. */
  async function handleStage(request: IncomingMessage, response: ServerResponse) {
    const raw = await readBody(request);
    const form = String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    let body: { ref?: string; stage?: string; amount?: string | number; currency?: string };
    try {
      body = form ? Object.fromEntries(new URLSearchParams(raw)) : (JSON.parse(raw) as typeof body);
    } catch {
      return sendJson(response, 400, { error: 'Send the stage as a form or as JSON' });
    }
    const entry = store.setStage(String(body.ref ?? ''), { stage: String(body.stage ?? ''), ...(body.amount !== undefined ? { amount: body.amount } : {}), ...(body.currency !== undefined ? { currency: body.currency } : {}) });
    if (typeof entry === 'string') return sendJson(response, 400, { error: entry });
    await store.save();
    if (form) {
      response.writeHead(303, { Location: `/${token ? `?token=${encodeURIComponent(token)}` : ''}#${entry.crmId}` });
      return response.end();
    }
    sendJson(response, 200, entry);
  }

  /** POST /api/contacts, from the page's form or as JSON: a contact the CRM already had. */
  async function handleNewContact(request: IncomingMessage, response: ServerResponse) {
    const raw = await readBody(request);
    const form = String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    let contact: ExistingContact;
    try {
      contact = form ? Object.fromEntries(new URLSearchParams(raw)) : (JSON.parse(raw) as ExistingContact);
    } catch {
      sendJson(response, 400, { error: 'Send the contact as a form or as JSON' });
      return;
    }
    if (!contact.fullName?.trim() && !contact.email?.trim()) {
      sendJson(response, 400, { error: 'A contact needs a name or an email' });
      return;
    }
    const entry = store.addContact(contact);
    await store.save();
    if (form) {
      response.writeHead(303, { Location: `/${token ? `?token=${encodeURIComponent(token)}` : ''}#${entry.crmId}` });
      response.end();
      return;
    }
    sendJson(response, 201, entry);
  }

  async function handleWebhook(request: IncomingMessage, response: ServerResponse) {
    requests += 1;
    lastHeaders = request.headers;
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const fault = faults.shift();
    if (fault && 'reset' in fault) {
      request.socket.destroy();
      return;
    }
    if (fault && 'hang' in fault) {
      hanging.push(response);
      return;
    }
    if (fault && !fault.storeFirst) {
      response.writeHead(fault.status, fault.headers);
      response.end(fault.body ?? '');
      return;
    }
    const leads = await signedList(request, response, 'leads', '{"leads":[…]}');
    if (leads === null) return;
    const results: WebhookResult[] = [];
    for (const lead of leads) {
      if (!isLead(lead)) continue;
      const email = typeof lead.email === 'string' ? lead.email : '';
      if (rejectEmailDomain && email.endsWith(rejectEmailDomain)) {
        results.push({ id: lead.id, status: 'error', message: `Addresses at ${rejectEmailDomain} are not accepted` });
        continue;
      }
      const { crmId } = store.receive(lead);
      results.push({ id: lead.id, status: 'ok', crmId, url: recordUrl(ownBase(request), crmId) });
    }
    // Stored before answering: an answer that is lost still leaves the lead received once.
    await store.save();
    if (fault && 'status' in fault) {
      response.writeHead(fault.status, fault.headers);
      response.end(fault.body ?? '');
      return;
    }
    sendJson(response, 200, { results });
  }

  let hosts = new Set<string>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://receiver');
    const route = `${request.method} ${url.pathname}`;
    // A page on another site that resolves its own name to 127.0.0.1 (DNS rebinding) sends its own Host.
    if (!hosts.has(String(request.headers.host ?? '').toLowerCase())) {
      sendJson(response, 421, { error: 'This receiver answers only to its own address' });
      return;
    }
    if (token && request.headers.authorization !== `Bearer ${token}` && url.searchParams.get('token') !== token) {
      sendJson(response, 401, { error: 'Missing or wrong API token' });
      return;
    }
    const handle = async () => {
      switch (route) {
        case 'POST /webhook':
          inFlight += 1;
          mostAtOnce = Math.max(mostAtOnce, inFlight);
          response.once('close', () => (inFlight -= 1));
          return handleWebhook(request, response);
        case 'POST /lookup':
          return handleLookup(request, response, ownBase(request));
        case 'POST /api/contacts':
          return handleNewContact(request, response);
        case 'POST /outcomes':
          return handleOutcomes(request, response);
        case 'POST /api/stages':
          return handleStage(request, response);
        case 'GET /api/leads':
          return sendJson(response, 200, { leads: store.all() });
        case 'DELETE /api/leads':
          store.clear();
          await store.save();
          return sendJson(response, 200, { leads: [] });
        case 'GET /':
          response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          return response.end(receivedLeadsPage(store.all(), token));
        default:
          return sendJson(response, 404, { error: `No route for ${route}` });
      }
    };
    handle().catch((error: unknown) => sendJson(response, 500, { error: String(error) }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: boundPort } = server.address() as AddressInfo;
  hosts = ownHosts(host, boundPort);
  const url = `http://${host}:${boundPort}`;
  return {
    url,
    webhookUrl: `${url}/webhook`,
    lookupUrl: `${url}/lookup`,
    addContact: (contact) => {
      const entry = store.addContact(contact);
      void store.save();
      return entry;
    },
    lookupCount: () => lookups,
    outcomesUrl: `${url}/outcomes`,
    setStage: (ref, outcome) => {
      const entry = store.setStage(ref, outcome);
      if (typeof entry === 'string') throw new Error(entry);
      void store.save();
      return entry;
    },
    outcomeRequests: () => outcomeRequests.map((ids) => [...ids]),
    received: () => store.all(),
    failNext: (...next) => faults.push(...next),
    requestCount: () => requests,
    mostAtOnce: () => mostAtOnce,
    lastHeaders: () => lastHeaders,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
