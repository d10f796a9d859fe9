import * as z from 'zod/mini';
import { stageMapSchema } from '../stage-map';
import { sourceLabels } from '../../lead/describe';
import { sourceKinds } from '../../lead/terms';
import { crmValue } from '../endpoint';
import { crmKindLabels, type CrmSettingsKind } from '../settings-kind';

// HubSpot's settings, as the options page saves them.

export const HUBSPOT_API = 'https://api.hubapi.com';

const propertyName = z.string().check(z.regex(/^[a-z][a-z0-9_]{0,99}$/, { error: 'A HubSpot internal property name, like lead_source' }));

export const hubspotSettingsSchema = z
  .object({
    crm: z.literal('hubspot'),
    accessToken: z.string({ error: 'Paste the private app access token' }).check(z.trim(), z.minLength(10, { error: 'Paste the private app access token' }), z.maxLength(4096)),
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
    /** A contact property (single-line text) that receives the LinkedIn profile, and by which people are looked up. */
    linkedinProperty: z.optional(propertyName),
    /** What the lead source property gets for each source kind (a dropdown's internal values). */
    sourceValues: z._default(z.record(z.enum(sourceKinds), crmValue), sourceLabels),
    /** hs_lead_status for each qualification level (HubSpot's own values). */
    leadStatusValues: z._default(z.object({ raw: crmValue, lukewarm: crmValue, hot: crmValue }), { raw: 'NEW', lukewarm: 'OPEN', hot: 'IN_PROGRESS' }),
    /** A contact property (number) that receives the opportunity size, when the lead has one. */
    opportunityProperty: z.optional(propertyName),
    /** "Create a deal for leads with an opportunity size", in this pipeline and stage (their internal values). */
    createDeals: z._default(z.boolean(), false),
    dealPipeline: z._default(crmValue, 'default'),
    dealStage: z._default(crmValue, 'appointmentscheduled'),
    /** Private apps may send 100 (Free, Starter) or 190 (Professional, Enterprise) requests per 10 s. */
    requestsPer10Seconds: z._default(z.int().check(z.gte(1), z.lte(190)), 100),
    /** This CRM's stages mapped onto Fieldclip's, for the Results tab (lib/crm/stage-map.ts); none: the defaults. */
    stageMap: z.optional(stageMapSchema),
  })
  .check(
    // A contact whose company link failed is sent again whole: only safe when every contact is upserted.
    z.refine((settings) => !settings.companyKeyProperty || settings.leadIdProperty, {
      path: ['companyKeyProperty'],
      error: 'Set the lead id property too: linking companies needs it',
    }),
  );
export type HubspotSettings = z.infer<typeof hubspotSettingsSchema>;

export const hubspotSettingsKind: CrmSettingsKind<HubspotSettings> = {
  label: crmKindLabels.hubspot,
  schema: hubspotSettingsSchema,
  originPermissions: () => [`${HUBSPOT_API}/*`],
};
