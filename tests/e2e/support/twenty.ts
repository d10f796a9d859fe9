import type { BrowserContext } from 'playwright-core';
import { routeApi, type ApiRequest } from './routed-api';

// A Twenty workspace for the browser tests: its REST API at https://api.twenty.com (people, the
// batch upsert by id, and the workspace's OpenAPI document that describes People's fields), in the
// shapes Twenty documents and answers, with the API key as a bearer token.

export const TWENTY_ORIGIN = 'https://api.twenty.com';

export type TwentyPerson = { id: string; name: { firstName: string; lastName: string } } & Record<string, unknown>;
export type FakeTwenty = { people(): TwentyPerson[]; requests(): ApiRequest[] };

/** Custom fields of People: null for a text field, or a select field's option values. */
export type TwentyFields = Record<string, readonly string[] | null>;

/** A workspace with this API key, whose People object has these custom fields. */
export async function fakeTwenty(context: BrowserContext, { apiKey, customFields = {} }: { apiKey: string; customFields?: TwentyFields }): Promise<FakeTwenty> {
  const standard = ['id', 'name', 'emails', 'phones', 'jobTitle', 'city', 'linkedinLink'];
  // People's fields as GET /rest/open-api/core describes them: composite fields are objects.
  const composite = ['name', 'emails', 'phones', 'linkedinLink'];
  const described = Object.fromEntries([
    ...standard.map((field) => [field, { type: composite.includes(field) ? 'object' : 'string' }] as const),
    ...Object.entries(customFields).map(([field, options]) => [field, options ? { type: 'string', enum: options } : { type: 'string' }] as const),
  ]);
  const people = new Map<string, TwentyPerson>();
  const api = await routeApi(context, TWENTY_ORIGIN, ({ method, path, query, headers, body }) => {
    if (headers['authorization'] !== `Bearer ${apiKey}`) return { status: 401, body: { statusCode: 401, messages: ['Token invalid.'], error: 'UNAUTHENTICATED' } };
    if (method === 'GET' && path === '/rest/people') {
      return { status: 200, body: { data: { people: [...people.values()].slice(0, Number(query.get('limit') ?? 60)) }, pageInfo: { hasNextPage: false }, totalCount: people.size } };
    }
    if (method === 'GET' && path === '/rest/open-api/core') {
      return { status: 200, body: { openapi: '3.1.1', info: { title: 'Twenty Api', version: 'v0.1' }, components: { schemas: { Person: { type: 'object', properties: described } } } } };
    }
    if (method === 'POST' && path === '/rest/batch/people' && query.get('upsert') === 'true') {
      const people_ = body as TwentyPerson[];
      const unknown = people_.flatMap(Object.keys).find((field) => !standard.includes(field) && !Object.hasOwn(customFields, field));
      if (unknown) return { status: 400, body: { statusCode: 400, messages: [`Object person doesn't have any "${unknown}" field.`], error: 'BadRequestException' } };
      const saved = people_.map((person) => {
        const merged = { ...people.get(person.id), ...person, updatedAt: new Date().toISOString() };
        people.set(person.id, merged);
        return merged;
      });
      return { status: 201, body: { data: { createPeople: saved } } };
    }
    return { status: 404, body: { statusCode: 404, messages: [`No fake for ${method} ${path}`], error: 'NOT_FOUND' } };
  });
  return { people: () => structuredClone([...people.values()]), requests: api.requests };
}
