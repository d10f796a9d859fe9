import { bindConnector, type Crm } from './connector';
import { hubspotConnector } from './hubspot/connector';
import { pipedriveConnector } from './pipedrive/connector';
import { salesforceConnector } from './salesforce/connector';
import type { CrmSettings } from './settings';
import { twentyConnector } from './twenty/connector';
import { webhookConnector } from './webhook/connector';

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
