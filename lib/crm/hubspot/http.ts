import type { SendResult } from '../connector';
import { classifyFailure, classifyFetchError, errorDetail, retryAfterMs } from '../http';
import { RollingWindow } from '../rate-limit';
import { HUBSPOT_API, type HubspotSettings } from './settings';

// Every request to HubSpot goes through here: the token, the private app's 10-second limit taken up
// front, and what a failed answer means for the sync.

/** What the rep checks when HubSpot refuses the token: the settings' field. */
export const HUBSPOT_CREDENTIAL = 'the access token';

const limiters = new Map<number, RollingWindow>();
function limiterFor(settings: HubspotSettings): RollingWindow {
  let limiter = limiters.get(settings.requestsPer10Seconds);
  if (!limiter) limiters.set(settings.requestsPer10Seconds, (limiter = new RollingWindow(settings.requestsPer10Seconds, 10_000)));
  return limiter;
}

export async function hubspotCall(settings: HubspotSettings, path: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
  await limiterFor(settings).take();
  return fetch(`${HUBSPOT_API}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${settings.accessToken}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    credentials: 'omit',
    signal,
  });
}

/** HubSpot's 429 carries its window rather than always a Retry-After. */
function hubspotRetryAfter(response: Response): number | undefined {
  const standard = retryAfterMs(response.headers.get('retry-after'));
  if (standard !== undefined) return standard;
  const interval = Number(response.headers.get('x-hubspot-ratelimit-interval-milliseconds'));
  return response.status === 429 && interval > 0 ? interval : undefined;
}

export type HubspotFailure = Exclude<SendResult, { kind: 'delivered' }>;

/** One batch POST: HubSpot's JSON answer (200, 201 or 207 with per-record errors), or what its failure means. */
export async function hubspotPost(settings: HubspotSettings, path: string, body: unknown, signal: AbortSignal): Promise<{ ok: true; body: unknown } | { ok: false; failure: HubspotFailure }> {
  let response: Response;
  try {
    response = await hubspotCall(settings, path, { method: 'POST', body: JSON.stringify(body) }, signal);
  } catch (error) {
    return { ok: false, failure: classifyFetchError(error) };
  }
  if (response.status === 429) {
    const wait = hubspotRetryAfter(response);
    return { ok: false, failure: { kind: 'retry', error: 'HubSpot asked to slow down (429)', ...(wait !== undefined ? { retryAfterMs: wait } : {}) } };
  }
  if (!response.ok && response.status !== 207) return { ok: false, failure: classifyFailure(response, await errorDetail(response), HUBSPOT_CREDENTIAL) };
  return { ok: true, body: await response.json().catch(() => null) };
}
