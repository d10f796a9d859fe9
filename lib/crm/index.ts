import { z } from 'zod';
import { bindConnector, type Crm } from './connector';
import { originPermissionFor } from './endpoint';
import { HUBSPOT_API, hubspotConnector, hubspotSettingsSchema } from './hubspot';
import { pipedriveConnector, pipedriveSettingsSchema } from './pipedrive';
import { salesforceConnector, salesforceSettingsSchema } from './salesforce';
import { twentyConnector, twentySettingsSchema } from './twenty';
import { webhookConnector, webhookSettingsSchema } from './webhook';

// The CRMs a rep can choose on the options page, each with its own settings schema.

export const crmSettingsSchema = z.discriminatedUnion('crm', [
  webhookSettingsSchema,
  hubspotSettingsSchema,
  salesforceSettingsSchema,
  pipedriveSettingsSchema,
  twentySettingsSchema,
]);
export type CrmSettings = z.infer<typeof crmSettingsSchema>;
export type CrmKind = CrmSettings['crm'];

export const crmLabels: Record<CrmKind, string> = {
  webhook: 'Webhook',
  hubspot: 'HubSpot',
  salesforce: 'Salesforce',
  pipedrive: 'Pipedrive',
  twenty: 'Twenty',
};

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

/** The host permissions the CRM needs, asked for when the settings are saved; none when granted at install. */
export function crmOriginPermissions(settings: CrmSettings): string[] {
  const origins = ((): Array<string | null> => {
    switch (settings.crm) {
      case 'webhook':
        return [originPermissionFor(settings.endpointUrl)];
      case 'hubspot':
        return [`${HUBSPOT_API}/*`];
      case 'salesforce':
        // The org's instance is known only after sign-in: Salesforce's own domains.
        return [originPermissionFor(settings.loginUrl), ...SALESFORCE_ORIGINS];
      case 'pipedrive':
      case 'twenty':
        return [originPermissionFor(settings.baseUrl)];
    }
  })();
  return origins.filter((origin): origin is string => origin !== null);
}

export const SALESFORCE_ORIGINS = ['https://*.salesforce.com/*', 'https://*.force.com/*'];
