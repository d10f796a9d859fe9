import { bindConnector, type Crm, type CrmConnector } from './connector';
import { hubspotConnector } from './hubspot/connector';
import { pipedriveConnector } from './pipedrive/connector';
import { salesforceConnector } from './salesforce/connector';
import type { CrmKind, CrmSettings } from './settings';
import { twentyConnector } from './twenty/connector';
import { webhookConnector } from './webhook/connector';

// The connector for the CRM the rep chose, as the service worker's sync sends with it (only the
// worker loads this, with every connector). "Test connection" is in checks.ts; each CRM's settings
// in its own folder, tied together in settings.ts.

type Connectors = { [K in CrmKind]: CrmConnector<Extract<CrmSettings, { crm: K }>> };

/** One connector per CRM: a sixth CRM is a type error here until it has its own. */
export const crmConnectors: Connectors = {
  webhook: webhookConnector,
  hubspot: hubspotConnector,
  salesforce: salesforceConnector,
  pipedrive: pipedriveConnector,
  twenty: twentyConnector,
};

export function crmFor(settings: CrmSettings): Crm {
  return bindConnector(crmConnectors[settings.crm] as CrmConnector<CrmSettings>, settings);
}
