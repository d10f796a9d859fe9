import { randomUUID } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { routeApi, type ApiAnswer, type ApiRequest } from './routed-api';

// A Pipedrive company for the browser tests: the calls Fieldclip makes (persons through API v2,
// leads and fields through v1), answered at https://api.pipedrive.com, in the shapes Pipedrive
// documents (`{ success, data, additional_data }`; errors as `{ success: false, error, errorCode }`),
// with the API token in the x-api-token header. The removed v1 persons endpoints answer 410.

export const PIPEDRIVE_ORIGIN = 'https://api.pipedrive.com';

type Contact = { value: string; primary: boolean; label: string };
/** A person as API v2 shows it, custom fields by their 40-character keys under custom_fields. */
export type PipedrivePerson = { id: number; name: string; emails: Contact[]; phones: Contact[]; custom_fields: Record<string, unknown>; add_time: string };
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
    if (path.startsWith('/v1/persons')) return failure(410, 'This endpoint was removed: use API v2 (/api/v2/persons)');
    if (method === 'GET' && path === '/api/v2/persons/search') {
      const term = (query.get('term') ?? '').toLowerCase();
      const exact = query.get('exact_match') === 'true';
      const matches = (value: string) => (exact ? value.toLowerCase() === term : value.toLowerCase().includes(term));
      const inFields = query.get('fields') === 'custom_fields';
      const found = persons.filter((person) => (inFields ? Object.values(person.custom_fields).some((value) => typeof value === 'string' && matches(value)) : person.emails.some((email) => matches(email.value))));
      const limit = Number(query.get('limit') ?? 100);
      const items = found.slice(0, limit).map((person) => ({ result_score: 1, item: { id: person.id, type: 'person', name: person.name, emails: person.emails.map((e) => e.value) } }));
      return { status: 200, body: { success: true, data: { items }, additional_data: { next_cursor: null } } };
    }
    if (method === 'GET' && path === '/api/v2/persons') {
      // Newest first (sort_by=add_time, sort_direction=desc), a page at a time by an opaque cursor.
      const newestFirst = [...persons].sort((a, b) => b.add_time.localeCompare(a.add_time) || b.id - a.id);
      const start = Number(query.get('cursor') ?? 0);
      const limit = Number(query.get('limit') ?? 100);
      const more = start + limit < newestFirst.length;
      return { status: 200, body: { success: true, data: newestFirst.slice(start, start + limit), additional_data: { next_cursor: more ? String(start + limit) : null } } };
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
    const input = body as { name?: string; emails?: Contact[]; phones?: Contact[]; custom_fields?: Record<string, unknown> } & Partial<PipedriveLead>;
    if (method === 'POST' && path === '/api/v2/persons') {
      if (!input.name) return failure(400, 'Name must be given.');
      const custom = Object.fromEntries(Object.entries(input.custom_fields ?? {}).filter(([key]) => personFields.some((field) => field.key === key)));
      const person: PipedrivePerson = { id: nextPerson++, name: input.name, emails: input.emails ?? [], phones: input.phones ?? [], custom_fields: custom, add_time: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
      persons.push(person);
      return ok(person);
    }
    const personPath = /^\/api\/v2\/persons\/(\d+)$/.exec(path);
    const person = personPath && persons.find((candidate) => candidate.id === Number(personPath[1]));
    if (personPath && !person) return failure(404, 'Person not found');
    if (method === 'GET' && person) return ok(person);
    if (method === 'PATCH' && person) {
      Object.assign(person, { ...(input.name ? { name: input.name } : {}), ...(input.emails ? { emails: input.emails } : {}), ...(input.phones ? { phones: input.phones } : {}) });
      Object.assign(person.custom_fields, input.custom_fields ?? {});
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
