import { randomUUID } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { routeApi, type ApiAnswer, type ApiRequest } from './routed-api';

// A Pipedrive company for the browser tests: the v1 calls Fieldclip makes, answered at
// https://api.pipedrive.com, in the shapes Pipedrive documents (`{ success, data, additional_data }`;
// errors as `{ success: false, error, errorCode }`), with the API token in the x-api-token header.

export const PIPEDRIVE_ORIGIN = 'https://api.pipedrive.com';

/** A person, with any custom field by its 40-character key. */
export type PipedrivePerson = { id: number; name: string; email: Array<{ value: string; primary: boolean; label: string }>; phone: Array<{ value: string }> } & Record<string, unknown>;
export type PipedriveField = { key: string; name: string; field_type: string };
export type PipedriveLead = { id: string; title: string; person_id: number; origin_id: string | null; label_ids: string[]; channel: number | null };

/** The company's marketing channels (deals' and leads' "Source channel" options). */
const CHANNELS = [
  { id: 1, label: 'None' },
  { id: 2, label: 'Organic search' },
  { id: 3, label: 'Referral program' },
  { id: 4, label: 'Trade shows' },
];

export type FakePipedrive = {
  persons(): PipedrivePerson[];
  leads(): PipedriveLead[];
  personFields(): PipedriveField[];
  requests(): ApiRequest[];
};

const ok = (data: unknown, status = 200): ApiAnswer => ({ status, body: { success: true, data } });
const failure = (status: number, error: string): ApiAnswer => ({ status, body: { success: false, error, errorCode: status, error_info: 'Please check developers.pipedrive.com' } });

/** Answers Pipedrive's API for one API token, with `persons` already in the company. */
export async function fakePipedrive(context: BrowserContext, { token, persons: existing = [] }: { token: string; persons?: PipedrivePerson[] }): Promise<FakePipedrive> {
  const persons = existing.map((person) => structuredClone(person));
  const leads: PipedriveLead[] = [];
  const personFields: PipedriveField[] = [
    { key: 'name', name: 'Name', field_type: 'varchar' },
    { key: 'email', name: 'Email', field_type: 'varchar' },
    { key: 'phone', name: 'Phone', field_type: 'phone' },
  ];
  let nextPerson = 7_001;

  const api = await routeApi(context, PIPEDRIVE_ORIGIN, ({ method, path, query, headers, body }) => {
    if (headers['x-api-token'] !== token) return failure(401, 'unauthorized access');
    if (method === 'GET' && path === '/v1/users/me') return ok({ id: 1200, name: 'Field Rep', email: 'rep@example.com', company_name: 'Example Sales' });
    if (method === 'GET' && path === '/v1/persons/search') {
      const term = (query.get('term') ?? '').toLowerCase();
      const exact = query.get('exact_match') === 'true';
      const found = persons.filter((person) => person.email.some((email) => (exact ? email.value.toLowerCase() === term : email.value.toLowerCase().includes(term))));
      const limit = Number(query.get('limit') ?? 100);
      return {
        status: 200,
        body: {
          success: true,
          data: { items: found.slice(0, limit).map((person) => ({ result_score: 1, item: { id: person.id, type: 'person', name: person.name, emails: person.email.map((e) => e.value) } })) },
          additional_data: { pagination: { start: 0, limit, more_items_in_collection: found.length > limit } },
        },
      };
    }
    if (method === 'GET' && path === '/v1/dealFields') {
      const fields = [{ key: 'title', name: 'Title', field_type: 'varchar' }, { key: 'channel', name: 'Source channel', field_type: 'enum', options: CHANNELS }];
      return { status: 200, body: { success: true, data: fields, additional_data: { pagination: { start: 0, limit: 500, more_items_in_collection: false } } } };
    }
    if (method === 'GET' && path === '/v1/personFields') {
      return { status: 200, body: { success: true, data: personFields, additional_data: { pagination: { start: 0, limit: 500, more_items_in_collection: false } } } };
    }
    if (method === 'POST' && path === '/v1/personFields') {
      const field = { key: randomUUID().replaceAll('-', '').padEnd(40, '0'), ...(body as { name: string; field_type: string }) };
      personFields.push(field);
      return ok({ id: 9000 + personFields.length, ...field }, 201);
    }
    const input = body as { name?: string; email?: PipedrivePerson['email']; phone?: PipedrivePerson['phone'] } & Partial<PipedriveLead> & Record<string, unknown>;
    if (method === 'POST' && path === '/v1/persons') {
      if (!input.name) return failure(400, 'Name must be given.');
      const custom = Object.fromEntries(Object.entries(input).filter(([key]) => personFields.some((field) => field.key === key) && !['name', 'email', 'phone'].includes(key)));
      const person: PipedrivePerson = { id: nextPerson++, name: input.name, email: input.email ?? [], phone: input.phone ?? [], ...custom };
      persons.push(person);
      return ok(person, 201);
    }
    const personPath = /^\/v1\/persons\/(\d+)$/.exec(path);
    if (method === 'PUT' && personPath) {
      const person = persons.find((candidate) => candidate.id === Number(personPath[1]));
      if (!person) return failure(404, 'Person not found');
      Object.assign(person, { ...(input.name ? { name: input.name } : {}), ...(input.email ? { email: input.email } : {}), ...(input.phone ? { phone: input.phone } : {}) });
      return ok(person);
    }
    if (method === 'POST' && path === '/v1/leads') {
      if (!input.title || !persons.some((person) => person.id === input.person_id)) return failure(400, 'A lead needs a title and a person or an organization.');
      if (input.channel != null && !CHANNELS.some((channel) => channel.id === input.channel)) return failure(400, 'Invalid channel');
      const lead: PipedriveLead = { id: randomUUID(), title: input.title, person_id: input.person_id!, origin_id: input.origin_id ?? null, label_ids: input.label_ids ?? [], channel: input.channel ?? null };
      leads.push(lead);
      return ok(lead, 201);
    }
    return failure(404, `No fake for ${method} ${path}`);
  });
  return { persons: () => structuredClone(persons), leads: () => structuredClone(leads), personFields: () => structuredClone(personFields), requests: api.requests };
}
