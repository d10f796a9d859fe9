import { randomUUID } from 'node:crypto';

// Answers in the shapes the CRMs' specs document (tests/fixtures/crm-specs), for the connectors'
// tests: every required field there, so that a connector is tested against what it will really
// get. tests/unit/crm-spec.ts checks each answer a test gives against the spec.

const AT = '2026-11-23T09:00:00.000Z';

/** A HubSpot CRM object (contact, company) as batch answers list it. */
export function hubspotObject(id: string, properties: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return { id, properties, createdAt: AT, updatedAt: AT, archived: false, ...extra };
}

/** An object in a batch upsert's answer, which also says whether it was new. */
export function hubspotUpserted(id: string, properties: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return hubspotObject(id, properties, { new: false, ...extra });
}

/** One error of a batch answer (a multi-status 207), naming the inputs it is about in `context`. */
export function hubspotBatchError(message: string, context: Record<string, string[]>, category = 'VALIDATION_ERROR') {
  return { status: 'error', category, message, context, errors: [], links: {} };
}

/** A batch answer: its results, and its errors for a multi-status (207) one. */
export function hubspotBatch(results: unknown[], errors: unknown[] = []) {
  return { status: 'COMPLETE', results, ...(errors.length ? { numErrors: errors.length, errors } : {}), startedAt: AT, completedAt: AT };
}

/** HubSpot's error answer to a whole request (401, 403, 404, 409, 429, 5xx). */
export function hubspotError(message: string, category: string, extra: Record<string, unknown> = {}) {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

/** A contact or company property as the properties API describes it. */
export function hubspotProperty(name: string, extra: Record<string, unknown> = {}) {
  return { name, label: name, description: '', groupName: 'contactinformation', type: 'string', fieldType: 'text', options: [], ...extra };
}

/** A Pipedrive lead (API v1) as its answers give it. */
export function pipedriveLead(fields: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    title: 'A lead',
    owner_id: 1200,
    creator_id: 1200,
    label_ids: [],
    person_id: null,
    organization_id: null,
    source_name: 'API',
    origin: 'API',
    origin_id: null,
    channel: null,
    channel_id: null,
    is_archived: false,
    was_seen: false,
    value: null,
    expected_close_date: null,
    next_activity_id: null,
    add_time: AT,
    update_time: AT,
    visible_to: '3',
    cc_email: 'company+lead@pipedrivemail.com',
    ...fields,
  };
}
