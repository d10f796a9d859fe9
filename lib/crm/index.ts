import { z } from 'zod';
import { bindConnector, type Crm } from './connector';
import { webhookConnector, webhookSettingsSchema } from './webhook';

// The CRMs a rep can choose on the options page, each with its own settings schema.

export const crmSettingsSchema = z.discriminatedUnion('crm', [webhookSettingsSchema]);
export type CrmSettings = z.infer<typeof crmSettingsSchema>;
export type CrmKind = CrmSettings['crm'];

export const crmLabels: Record<CrmKind, string> = {
  webhook: 'Webhook',
};

export function crmFor(settings: CrmSettings): Crm {
  switch (settings.crm) {
    case 'webhook':
      return bindConnector(webhookConnector, settings);
  }
}
