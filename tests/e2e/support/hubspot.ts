import type { BrowserContext } from 'playwright-core';
import { routeApi, type ApiAnswer, type ApiRequest } from './routed-api';

// A HubSpot portal for the browser tests: the calls Fieldclip makes, answered at
// https://api.hubapi.com, in the shapes HubSpot documents (CRM v3 objects, batch upsert, properties;
// errors as `{ status, message, correlationId, category }`). Contacts are kept by id and found again
// by email or by a unique property, as HubSpot's upsert does.

export const HUBSPOT_ORIGIN = 'https://api.hubapi.com';

export type HubspotContact = { id: string; properties: Record<string, string> };

export type FakeHubspot = {
  contacts(): HubspotContact[];
  requests(): ApiRequest[];
};

type UpsertInput = { idProperty: string; id: string; objectWriteTraceId?: string; properties: Record<string, string> };

const error = (status: number, category: string, message: string): ApiAnswer => ({
  status,
  body: { status: 'error', message, correlationId: '4fd2a7a4-5a6e-4c4e-9d37-6f1b8c0e2b11', category },
});

/**
 * Answers HubSpot's API for one private app token. `uniqueContactProperties`: the contact properties
 * created with "Require unique values" on (a lead id property, say); `mayCreateProperties`: whether
 * the token has the crm.schemas.contacts.write scope.
 */
export async function fakeHubspot(
  context: BrowserContext,
  { token, uniqueContactProperties: unique = [], mayCreateProperties = true }: { token: string; uniqueContactProperties?: readonly string[]; mayCreateProperties?: boolean },
): Promise<FakeHubspot> {
  const uniqueContactProperties = [...unique];
  const contacts: HubspotContact[] = [];
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

  const api = await routeApi(context, HUBSPOT_ORIGIN, ({ method, path, query, headers, body }) => {
    if (headers['authorization'] !== `Bearer ${token}`) {
      return error(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');
    }
    if (method === 'GET' && path === '/crm/v3/objects/contacts') {
      const limit = Number(query.get('limit') ?? 10);
      return { status: 200, body: { results: contacts.slice(0, limit).map((contact) => ({ id: contact.id, properties: contact.properties, archived: false })) } };
    }
    const property = /^\/crm\/v3\/properties\/contacts\/([^/]+)$/.exec(path);
    if (method === 'GET' && property) {
      const name = decodeURIComponent(property[1]!);
      if (!uniqueContactProperties.includes(name)) return error(404, 'OBJECT_NOT_FOUND', `Unable to find property ${name}`);
      return { status: 200, body: { name, label: name, type: 'string', fieldType: 'text', groupName: 'contactinformation', hasUniqueValue: true } };
    }
    if (method === 'POST' && path === '/crm/v3/properties/contacts') {
      if (!mayCreateProperties) {
        return error(403, 'MISSING_SCOPES', 'This app hasn\'t been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.');
      }
      const created = body as { name: string; type: string; fieldType: string; hasUniqueValue?: boolean };
      if (uniqueContactProperties.includes(created.name)) return error(409, 'OBJECT_ALREADY_EXISTS', `A property named '${created.name}' already exists.`);
      if (created.hasUniqueValue) uniqueContactProperties.push(created.name);
      return { status: 201, body: { ...created, hidden: false, formField: false, createdAt: new Date().toISOString() } };
    }
    if (method === 'POST' && path === '/crm/v3/objects/contacts/batch/upsert') {
      const { inputs } = body as { inputs: UpsertInput[] };
      const unknown = inputs.find((input) => input.idProperty !== 'email' && !uniqueContactProperties.includes(input.idProperty));
      if (unknown) return error(400, 'VALIDATION_ERROR', `Property "${unknown.idProperty}" is not a unique identifier property`);
      const now = new Date().toISOString();
      const results = inputs.map((input) => {
        const { contact, created } = upsert(input);
        return { id: contact.id, properties: contact.properties, createdAt: now, updatedAt: now, archived: false, new: created };
      });
      return { status: 200, body: { status: 'COMPLETE', results, startedAt: now, completedAt: now } };
    }
    return error(404, 'NOT_FOUND', `No fake for ${method} ${path}`);
  });
  return { contacts: () => contacts.map((contact) => ({ ...contact, properties: { ...contact.properties } })), requests: api.requests };
}
