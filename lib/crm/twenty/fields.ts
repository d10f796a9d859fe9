import * as z from 'zod/mini';
import type { TwentySettings } from './settings';

// The custom People fields that take each lead's source and level, checked by "Test connection"
// against the workspace's own description of its API: GET /rest/open-api/core answers an OpenAPI
// document whose `Person` schema lists every field of People by API name, with a select field's
// option values as its `enum`. A wrong name or option would otherwise make Twenty refuse every batch.

/** A field as the document describes it: its JSON type (a multi-select is an array), a select's options. */
const fieldSchema = z.looseObject({ type: z.optional(z.string()), enum: z.optional(z.array(z.string())) });
type FieldShape = z.infer<typeof fieldSchema>;

const coreSchemaSchema = z.looseObject({
  components: z.looseObject({
    schemas: z.looseObject({ Person: z.looseObject({ properties: z.record(z.string(), fieldSchema) }) }),
  }),
});

/** The People fields as the workspace describes them, or null when its server answers no such description. */
export async function peopleFields(baseUrl: string, headers: Record<string, string>, signal: AbortSignal): Promise<Record<string, FieldShape> | null> {
  try {
    const response = await fetch(`${baseUrl}/rest/open-api/core`, { headers, credentials: 'omit', signal });
    if (!response.ok) return null;
    const document = coreSchemaSchema.safeParse(await response.json());
    return document.success ? document.data.components.schemas.Person.properties : null;
  } catch {
    return null;
  }
}

const quoted = (values: readonly string[]) => values.map((value) => `"${value}"`).join(', ');

/** Why this field cannot take these values (words that follow "Connected, but"), or null when it can. */
function fieldProblem(name: string, field: FieldShape | undefined, values: readonly string[], what: string): string | null {
  if (!field) return `people in Twenty have no field named "${name}": use the API name of a text or select field (Settings → Data model → People), or leave it blank`;
  if (field.type === 'array') return `the field "${name}" is a multi-select: Fieldclip writes one ${what}, so use a select or text field`;
  if (field.type !== undefined && field.type !== 'string') return `the field "${name}" is not a text or select field, so it cannot take the ${what}`;
  const options = field.enum;
  if (!options) return null;
  const unknown = [...new Set(values.filter((value) => value !== '' && !options.includes(value)))];
  if (unknown.length === 0) return null;
  const offered = options.length ? ` (its options are ${quoted(options)})` : '';
  return `the select field "${name}" has no option ${quoted(unknown)}${offered}: use its option values, or leave a value blank`;
}

/** Why this field cannot take a lead's notes (free text), or null when it can. */
function textFieldProblem(name: string, field: FieldShape | undefined): string | null {
  if (!field) return `people in Twenty have no field named "${name}": use the API name of a text field (Settings → Data model → People), or leave it blank`;
  if (field.type !== undefined && field.type !== 'string') return `the field "${name}" is not a text field, so it cannot take the notes`;
  if (field.enum) return `the field "${name}" is a select field: the notes need a text field`;
  return null;
}

/** What is wrong with the fields the settings name (null: nothing), given the People fields. */
export function customFieldsProblem(settings: TwentySettings, fields: Record<string, FieldShape>): string | null {
  const field = (name: string) => (Object.hasOwn(fields, name) ? fields[name] : undefined);
  const problems = [
    settings.sourceField ? fieldProblem(settings.sourceField, field(settings.sourceField), Object.values(settings.sourceValues), 'source') : null,
    settings.qualificationField
      ? fieldProblem(settings.qualificationField, field(settings.qualificationField), Object.values(settings.qualificationValues), 'qualification level')
      : null,
    settings.notesField ? textFieldProblem(settings.notesField, field(settings.notesField)) : null,
  ].filter((problem): problem is string => problem !== null);
  return problems.length ? `Connected, but ${problems.join('; and ')}` : null;
}
