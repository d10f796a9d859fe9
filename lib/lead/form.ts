import type * as z from 'zod/mini';
import { amountForInput, browserLocale, parseAmount } from './amount';
import type { LeadSchemas } from './load-schema';
import { withNameParts } from './name';
import type { Lead, Prospect } from './schema';
import { prospectFields, withScheme, type SourceKind } from './terms';

// The capture form works in strings; this turns them into a LeadInput, or into one
// message per field. The rep's strings themselves are never changed or dropped here.

export const sourceDetailFields = {
  prospecting: [],
  referral: ['referredBy', 'referrerCompany', 'referrerEmail', 'relationship'],
  event: ['eventName', 'eventDate', 'eventLocation'],
  'prospecting-at-close': ['closedAccount', 'dealReference', 'askedContact'],
} as const satisfies Record<SourceKind, readonly string[]>;

type SourceDetailField = (typeof sourceDetailFields)[SourceKind][number];
export type LeadFormValues = Record<keyof Prospect | SourceDetailField, string> & {
  /** The opportunity's size as typed (the rep's locale), and its currency (blank: the default currency). */
  opportunityAmount: string;
  currency: string;
  /** Answers to the event's qualifying questions, by question, in the order asked (several for "several choices"). */
  answers: Record<string, string[]>;
  sourceKind: SourceKind;
  level: 'raw' | 'lukewarm' | 'hot';
  budget: boolean;
  authority: boolean;
  need: boolean;
  timing: boolean;
};
export type LeadFormField = keyof LeadFormValues;
export type LeadFormErrors = Partial<Record<LeadFormField, string>>;

/** The prospect fields the form shows; the others (headline, company domain…) travel with the lead unseen. */
export const VISIBLE_PROSPECT_FIELDS: Array<{ field: keyof Prospect; label: string; type?: 'email' | 'tel' | 'url'; placeholder?: string }> = [
  { field: 'fullName', label: 'Full name' },
  { field: 'title', label: 'Job title' },
  { field: 'company', label: 'Company' },
  { field: 'email', label: 'Email', type: 'email' },
  { field: 'phone', label: 'Phone', type: 'tel' },
  { field: 'linkedinUrl', label: 'LinkedIn URL', type: 'url', placeholder: 'https://www.linkedin.com/in/…' },
  { field: 'website', label: 'Website', type: 'url', placeholder: 'acme.com' },
  { field: 'location', label: 'Location' },
  { field: 'badgeId', label: 'Badge ID', placeholder: 'From an event badge' },
];

export function emptyLeadForm(sourceKind: SourceKind = 'prospecting'): LeadFormValues {
  const strings = Object.fromEntries(
    [...prospectFields, ...Object.values(sourceDetailFields).flat()].map((field) => [field, '']),
  ) as Record<keyof Prospect | SourceDetailField, string>;
  return { ...strings, opportunityAmount: '', currency: '', answers: {}, sourceKind, level: 'raw', budget: false, authority: false, need: false, timing: false };
}

function clean(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export type ParsedLeadForm =
  | { ok: true; lead: z.output<LeadSchemas['leadInputSchema']> }
  | { ok: false; errors: LeadFormErrors };

/**
 * The form's lead, checked by the lead schema (the side panel loads it on demand, see
 * load-schema.ts); an amount is read as `locale` writes numbers (the browser's by default).
 */
export function parseLeadForm({ leadInputSchema }: LeadSchemas, values: LeadFormValues, locale = browserLocale()): ParsedLeadForm {
  const prospect = Object.fromEntries(prospectFields.map((field) => [field, clean(values[field])]));
  prospect.website = withScheme(prospect.website);
  const notes = values.notes.trim() === '' ? undefined : values.notes;
  const details = Object.fromEntries(
    sourceDetailFields[values.sourceKind].map((field) => [field, clean(values[field])]),
  );
  const typedAmount = values.opportunityAmount.trim();
  const amount = typedAmount ? parseAmount(typedAmount, locale) : undefined;
  const answers = Object.entries(values.answers)
    .map(([question, parts]) => ({ question, answer: parts.map((part) => part.trim()).filter(Boolean).join(', ') }))
    .filter(({ answer }) => answer !== '');
  // Checked as the outbox stores it, with the first and last name it derives from the full name.
  const result = leadInputSchema.safeParse({
    ...(answers.length > 0 ? { answers } : {}),
    ...(typeof amount === 'number' ? { opportunity: { amount, currency: values.currency } } : {}),
    ...withNameParts(prospect as Prospect),
    notes,
    source: { kind: values.sourceKind, ...details },
    qualification: {
      level: values.level,
      budget: values.budget,
      authority: values.authority,
      need: values.need,
      timing: values.timing,
    },
  });
  const amountProblem: LeadFormErrors = amount === null ? { opportunityAmount: 'Enter an amount, like 25,000 (numbers only)' } : {};
  if (result.success && amount !== null) return { ok: true, lead: result.data };
  const errors = { ...(result.success ? {} : fieldErrors(result.error)), ...amountProblem };
  // The form has no first or last name field: a part of the full name that is too long is the full name's problem.
  for (const part of ['firstName', 'lastName'] as const) {
    if (errors[part as keyof LeadFormErrors]) errors.fullName ??= `The ${part === 'firstName' ? 'first' : 'last'} name in this is too long for a CRM (at most 100 characters)`;
  }
  return { ok: false, errors };
}

/**
 * The form field (or CSV column) a problem at this path of a lead belongs to: an answer's at the
 * questions (`answers`), the opportunity's amount at "Opportunity size", others at their own name;
 * `whole` for a problem of the whole lead.
 */
export function formFieldOf(path: readonly PropertyKey[], whole: string): string {
  const last = String(path.at(-1) ?? whole);
  return path[0] === 'answers' ? 'answers' : path[0] === 'opportunity' && last === 'amount' ? 'opportunityAmount' : last;
}

/** One message per form field: the first issue Zod reports at that field's path. */
export function fieldErrors(error: z.core.$ZodError): LeadFormErrors {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[formFieldOf(issue.path, 'form')] ??= issue.message;
  return errors as LeadFormErrors;
}

/** A stored lead as the form shows it, for updating it. */
export function leadToForm(lead: Lead): LeadFormValues {
  const form = emptyLeadForm(lead.source.kind);
  for (const field of prospectFields) form[field] = lead[field] ?? '';
  for (const [field, value] of Object.entries(lead.source)) {
    if (field !== 'kind' && typeof value === 'string') form[field as SourceDetailField] = value;
  }
  const opportunity = lead.opportunity ? { opportunityAmount: amountForInput(lead.opportunity.amount, browserLocale()), currency: lead.opportunity.currency } : {};
  const answers = Object.fromEntries((lead.answers ?? []).map(({ question, answer }) => [question, [answer]]));
  return { ...form, ...opportunity, answers, ...lead.qualification };
}
