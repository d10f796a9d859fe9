import type { ConnectionCheck } from './connector';
import { testHubspotConnection } from './hubspot/connector';
import { testPipedriveConnection } from './pipedrive/connector';
import { testSalesforceConnection } from './salesforce/connector';
import type { CrmSettings } from './settings';
import { testTwentyConnection } from './twenty/connector';
import { testWebhookConnection } from './webhook/connector';

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
