import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A Salesforce org for the browser tests, on 127.0.0.1: the OAuth 2.0 authorization-code flow with
// PKCE (the authorize page, which signs in at once and sends the browser back with a code; the
// token endpoint, which checks the verifier), and the REST calls Fieldclip makes (Lead describe,
// sObject collections upsert by an external id), in the shapes Salesforce documents. A local
// server rather than request routing: the sign-in window identity.launchWebAuthFlow opens is
// outside what Playwright routes. The "Login URL" setting points at it, as at a My Domain.

export type SalesforceLead = Record<string, unknown> & { Id: string };

export type FakeSalesforce = {
  /** The login URL and, after sign-in, the org's instance URL. */
  url: string;
  leads(): SalesforceLead[];
  /** Each request's method and path, in order. */
  requests(): string[];
  /** Every token given so far stops working, as when an admin revokes the connected app's access. */
  revokeTokens(): void;
  close(): Promise<void>;
};

const API = '/services/data/v62.0';

function send(response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { ...(body === undefined ? {} : { 'Content-Type': 'application/json;charset=UTF-8' }), ...headers });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** A connected app with this consumer key, whose Lead has `externalIdField` as an External ID. */
export async function startFakeSalesforce({ clientId, externalIdField }: { clientId: string; externalIdField: string }): Promise<FakeSalesforce> {
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const leads: SalesforceLead[] = [];
  const requests: string[] = [];
  let nextLead = 1;

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(`${request.method} ${url.pathname}`);
    void answer(request, response, url).catch((error: unknown) => send(response, 500, [{ message: String(error), errorCode: 'UNKNOWN_EXCEPTION' }]));
  });

  function issueAccessToken(): string {
    const token = `00D5g000004Sd9E!${randomUUID()}`;
    accessTokens.add(token);
    return token;
  }

  async function answer(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (request.method === 'GET' && url.pathname === '/services/oauth2/authorize') {
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      const back = new URL(redirectUri);
      const refuse = (error: string, description: string) => {
        back.search = new URLSearchParams({ error, error_description: description, state: url.searchParams.get('state') ?? '' }).toString();
        send(response, 302, undefined, { Location: back.toString() });
      };
      if (url.searchParams.get('client_id') !== clientId) return refuse('invalid_client_id', 'client identifier invalid');
      if (url.searchParams.get('code_challenge_method') !== 'S256' || !url.searchParams.get('code_challenge')) return refuse('invalid_request', 'missing PKCE code challenge');
      const code = `aPrx${randomUUID()}`;
      codes.set(code, { challenge: url.searchParams.get('code_challenge')!, redirectUri });
      back.search = new URLSearchParams({ code, state: url.searchParams.get('state') ?? '' }).toString();
      return send(response, 302, undefined, { Location: back.toString() });
    }

    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (request.method === 'POST' && url.pathname === '/services/oauth2/token') {
      const form = new URLSearchParams(await bodyOf(request));
      if (form.get('client_id') !== clientId) return send(response, 400, { error: 'invalid_client_id', error_description: 'client identifier invalid' });
      if (form.get('grant_type') === 'authorization_code') {
        const issued = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (!issued || issued.redirectUri !== form.get('redirect_uri')) return send(response, 400, { error: 'invalid_grant', error_description: 'invalid authorization code' });
        if (s256(form.get('code_verifier') ?? '') !== issued.challenge) return send(response, 400, { error: 'invalid_grant', error_description: 'invalid code verifier' });
        const refreshToken = `5Aep861${randomUUID()}`;
        refreshTokens.add(refreshToken);
        return send(response, 200, { access_token: issueAccessToken(), refresh_token: refreshToken, instance_url: origin, id: `${origin}/id/00D5g000004Sd9E/0055g00000B1Xj2`, token_type: 'Bearer', issued_at: String(Date.now()), scope: 'refresh_token api' });
      }
      if (form.get('grant_type') === 'refresh_token') {
        if (!refreshTokens.has(form.get('refresh_token') ?? '')) return send(response, 400, { error: 'invalid_grant', error_description: 'expired access/refresh token' });
        return send(response, 200, { access_token: issueAccessToken(), instance_url: origin, token_type: 'Bearer', issued_at: String(Date.now()), scope: 'refresh_token api' });
      }
      return send(response, 400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' });
    }

    const bearer = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!accessTokens.has(bearer)) return send(response, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);

    if (request.method === 'GET' && url.pathname === `${API}/sobjects/Lead/describe`) {
      return send(response, 200, {
        name: 'Lead',
        fields: [
          { name: 'Id', externalId: false },
          { name: 'LastName', externalId: false },
          { name: 'Company', externalId: false },
          { name: externalIdField, externalId: true, unique: true },
        ],
      });
    }
    if (request.method === 'PATCH' && url.pathname === `${API}/composite/sobjects/Lead/${externalIdField}`) {
      const { records } = JSON.parse(await bodyOf(request)) as { allOrNone: boolean; records: Array<Record<string, unknown>> };
      return send(
        response,
        200,
        records.map((record) => {
          if (!record.LastName || !record.Company) {
            return { success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName, Company]', fields: ['LastName', 'Company'] }] };
          }
          const { attributes: _attributes, ...fields } = record;
          const existing = leads.find((lead) => lead[externalIdField] === record[externalIdField]);
          if (existing) {
            Object.assign(existing, fields);
            return { id: existing.Id, success: true, errors: [], created: false };
          }
          const lead = { ...fields, Id: `00Q5g00000${String(nextLead++).padStart(8, '0')}` };
          leads.push(lead);
          return { id: lead.Id, success: true, errors: [], created: true };
        }),
      );
    }
    return send(response, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    leads: () => leads.map((lead) => ({ ...lead })),
    requests: () => [...requests],
    revokeTokens: () => {
      refreshTokens.clear();
      accessTokens.clear();
    },
    // The browser may still hold a kept-alive connection (the test closes the org first): drop it,
    // or close() waits for it.
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
