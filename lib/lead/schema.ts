import { z } from 'zod';
import { canonicalLinkedinCompanyUrl, canonicalLinkedinProfileUrl } from './linkedin-url';

// The one definition of a lead. Every type in the product comes from these schemas (z.infer).

/** Free text; `required` is the message a rep sees when it is missing. */
const text = (max: number, required?: string) =>
  z
    .string(required ? { error: required } : undefined)
    .min(1, required ? { error: required } : undefined)
    .max(max, { error: `Keep this under ${max} characters` })
    .refine((value) => value.trim() === value, { error: 'Remove the spaces at the start or end' });

const linkedinUrl = (
  canonicalize: (input: string) => string | null,
  message: string,
) =>
  z.string().transform((input, ctx) => {
    const url = canonicalize(input);
    if (url === null) {
      ctx.issues.push({ code: 'custom', message, input });
      return z.NEVER;
    }
    return url;
  });

export const emailSchema = z.email({ error: 'Enter a valid email address, like jane@acme.com' }).max(254);

export const phoneSchema = z
  .string()
  .max(40)
  .regex(/^\+?[\d\s().\-/]*\d[\d\s().\-/]*(?:\s*(?:x|ext\.?)\s*\d+)?$/i, {
    error: 'Enter a phone number, like +1 415 555 0100',
  })
  .refine((value) => value.replace(/\D/g, '').length >= 5, {
    error: 'Enter a phone number, like +1 415 555 0100',
  });

export const websiteSchema = z.url({
  protocol: /^https?$/,
  hostname: z.regexes.domain,
  error: 'Enter a web address, like https://acme.com',
});

export const companyDomainSchema = z
  .string()
  .max(253)
  .regex(/^(?!-)[\p{L}\p{N}-]{1,63}(?:\.(?!-)[\p{L}\p{N}-]{1,63})+$/u, {
    error: 'Enter a domain, like acme.com',
  });

export const prospectSchema = z.object({
  fullName: text(200).optional(),
  firstName: text(100).optional(),
  lastName: text(100).optional(),
  title: text(200).optional(),
  headline: text(300).optional(),
  company: text(200).optional(),
  companyDomain: companyDomainSchema.optional(),
  website: websiteSchema.optional(),
  email: emailSchema.optional(),
  phone: phoneSchema.optional(),
  location: text(200).optional(),
  linkedinUrl: linkedinUrl(
    canonicalLinkedinProfileUrl,
    'Enter a LinkedIn profile link, like https://www.linkedin.com/in/jane-doe',
  ).optional(),
  companyLinkedinUrl: linkedinUrl(
    canonicalLinkedinCompanyUrl,
    'Enter a LinkedIn company link, like https://www.linkedin.com/company/acme',
  ).optional(),
  notes: z.string().max(5000, { error: 'Keep notes under 5000 characters' }).optional(),
});
export type Prospect = z.infer<typeof prospectSchema>;
export const prospectFields = Object.keys(prospectSchema.shape) as (keyof Prospect)[];

export const sourceKinds = ['prospecting', 'referral', 'event', 'prospecting-at-close'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export const sourceSchema = z.discriminatedUnion('kind', [
  // Self-sourced while browsing.
  z.object({ kind: z.literal('prospecting') }),
  z.object({
    kind: z.literal('referral'),
    referredBy: text(200, 'Enter who referred this lead'),
    referrerCompany: text(200).optional(),
    referrerEmail: emailSchema.optional(),
    relationship: text(200).optional(),
  }),
  z.object({
    kind: z.literal('event'),
    eventName: text(200, 'Enter the event name'),
    eventDate: z.iso.date({ error: 'Enter the date as YYYY-MM-DD' }).optional(),
    eventLocation: text(200).optional(),
  }),
  // "Who else could benefit?", asked right after a customer signed.
  z.object({
    kind: z.literal('prospecting-at-close'),
    closedAccount: text(200, 'Enter the account that just closed'),
    dealReference: text(200).optional(),
    askedContact: text(200).optional(),
  }),
]);
export type Source = z.infer<typeof sourceSchema>;

export const qualificationLevels = ['raw', 'lukewarm', 'hot'] as const;
export const qualificationSchema = z.object({
  level: z.enum(qualificationLevels).default('raw'),
  budget: z.boolean().default(false),
  authority: z.boolean().default(false),
  need: z.boolean().default(false),
  timing: z.boolean().default(false),
});
export type Qualification = z.infer<typeof qualificationSchema>;

/** Where the lead was captured: the page, and which extractor read it (none for typed leads). */
export const captureSchema = z.object({
  pageUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  pageTitle: z.string().max(500).optional(),
  extractor: z.string().max(100).optional(),
});
export type Capture = z.infer<typeof captureSchema>;

const attempts = z.number().int().nonnegative();
const time = z.number().int().nonnegative();
/** The CRM's id for the lead, once it has one: kept through later edits so an update finds the record. */
const crmId = z.string().max(200).optional();

// `dueAt` is when the sync engine should next look at the lead: when it was queued (pending),
// when its claim's lease runs out (syncing), or its next attempt time (failed).
export const syncStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending'), attempts, dueAt: time, crmId }),
  z.object({ status: z.literal('syncing'), attempts, dueAt: time, crmId }),
  z.object({ status: z.literal('failed'), attempts, dueAt: time, lastError: z.string().max(2000), crmId }),
  z.object({ status: z.literal('rejected'), attempts, message: z.string().max(2000), crmId }),
  z.object({ status: z.literal('synced'), attempts, crmId, syncedAt: time }),
]);
export type SyncState = z.infer<typeof syncStateSchema>;
export type SyncStatus = SyncState['status'];
export const syncStatuses = ['pending', 'syncing', 'failed', 'rejected', 'synced'] as const satisfies readonly SyncStatus[];
/** Statuses of leads that have not reached the CRM yet and will be sent again without the rep. */
export const waitingStatuses = ['pending', 'syncing', 'failed'] as const satisfies readonly SyncStatus[];

function needsNameOrCompany(prospect: Prospect, ctx: z.RefinementCtx) {
  if (typeof prospect !== 'object' || prospect === null) return;
  if (!prospect.fullName && !prospect.firstName && !prospect.lastName && !prospect.company) {
    ctx.addIssue({ code: 'custom', path: ['fullName'], message: "Enter the person's name or their company" });
    ctx.addIssue({ code: 'custom', path: ['company'], message: "Enter the person's name or their company" });
  }
}
// Runs even when other fields are invalid, so the rep sees every problem in one pass.
const alongsideOtherIssues = { when: () => true };

/** What a rep (or an extractor) hands to the outbox: the prospect and where it came from. */
export const leadInputSchema = prospectSchema
  .extend({
    source: sourceSchema.default({ kind: 'prospecting' }),
    qualification: qualificationSchema.default({
      level: 'raw',
      budget: false,
      authority: false,
      need: false,
      timing: false,
    }),
    capture: captureSchema.default({}),
  })
  .superRefine(needsNameOrCompany, alongsideOtherIssues);
export type LeadInput = z.input<typeof leadInputSchema>;

/** A lead as the outbox stores it. */
export const leadSchema = prospectSchema
  .extend({
    id: z.uuid(),
    createdAt: time,
    updatedAt: time,
    source: sourceSchema,
    qualification: qualificationSchema,
    capture: captureSchema,
    sync: syncStateSchema,
  })
  .superRefine(needsNameOrCompany, alongsideOtherIssues);
export type Lead = z.infer<typeof leadSchema>;
