import * as z from 'zod/mini';
import type { SendResult } from '../connector';
import { classifyFailure, classifyFetchError, errorDetail } from '../http';
import type { SalesforceSettings } from './settings';

export const SALESFORCE_API_VERSION = 'v62.0';

/** What the rep checks when Salesforce refuses a call: the sign-in the settings page makes. */
export const SALESFORCE_CREDENTIAL = 'the Salesforce connection (Connect to Salesforce again)';

// Access tokens live in memory only: a restarted worker gets a fresh one with the refresh token.
const accessTokens = new Map<string, string>();

async function refreshAccessToken(settings: SalesforceSettings, signal: AbortSignal): Promise<string | SendResult> {
  if (!settings.refreshToken) return { kind: 'unauthorized', error: 'Connect Fieldclip to Salesforce in the settings' };
  let response: Response;
  try {
    response = await fetch(`${settings.loginUrl.replace(/\/+$/, '')}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: settings.refreshToken, client_id: settings.clientId }),
      credentials: 'omit',
      signal,
    });
  } catch (error) {
    return classifyFetchError(error);
  }
  if (response.status === 400 || response.status === 401) {
    return { kind: 'unauthorized', error: 'Salesforce no longer accepts Fieldclip’s sign-in: connect again in the settings' };
  }
  if (!response.ok) return classifyFailure(response, await errorDetail(response), SALESFORCE_CREDENTIAL);
  const token = z.object({ access_token: z.string() }).safeParse(await response.json().catch(() => null));
  if (!token.success) return { kind: 'retry', error: 'Salesforce answered the sign-in without a token' };
  accessTokens.set(settings.refreshToken, token.data.access_token);
  return token.data.access_token;
}

/** Calls the org's REST API, signing in again once if the access token has expired. */
export async function salesforceCall(settings: SalesforceSettings, method: string, path: string, body: unknown, signal: AbortSignal): Promise<Response | SendResult> {
  if (!settings.instanceUrl || !settings.refreshToken) return { kind: 'unauthorized', error: 'Connect Fieldclip to Salesforce in the settings' };
  for (let attempt = 0; attempt < 2; attempt++) {
    let token = accessTokens.get(settings.refreshToken);
    if (!token || attempt > 0) {
      const fresh = await refreshAccessToken(settings, signal);
      if (typeof fresh !== 'string') return fresh;
      token = fresh;
    }
    let response: Response;
    try {
      response = await fetch(`${settings.instanceUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        credentials: 'omit',
        signal,
      });
    } catch (error) {
      return classifyFetchError(error);
    }
    if (response.status !== 401) return response;
  }
  return { kind: 'unauthorized', error: 'Salesforce refused Fieldclip’s sign-in: connect again in the settings' };
}
