import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkRequestsAgainstSpec } from '../../../tests/unit/crm-spec';
import { pipedriveLead } from '../../../tests/unit/crm-answers';
import { aLead } from '../../../tests/unit/leads';
import type { Lead } from '../../lead/schema';
import { pipedriveConnector, pipedriveLeadTitle } from './connector';
import { testPipedriveConnection } from './check';
import { createLeadIdField } from './fields';
import { pipedriveSettingsSchema } from './settings';

// Requests and answers in the shapes of Pipedrive's API: persons through API v2 (/api/v2/persons,
// its search, cursor paging, custom fields under custom_fields), leads and fields through v1. Every
// request is also checked against Pipedrive's published spec (tests/unit/crm-spec.ts).
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
checkRequestsAgainstSpec(server, 'pipedrive', /\.pipedrive\.com$/);

const API = 'https://api.pipedrive.com';
/** A path without its API version, as the tests name them: /v1/leads → /leads, /api/v2/persons → /persons. */
const unversioned = (path: string) => path.replace(/^\/(v1|api\/v2)/, '');
const LABEL_HOT = 'f2e7b1a0-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const settings = pipedriveSettingsSchema.parse({ crm: 'pipedrive', apiToken: '0123456789abcdef0123456789abcdef01234567', labelIds: { hot: LABEL_HOT } });
const signal = () => AbortSignal.timeout(5_000);

const lead = (fields: Partial<Lead> = {}) =>
  aLead({
    fullName: 'Carla Gómez',
    firstName: undefined,
    lastName: undefined,
    company: 'Hooli',
    source: { kind: 'event', eventName: 'Web Summit' },
    qualification: { level: 'hot', budget: true, authority: true, need: true, timing: true },
    ...fields,
  });

