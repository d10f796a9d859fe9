import { bindConnector, type Crm } from './connector';
import { hubspotConnector } from './hubspot';
import { pipedriveConnector } from './pipedrive';
import { salesforceConnector } from './salesforce';
import type { CrmSettings } from './settings-schema';
import { twentyConnector } from './twenty';
import { webhookConnector } from './webhook';

// The connector for the CRM the rep chose, as the service worker's sync sends with it (and only it
// loads this, with every connector). "Test connection" is in connection-test.ts; settings live in
// settings-schema.ts.

export function crmFor(settings: CrmSettings): Crm {
  switch (settings.crm) {
    case 'webhook':
      return bindConnector(webhookConnector, settings);
    case 'hubspot':
      return bindConnector(hubspotConnector, settings);
    case 'salesforce':
      return bindConnector(salesforceConnector, settings);
    case 'pipedrive':
      return bindConnector(pipedriveConnector, settings);
    case 'twenty':
      return bindConnector(twentyConnector, settings);
  }
}
