import * as z from 'zod/mini';
import { paginationSchema, pipedriveCall } from './http';
import type { PipedriveSettings } from './settings';

// The person field that keeps each lead's id in Pipedrive: checked by "Test connection", and created
// from the options page. Pipedrive names a custom field's API key itself (40 hex characters).

/** The name Fieldclip gives the field it creates, and looks for before creating another. */
export const LEAD_ID_FIELD_NAME = 'Fieldclip lead id';

type PersonField = { key: string; name: string; field_type: string };

const personFieldsSchema = z.looseObject({
  data: z._default(z.nullable(z.array(z.looseObject({ key: z.string(), name: z.string(), field_type: z.string() }))), []),
  additional_data: paginationSchema,
});

/** Field types Pipedrive's search looks into, and that hold a lead id as it is. */
const searchableTextTypes = ['varchar', 'text'];

const HOW_TO_CREATE = 'add a person field of type Text (Settings → Data fields → Person) and paste its API key';

/** Every person field of the company (500 a page, 20 pages at most), or why they could not be read. */
async function personFields(settings: PipedriveSettings, signal: AbortSignal): Promise<PersonField[] | string> {
  const fields: PersonField[] = [];
  for (let start = 0, pages = 0; pages < 20; pages += 1) {
    const answer = await pipedriveCall(settings, 'GET', `/v1/personFields?start=${start}&limit=500`, undefined, signal);
    if (!answer.ok) return answer.result.error;
    const page = personFieldsSchema.safeParse(answer.body);
    if (!page.success) return 'Pipedrive answered the list of person fields in a shape Fieldclip does not know';
    fields.push(...(page.data.data ?? []));
    const pagination = page.data.additional_data?.pagination;
    if (!pagination?.more_items_in_collection || pagination.next_start === undefined) break;
    start = pagination.next_start;
  }
  return fields;
}

/** The person field named in the settings, or why it cannot keep lead ids. */
export async function checkLeadIdField(settings: PipedriveSettings, key: string, signal: AbortSignal): Promise<{ name: string } | string> {
  const fields = await personFields(settings, signal);
  if (typeof fields === 'string') return fields;
  const field = fields.find((candidate) => candidate.key === key);
  if (!field) return `Connected, but Pipedrive has no person field with the API key ${key}: ${HOW_TO_CREATE}`;
  if (!searchableTextTypes.includes(field.field_type)) {
    return `Connected, but the person field "${field.name}" is of type ${field.field_type}: Fieldclip can find lead ids only in a Text field; ${HOW_TO_CREATE}`;
  }
  return { name: field.name };
}

export type FieldCreation = { ok: true; key: string; message: string } | { ok: false; message: string };

const createdFieldSchema = z.looseObject({ key: z.string() });

/**
 * The person field for the lead id: Fieldclip's own if the company has it already (Pipedrive lets two
 * fields share a name, so it is looked for first), else a new Text field, hidden from the "add person"
 * form. Returns its API key for the settings.
 */
export async function createLeadIdField(settings: PipedriveSettings, signal: AbortSignal): Promise<FieldCreation> {
  const fields = await personFields(settings, signal);
  if (typeof fields === 'string') return { ok: false, message: fields };
  const ours = fields.find((field) => field.name === LEAD_ID_FIELD_NAME && searchableTextTypes.includes(field.field_type));
  if (ours) return { ok: true, key: ours.key, message: `Pipedrive already has the person field "${LEAD_ID_FIELD_NAME}"` };
  const answer = await pipedriveCall(settings, 'POST', '/v1/personFields', { name: LEAD_ID_FIELD_NAME, field_type: 'varchar', add_visible_flag: false }, signal);
  if (!answer.ok) {
    if (answer.status === 403) {
      return { ok: false, message: `Pipedrive did not let this user add fields (403): ask an admin to ${HOW_TO_CREATE.replace('paste its', 'give you its')}, then paste it here` };
    }
    return { ok: false, message: answer.result.error };
  }
  const created = createdFieldSchema.safeParse(answer.data);
  if (!created.success) return { ok: false, message: 'Pipedrive created the field but did not say its API key: find it under Settings → Data fields → Person' };
  return { ok: true, key: created.data.key, message: `Created the person field "${LEAD_ID_FIELD_NAME}" in Pipedrive` };
}