type Seen = { method: string; path: string; token: string | null; body: unknown };
function recordRequests(handlers: Record<string, (body: unknown) => Response>): Seen[] {
  const seen: Seen[] = [];
  server.use(
    http.all(`${API}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const body = request.method === 'GET' ? undefined : await request.json();
      seen.push({ method: request.method, path: unversioned(url.pathname) + url.search, token: request.headers.get('x-api-token'), body });
      const key = `${request.method} ${unversioned(url.pathname).replace(/\/[0-9a-f-]{6,}$|\/\d+$/, '/:id')}`;
      const handler = handlers[key];
      return handler ? handler(body) : HttpResponse.json({ success: false, error: `unexpected ${key}` }, { status: 404 });
    }),
  );
  return seen;
}

describe('pipedriveLeadTitle', () => {
  it('names the person, the company and the source', () => {
    expect(pipedriveLeadTitle(lead())).toBe('Carla Gómez, Hooli · Event (Web Summit)');
  });
});

describe('pipedriveConnector.send', () => {
  it('updates the person found by email, then creates a labelled lead linked to them', async () => {
    const seen = recordRequests({
      'GET /persons/search': () => HttpResponse.json({ success: true, data: { items: [{ result_score: 1, item: { id: 42, type: 'person', name: 'Carla Gomez' } }] } }),
      'PATCH /persons/:id': () => HttpResponse.json({ success: true, data: { id: 42 } }),
      'POST /leads': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: 'adf21080-0e10-11eb-879b-05d71fb426ec' }) }, { status: 201 }),
    });
    const carla = lead({ email: 'carla@hooli.example' });
    expect(await pipedriveConnector.send([carla], settings, signal())).toEqual({
      kind: 'delivered',
      results: [{ id: carla.id, ok: true, crmId: 'adf21080-0e10-11eb-879b-05d71fb426ec', crmUrl: 'https://app.pipedrive.com/person/42' }],
    });
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /persons/search?term=carla%40hooli.example&fields=email&exact_match=true&limit=1',
      'PATCH /persons/42',
      'POST /leads',
    ]);
    expect(seen.every((r) => r.token === settings.apiToken)).toBe(true);
    expect(seen[2]!.body).toEqual({ title: 'Carla Gómez, Hooli · Event (Web Summit)', person_id: 42, origin_id: carla.id, label_ids: [LABEL_HOT] });
  });

  it('gives the Pipedrive lead the opportunity size as its value', async () => {
    const seen = recordRequests({
      'GET /persons/search': () => HttpResponse.json({ success: true, data: { items: [] } }),
      'POST /persons': () => HttpResponse.json({ success: true, data: { id: 43 } }),
      'POST /leads': () => HttpResponse.json({ success: true, data: pipedriveLead({ value: { amount: 25000, currency: 'EUR' } }) }, { status: 201 }),
    });
    const sized = lead({ email: 'dee@stark.example', opportunity: { amount: 25000, currency: 'EUR' } });
    expect(await pipedriveConnector.send([sized], settings, signal())).toMatchObject({ kind: 'delivered', results: [{ id: sized.id, ok: true }] });
    expect(seen.at(-1)!.body).toMatchObject({ person_id: 43, value: { amount: 25000, currency: 'EUR' } });
  });

  it('writes the source detail, the event’s answers, the badge id and the notes into the person’s notes field', async () => {
    const NOTES = 'f0e1d2c3b4a5968778695a4b3c2d1e0f12345678';
    const seen = recordRequests({
      'GET /persons/search': () => HttpResponse.json({ success: true, data: { items: [] } }),
      'POST /persons': () => HttpResponse.json({ success: true, data: { id: 44 } }),
      'POST /leads': () => HttpResponse.json({ success: true, data: pipedriveLead({}) }, { status: 201 }),
    });
    const visitor = lead({ email: 'vi@expo.example', badgeId: 'EXPO-7', notes: 'Call in March', answers: [{ question: 'Budget?', answer: 'Yes' }] });
    await pipedriveConnector.send([visitor], pipedriveSettingsSchema.parse({ ...settings, notesField: NOTES }), signal());
    expect(seen.find((request) => request.method === 'POST' && request.path === '/persons')?.body).toMatchObject({
      custom_fields: { [NOTES]: 'Met at Web Summit\nQualifying answers:\n- Budget?: Yes\nBadge ID: EXPO-7\nCall in March' },
    });
  });

  it('after a lost answer, finds the lead it created by its origin_id and updates it instead of creating another', async () => {
    // Pipedrive's side: the first POST /leads is stored, but its answer never arrives.
    const stored: Array<{ id: string; person_id: number; origin_id: string }> = [];
    let posts = 0;
    const seen = recordRequests({
      'GET /persons/search': () => HttpResponse.json({ success: true, data: { items: [{ result_score: 1, item: { id: 42, type: 'person' } }] } }),
      'PATCH /persons/:id': () => HttpResponse.json({ success: true, data: { id: 42 } }),
      'POST /leads': (body) => {
        const { person_id, origin_id } = body as { person_id: number; origin_id: string };
        stored.push({ id: `adf21080-0e10-11eb-879b-05d71fb4260${stored.length}`, person_id, origin_id });
        posts += 1;
        return posts === 1 ? HttpResponse.error() : HttpResponse.json({ success: true, data: pipedriveLead(stored.at(-1)!) }, { status: 201 });
      },
      'GET /leads': () => HttpResponse.json({ success: true, data: stored.map((item) => pipedriveLead({ ...item, title: 'Carla' })), additional_data: { pagination: { more_items_in_collection: false } } }),
      'PATCH /leads/:id': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: stored[0]!.id }) }),
      // Carla was in Pipedrive long before: the persons added last are others.
      'GET /persons': () => HttpResponse.json({ success: true, data: [{ id: 7, name: 'Other', email: [{ value: 'other@initech.example', primary: true }] }] }),
    });
    const carla = lead({ email: 'carla@hooli.example' });
    expect(await pipedriveConnector.send([carla], settings, signal())).toMatchObject({ kind: 'retry' });
    const retried = { ...carla, sync: { status: 'failed' as const, attempts: 1, dueAt: 1, lastError: 'lost' } };
    expect(await pipedriveConnector.send([retried], settings, signal())).toEqual({
      kind: 'delivered',
      results: [{ id: carla.id, ok: true, crmId: stored[0]!.id, crmUrl: 'https://app.pipedrive.com/person/42' }],
    });
    expect(stored).toHaveLength(1);
    expect(seen.map((r) => `${r.method} ${r.path}`).slice(-2)).toEqual(['GET /leads?person_id=42&limit=500', `PATCH /leads/${stored[0]!.id}`]);
  });

  it('creates the person when none has the email, and updates a lead it already created', async () => {
    const seen = recordRequests({
      // The Pipedrive lead it made before names no person any more (Pipedrive unlinks a deleted one).
      'GET /leads/:id': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: 'adf21080-0e10-11eb-879b-05d71fb426ec', person_id: null }) }),
      'GET /persons/search': () => HttpResponse.json({ success: true, data: { items: [] } }),
      'POST /persons': () => HttpResponse.json({ success: true, data: { id: 77 } }, { status: 201 }),
      'PATCH /leads/:id': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: 'adf21080-0e10-11eb-879b-05d71fb426ec' }) }),
    });
    const known = lead({ email: 'new@hooli.example', sync: { status: 'pending', attempts: 1, dueAt: 1, crmId: 'adf21080-0e10-11eb-879b-05d71fb426ec' } });
    await pipedriveConnector.send([known], settings, signal());
    expect(seen.map((r) => r.method)).toEqual(['GET', 'GET', 'POST', 'PATCH']);
    expect(seen[2]!.body).toEqual({ name: 'Carla Gómez', emails: [{ value: 'new@hooli.example', primary: true, label: 'work' }] });
    // An update sends only what Pipedrive's update defines: the origin_id stays what the create set.
    expect(seen[3]!.body).toEqual({ title: 'Carla Gómez, Hooli · Event (Web Summit)', person_id: 77, label_ids: [LABEL_HOT] });
  });

  it('without an email, keeps the lead id in the person field, and a retry after a lost answer finds that person instead of creating another', async () => {
    const FIELD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    const withField = pipedriveSettingsSchema.parse({ ...settings, personIdField: FIELD });
    // Pipedrive's side: the first POST /persons is stored, but its answer never arrives. Another
    // person's id shares a part with the lead's, as Pipedrive's partial search may return.
    const persons: Array<Record<string, unknown>> = [{ id: 5, name: 'Someone else', custom_fields: { [FIELD]: 'another-lead' } }];
    const seen = recordRequests({
      'POST /persons': (body) => {
        persons.push({ ...(body as object), id: 77 });
        return persons.length === 2 ? HttpResponse.error() : HttpResponse.json({ success: true, data: { id: 78 } }, { status: 201 });
      },
      'GET /persons/search': () => HttpResponse.json({ success: true, data: { items: persons.map(({ id }) => ({ result_score: 0.5, item: { id, type: 'person' } })) } }),
      'GET /persons/:id': () => HttpResponse.json({ success: true, data: persons.find(({ id }) => String(id) === seen.at(-1)!.path.split('?')[0]!.split('/').at(-1)) }),
      'PATCH /persons/:id': () => HttpResponse.json({ success: true, data: { id: 77 } }),
      'GET /leads': () => HttpResponse.json({ success: true, data: [] }),
      'POST /leads': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: 'adf21080-0e10-11eb-879b-05d71fb426ec' }) }, { status: 201 }),
      // The retry comes long after: many persons were added since, and Carla is not among the last.
      'GET /persons': () => HttpResponse.json({ success: true, data: [{ id: 900, name: 'Newer', custom_fields: { [FIELD]: 'a-later-lead' } }], additional_data: { next_cursor: null } }),
    });
    const carla = lead({ email: undefined });
    expect(await pipedriveConnector.send([carla], withField, signal())).toMatchObject({ kind: 'retry' });
    expect(persons[1]).toMatchObject({ name: 'Carla Gómez', custom_fields: { [FIELD]: carla.id } });

    const retried = { ...carla, sync: { status: 'failed' as const, attempts: 1, dueAt: 1, lastError: 'lost' } };
    expect(await pipedriveConnector.send([retried], withField, signal())).toEqual({
      kind: 'delivered',
      results: [{ id: carla.id, ok: true, crmId: 'adf21080-0e10-11eb-879b-05d71fb426ec', crmUrl: 'https://app.pipedrive.com/person/77' }],
    });
    expect(persons).toHaveLength(2);
    expect(seen.map((r) => `${r.method} ${r.path}`).slice(1)).toEqual([
      `GET /persons?sort_by=add_time&sort_direction=desc&limit=100&custom_fields=${FIELD}`,
      `GET /persons/search?term=${carla.id}&fields=custom_fields&limit=10`,
      `GET /persons/5?custom_fields=${FIELD}`,
      `GET /persons/77?custom_fields=${FIELD}`,
      'PATCH /persons/77',
      'GET /leads?person_id=77&limit=500',
      'POST /leads',
    ]);
    // An update leaves the field alone: it names the lead that created the person.
    expect(seen.find((r) => r.method === 'PATCH' && r.path.startsWith('/persons/'))!.body).toEqual({ name: 'Carla Gómez' });
  });

  it.each([
    ['with an email', { email: 'carla@hooli.example' }],
    ['without an email, through the lead id field', { email: undefined }],
  ])("%s, a retry finds the person its lost answer created even before Pipedrive's search does", async (_, fields) => {
    const FIELD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    const withField = pipedriveSettingsSchema.parse({ ...settings, personIdField: FIELD });
    // Pipedrive's side: the person is stored but the answer is lost, and its search index lags.
    const persons: Array<Record<string, unknown>> = [];
    const seen = recordRequests({
      'GET /persons/search': () => HttpResponse.json({ success: true, data: { items: [] } }),
      'POST /persons': (body) => {
        persons.unshift({ ...(body as object), id: 77 });
        return HttpResponse.error();
      },
      'GET /persons': () => HttpResponse.json({ success: true, data: [...persons, { id: 5, name: 'Someone else', emails: [{ value: 'else@initech.example' }] }], additional_data: { next_cursor: null } }),
      'PATCH /persons/:id': () => HttpResponse.json({ success: true, data: { id: 77 } }),
      'GET /leads': () => HttpResponse.json({ success: true, data: [] }),
      'POST /leads': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: 'adf21080-0e10-11eb-879b-05d71fb426ec' }) }, { status: 201 }),
    });
    const carla = lead(fields);
    expect(await pipedriveConnector.send([carla], withField, signal())).toMatchObject({ kind: 'retry' });
    // The first attempt reads no list of persons: only a retry can have created one before.
    expect(seen.some((r) => r.path.startsWith('/persons?'))).toBe(false);

    const retried = { ...carla, sync: { status: 'failed' as const, attempts: 1, dueAt: 1, lastError: 'lost' } };
    expect(await pipedriveConnector.send([retried], withField, signal())).toEqual({
      kind: 'delivered',
      results: [{ id: carla.id, ok: true, crmId: 'adf21080-0e10-11eb-879b-05d71fb426ec', crmUrl: 'https://app.pipedrive.com/person/77' }],
    });
    expect(persons).toHaveLength(1);
    const retry = seen.slice(seen.findIndex((r) => r.path.startsWith('/persons?')));
    expect(retry.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /persons?sort_by=add_time&sort_direction=desc&limit=100&custom_fields=${FIELD}`, 'PATCH /persons/77', 'GET /leads?person_id=77&limit=500', 'POST /leads']);
  });

  it('without an email or a lead id field, a retry finds the person its lost answer created by full name, among those added since the lead was captured', async () => {
    const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
    // Pipedrive's side: the person is stored but the answer is lost. A namesake was added two days before the lead.
    const persons: Array<Record<string, unknown>> = [{ id: 5, name: 'Carla Gómez', add_time: utc(Date.now() - 2 * 86_400_000) }];
    let created = 0;
    const seen = recordRequests({
      'POST /persons': (body) => {
        persons.unshift({ ...(body as object), id: 77 + created, add_time: utc(Date.now()) });
        created += 1;
        return created === 1 ? HttpResponse.error() : HttpResponse.json({ success: true, data: { id: persons[0]!.id } }, { status: 201 });
      },
      'GET /persons': () => HttpResponse.json({ success: true, data: persons, additional_data: { next_cursor: null } }),
      'PATCH /persons/:id': () => HttpResponse.json({ success: true, data: { id: 77 } }),
      'GET /leads': () => HttpResponse.json({ success: true, data: [] }),
      'POST /leads': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: 'adf21080-0e10-11eb-879b-05d71fb426ec' }) }, { status: 201 }),
    });
    const carla = lead({ email: undefined, createdAt: Date.now() - 60_000 });
    expect(await pipedriveConnector.send([carla], settings, signal())).toMatchObject({ kind: 'retry' });

    const retried = { ...carla, sync: { status: 'failed' as const, attempts: 1, dueAt: 1, lastError: 'lost' } };
    expect(await pipedriveConnector.send([retried], settings, signal())).toMatchObject({ kind: 'delivered', results: [{ id: carla.id, ok: true }] });
    expect(persons.map(({ id }) => id)).toEqual([77, 5]);
    expect(seen.slice(1).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /persons?sort_by=add_time&sort_direction=desc&limit=100', 'PATCH /persons/77', 'GET /leads?person_id=77&limit=500', 'POST /leads']);

    // The namesake alone (the new person not among the last added) is someone else: a new person is created.
    persons.shift();
    const from = seen.length;
    await pipedriveConnector.send([retried], settings, signal());
    expect(seen.slice(from).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /persons?sort_by=add_time&sort_direction=desc&limit=100', 'POST /persons', 'GET /leads?person_id=78&limit=500', 'POST /leads']);
  });

  it('a retry reads back past the 100 persons added last, page by page, but not past the lead\'s capture', async () => {
    const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
    const now = Date.now();
    // Newest first, as GET /persons?sort_by=add_time&sort_direction=desc lists them: 150 persons added since the lost
    // answer made Carla, then Carla, then persons from before the lead was captured.
    const newer = Array.from({ length: 150 }, (_, i) => ({ id: 1000 + i, name: `Person ${i}`, add_time: utc(now) }));
    const older = Array.from({ length: 300 }, (_, i) => ({ id: 2000 + i, name: `Old ${i}`, add_time: utc(now - 3 * 86_400_000) }));
    const carlaPerson = { id: 77, name: 'Carla Gómez', add_time: utc(now - 30_000) };
    let persons = [...newer, carlaPerson, ...older];
    const seen = recordRequests({
      'GET /persons': () => {
        const query = new URLSearchParams(seen.at(-1)!.path.split('?')[1]);
        const start = Number(query.get('cursor') ?? 0);
        const limit = Number(query.get('limit'));
        const more = start + limit < persons.length;
        return HttpResponse.json({ success: true, data: persons.slice(start, start + limit), additional_data: { next_cursor: more ? String(start + limit) : null } });
      },
      'PATCH /persons/:id': () => HttpResponse.json({ success: true, data: { id: 77 } }),
      'POST /persons': () => HttpResponse.json({ success: true, data: { id: 78 } }, { status: 201 }),
      'GET /leads': () => HttpResponse.json({ success: true, data: [] }),
      'POST /leads': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: 'adf21080-0e10-11eb-879b-05d71fb426ec' }) }, { status: 201 }),
    });
    const retried = lead({ email: undefined, createdAt: now - 60_000, sync: { status: 'failed', attempts: 1, dueAt: 1, lastError: 'lost' } });
    await pipedriveConnector.send([retried], settings, signal());
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /persons?sort_by=add_time&sort_direction=desc&limit=100',
      'GET /persons?sort_by=add_time&sort_direction=desc&limit=100&cursor=100',
      'PATCH /persons/77',
      'GET /leads?person_id=77&limit=500',
      'POST /leads',
    ]);

    // Not there: the page that reaches persons older than the lead is the last one read.
    persons = [...newer, ...older];
    const from = seen.length;
    await pipedriveConnector.send([retried], settings, signal());
    expect(seen.slice(from).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /persons?sort_by=add_time&sort_direction=desc&limit=100',
      'GET /persons?sort_by=add_time&sort_direction=desc&limit=100&cursor=100',
      'POST /persons',
      'GET /leads?person_id=78&limit=500',
      'POST /leads',
    ]);

    // A thousand added since: five pages at most, then the person is created.
    persons = Array.from({ length: 1000 }, (_, i) => ({ id: 3000 + i, name: `Busy ${i}`, add_time: utc(now) }));
    const busy = seen.length;
    await pipedriveConnector.send([retried], settings, signal());
    expect(seen.slice(busy).filter((r) => r.path.startsWith('/persons?')).map((r) => new URLSearchParams(r.path.split('?')[1]).get('cursor'))).toEqual([null, '100', '200', '300', '400']);
    expect(seen.at(-2)?.path).toBe('/leads?person_id=78&limit=500');
  });

  it('a lead known by one name only is not matched by name: no list is read', async () => {
    const seen = recordRequests({
      'POST /persons': () => HttpResponse.json({ success: true, data: { id: 78 } }, { status: 201 }),
      'GET /leads': () => HttpResponse.json({ success: true, data: [] }),
      'POST /leads': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: 'adf21080-0e10-11eb-879b-05d71fb426ec' }) }, { status: 201 }),
    });
    const carla = lead({ fullName: 'Carla', email: undefined, sync: { status: 'failed', attempts: 1, dueAt: 1, lastError: 'lost' } });
    await pipedriveConnector.send([carla], settings, signal());
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /persons', 'GET /leads?person_id=78&limit=500', 'POST /leads']);
  });

  it('with a new email (a merge took it), updates the person of the Pipedrive lead it synced before, not the email\'s', async () => {
    const CRM_ID = 'adf21080-0e10-11eb-879b-05d71fb426ec';
    const seen = recordRequests({
      'GET /leads/:id': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: CRM_ID, title: 'Carla', person_id: 55 }) }),
      'PATCH /persons/:id': () => HttpResponse.json({ success: true, data: { id: 55 } }),
      'PATCH /leads/:id': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: CRM_ID }) }),
    });
    const merged = lead({ email: 'carla.new@hooli.example', sync: { status: 'pending', attempts: 1, dueAt: 1, crmId: CRM_ID } });
    expect(await pipedriveConnector.send([merged], settings, signal())).toEqual({ kind: 'delivered', results: [{ id: merged.id, ok: true, crmId: CRM_ID, crmUrl: 'https://app.pipedrive.com/person/55' }] });
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /leads/${CRM_ID}`, 'PATCH /persons/55', `PATCH /leads/${CRM_ID}`]);
    expect(seen[1]!.body).toMatchObject({ emails: [{ value: 'carla.new@hooli.example', primary: true, label: 'work' }] });
  });

  it('without an email, updates the person of the Pipedrive lead it synced before, not a new one', async () => {
    const CRM_ID = 'adf21080-0e10-11eb-879b-05d71fb426ec';
    const seen = recordRequests({
      'GET /leads/:id': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: CRM_ID, title: 'Carla', person_id: 55, organization_id: null }) }),
      'PATCH /persons/:id': () => HttpResponse.json({ success: true, data: { id: 55 } }),
      'PATCH /leads/:id': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: CRM_ID }) }),
    });
    const edited = lead({ email: undefined, sync: { status: 'pending', attempts: 1, dueAt: 1, crmId: CRM_ID } });
    expect(await pipedriveConnector.send([edited], settings, signal())).toEqual({ kind: 'delivered', results: [{ id: edited.id, ok: true, crmId: CRM_ID, crmUrl: 'https://app.pipedrive.com/person/55' }] });
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /leads/${CRM_ID}`, 'PATCH /persons/55', `PATCH /leads/${CRM_ID}`]);
  });

  it('marks a lead Pipedrive refuses as needing attention and goes on with the others', async () => {
    let persons = 0;
    recordRequests({
      'POST /persons': () => (++persons === 1 ? HttpResponse.json({ success: false, error: 'Name must be given' }, { status: 400 }) : HttpResponse.json({ success: true, data: { id: 9 } })),
      'POST /leads': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: 'b1c2d3e4-0e10-11eb-879b-05d71fb426ec' }) }),
    });
    const [bad, good] = [lead(), lead()];
    expect(await pipedriveConnector.send([bad!, good!], settings, signal())).toEqual({
      kind: 'delivered',
      results: [
        { id: bad!.id, ok: false, message: 'The CRM answered 400 Bad Request: Name must be given' },
        { id: good!.id, ok: true, crmId: 'b1c2d3e4-0e10-11eb-879b-05d71fb426ec', crmUrl: 'https://app.pipedrive.com/person/9' },
      ],
    });
  });

  it('stops on a 429 and leaves the batch to be retried, honouring Retry-After', async () => {
    recordRequests({ 'POST /persons': () => HttpResponse.json({ success: false, error: 'Rate limit' }, { status: 429, headers: { 'Retry-After': '2' } }) });
    expect(await pipedriveConnector.send([lead(), lead()], settings, signal())).toMatchObject({ kind: 'retry', retryAfterMs: 2_000 });
  });

  describe('testConnection with a person field for the lead id, and creating that field', () => {
    const FIELD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    const withField = pipedriveSettingsSchema.parse({ ...settings, personIdField: FIELD });
    const fields = (pages: Array<Array<{ key: string; name: string; field_type: string }>>, create?: (body: unknown) => Response) => {
      const seen = recordRequests({
        ...(create ? { 'POST /personFields': create } : {}),
        'GET /users/me': () => HttpResponse.json({ success: true, data: { id: 1, name: 'Rep' } }),
        'GET /personFields': () => {
          const start = Number(new URL(`https://x${seen.at(-1)!.path}`).searchParams.get('start'));
          const page = start / 2;
          return HttpResponse.json({
            success: true,
            data: pages[page],
            additional_data: { pagination: { start, limit: 2, more_items_in_collection: page < pages.length - 1, ...(page < pages.length - 1 ? { next_start: start + 2 } : {}) } },
          });
        },
      });
      return seen;
    };

    it('reports the field by name when it is a text field, looking through every page', async () => {
      const seen = fields([
        [{ key: 'name', name: 'Name', field_type: 'varchar' }, { key: 'email', name: 'Email', field_type: 'varchar' }],
        [{ key: FIELD, name: 'Fieldclip lead id', field_type: 'varchar' }],
      ]);
      expect(await testPipedriveConnection(withField, signal())).toEqual({ ok: true, message: 'Connected to Pipedrive, and the person field "Fieldclip lead id" keeps each lead\'s id' });
      expect(seen.map((r) => r.path)).toEqual(['/users/me', '/personFields?start=0&limit=500', '/personFields?start=2&limit=500']);
    });

    it('says so when Pipedrive has no such field, or when it is not a text field', async () => {
      fields([[{ key: 'name', name: 'Name', field_type: 'varchar' }]]);
      expect(await testPipedriveConnection(withField, signal())).toEqual({
        ok: false,
        message: `Connected, but Pipedrive has no person field with the API key ${FIELD}: add a person field of type Text (Settings → Data fields → Person) and paste its API key`,
      });
      fields([[{ key: FIELD, name: 'Lead number', field_type: 'double' }]]);
      expect(await testPipedriveConnection(withField, signal())).toMatchObject({ ok: false, message: expect.stringContaining('"Lead number" is of type double') });
    });

    it('creates a hidden Text person field and returns the API key Pipedrive gave it', async () => {
      const seen = fields([[{ key: 'name', name: 'Name', field_type: 'varchar' }]], () =>
        HttpResponse.json({ success: true, data: { id: 9071, key: FIELD, name: 'Fieldclip lead id', field_type: 'varchar', add_visible_flag: false } }, { status: 201 }),
      );
      expect(await createLeadIdField(settings, signal())).toEqual({ ok: true, key: FIELD, message: 'Created the person field "Fieldclip lead id" in Pipedrive' });
      expect(seen.at(-1)).toMatchObject({ method: 'POST', path: '/personFields', body: { name: 'Fieldclip lead id', field_type: 'varchar', add_visible_flag: false } });
    });

    it('takes the field it made before rather than a second one with the same name', async () => {
      const seen = fields([[{ key: 'name', name: 'Name', field_type: 'varchar' }], [{ key: FIELD, name: 'Fieldclip lead id', field_type: 'varchar' }]], () => {
        throw new Error('no second field');
      });
      expect(await createLeadIdField(settings, signal())).toEqual({ ok: true, key: FIELD, message: 'Pipedrive already has the person field "Fieldclip lead id"' });
      expect(seen.map((r) => r.method)).toEqual(['GET', 'GET']);
    });

    it('says to ask an admin when the user may not add fields', async () => {
      fields([[]], () => HttpResponse.json({ success: false, error: 'You do not have permission to add fields', errorCode: 403 }, { status: 403 }));
      expect(await createLeadIdField(settings, signal())).toEqual({ ok: false, message: expect.stringMatching(/^Pipedrive did not let this user add fields \(403\): ask an admin to add a person field of type Text/) });
    });
  });

  describe('the marketing channel of each source', () => {
    const dealFields = (options: Array<{ id: number; label: string }>) => ({
      'GET /dealFields': () =>
        HttpResponse.json({
          success: true,
          data: [{ key: 'title', name: 'Title', field_type: 'varchar' }, { key: 'channel', name: 'Source channel', field_type: 'enum', options }],
          additional_data: { pagination: { start: 0, limit: 500, more_items_in_collection: false } },
        }),
    });
    // Each test its own token: the channels are kept per company and token for the worker's life.
    const withChannels = (apiToken: string, names: Record<string, string>) =>
      pipedriveSettingsSchema.parse({ ...settings, apiToken, channelNames: { prospecting: '', referral: '', event: '', 'prospecting-at-close': '', ...names } });

    it("gives each lead its source's channel by id, reads the channels once, and sends none for a source without one", async () => {
      const seen = recordRequests({
        ...dealFields([{ id: 11, label: 'Referral program' }, { id: 12, label: 'Events' }]),
        'GET /persons/search': () => HttpResponse.json({ success: true, data: { items: [] } }),
        'POST /persons': () => HttpResponse.json({ success: true, data: { id: 31 } }),
        'POST /leads': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: 'c1d2e3f4-0e10-11eb-879b-05d71fb426ec' }) }),
      });
      const channelled = withChannels('a1'.repeat(20), { event: 'events', referral: '' });
      await pipedriveConnector.send([lead({ email: 'carla@hooli.example' }), lead({ email: 'raj@hooli.example', source: { kind: 'referral', referredBy: 'Bob' } })], channelled, signal());
      await pipedriveConnector.send([lead({ email: 'ana@hooli.example' })], channelled, signal());
      expect(seen.filter((r) => r.path.startsWith('/dealFields'))).toHaveLength(1);
      expect(seen.filter((r) => r.path === '/leads').map((r) => (r.body as { channel?: number }).channel)).toEqual([12, undefined, 12]);
    });

    it('looks again for a channel Pipedrive lacked only after some minutes, not on every batch', async () => {
      const seen = recordRequests({
        ...dealFields([{ id: 12, label: 'Events' }]),
        'GET /persons/search': () => HttpResponse.json({ success: true, data: { items: [] } }),
        'POST /persons': () => HttpResponse.json({ success: true, data: { id: 31 } }),
        'POST /leads': () => HttpResponse.json({ success: true, data: pipedriveLead({ id: 'c1d2e3f4-0e10-11eb-879b-05d71fb426ec' }) }),
      });
      const misnamed = withChannels('d4'.repeat(20), { event: 'Trade shows' });
      await pipedriveConnector.send([lead({ email: 'carla@hooli.example' })], misnamed, signal());
      await pipedriveConnector.send([lead({ email: 'ana@hooli.example' })], misnamed, signal());
      expect(seen.filter((r) => r.path.startsWith('/dealFields'))).toHaveLength(1);
      expect(seen.filter((r) => r.path === '/leads').map((r) => (r.body as { channel?: number }).channel)).toEqual([undefined, undefined]);
    });

    it('Test connection names a channel Pipedrive does not have, and the ones it has', async () => {
      recordRequests({ 'GET /users/me': () => HttpResponse.json({ success: true, data: { id: 1 } }), ...dealFields([{ id: 12, label: 'Events' }]) });
      expect(await testPipedriveConnection(withChannels('b2'.repeat(20), { event: 'Events', referral: 'Partners' }), signal())).toEqual({
        ok: false,
        message: 'Connected, but Pipedrive has no marketing channel named "Partners" (it has "Events"): use a name from its Source channel list, or leave it blank',
      });
      expect(await testPipedriveConnection(withChannels('c3'.repeat(20), { event: 'Events' }), signal())).toEqual({
        ok: true,
        message: 'Connected to Pipedrive, and each source has its marketing channel',
      });
    });
  });

  it('pauses on a wrong token', async () => {
    recordRequests({ 'GET /users/me': () => HttpResponse.json({ success: false, error: 'unauthorized access' }, { status: 401 }) });
    expect(await testPipedriveConnection(settings, signal())).toMatchObject({ ok: false, message: expect.stringContaining('401') });
  });
});
