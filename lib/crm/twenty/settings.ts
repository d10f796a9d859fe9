import * as z from 'zod/mini';
import { stageMapSchema } from '../stage-map';
import { sourceKinds, type SourceKind } from '../../lead/terms';
import { crmValue, endpointUrlSchema, originPermissionFor } from '../endpoint';
import { crmKindLabels, type CrmSettingsKind } from '../settings-kind';

// Twenty's settings, as the options page saves them.

const twentyFieldName = z.string().check(z.regex(/^[a-z][a-zA-Z0-9]{0,62}$/, { error: "A Twenty field's API name, like leadSource" }));

/** A Twenty select field's option values are upper-case identifiers. */
export const TWENTY_DEFAULT_SOURCES: Record<SourceKind, string> = {
  prospecting: 'PROSPECTING',
  referral: 'REFERRAL',
  event: 'EVENT',
  'prospecting-at-close': 'PROSPECTING_AT_CLOSE',
};
export const TWENTY_DEFAULT_LEVELS = { raw: 'RAW', lukewarm: 'LUKEWARM', hot: 'HOT' };

/** Twenty's cloud; a self-hosted server has its own address. */
export const TWENTY_SERVER = 'https://api.twenty.com';

export const twentySettingsSchema = z.object({
  crm: z.literal('twenty'),
  /** https://api.twenty.com for the cloud, or a self-hosted server's address. */
  baseUrl: z._default(endpointUrlSchema, TWENTY_SERVER),
  apiKey: z.string({ error: 'Paste the API key from Settings → APIs & Webhooks' }).check(z.trim(), z.minLength(10, { error: 'Paste the API key from Settings → APIs & Webhooks' }), z.maxLength(4096)),
  /** A custom People field (select or text) that receives the lead's source; Twenty has none of its own. */
  sourceField: z.optional(twentyFieldName),
  sourceValues: z._default(z.record(z.enum(sourceKinds), crmValue), TWENTY_DEFAULT_SOURCES),
  /** A custom People field (select or text) that receives the qualification level. */
  qualificationField: z.optional(twentyFieldName),
  /** A custom People text field that gets the source's detail, the event's answers, the badge id and the notes. */
  notesField: z.optional(twentyFieldName),
  qualificationValues: z._default(z.object({ raw: crmValue, lukewarm: crmValue, hot: crmValue }), TWENTY_DEFAULT_LEVELS),
  /** This CRM's stages mapped onto Fieldclip's, for the Results tab (lib/crm/stage-map.ts); none: the defaults. */
  stageMap: z.optional(stageMapSchema),
});
export type TwentySettings = z.infer<typeof twentySettingsSchema>;

export const twentySettingsKind: CrmSettingsKind<TwentySettings> = {
  label: crmKindLabels.twenty,
  schema: twentySettingsSchema,
  originPermissions: (settings) => [originPermissionFor(settings.baseUrl)],
};
