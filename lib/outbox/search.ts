import type { Lead } from '../lead/schema';
import type { SourceKind } from '../lead/terms';

// The outbox's search index: one row per lead, kept in the same transaction as the lead, so a
// search, a filter or a duplicate check is an index lookup rather than a scan of every lead. What
// the rep typed is indexed here rather than on the lead: a sync rewrites each lead it records, and
// every index of the lead's with it, but never touches its search row.

export type LeadSearchRow = {
  id: string;
  /** Every word of the lead's text fields, lowercased and without accents: "search by prefix". */
  words: string[];
  /** Name and company, normalized: two leads with the same one are likely the same person. */
  person?: string;
  /** The lead's LinkedIn profile link, as stored: the same link is the same person. */
  linkedin?: string;
  /** The lead's source kind and, for an event, its name: the list's filters and the events picked from. */
  kind: SourceKind;
  event?: string;
};

/** Lowercase, accents removed: "José" and "jose" are the same word to a rep typing fast. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a text: letters and digits, as a rep would type the start of them. */
export function wordsOf(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function sourceText(source: Lead['source']): string[] {
  switch (source.kind) {
    case 'referral':
      return [source.referredBy, source.referrerCompany ?? '', source.referrerEmail ?? ''];
    case 'event':
      return [source.eventName, source.eventLocation ?? ''];
    case 'prospecting-at-close':
      return [source.closedAccount, source.dealReference ?? '', source.askedContact ?? ''];
    case 'prospecting':
      return [];
  }
}

const MAX_WORD = 40;

/** "jane doe|acme": the same name at the same company, whatever the case and accents. */
export function personKey(prospect: Pick<Lead, 'fullName' | 'firstName' | 'lastName' | 'company'>): string | undefined {
  const name = prospect.fullName ?? [prospect.firstName, prospect.lastName].filter(Boolean).join(' ');
  return name && prospect.company ? `${wordsOf(name).join(' ')}|${wordsOf(prospect.company).join(' ')}` : undefined;
}

export function searchRowOf(lead: Lead): LeadSearchRow {
  const texts = [
    lead.fullName, lead.firstName, lead.lastName, lead.title, lead.headline, lead.company, lead.companyDomain,
    lead.email, lead.phone, lead.phone?.replace(/\D/g, ''), lead.location, lead.notes, ...sourceText(lead.source),
  ];
  const words = new Set<string>();
  for (const text of texts) if (text) for (const word of wordsOf(text)) words.add(word.slice(0, MAX_WORD));
  // The whole email too, so pasting one finds its lead, and the duplicate check finds it whatever its case.
  if (lead.email) words.add(fold(lead.email));
  const person = personKey(lead);
  return {
    id: lead.id,
    words: [...words],
    ...(person ? { person } : {}),
    ...(lead.linkedinUrl ? { linkedin: lead.linkedinUrl } : {}),
    kind: lead.source.kind,
    ...(lead.source.kind === 'event' ? { event: lead.source.eventName } : {}),
  };
}
