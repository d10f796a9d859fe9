import * as z from 'zod/mini';
import { sourceLabels } from '../lead/describe';
import { sourceKinds, type SourceKind } from '../lead/kinds';
import { crmValue, endpointUrlSchema, originPermissionFor } from './endpoint';

// Each CRM's settings as the options page saves them, apart from the connectors (lib/crm/<crm>.ts)
// so that the side panel and the options page can read and check settings without loading the
// code that talks to a CRM.

// Webhook

const RESERVED_HEADERS = /^(authorization|content-type|content-length|host|cookie|x-fieldclip-signature)$/i;

export const extraHeaderSchema = z.object({
  name: z.string().check(
    z.regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, { error: 'A header name is letters, digits and dashes, like X-Team' }),
    z.refine((name) => !RESERVED_HEADERS.test(name), { error: 'Fieldclip sets this header itself' }),
  ),
  value: z.string().check(z.maxLength(2000), z.regex(/^[^\r\n]*$/, { error: 'A header value is one line' })),
});

/** What a field-mapping line may name on the Fieldclip side: a top-level field or a nested one. */
export const MAPPABLE_FIELDS = [
  'id', 'createdAt', 'updatedAt', 'fullName', 'firstName', 'lastName', 'title', 'headline', 'company', 'companyDomain',
  'website', 'email', 'phone', 'location', 'linkedinUrl', 'companyLinkedinUrl', 'notes',
  'source.kind', 'source.referredBy', 'source.referrerCompany', 'source.referrerEmail', 'source.relationship',
  'source.eventName', 'source.eventDate', 'source.eventLocation', 'source.closedAccount', 'source.dealReference', 'source.askedContact',
  'qualification.level', 'qualification.budget', 'qualification.authority', 'qualification.need', 'qualification.timing',
  'capture.pageUrl', 'capture.pageTitle', 'capture.extractor',
] as const;

export const fieldMappingSchema = z.object({
  to: z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/, { error: 'A field name, like first_name' })),
  from: z.enum(MAPPABLE_FIELDS, { error: 'Not a Fieldclip field (see the README for the list)' }),
});

export const webhookSettingsSchema = z.object({
  crm: z.literal('webhook'),
  endpointUrl: endpointUrlSchema,
  /** Sent as `Authorization: Bearer <token>`. Lives in extension local storage only. */
  apiToken: z.optional(z.string().check(z.trim(), z.maxLength(4096))),
  /** Signs each body: `X-Fieldclip-Signature: sha256=<hex HMAC-SHA256 of the body>`. */
  signingSecret: z.optional(z.string().check(z.minLength(16, { error: 'Use a secret of at least 16 characters' }), z.maxLength(4096))),
  /** Sent with every request, for endpoints (n8n, Zapier, Make) that want a header of their own. */
  extraHeaders: z.optional(z.array(extraHeaderSchema).check(z.maxLength(10, { error: 'At most 10 extra headers' }))),
  /** For endpoints that expect other field names: each lead is sent as these fields (plus its `id`). */
  fieldMap: z.optional(z.array(fieldMappingSchema).check(z.maxLength(60))),
});
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

// HubSpot

export const HUBSPOT_API = 'https://api.hubapi.com';

const propertyName = z.string().check(z.regex(/^[a-z][a-z0-9_]{0,99}$/, { error: 'A HubSpot internal property name, like lead_source' }));

export const hubspotSettingsSchema = z
  .object({
    crm: z.literal('hubspot'),
    accessToken: z.string().check(z.trim(), z.minLength(10, { error: 'Paste the private app access token' }), z.maxLength(4096)),
    /** A contact property (custom, single-line text or dropdown) that receives the lead's source. */
    leadSourceProperty: z.optional(propertyName),
    /**
     * A contact property with unique values (single-line text) that receives the lead's own id. With
     * it, contacts without an email are upserted by that id, so a retry never creates a second one.
     */
    leadIdProperty: z.optional(propertyName),
    /**
     * A company property with unique values (single-line text) that receives the company's domain.
     * With it, each contact's company is upserted by domain and the two are associated; without it,
     * HubSpot's own "associate contacts with companies by email domain" setting does that.
     */
    companyKeyProperty: z.optional(propertyName),
    /** What the lead source property gets for each source kind (a dropdown's internal values). */
    sourceValues: z._default(z.record(z.enum(sourceKinds), crmValue), sourceLabels),
    /** hs_lead_status for each qualification level (HubSpot's own values). */
    leadStatusValues: z._default(z.object({ raw: crmValue, lukewarm: crmValue, hot: crmValue }), { raw: 'NEW', lukewarm: 'OPEN', hot: 'IN_PROGRESS' }),
    /** Private apps may send 100 (Free, Starter) or 190 (Professional, Enterprise) requests per 10 s. */
    requestsPer10Seconds: z._default(z.int().check(z.gte(1), z.lte(190)), 100),
  })
  .check(
    // A contact whose company link failed is sent again whole: only safe when every contact is upserted.
    z.refine((settings) => !settings.companyKeyProperty || settings.leadIdProperty, {
      path: ['companyKeyProperty'],
      error: 'Set the lead id property too: linking companies needs it',
    }),
  );
export type HubspotSettings = z.infer<typeof hubspotSettingsSchema>;

