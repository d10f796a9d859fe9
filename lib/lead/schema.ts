import * as z from 'zod/mini';
import { SYNC_MESSAGE_MAX } from './kept-text';
import { canonicalLinkedinCompanyUrl, canonicalLinkedinProfileUrl } from './linkedin-url';
import { CRM_ID_MAX, prospectFields, qualificationLevels, syncStatuses } from './terms';

// The one definition of a lead. Every type in the product comes from these schemas (z.infer).

// Text enters the model here, from the form, a page, a pasted card or a CSV cell: control
// characters (a bare CR would start a new line in a vCard or a CSV) and bidi overrides (which make
// text read otherwise than it is stored) are dropped, and line breaks are normalised.
// eslint-disable-next-line no-control-regex -- removing control characters is the point.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** One line of text: controls and bidi overrides dropped, any line break a space. */
export function plainLine(value: string): string {
  return value.replace(CONTROLS, '').replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ');
}

/** Text that may hold several lines (notes): controls and bidi overrides dropped, every line break `\n`. */
export function plainLines(value: string): string {
  return value.replace(/\r\n|[\r\u2028\u2029]/g, '\n').replace(CONTROLS, '');
}

/** Free text; `required` is the message a rep sees when it is missing. */
const text = (max: number, required?: string) =>
  z.string(required ? { error: required } : undefined).check(
    z.overwrite(plainLine),
    z.minLength(1, required ? { error: required } : undefined),
    z.maxLength(max, { error: `Keep this under ${max} characters` }),
    z.refine((value) => value.trim() === value, { error: 'Remove the spaces at the start or end' }),
  );

const linkedinUrl = (
  canonicalize: (input: string) => string | null,
  message: string,
) =>
  z.pipe(
    z.string(),
    z.transform((input: string, ctx) => {
      const url = canonicalize(input);
      if (url === null) {
        ctx.issues.push({ code: 'custom', message, input });
        return z.NEVER;
      }
      return url;
    }),
  );

export const emailSchema = z.email({ error: 'Enter a valid email address, like jane@acme.com' }).check(z.maxLength(254));

export const phoneSchema = z.string().check(
  z.maxLength(40),
  z.regex(/^\+?[\d\s().\-/]*\d[\d\s().\-/]*(?:\s*(?:x|ext\.?)\s*\d+)?$/i, {
    error: 'Enter a phone number, like +1 415 555 0100',
  }),
  z.refine((value) => value.replace(/\D/g, '').length >= 5, {
    error: 'Enter a phone number, like +1 415 555 0100',
  }),
);

export const websiteSchema = z.url({
  protocol: /^https?$/,
  hostname: z.regexes.domain,
  error: 'Enter a web address, like https://acme.com',
});

export const companyDomainSchema = z.string().check(
  z.maxLength(253),
  z.regex(/^(?!-)[\p{L}\p{N}-]{1,63}(?:\.(?!-)[\p{L}\p{N}-]{1,63})+$/u, {
    error: 'Enter a domain, like acme.com',
  }),
);

export const prospectSchema = z.object({
  fullName: z.optional(text(200)),
  firstName: z.optional(text(100)),
  lastName: z.optional(text(100)),
  title: z.optional(text(200)),
  headline: z.optional(text(300)),
  company: z.optional(text(200)),
  companyDomain: z.optional(companyDomainSchema),
  website: z.optional(websiteSchema),
  email: z.optional(emailSchema),
  phone: z.optional(phoneSchema),
  location: z.optional(text(200)),
  linkedinUrl: z.optional(
    linkedinUrl(canonicalLinkedinProfileUrl, 'Enter a LinkedIn profile link, like https://www.linkedin.com/in/jane-doe'),
  ),
  companyLinkedinUrl: z.optional(
    linkedinUrl(canonicalLinkedinCompanyUrl, 'Enter a LinkedIn company link, like https://www.linkedin.com/company/acme'),
  ),
  notes: z.optional(z.string().check(z.overwrite(plainLines), z.maxLength(5000, { error: 'Keep notes under 5000 characters' }))),
  /** The visitor's badge id at an event (from the badge's code, or typed): enough to save, the details come later. */
  badgeId: z.optional(text(100)),
});
export type Prospect = z.infer<typeof prospectSchema>;
// terms.ts names every prospect field and sync status for code that does not load this schema:
// the two agree (the build fails otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const everyProspectField: Same<keyof Prospect, (typeof prospectFields)[number]> = true;
void everyProspectField;

