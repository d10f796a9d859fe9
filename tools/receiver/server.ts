import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { receivedLeadsPage } from './page';
import { backToRecord, formOrJson, readBody, sendJson, signatureProblem } from './requests';
import { LeadStore, recordUrl, type ExistingContact, type ReceivedLead } from './store';
import type { Fault, Receiver, ReceiverOptions } from './types';

// The local reference receiver: a small webhook CRM that implements the contract in docs/webhook-contract.md.
// `npm start` points the extension at it; the browser tests start their own.

export type { Fault, Receiver, ReceiverOptions } from './types';

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
    const posted = await formOrJson(request, response, 'stage');
    if (!posted) return;
    const { ref, stage, amount, currency } = posted.body as { ref?: unknown; stage?: unknown; amount?: string | number; currency?: string };
    const entry = store.setStage(String(ref ?? ''), { stage: String(stage ?? ''), ...(amount !== undefined ? { amount } : {}), ...(currency !== undefined ? { currency } : {}) });
    if (typeof entry === 'string') return sendJson(response, 400, { error: entry });
    await store.save();
    if (posted.form) return backToRecord(response, entry.crmId, token);
    sendJson(response, 200, entry);
  }

  /** POST /api/contacts, from the page's form or as JSON: a contact the CRM already had. */
  async function handleNewContact(request: IncomingMessage, response: ServerResponse) {
    const posted = await formOrJson(request, response, 'contact');
    if (!posted) return;
    const contact = posted.body as ExistingContact;
    if (!(typeof contact.fullName === 'string' && contact.fullName.trim()) && !(typeof contact.email === 'string' && contact.email.trim())) {
      return sendJson(response, 400, { error: 'A contact needs a name or an email' });
    }
    const entry = store.addContact(contact);
    await store.save();
    if (posted.form) return backToRecord(response, entry.crmId, token);
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
