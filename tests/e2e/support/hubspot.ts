import type { BrowserContext, Request, Route } from 'playwright-core';

// A HubSpot portal for the browser tests: the calls Fieldclip makes, answered at
// https://api.hubapi.com through request routing, in the shapes HubSpot documents (CRM v3 objects,
// batch upsert, properties; errors as `{ status, message, correlationId, category }`). Contacts are
// kept by id and found again by email or by a unique property, as HubSpot's upsert does.

export const HUBSPOT_ORIGIN = 'https://api.hubapi.com';

export type HubspotContact = { id: string; properties: Record<string, string> };
export type HubspotRequest = { method: string; path: string; authorization: string | undefined; body: unknown };

export type FakeHubspot = {
  contacts(): HubspotContact[];
  requests(): HubspotRequest[];
};

type UpsertInput = { idProperty: string; id: string; objectWriteTraceId?: string; properties: Record<string, string> };

const json = (route: Route, status: number, body: unknown) =>
  route.fulfill({ status, contentType: 'application/json;charset=utf-8', body: JSON.stringify(body) });

const error = (route: Route, status: number, category: string, message: string) =>
  json(route, status, { status: 'error', message, correlationId: '4fd2a7a4-5a6e-4c4e-9d37-6f1b8c0e2b11', category });

/**
 * Answers HubSpot's API for one private app token. `uniqueContactProperties`: the contact properties
 * created with "Require unique values" on (a lead id property, say).
 */
export async function fakeHubspot(
  context: BrowserContext,
  { token, uniqueContactProperties = [] }: { token: string; uniqueContactProperties?: readonly string[] },
): Promise<FakeHubspot> {
  const contacts: HubspotContact[] = [];
  const requests: HubspotRequest[] = [];
  let nextId = 51_001;

  function upsert(input: UpsertInput): { contact: HubspotContact; created: boolean } {
    const key = input.idProperty.toLowerCase();
    const found = contacts.find((contact) => contact.properties[key]?.toLowerCase() === input.id.toLowerCase());
    if (found) {
      Object.assign(found.properties, input.properties);
      return { contact: found, created: false };
    }
    const contact = { id: String(nextId++), properties: { ...input.properties, [key]: input.id } };
    contacts.push(contact);
    return { contact, created: true };
  }

  function answer(route: Route, request: Request, url: URL) {
    if (request.headers()['authorization'] !== `Bearer ${token}`) {
      return error(route, 401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');
    }
    if (request.method() === 'GET' && url.pathname === '/crm/v3/objects/contacts') {
      const limit = Number(url.searchParams.get('limit') ?? 10);
      return json(route, 200, { results: contacts.slice(0, limit).map((contact) => ({ id: contact.id, properties: contact.properties, archived: false })) });
    }
    const property = /^\/crm\/v3\/properties\/contacts\/([^/]+)$/.exec(url.pathname);
    if (request.method() === 'GET' && property) {
      const name = decodeURIComponent(property[1]!);
      if (!uniqueContactProperties.includes(name)) return error(route, 404, 'OBJECT_NOT_FOUND', `Unable to find property ${name}`);
      return json(route, 200, { name, label: name, type: 'string', fieldType: 'text', groupName: 'contactinformation', hasUniqueValue: true });
    }
    if (request.method() === 'POST' && url.pathname === '/crm/v3/objects/contacts/batch/upsert') {
      const { inputs } = request.postDataJSON() as { inputs: UpsertInput[] };
      const unknown = inputs.find((input) => input.idProperty !== 'email' && !uniqueContactProperties.includes(input.idProperty));
      if (unknown) return error(route, 400, 'VALIDATION_ERROR', `Property "${unknown.idProperty}" is not a unique identifier property`);
      const now = new Date().toISOString();
      const results = inputs.map((input) => {
        const { contact, created } = upsert(input);
        return { id: contact.id, properties: contact.properties, createdAt: now, updatedAt: now, archived: false, new: created };
      });
      return json(route, 200, { status: 'COMPLETE', results, startedAt: now, completedAt: now });
    }
    return error(route, 404, 'NOT_FOUND', `No fake for ${request.method()} ${url.pathname}`);
  }

  await context.route(`${HUBSPOT_ORIGIN}/**`, (route, request) => {
    const url = new URL(request.url());
    requests.push({ method: request.method(), path: url.pathname + url.search, authorization: request.headers()['authorization'], body: request.postDataJSON() as unknown });
    return answer(route, request, url);
  });
  return { contacts: () => contacts.map((contact) => ({ ...contact, properties: { ...contact.properties } })), requests: () => [...requests] };
}
