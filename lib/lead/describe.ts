import type { Lead, Source } from './schema';
import type { SourceKind } from './terms';

/** The sources as the rep reads them, in the panel and in CRMs' free-text fields. */
export const sourceLabels: Record<SourceKind, string> = {
  prospecting: 'Prospecting',
  referral: 'Referral',
  event: 'Event',
  'prospecting-at-close': 'Prospecting at close',
};

/** The one detail each source names: who referred, which event, which closed account. */
export function sourceDetail(source: Source): string | undefined {
  switch (source.kind) {
    case 'referral':
      return source.referredBy;
    case 'event':
      return source.eventName;
    case 'prospecting-at-close':
      return source.closedAccount;
    case 'prospecting':
      return undefined;
  }
}

/** The source's detail in words, for a CRM's free-text field: "Referred by Bob Martin". */
export function sourceInWords(lead: Pick<Lead, 'source'>): string | undefined {
  const { source } = lead;
  switch (source.kind) {
    case 'referral':
      return `Referred by ${source.referredBy}`;
    case 'event':
      return `Met at ${source.eventName}`;
    case 'prospecting-at-close':
      return `Named at the close of ${source.closedAccount}`;
    case 'prospecting':
      return undefined;
  }
}

/** The opportunity's size for a CRM's free-text field: "Opportunity size: 25000 EUR". */
export function opportunityInWords(lead: Pick<Lead, 'opportunity'>): string | undefined {
  return lead.opportunity ? `Opportunity size: ${lead.opportunity.amount} ${lead.opportunity.currency}` : undefined;
}

/** "Berlin, Germany" → { city: "Berlin", country: "Germany" }, for CRMs with separate fields. */
export function cityAndCountry(location: string | undefined): { city?: string; country?: string } {
  const [city, ...rest] = (location ?? '').split(',').map((part) => part.trim());
  return { ...(city ? { city } : {}), ...(rest.length && rest.at(-1) ? { country: rest.at(-1) } : {}) };
}

/** The visitor's answers to the event's questions, for a CRM's free-text field: a line each, `Question: answer`. */
export function answersInWords(lead: Pick<Lead, 'answers'>): string | undefined {
  return lead.answers?.length ? ['Qualifying answers:', ...lead.answers.map(({ question, answer }) => `- ${question}: ${answer}`)].join('\n') : undefined;
}

/** A visitor's badge id, for a CRM's free-text field. */
export function badgeInWords(lead: Pick<Lead, 'badgeId'>): string | undefined {
  return lead.badgeId ? `Badge ID: ${lead.badgeId}` : undefined;
}

/**
 * What the rep knows beyond the CRM's own fields, as one text for a notes field: the source's
 * detail, the event's answers, the badge id and the rep's notes.
 */
export function leadNoteText(lead: Pick<Lead, 'source' | 'answers' | 'badgeId' | 'notes'>): string | undefined {
  return [sourceInWords(lead), answersInWords(lead), badgeInWords(lead), lead.notes].filter(Boolean).join('\n') || undefined;
}

/** The name a lead's deal or opportunity gets in a CRM: who and where, as a rep would write it. */
export function dealNameOf(lead: Pick<Lead, 'fullName' | 'firstName' | 'lastName' | 'company'>): string {
  return [lead.fullName ?? [lead.firstName, lead.lastName].filter(Boolean).join(' '), lead.company].filter(Boolean).join(', ') || 'Fieldclip lead';
}
