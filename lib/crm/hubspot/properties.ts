import * as z from 'zod/mini';
import { classifyFailure, classifyFetchError, errorDetail } from '../http';
import { HUBSPOT_CREDENTIAL, hubspotCall } from './http';
import type { HubspotSettings } from './settings';

// The unique properties Fieldclip keys records by in HubSpot (the lead id property, the company key
// property): checked by "Test connection", and the lead id property created from the options page.

const propertySchema = z.looseObject({ name: z.string(), hasUniqueValue: z._default(z.boolean(), false) });

/** Where in HubSpot the rep makes such a property by hand. */
const byHand = (kind: 'contact' | 'company') =>
  `(Settings → Properties → ${kind === 'contact' ? 'Contact' : 'Company'} properties: single-line text, "Require unique values" on)`;

/**
 * A property named in the settings must exist and require unique values, or upserts by it fail.
 * Returns why not, or null when it is fine.
 */
export async function uniquePropertyProblem(settings: HubspotSettings, object: 'contacts' | 'companies', name: string, signal: AbortSignal): Promise<string | null> {
  let response: Response;
  try {
    response = await hubspotCall(settings, `/crm/v3/properties/${object}/${encodeURIComponent(name)}`, { method: 'GET' }, signal);
  } catch (error) {
    return classifyFetchError(error).error;
  }
  const kind = object === 'contacts' ? 'contact' : 'company';
  const create = `create it in HubSpot ${byHand(kind)}`;
  if (response.status === 404) return `Connected, but HubSpot has no ${kind} property "${name}": ${create}`;
  if (!response.ok) return classifyFailure(response, await errorDetail(response), HUBSPOT_CREDENTIAL).error;
  const property = propertySchema.safeParse(await response.json().catch(() => null));
  if (!property.success || !property.data.hasUniqueValue) {
    return `Connected, but the ${kind} property "${name}" does not require unique values: turn that on, or ${create.replace('create it', 'create another')}`;
  }
  return null;
}

export type PropertyCreation = { ok: true; message: string } | { ok: false; message: string };

/**
 * Creates the contact property that keeps each lead's id: single-line text, unique values. One that
 * is there already is fine if it requires unique values. Needs the crm.schemas.contacts.write scope.
 */
export async function createLeadIdProperty(settings: HubspotSettings, name: string, signal: AbortSignal): Promise<PropertyCreation> {
  let response: Response;
  try {
    response = await hubspotCall(
      settings,
      '/crm/v3/properties/contacts',
      {
        method: 'POST',
        body: JSON.stringify({
          name,
          label: 'Fieldclip lead id',
          description: "The id of the Fieldclip lead this contact came from. Fieldclip finds the contact again by it; don't edit it.",
          groupName: 'contactinformation',
          type: 'string',
          fieldType: 'text',
          hasUniqueValue: true,
        }),
      },
      signal,
    );
  } catch (error) {
    return { ok: false, message: classifyFetchError(error).error };
  }
  if (response.status === 409) {
    const problem = await uniquePropertyProblem(settings, 'contacts', name, signal);
    return problem ? { ok: false, message: problem } : { ok: true, message: `HubSpot already has the contact property "${name}", with unique values` };
  }
  if (response.status === 403) {
    return {
      ok: false,
      message: `HubSpot did not let this token create properties (403): add the crm.schemas.contacts.write scope to the private app, or create "${name}" yourself ${byHand('contact')}`,
    };
  }
  if (!response.ok) return { ok: false, message: classifyFailure(response, await errorDetail(response), HUBSPOT_CREDENTIAL).error };
  return { ok: true, message: `Created the contact property "${name}" in HubSpot, with unique values` };
}
