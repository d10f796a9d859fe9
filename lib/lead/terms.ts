// The lead model's names and plain rules, without its checks: what code that names a source kind,
// a level, a status or a field, without validating a lead, needs (the side panel's first screen,
// the filters, the CRM settings). The lead schema (Zod, lib/lead/schema.ts) builds on these and is
// loaded only where a lead is checked (lib/lead/load-schema.ts).

export const sourceKinds = ['prospecting', 'referral', 'event', 'prospecting-at-close'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export const qualificationLevels = ['raw', 'lukewarm', 'hot'] as const;

/** Every field of a prospect, in the schema's order (lib/lead/schema.ts checks that the two agree, as for the statuses). */
export const prospectFields = [
  'fullName',
  'firstName',
  'lastName',
  'title',
  'headline',
  'company',
  'companyDomain',
  'website',
  'email',
  'phone',
  'location',
  'linkedinUrl',
  'companyLinkedinUrl',
  'notes',
  'badgeId',
] as const;

export const syncStatuses = ['pending', 'failed', 'rejected', 'synced', 'held'] as const;
/** Statuses of leads that have not reached the CRM yet and will be sent again without the rep. */
export const waitingStatuses = ['pending', 'failed'] as const satisfies ReadonlyArray<(typeof syncStatuses)[number]>;
export type WaitingStatus = (typeof waitingStatuses)[number];

/** The longest CRM id the outbox keeps (lib/outbox/claims.ts fits what a CRM says to it). */
export const CRM_ID_MAX = 200;

/** A web address as reps and cards write it (`acme.com`), with the scheme the website field needs. */
export function withScheme(url: string | undefined): string | undefined {
  if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return `https://${url}`;
}

/**
 * A lead with a badge id but neither a name nor an email: it waits for its details (typed, or
 * from the organizer's list) before it goes to the CRM.
 */
export function needsDetails(lead: { badgeId?: string; fullName?: string; firstName?: string; lastName?: string; email?: string }): boolean {
  return Boolean(lead.badgeId) && !lead.fullName && !lead.firstName && !lead.lastName && !lead.email;
}
