import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import type { SetupServer } from 'msw/node';
import { afterEach, expect } from 'vitest';

// Every request a connector's tests capture is checked against its CRM's own published spec
// (tests/fixtures/crm-specs, excerpts with their sources): the operation must be one the spec
// lists (and not one it marks removed), each query parameter one the operation defines, of its type,
// and the body must validate against the operation's request schema (JSON Schema, with Ajv).

export type Vendor = 'hubspot' | 'pipedrive' | 'salesforce' | 'twenty';
export type CapturedRequest = { method: string; url: string; body: unknown };

type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; schema?: Schema };
type Operation = {
  method: string;
  path: string;
  responses?: Record<string, string | Record<string, { $ref: string }>>;
  response?: string;
  spec?: string;
  replacement?: string;
  query?: Record<string, Schema>;
  parameters?: Parameter[];
  requestBody?: string | Record<string, { $ref: string }>;
};
type Spec = { operations: Operation[]; components: { schemas: Record<string, Schema>; responses?: Record<string, { content: Record<string, { schema: { $ref: string } }> }> }; errata?: Array<{ pointer: string; value: unknown }> };

const specDir = join(import.meta.dirname, '../fixtures/crm-specs');

/** A JSON pointer's parent and key, for applying the spec's errata. */
function setAt(root: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = pointer.split('/').slice(1).map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop()!;
  const parent = keys.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, root);
  parent[last] = value;
}

/**
 * Pipedrive's excerpt is transcribed from TypeScript interfaces, where an object takes only the
 * properties it lists unless it has an index signature (written additionalProperties: true): so an
 * request schema without additionalProperties is closed. Schemas that are parts of an allOf stay open,
 * since each part lists only its own properties; answers stay open (errors carry more than the
 * generated FailResponse lists: errorCode, error_info).
 */
function closeObjects(schemas: Record<string, Schema>): void {
  const parts = new Set(
    Object.values(schemas).flatMap((schema) => ((schema.allOf as Schema[] | undefined) ?? []).map((part) => String(part.$ref ?? '').split('/').at(-1))),
  );
  for (const [name, schema] of Object.entries(schemas)) {
    if (!parts.has(name) && name.endsWith('Request') && schema.type === 'object' && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  }
}

/**
 * HubSpot's own documented multi-status answer (documentedExamples.multiStatusCreate, from its
 * error-handling guide) gives batch errors without the `errors` and `links` its schemas require:
 * the answer HubSpot documents is taken as the truth, so those two are optional here.
 */
function relaxBatchErrors(schemas: Record<string, Schema>): void {
  for (const [name, schema] of Object.entries(schemas)) {
    if (name.endsWith('.StandardError') && Array.isArray(schema.required)) schema.required = schema.required.filter((key) => key !== 'errors' && key !== 'links');
  }
}

/**
 * Twenty's excerpt comes from a test workspace whose People have custom select fields (leadSource,
 * leadTemperature) with that workspace's options. Custom fields are each workspace's own (Test
 * connection checks them against the workspace's own description), so they are not held to those.
 */
function dropTestWorkspaceFields(schemas: Record<string, Schema>): void {
  for (const schema of Object.values(schemas)) {
    const properties = schema.properties as Record<string, Schema> | undefined;
    for (const [name, property] of Object.entries(properties ?? {})) if (String(property.description ?? '').includes('test workspace')) delete properties![name];
  }
}

const loaded = new Map<Vendor, { spec: Spec; ajv: Ajv }>();

function load(vendor: Vendor) {
  let entry = loaded.get(vendor);
  if (!entry) {
    const spec = JSON.parse(readFileSync(join(specDir, `${vendor}.json`), 'utf8')) as Spec;
    // Corrections the excerpt lists with their evidence (HubSpot's), applied as its note says.
    for (const { pointer, value } of spec.errata ?? []) setAt(spec as unknown as Record<string, unknown>, pointer, value);
    if (vendor === 'pipedrive') closeObjects(spec.components.schemas);
    if (vendor === 'hubspot') relaxBatchErrors(spec.components.schemas);
    if (vendor === 'twenty') dropTestWorkspaceFields(spec.components.schemas);
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: vendor, components: spec.components });
    entry = { spec, ajv };
    loaded.set(vendor, entry);
  }
  return entry;
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(vendor: Vendor, ref: string): ValidateFunction {
  const key = `${vendor}${ref}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = load(vendor).ajv.compile({ $ref: `${vendor}${ref}` });
    validators.set(key, validate);
  }
  return validate;
}

function templateMatches(template: string, pathname: string): boolean {
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${pattern}$`).test(pathname);
}

/** The spec's operation for this request; a literal path wins over a template (`/search` over `/{id}`). */
export function operationFor(vendor: Vendor, method: string, pathname: string): Operation | undefined {
  const candidates = load(vendor).spec.operations.filter((op) => op.method === method && templateMatches(op.path, pathname));
  return candidates.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0))[0];
}

