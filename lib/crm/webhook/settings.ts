import * as z from 'zod/mini';
import { endpointUrlSchema, originPermissionFor } from '../endpoint';
import { crmKindLabels, type CrmSettingsKind } from '../settings-kind';

// The generic webhook's settings, as the options page saves them.

const RESERVED_HEADERS = /^(authorization|content-type|content-length|host|cookie|x-fieldclip-signature|x-fieldclip-timestamp)$/i;

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
  'website', 'email', 'phone', 'location', 'linkedinUrl', 'companyLinkedinUrl', 'notes', 'badgeId',
  'source.kind', 'source.referredBy', 'source.referrerCompany', 'source.referrerEmail', 'source.relationship',
  'source.eventName', 'source.eventDate', 'source.eventLocation', 'source.closedAccount', 'source.dealReference', 'source.askedContact',
  'qualification.level', 'qualification.budget', 'qualification.authority', 'qualification.need', 'qualification.timing',
  'capture.pageUrl', 'capture.pageTitle', 'capture.extractor', 'crmId', 'opportunity.amount', 'opportunity.currency', 'answers',
] as const;

export const fieldMappingSchema = z.object({
  to: z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/, { error: 'A field name, like first_name' })),
  from: z.enum(MAPPABLE_FIELDS, { error: 'Not a Fieldclip field (see docs/webhook-contract.md for the list)' }),
});

export const webhookSettingsSchema = z.object({
  crm: z.literal('webhook'),
  endpointUrl: endpointUrlSchema,
  /** Sent as `Authorization: Bearer <token>`. Lives in extension local storage only. */
  apiToken: z.optional(z.string().check(z.trim(), z.maxLength(4096))),
  /** Signs each request: `X-Fieldclip-Signature: sha256=<hex HMAC-SHA256 of "<X-Fieldclip-Timestamp>.<body>">`. */
  signingSecret: z.optional(z.string().check(z.minLength(16, { error: 'Use a secret of at least 16 characters' }), z.maxLength(4096))),
  /** Sent with every request, for endpoints (n8n, Zapier, Make) that want a header of their own. */
  extraHeaders: z.optional(z.array(extraHeaderSchema).check(z.maxLength(10, { error: 'At most 10 extra headers' }))),
  /** For endpoints that expect other field names: each lead is sent as these fields (plus its `id`). */
  fieldMap: z.optional(z.array(fieldMappingSchema).check(z.maxLength(60))),
  /** Where the capture form asks "is this person already in the CRM?" (docs/webhook-contract.md); none: no lookups. */
  lookupUrl: z.optional(endpointUrlSchema),
  /** Where Fieldclip reads how synced leads are doing (docs/webhook-contract.md); none: no outcomes. */
  outcomesUrl: z.optional(endpointUrlSchema),
});
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

export const webhookSettingsKind: CrmSettingsKind<WebhookSettings> = {
  label: crmKindLabels.webhook,
  schema: webhookSettingsSchema,
  originPermissions: (settings) => [settings.endpointUrl, settings.lookupUrl, settings.outcomesUrl].flatMap((url) => (url ? [originPermissionFor(url)] : [])),
};