export const sourceSchema = z.discriminatedUnion('kind', [
  // Self-sourced while browsing.
  z.object({ kind: z.literal('prospecting') }),
  z.object({
    kind: z.literal('referral'),
    referredBy: text(200, 'Enter who referred this lead'),
    referrerCompany: z.optional(text(200)),
    referrerEmail: z.optional(emailSchema),
    relationship: z.optional(text(200)),
  }),
  z.object({
    kind: z.literal('event'),
    eventName: text(200, 'Enter the event name'),
    eventDate: z.optional(z.iso.date({ error: 'Enter the date as YYYY-MM-DD' })),
    eventLocation: z.optional(text(200)),
  }),
  // "Who else could benefit?", asked right after a customer signed.
  z.object({
    kind: z.literal('prospecting-at-close'),
    closedAccount: text(200, 'Enter the account that just closed'),
    dealReference: z.optional(text(200)),
    askedContact: z.optional(text(200)),
  }),
]);
export type Source = z.infer<typeof sourceSchema>;

export const qualificationSchema = z.object({
  level: z._default(z.enum(qualificationLevels), 'raw'),
  budget: z._default(z.boolean(), false),
  authority: z._default(z.boolean(), false),
  need: z._default(z.boolean(), false),
  timing: z._default(z.boolean(), false),
});
export type Qualification = z.infer<typeof qualificationSchema>;

/** The currencies the browser knows (ISO 4217 codes), which the form offers and the lead model takes. */
export function knownCurrencies(): readonly string[] {
  return Intl.supportedValuesOf('currency');
}

/** The largest opportunity size taken: far above any deal, far below where numbers lose cents. */
export const MAX_AMOUNT = 1e12;

/** The size of the opportunity the rep sees, when they know it: a positive amount in an ISO 4217 currency. */
export const opportunitySchema = z.object({
  amount: z.number({ error: 'Enter an amount, like 25,000' }).check(
    z.gt(0, { error: 'Enter an amount above 0' }),
    z.lte(MAX_AMOUNT, { error: 'Enter an amount under a trillion' }),
  ),
  currency: z.string({ error: 'Pick a currency' }).check(z.refine((code) => knownCurrencies().includes(code), { error: 'Pick a currency, like EUR or USD' })),
});
export type Opportunity = z.infer<typeof opportunitySchema>;

/** The most qualifying questions an event asks, and so the most answers a lead carries. */
export const MAX_QUESTIONS = 8;

/** A visitor's answers to the event's qualifying questions, each with the question as it was asked. */
export const answersSchema = z
  .array(
    z.object({
      question: text(200, 'A question cannot be empty'),
      answer: z.string().check(z.overwrite(plainLines), z.trim(), z.minLength(1), z.maxLength(500, { error: 'Keep an answer under 500 characters' })),
    }),
  )
  .check(z.maxLength(MAX_QUESTIONS, { error: `At most ${MAX_QUESTIONS} answers` }));

/** Where the lead was captured: the page, and which extractor read it (none for typed leads). */
export const captureSchema = z.object({
  pageUrl: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(2048))),
  pageTitle: z.optional(z.string().check(z.maxLength(500))),
  extractor: z.optional(z.string().check(z.maxLength(100))),
});
export type Capture = z.infer<typeof captureSchema>;

