import * as z from 'zod/mini';
import { stageMapSchema } from '../stage-map';
import { sourceKinds, type SourceKind } from '../../lead/terms';
import { crmValue, endpointUrlSchema, originPermissionFor } from '../endpoint';
import { crmKindLabels, type CrmSettingsKind } from '../settings-kind';

// Salesforce's settings, as the options page saves them and "Connect to Salesforce" completes them.

/** Salesforce's standard LeadSource picklist values, for each source. */
export const SALESFORCE_DEFAULT_SOURCES: Record<SourceKind, string> = {
  prospecting: 'Other',
  referral: 'Partner Referral',
  event: 'Trade Show',
  'prospecting-at-close': 'Partner Referral',
};

/** Salesforce's standard Lead Status values, for each qualification level. */
export const SALESFORCE_DEFAULT_STATUSES = { raw: 'Open - Not Contacted', lukewarm: 'Working - Contacted', hot: 'Working - Contacted' };

/** Salesforce's sign-in for production orgs; sandboxes and My Domains have their own. */
export const SALESFORCE_LOGIN_URL = 'https://login.salesforce.com';

export const salesforceSettingsSchema = z.object({
  crm: z.literal('salesforce'),
  /** https://login.salesforce.com, https://test.salesforce.com or the org's My Domain. */
  loginUrl: z._default(endpointUrlSchema, SALESFORCE_LOGIN_URL),
  /** The connected app's consumer key. */
  clientId: z.string().check(z.trim(), z.minLength(10, { error: "Paste the connected app's consumer key" }), z.maxLength(300)),
  /** A Lead field marked External ID and Unique (text, 36+ characters), e.g. Fieldclip_Id__c. */
  externalIdField: z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, { error: 'A custom field API name, like Fieldclip_Id__c' })),
  /** LeadSource for each source kind (the org's picklist values). */
  leadSourceValues: z._default(z.record(z.enum(sourceKinds), crmValue), SALESFORCE_DEFAULT_SOURCES),
  /** Status for each qualification level (the org's picklist values). */
  statusValues: z._default(z.object({ raw: crmValue, lukewarm: crmValue, hot: crmValue }), SALESFORCE_DEFAULT_STATUSES),
  /** A Lead field (URL or text) that receives the LinkedIn profile, and by which leads are looked up. */
  linkedinField: z.optional(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, { error: 'A custom field API name, like LinkedIn_URL__c' }))),
  /** A Lead field (currency or number, custom) that receives the opportunity size, when the lead has one. */
  opportunityField: z.optional(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, { error: 'A custom field API name, like Opportunity_Size__c' }))),
  /** The org's currency (ISO 4217): opportunity amounts read back for the Results tab are in it; none: not read. */
  orgCurrency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/, { error: 'A currency code, like EUR' }))),
  /** Filled in by "Connect to Salesforce". */
  instanceUrl: z.optional(endpointUrlSchema),
  refreshToken: z.optional(z.string().check(z.maxLength(4096))),
  /** This CRM's stages mapped onto Fieldclip's, for the Results tab (lib/crm/stage-map.ts); none: the defaults. */
  stageMap: z.optional(stageMapSchema),
});
export type SalesforceSettings = z.infer<typeof salesforceSettingsSchema>;

/** The org's instance is known only after sign-in: Salesforce's own domains. */
export const SALESFORCE_ORIGINS = ['https://*.salesforce.com/*', 'https://*.force.com/*'];

export const salesforceSettingsKind: CrmSettingsKind<SalesforceSettings> = {
  label: crmKindLabels.salesforce,
  schema: salesforceSettingsSchema,
  originPermissions: (settings) => [originPermissionFor(settings.loginUrl), ...SALESFORCE_ORIGINS],
};
