import type { ConnectionCheck } from '../connector';
import { classifyFailure, classifyFetchError, errorDetail } from '../http';
import { HUBSPOT_CREDENTIAL, hubspotCall } from './http';
import { uniquePropertyProblem } from './properties';
import type { HubspotSettings } from './settings';

/** "Test connection" on the options page: a harmless authenticated call, and what it tells the rep. */
export async function testHubspotConnection(settings: HubspotSettings, signal: AbortSignal): Promise<ConnectionCheck> {
  let response: Response;
  try {
    response = await hubspotCall(settings, '/crm/v3/objects/contacts?limit=1&properties=email', { method: 'GET' }, signal);
  } catch (error) {
    return { ok: false, message: classifyFetchError(error).error };
  }
  if (!response.ok) return { ok: false, message: classifyFailure(response, await errorDetail(response), HUBSPOT_CREDENTIAL).error };
  const kept: string[] = [];
  if (settings.leadIdProperty) {
    const problem = await uniquePropertyProblem(settings, 'contacts', settings.leadIdProperty, signal);
    if (problem) return { ok: false, message: problem };
    kept.push(`"${settings.leadIdProperty}" keeps each lead's id`);
  }
  if (settings.companyKeyProperty) {
    const problem = await uniquePropertyProblem(settings, 'companies', settings.companyKeyProperty, signal);
    if (problem) return { ok: false, message: problem };
    kept.push(`"${settings.companyKeyProperty}" keeps each company's domain`);
  }
  return { ok: true, message: `Connected to HubSpot: the token can read contacts${kept.length ? `, and ${kept.join(', and ')}` : ''}` };
}
