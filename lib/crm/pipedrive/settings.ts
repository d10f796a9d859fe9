import * as z from 'zod/mini';
import { stageMapSchema } from '../stage-map';
import { sourceKinds } from '../../lead/terms';
import { crmValue, endpointUrlSchema, originPermissionFor } from '../endpoint';
import { crmKindLabels, type CrmSettingsKind } from '../settings-kind';

// Pipedrive's settings, as the options page saves them.

const labelId = z.optional(z.uuid({ error: 'A Pipedrive label id looks like 1f6b2c3e-…' }));

/** Pipedrive's API for every company; a company may also use its own https://<company>.pipedrive.com. */
export const PIPEDRIVE_SERVER = 'https://api.pipedrive.com';

/** A Pipedrive custom field's API key. */
const fieldKey = z.string().check(
  z.trim(),
  z.regex(/^[0-9a-f]{40}$/, { error: "A Pipedrive field's API key is 40 letters and digits (Settings → Data fields → Person → the field → Copy API key)" }),
);

export const pipedriveSettingsSchema = z.object({
  crm: z.literal('pipedrive'),
  /** https://api.pipedrive.com, or the company's own https://<company>.pipedrive.com. */
  baseUrl: z._default(endpointUrlSchema, PIPEDRIVE_SERVER),
  apiToken: z.string({ error: 'Paste the personal API token (Settings → Personal preferences → API)' }).check(
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
  personIdField: z.optional(fieldKey),
  /** The API key of a person text field that keeps the LinkedIn profile, and by which persons are looked up. */
  linkedinField: z.optional(fieldKey),
  /** The API key of a person large-text field that gets the source's detail, the event's answers, the badge id and the notes. */
  notesField: z.optional(fieldKey),
  /** This CRM's stages mapped onto Fieldclip's, for the Results tab (lib/crm/stage-map.ts); none: the defaults. */
  stageMap: z.optional(stageMapSchema),
});
export type PipedriveSettings = z.infer<typeof pipedriveSettingsSchema>;


export const pipedriveSettingsKind: CrmSettingsKind<PipedriveSettings> = {
  label: crmKindLabels.pipedrive,
  schema: pipedriveSettingsSchema,
  originPermissions: (settings) => [originPermissionFor(settings.baseUrl)],
};