/** A query string's value as the parameter's schema types it. */
function typed(value: string, schema: Schema): unknown {
  if (schema.type === 'integer' || schema.type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (schema.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  if (schema.type === 'array') return value.split(',');
  return value;
}

function queryProblems(vendor: Vendor, op: Operation, url: URL): string[] {
  const known: Record<string, Schema> = { ...op.query };
  for (const parameter of op.parameters ?? []) if (parameter.in === 'query') known[parameter.name] = parameter.schema ?? {};
  const problems: string[] = [];
  for (const [name, value] of url.searchParams) {
    const schema = known[name];
    if (!schema) {
      problems.push(`${op.method} ${op.path}: query parameter "${name}" is not in ${vendor}'s spec`);
      continue;
    }
    const validate = load(vendor).ajv.compile(schema);
    if (!validate(typed(value, schema))) problems.push(`${op.method} ${op.path}: query ${name}=${value}: ${load(vendor).ajv.errorsText(validate.errors)}`);
  }
  return problems;
}

function bodyRef(op: Operation): string | undefined {
  if (typeof op.requestBody === 'string') return op.requestBody;
  return op.requestBody?.['application/json']?.$ref;
}

/** What is wrong with one request by the vendor's spec; empty when nothing is. */
export function specProblems(vendor: Vendor, request: CapturedRequest): string[] {
  const url = new URL(request.url);
  const op = operationFor(vendor, request.method, url.pathname);
  if (!op) return [`${request.method} ${url.pathname} is not an operation of ${vendor}'s spec`];
  if (op.spec === 'removed') return [`${request.method} ${op.path} was removed from ${vendor}'s API${op.replacement ? ` (use ${op.replacement})` : ''}`];
  const problems = queryProblems(vendor, op, url);
  const ref = bodyRef(op);
  if (ref && request.body !== undefined) {
    const validate = validatorFor(vendor, ref);
    if (!validate(request.body)) problems.push(`${op.method} ${op.path} body: ${load(vendor).ajv.errorsText(validate.errors)}`);
  }
  return problems;
}

/** The schema the spec gives an answer of this status to this operation, if it gives one. */
function responseRef(vendor: Vendor, op: Operation, status: number): string | undefined {
  if (vendor === 'pipedrive') return status < 300 ? op.response : status >= 400 ? '#/components/schemas/FailResponse' : undefined;
  const answer = op.responses?.[String(status)] ?? (status >= 400 ? op.responses?.default : undefined);
  if (typeof answer === 'string') {
    // HubSpot's default answer names a response object, whose content names the schema.
    const named = /^#\/components\/responses\/(.+)$/.exec(answer)?.[1];
    return named ? Object.values(load(vendor).spec.components.responses?.[named]?.content ?? {})[0]?.schema.$ref : answer;
  }
  return answer?.['application/json']?.$ref;
}

/** What is wrong with an answer a test gave in the vendor's name; empty when the spec allows it, or says nothing of it. */
export function answerProblems(vendor: Vendor, request: { method: string; url: string }, status: number, body: unknown): string[] {
  const url = new URL(request.url);
  const op = operationFor(vendor, request.method, url.pathname);
  const ref = op && body !== undefined ? responseRef(vendor, op, status) : undefined;
  if (!op || !ref) return [];
  const validate = validatorFor(vendor, ref);
  return validate(body) ? [] : [`answer ${status} to ${op.method} ${op.path}: ${load(vendor).ajv.errorsText(validate.errors)}`];
}

/** A documented example answer of the vendor's, from the excerpt (HubSpot's `documentedExamples`). */
export function documentedExample(vendor: Vendor, name: string): { status: number; body: unknown } {
  const { documentedExamples } = load(vendor).spec as unknown as { documentedExamples: Record<string, { status: number; body: unknown }> };
  return structuredClone(documentedExamples[name]!);
}

/**
 * Records every request the msw server sees to `host`, and after each test fails it for any that
 * the vendor's spec does not allow.
 */
export function checkRequestsAgainstSpec(server: SetupServer, vendor: Vendor, hosts: RegExp): void {
  const seen: Array<Promise<CapturedRequest>> = [];
  const answers: Array<Promise<string[]>> = [];
  // The tests' own answers must be ones the vendor documents, so that the connector is tested against what it will get.
  server.events.on('response:mocked', ({ request, response }) => {
    if (!hosts.test(new URL(request.url).hostname)) return;
    const copy = response.clone();
    answers.push(
      copy.text().then((text: string) => {
        let body: unknown;
        try {
          body = text === '' ? undefined : (JSON.parse(text) as unknown);
        } catch {
          return [`answer ${copy.status} to ${request.method} ${request.url} is not JSON`];
        }
        return answerProblems(vendor, request, copy.status, body);
      }),
    );
  });
  server.events.on('request:start', ({ request }) => {
    if (!hosts.test(new URL(request.url).hostname)) return;
    const copy = request.clone();
    // JSON bodies are checked; a form (Salesforce's token request) is not a JSON operation.
    const json = copy.headers.get('content-type')?.includes('json') ?? false;
    seen.push(copy.text().then((text: string) => ({ method: copy.method, url: copy.url, body: json && text !== '' ? (JSON.parse(text) as unknown) : undefined })));
  });
  afterEach(async () => {
    const requests = await Promise.all(seen.splice(0));
    const problems = [...requests.flatMap((request) => specProblems(vendor, request)), ...(await Promise.all(answers.splice(0))).flat()];
    expect(problems, `Requests and answers ${vendor}'s spec does not allow:\n${problems.join('\n')}\n`).toEqual([]);
  });
}

/** What is wrong, by the vendor's spec, with the requests a browser test's routed CRM received. */
export function routedSpecProblems(vendor: Vendor, origin: string, requests: Array<{ method: string; path: string; query: URLSearchParams; body: unknown }>): string[] {
  return requests.flatMap((request) =>
    specProblems(vendor, { method: request.method, url: `${origin}${request.path}${request.query.size ? `?${request.query}` : ''}`, body: request.body ?? undefined }),
  );
}