const attempts = z.int().check(z.nonnegative());
const time = z.int().check(z.nonnegative());
/** The longest sync message the outbox keeps (lib/outbox/claims.ts fits what a CRM says to it). */
export { SYNC_MESSAGE_MAX };
/** The CRM's id for the lead, once it has one: kept through later edits so an update finds the record. */
const crmId = z.optional(z.string().check(z.maxLength(CRM_ID_MAX)));
/** The longest link to a CRM record the outbox keeps. */
export const CRM_URL_MAX = 2048;
/** Where the record is in the CRM's own web app ("Open in CRM"), when the CRM or its connector says. */
export const crmUrlSchema = z.url({ protocol: /^https?$/, error: 'A link to the record, like https://app.example.com/contacts/1' }).check(z.maxLength(CRM_URL_MAX));
const crmUrl = z.optional(crmUrlSchema);

// `dueAt` is when the sync engine should next look at the lead: when it was queued (pending), or
// its next attempt time (failed). A failed lead's `notBefore` is the soonest the CRM allows it back
// (its `Retry-After`, or a connector's own wait): "Sync now" brings `dueAt` forward, never past it.
// A lead on its way to the CRM stays pending or failed: the sync engine's claim on it is a row of
// its own (lib/outbox/claims.ts).
export const syncStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending'), attempts, dueAt: time, crmId, crmUrl }),
  z.object({ status: z.literal('failed'), attempts, dueAt: time, notBefore: z.optional(time), lastError: z.string().check(z.maxLength(SYNC_MESSAGE_MAX)), crmId, crmUrl }),
  z.object({ status: z.literal('rejected'), attempts, message: z.string().check(z.maxLength(SYNC_MESSAGE_MAX)), crmId, crmUrl }),
  z.object({ status: z.literal('synced'), attempts, crmId, crmUrl, syncedAt: time }),
  // A lead known by its badge id only: kept, shown as "Needs details", and sent once it has a name or an email.
  z.object({ status: z.literal('held'), attempts, crmId, crmUrl }),
]);
export type SyncState = z.infer<typeof syncStateSchema>;
export type SyncStatus = SyncState['status'];
const everySyncStatus: Same<SyncStatus, (typeof syncStatuses)[number]> = true;
void everySyncStatus;

function needsNameOrCompany(prospect: Prospect, ctx: z.core.$RefinementCtx<Prospect>) {
  if (typeof prospect !== 'object' || prospect === null) return;
  if (!prospect.fullName && !prospect.firstName && !prospect.lastName && !prospect.company && !prospect.badgeId) {
    ctx.addIssue({ code: 'custom', path: ['fullName'], message: "Enter the person's name or their company (or their badge id)" });
    ctx.addIssue({ code: 'custom', path: ['company'], message: "Enter the person's name or their company (or their badge id)" });
  }
}

// Runs even when other fields are invalid, so the rep sees every problem in one pass.
const alongsideOtherIssues = { when: () => true };

/** What a rep (or an extractor) hands to the outbox: the prospect and where it came from. */
export const leadInputSchema = z
  .extend(prospectSchema, {
    source: z._default(sourceSchema, { kind: 'prospecting' }),
    qualification: z._default(qualificationSchema, {
      level: 'raw',
      budget: false,
      authority: false,
      need: false,
      timing: false,
    }),
    capture: z._default(captureSchema, {}),
    opportunity: z.optional(opportunitySchema),
    answers: z.optional(answersSchema),
  })
  .check(z.superRefine(needsNameOrCompany, alongsideOtherIssues));
export type LeadInput = z.input<typeof leadInputSchema>;

/** A lead as the outbox stores it. */
export const leadSchema = z
  .extend(prospectSchema, {
    id: z.uuid(),
    createdAt: time,
    updatedAt: time,
    source: sourceSchema,
    qualification: qualificationSchema,
    capture: captureSchema,
    opportunity: z.optional(opportunitySchema),
    answers: z.optional(answersSchema),
    sync: syncStateSchema,
  })
  .check(z.superRefine(needsNameOrCompany, alongsideOtherIssues));
export type Lead = z.infer<typeof leadSchema>;
