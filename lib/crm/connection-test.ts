import type { ConnectionCheck } from './connector';
import { testHubspotConnection } from './hubspot';
import { testPipedriveConnection } from './pipedrive';
import { testSalesforceConnection } from './salesforce';
import type { CrmSettings } from './settings-schema';
import { testTwentyConnection } from './twenty';
import { testWebhookConnection } from './webhook';

// "Test connection" for the CRM the rep chose. Only the options page loads this.

export function testConnection(settings: CrmSettings, signal: AbortSignal): Promise<ConnectionCheck> {
  switch (settings.crm) {
    case 'webhook':
      return testWebhookConnection(settings, signal);
    case 'hubspot':
      return testHubspotConnection(settings, signal);
    case 'salesforce':
      return testSalesforceConnection(settings, signal);
    case 'pipedrive':
      return testPipedriveConnection(settings, signal);
    case 'twenty':
      return testTwentyConnection(settings, signal);
  }
}
