import * as z from 'zod/mini';
import type { ConnectionCheck } from '../connector';
import { classifyFailure, errorDetail } from '../http';
import { SALESFORCE_API_VERSION, SALESFORCE_CREDENTIAL, salesforceCall as call } from './http';
import type { SalesforceSettings } from './settings';

/** "Test connection" on the options page: a harmless authenticated call, and what it tells the rep. */
export async function testSalesforceConnection(settings: SalesforceSettings, signal: AbortSignal): Promise<ConnectionCheck> {
  const response = await call(settings, 'GET', `/services/data/${SALESFORCE_API_VERSION}/sobjects/Lead/describe`, undefined, signal);
  if (!(response instanceof Response)) return { ok: false, message: 'error' in response ? response.error : 'Not connected' };
  if (!response.ok) return { ok: false, message: classifyFailure(response, await errorDetail(response), SALESFORCE_CREDENTIAL).error };
  const describe = z.looseObject({ fields: z.array(z.looseObject({ name: z.string(), externalId: z.optional(z.boolean()) })) }).safeParse(await response.json().catch(() => null));
  const field = describe.data?.fields.find((f) => f.name === settings.externalIdField);
  if (!field?.externalId) return { ok: false, message: `Connected, but the Lead has no External ID field named ${settings.externalIdField}` };
  return { ok: true, message: `Connected to Salesforce: Leads are upserted by ${settings.externalIdField}` };
}
