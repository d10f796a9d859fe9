import { keptText } from '../lead/kept-text';
import type { SendResult } from './connector';
import type { LookupAnswer } from './lookup';
import { outcomeFailureOf, type OutcomeAnswer } from './outcomes';

/** A lookup the CRM could not answer, and why. */
type LookupFailure = Extract<LookupAnswer, { reason: string }>;

// Shared by every connector: how an HTTP answer or a network failure maps onto the
// sync engine's classes, and how long a CRM asked us to wait.

const RETRYABLE = new Set([408, 425, 429]);

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long a CRM asked us to wait: `Retry-After`, else the rate-limit headers many CRMs send
 * (`RateLimit-Reset` in seconds, `X-RateLimit-Reset` in seconds or as a Unix time).
 */
export function waitAskedFor(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = retryAfterMs(headers.get('retry-after'), now);
  if (retryAfter !== undefined) return retryAfter;
  const reset = Number(headers.get('ratelimit-reset') ?? headers.get('x-ratelimit-reset') ?? NaN);
  if (!Number.isFinite(reset) || reset < 0) return undefined;
  // Values past 2001-09-09 in seconds are Unix times, not a number of seconds to wait.
  return reset > 1e9 ? Math.max(0, reset * 1000 - now) : reset * 1000;
}

/**
 * The class of a non-2xx answer, with a message for the rep that names the status; on a 401 or 403,
 * what to check, named as the CRM's settings name it (`the access token`, `the API key`).
 */
export function classifyFailure(response: Response, detail: string, credential = 'the API token'): Exclude<SendResult, { kind: 'delivered' }> {
  const status = response.status;
  const error = `The CRM answered ${status}${response.statusText ? ` ${response.statusText}` : ''}${detail ? `: ${detail}` : ''}`;
  if (status === 401 || status === 403) {
    // The CRM's own message often ends with a full stop already.
    return { kind: 'unauthorized', error: `${error.replace(/\.$/, '')}. Check ${credential} in Fieldclip's settings.` };
  }
  if (RETRYABLE.has(status) || status >= 500) {
    const wait = waitAskedFor(response.headers);
    return wait === undefined ? { kind: 'retry', error } : { kind: 'retry', error, retryAfterMs: wait };
  }
  // A redirect with `redirect: 'manual'` (status 0): often a Wi-Fi login page, so try again later.
  if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
    return { kind: 'retry', error: 'The endpoint answered with a redirect (a Wi-Fi login page?). Will try again.' };
  }
  return { kind: 'refused', error };
}

/** A failure of `fetch` itself: timeouts and network errors are worth retrying; a cancel is not an error. */
export function classifyFetchError(error: unknown): Extract<SendResult, { kind: 'retry' }> {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return { kind: 'retry', error: 'The CRM did not answer in time' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'retry', error: `Could not reach the CRM (${message})` };
}

/**
 * The human part of a CRM's JSON error: `message` (HubSpot, Pipedrive, most), `messages` (Twenty),
 * each entry's `message` in an array (Salesforce), `error_description` (OAuth), else `error`.
 */
function messageIn(json: unknown): string {
  if (Array.isArray(json)) return json.map(messageIn).filter(Boolean).join('; ');
  if (!json || typeof json !== 'object') return '';
  const { message, messages, error_description: description, error } = json as Record<string, unknown>;
  if (typeof message === 'string') return message;
  if (Array.isArray(messages) && messages.length > 0 && messages.every((entry) => typeof entry === 'string')) return messages.join('; ');
  if (typeof description === 'string') return description;
  return typeof error === 'string' ? error : '';
}

/** A short, single-line excerpt of an error body for the rep; never the whole page. */
export async function errorDetail(response: Response): Promise<string> {
  const body = await response.text().catch(() => '');
  try {
    const json: unknown = JSON.parse(body);
    if (json && typeof json === 'object') return keptText(messageIn(json), 300);
  } catch {
    // Not JSON: an HTML error page tells the rep nothing useful.
  }
  return /<[a-z!]/i.test(body) ? '' : keptText(body.replace(/\s+/g, ' ').trim(), 300);
}

/** An outcome read's failure: said the way the sync says it, with a refused credential and a wait asked for. */
export async function outcomeFailure(response: Response, credential?: string): Promise<Extract<OutcomeAnswer, { ok: false }>> {
  return outcomeFailureOf(classifyFailure(response, await errorDetail(response), credential));
}

/** A lookup's failure, said the way the sync says it. */
export async function lookupFailure(response: Response, credential?: string): Promise<LookupFailure> {
  const result = classifyFailure(response, await errorDetail(response), credential);
  return { ok: false, reason: result.error };
}

export function lookupFetchFailure(error: unknown): LookupFailure {
  return { ok: false, reason: classifyFetchError(error).error };
}
