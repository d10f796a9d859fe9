import * as z from 'zod/mini';
import { hubspotSettingsKind, hubspotSettingsSchema, type HubspotSettings } from './hubspot/settings';
import { pipedriveSettingsKind, pipedriveSettingsSchema, type PipedriveSettings } from './pipedrive/settings';
import { salesforceSettingsKind, salesforceSettingsSchema, type SalesforceSettings } from './salesforce/settings';
import type { CrmKind, CrmSettingsKind } from './settings-kind';
import { twentySettingsKind, twentySettingsSchema, type TwentySettings } from './twenty/settings';
import { webhookSettingsKind, webhookSettingsSchema, type WebhookSettings } from './webhook/settings';

// Every CRM's settings, for the pages: the side panel and the options page read and check them
// without loading the code that talks to a CRM (lib/crm/connectors.ts, the service worker's).

export { crmKinds, type CrmKind } from './settings-kind';

export const crmSettingsSchema = z.discriminatedUnion('crm', [
  webhookSettingsSchema,
  hubspotSettingsSchema,
  salesforceSettingsSchema,
  pipedriveSettingsSchema,
  twentySettingsSchema,
]);
export type CrmSettings = z.infer<typeof crmSettingsSchema>;

type SettingsKinds = { [K in CrmKind]: CrmSettingsKind<Extract<CrmSettings, { crm: K }>> };

/** One entry per CRM: a sixth CRM is a type error here until it has its settings. */
export const crmSettingsKinds: SettingsKinds = {
  webhook: webhookSettingsKind,
  hubspot: hubspotSettingsKind,
  salesforce: salesforceSettingsKind,
  pipedrive: pipedriveSettingsKind,
  twenty: twentySettingsKind,
};

export const crmLabels = Object.fromEntries(Object.entries(crmSettingsKinds).map(([kind, { label }]) => [kind, label])) as Record<CrmKind, string>;

/** The host permissions the CRM needs, asked for when the settings are saved; none when granted at install. */
export function crmOriginPermissions(settings: CrmSettings): string[] {
  const kind = crmSettingsKinds[settings.crm] as CrmSettingsKind<CrmSettings>;
  return kind.originPermissions(settings).filter((origin): origin is string => origin !== null);
}

export type { HubspotSettings, PipedriveSettings, SalesforceSettings, TwentySettings, WebhookSettings };