// Salesforce

/** Salesforce's standard LeadSource picklist values, for each source. */
export const SALESFORCE_DEFAULT_SOURCES: Record<SourceKind, string> = {
  prospecting: 'Other',
  referral: 'Partner Referral',
  event: 'Trade Show',
  'prospecting-at-close': 'Partner Referral',
};

/** Salesforce's standard Lead Status values, for each qualification level. */
export const SALESFORCE_DEFAULT_STATUSES = { raw: 'Open - Not Contacted', lukewarm: 'Working - Contacted', hot: 'Working - Contacted' };

export const salesforceSettingsSchema = z.object({
  crm: z.literal('salesforce'),
  /** https://login.salesforce.com, https://test.salesforce.com or the org's My Domain. */
  loginUrl: z._default(endpointUrlSchema, 'https://login.salesforce.com'),
  /** The connected app's consumer key. */
  clientId: z.string().check(z.trim(), z.minLength(10, { error: "Paste the connected app's consumer key" }), z.maxLength(300)),
  /** A Lead field marked External ID and Unique (text, 36+ characters), e.g. Fieldclip_Id__c. */
  externalIdField: z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, { error: 'A custom field API name, like Fieldclip_Id__c' })),
  /** LeadSource for each source kind (the org's picklist values). */
  leadSourceValues: z._default(z.record(z.enum(sourceKinds), crmValue), SALESFORCE_DEFAULT_SOURCES),
  /** Status for each qualification level (the org's picklist values). */
  statusValues: z._default(z.object({ raw: crmValue, lukewarm: crmValue, hot: crmValue }), SALESFORCE_DEFAULT_STATUSES),
  /** Filled in by "Connect to Salesforce". */
  instanceUrl: z.optional(endpointUrlSchema),
  refreshToken: z.optional(z.string().check(z.maxLength(4096))),
});
export type SalesforceSettings = z.infer<typeof salesforceSettingsSchema>;

// Pipedrive

const labelId = z.optional(z.uuid({ error: 'A Pipedrive label id looks like 1f6b2c3e-…' }));

export const pipedriveSettingsSchema = z.object({
  crm: z.literal('pipedrive'),
  /** https://api.pipedrive.com, or the company's own https://<company>.pipedrive.com. */
  baseUrl: z._default(endpointUrlSchema, 'https://api.pipedrive.com'),
  apiToken: z.string().check(
    z.trim(),
    z.minLength(20, { error: 'Paste the personal API token (Settings → Personal preferences → API)' }),
    z.maxLength(200),
  ),
  /** Lead label ids (from Pipedrive's lead labels) for each qualification level; none by default. */
  labelIds: z._default(z.object({ raw: labelId, lukewarm: labelId, hot: labelId }), {}),
  /**
   * The marketing channel (Pipedrive's "Source channel" of a lead) for each source kind, by its name
   * as Pipedrive shows it; blank: none.
   */
  channelNames: z._default(z.record(z.enum(sourceKinds), crmValue), { prospecting: '', referral: '', event: '', 'prospecting-at-close': '' }),
  /**
   * The API key of a person text field that keeps the Fieldclip lead id of the lead that created the
   * person: a retry after a lost answer finds a person without an email by it instead of creating them twice.
   */
  personIdField: z.optional(
    z.string().check(
      z.trim(),
      z.regex(/^[0-9a-f]{40}$/, { error: "A Pipedrive field's API key is 40 letters and digits (Settings → Data fields → Person → the field → Copy API key)" }),
    ),
  ),
});
export type PipedriveSettings = z.infer<typeof pipedriveSettingsSchema>;

// Twenty

const twentyFieldName = z.string().check(z.regex(/^[a-z][a-zA-Z0-9]{0,62}$/, { error: "A Twenty field's API name, like leadSource" }));

/** A Twenty select field's option values are upper-case identifiers. */
export const TWENTY_DEFAULT_SOURCES: Record<SourceKind, string> = {
  prospecting: 'PROSPECTING',
  referral: 'REFERRAL',
  event: 'EVENT',
  'prospecting-at-close': 'PROSPECTING_AT_CLOSE',
};
export const TWENTY_DEFAULT_LEVELS = { raw: 'RAW', lukewarm: 'LUKEWARM', hot: 'HOT' };

export const twentySettingsSchema = z.object({
  crm: z.literal('twenty'),
  /** https://api.twenty.com for the cloud, or a self-hosted server's address. */
  baseUrl: z._default(endpointUrlSchema, 'https://api.twenty.com'),
  apiKey: z.string().check(z.trim(), z.minLength(10, { error: 'Paste the API key from Settings → APIs & Webhooks' }), z.maxLength(4096)),
  /** A custom People field (select or text) that receives the lead's source; Twenty has none of its own. */
  sourceField: z.optional(twentyFieldName),
  sourceValues: z._default(z.record(z.enum(sourceKinds), crmValue), TWENTY_DEFAULT_SOURCES),
  /** A custom People field (select or text) that receives the qualification level. */
  qualificationField: z.optional(twentyFieldName),
  qualificationValues: z._default(z.object({ raw: crmValue, lukewarm: crmValue, hot: crmValue }), TWENTY_DEFAULT_LEVELS),
});
export type TwentySettings = z.infer<typeof twentySettingsSchema>;

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
