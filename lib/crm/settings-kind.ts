import type * as z from 'zod/mini';

// What every CRM's settings module gives the pages: how the CRM is named, how its settings are
// checked, and which sites it needs. lib/crm/settings.ts ties them together by CrmKind.

export const crmKinds = ['webhook', 'hubspot', 'salesforce', 'pipedrive', 'twenty'] as const;
export type CrmKind = (typeof crmKinds)[number];

/** Each CRM's name as the rep knows it. */
export const crmKindLabels: Record<CrmKind, string> = { webhook: 'Webhook', hubspot: 'HubSpot', salesforce: 'Salesforce', pipedrive: 'Pipedrive', twenty: 'Twenty' };

export type CrmSettingsKind<Settings extends { crm: CrmKind }> = {
  /** The CRM's name as the rep knows it. */
  label: string;
  schema: z.ZodMiniType<Settings>;
  /** The host permissions its settings need; null for an address on this machine (granted at install). */
  originPermissions(settings: Settings): Array<string | null>;
};
