import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { pkceChallenge, pkceVerifier } from './pkce';
import { salesforceAppValues } from './app';
import type { SalesforceSettings } from './settings';

/**
 * "Connect to Salesforce": the authorization-code flow with PKCE in a browser window the
 * extension opens (identity.launchWebAuthFlow), then the code exchanged for a refresh token.
 * Returns the settings with the org's instance URL and the refresh token filled in.
 */
export async function connectSalesforce(settings: SalesforceSettings): Promise<SalesforceSettings> {
  const login = settings.loginUrl.replace(/\/+$/, '');
  const redirectUri = salesforceAppValues().callbackUrl;
  const verifier = pkceVerifier();
  const state = crypto.randomUUID();
  const authorize = new URL(`${login}/services/oauth2/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri,
    code_challenge: await pkceChallenge(verifier),
    code_challenge_method: 'S256',
    scope: 'api refresh_token',
    state,
  }).toString();

  const returned = await browser.identity.launchWebAuthFlow({ url: authorize.toString(), interactive: true });
  if (!returned) throw new Error('Salesforce sign-in was closed');
  const answer = new URL(returned).searchParams;
  if (answer.get('state') !== state) throw new Error('Salesforce sign-in answered for another request');
  const code = answer.get('code');
  if (!code) throw new Error(answer.get('error_description') ?? 'Salesforce sign-in was refused');

  const response = await fetch(`${login}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: settings.clientId, redirect_uri: redirectUri, code_verifier: verifier }),
    credentials: 'omit',
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const refusal = z.looseObject({ error_description: z.string() }).safeParse(body);
    throw new Error(`Salesforce refused the sign-in (HTTP ${response.status}${refusal.success ? `: ${refusal.data.error_description.slice(0, 200)}` : ''})`);
  }
  const token = z.object({ refresh_token: z.string(), instance_url: z.url() }).safeParse(body);
  if (!token.success) throw new Error("Salesforce did not give a refresh token: check that the connected app's OAuth scopes include refresh_token");
  return { ...settings, instanceUrl: token.data.instance_url, refreshToken: token.data.refresh_token };
}
