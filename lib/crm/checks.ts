import type { ConnectionCheck } from './connector';
import { testHubspotConnection } from './hubspot/check';
import { testPipedriveConnection } from './pipedrive/check';
import { testSalesforceConnection } from './salesforce/check';
import type { CrmKind, CrmSettings } from './settings';
import { testTwentyConnection } from './twenty/check';
import { testWebhookConnection } from './webhook/check';

// "Test connection" for the CRM the rep chose. Only the options page loads this (when the rep
// presses the button), so the service worker's bundle holds no connection check.

type ConnectionChecks = { [K in CrmKind]: (settings: Extract<CrmSettings, { crm: K }>, signal: AbortSignal) => Promise<ConnectionCheck> };

/** One check per CRM: a sixth CRM is a type error here until it has its own. */
export const connectionChecks: ConnectionChecks = {
  webhook: testWebhookConnection,
  hubspot: testHubspotConnection,
  salesforce: testSalesforceConnection,
  pipedrive: testPipedriveConnection,
  twenty: testTwentyConnection,
};

export function testConnection(settings: CrmSettings, signal: AbortSignal): Promise<ConnectionCheck> {
  const check = connectionChecks[settings.crm] as (settings: CrmSettings, signal: AbortSignal) => Promise<ConnectionCheck>;
  return check(settings, signal);
}
