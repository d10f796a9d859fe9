import { z } from 'zod';
import { bindConnector, type Crm } from './connector';
import { originPermissionFor } from './endpoint';
import { HUBSPOT_API, hubspotConnector, hubspotSettingsSchema } from './hubspot';
import { pipedriveConnector, pipedriveSettingsSchema } from './pipedrive';
import { twentyConnector, twentySettingsSchema } from './twenty';
import { webhookConnector, webhookSettingsSchema } from './webhook';

// The CRMs a rep can choose on the options page, each with its own settings schema.

export const crmSettingsSchema = z.discriminatedUnion('crm', [webhookSettingsSchema, hubspotSettingsSchema, pipedriveSettingsSchema, twentySettingsSchema]);
export type CrmSettings = z.infer<typeof crmSettingsSchema>;
export type CrmKind = CrmSettings['crm'];

export const crmLabels: Record<CrmKind, string> = {
  webhook: 'Webhook',
  hubspot: 'HubSpot',
  pipedrive: 'Pipedrive',
  twenty: 'Twenty',
};

export function crmFor(settings: CrmSettings): Crm {
  switch (settings.crm) {
    case 'webhook':
      return bindConnector(webhookConnector, settings);
    case 'hubspot':
      return bindConnector(hubspotConnector, settings);
    case 'pipedrive':
      return bindConnector(pipedriveConnector, settings);
    case 'twenty':
      return bindConnector(twentyConnector, settings);
  }
}

/** The host permission the CRM needs, asked for when the settings are saved; null when granted at install. */
export function crmOriginPermission(settings: CrmSettings): string | null {
  switch (settings.crm) {
    case 'webhook':
      return originPermissionFor(settings.endpointUrl);
    case 'hubspot':
      return `${HUBSPOT_API}/*`;
    case 'pipedrive':
    case 'twenty':
      return originPermissionFor(settings.baseUrl);
  }
}
