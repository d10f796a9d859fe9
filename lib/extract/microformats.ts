import { mf2 } from 'microformats-parser';
import { cleanText, comparableName, onePerName, pageNames } from './text';
import type { FieldReader, ReaderFields } from './types';
import { cleanWebsite, sameSite } from './urls';

// h-card, and classic vcard through the parser's backwards compatibility (microformats-parser,
// a maintained mf2 parser), wherever the card sits: on its own, as an h-resume's contact (hresume
// too), an h-review's item (hreview), an h-entry's author. A card with a person's name (or its
// parts) is a person, and its p-org (a name or a nested h-card) is their company; a card whose name
// is its org is the company. A review's author is never the subject.

type Root = { type?: string[]; properties: Record<string, unknown[]>; children?: Root[]; value?: unknown };
type Found = { card: Root; role: 'subject' | 'card' | 'author' };

const MAX_CARDS = 200;

function isRoot(value: unknown): value is Root {
  return typeof value === 'object' && value !== null && 'properties' in value;
}

function prop(card: Root, name: string): string | undefined {
  const value = card.properties[name]?.[0];
  if (typeof value === 'string') return cleanText(value, 2048);
  if (isRoot(value)) return prop(value, 'name') ?? cleanText(String(value.value ?? ''), 200);
  if (value && typeof value === 'object' && 'value' in value) return cleanText(String((value as { value: unknown }).value), 2048);
  return undefined;
}

const isCard = (item: unknown): item is Root => isRoot(item) && !!item.type?.includes('h-card');

/** The cards of the page and what each is to it: a resume's contact or a review's item is the page's subject. */
function cardsIn(items: Root[], found: Found[] = [], depth = 0): Found[] {
  for (const item of items) {
    if (found.length >= MAX_CARDS || depth > 6) break;
    const types = item.type ?? [];
    if (types.includes('h-card')) found.push({ card: item, role: 'card' });
    const inside = (names: string[], role: Found['role']) => {
      for (const name of names) for (const value of item.properties[name] ?? []) if (isCard(value)) found.push({ card: value, role });
    };
    if (types.includes('h-resume')) inside(['contact'], 'subject');
    if (types.includes('h-review')) {
      inside(['item'], 'subject');
      inside(['author'], 'author');
    }
    if (types.some((type) => type === 'h-entry' || type === 'h-cite' || type === 'h-event')) inside(['author', 'organizer'], 'card');
    cardsIn(item.children ?? [], found, depth + 1);
  }
  return found;
}

/** A card's name as given, or built from its parts (honorific prefix and suffix left out). */
function nameOf(card: Root): string | undefined {
  const parts = [prop(card, 'given-name'), prop(card, 'additional-name'), prop(card, 'family-name')].filter(Boolean);
  return prop(card, 'name') ?? (cleanText(parts.join(' '), 200) || undefined);
}

const isOrganizationCard = (card: Root) => !!prop(card, 'org') && (!nameOf(card) || comparableName(nameOf(card)) === comparableName(prop(card, 'org')));
const isPersonCard = (card: Root) => !!nameOf(card) && !isOrganizationCard(card);

/** One card per name: a person marked up in the header and the footer is one person. */
const distinct = (cards: Root[]) => onePerName(cards, nameOf);

function location(card: Root): { location?: string; country?: string } {
  const adr = card.properties.adr?.[0];
  const source = isRoot(adr) ? adr : card;
  const country = prop(source, 'country-name');
  const parts = [prop(source, 'locality'), prop(source, 'region'), country].filter(Boolean);
  if (parts.length) return { location: parts.join(', '), country };
  return { location: typeof adr === 'string' ? cleanText(adr, 200) : undefined };
}

const urls = (card: Root) => (card.properties.url ?? []).map((u) => (typeof u === 'string' ? u : isRoot(u) ? prop(u, 'url') ?? '' : '')).filter(Boolean);

function describe(card: Root, url: URL): ReaderFields {
  const where = location(card);
  return {
    email: prop(card, 'email')?.replace(/^mailto:/i, ''),
    phone: prop(card, 'tel')?.replace(/^tel:/i, ''),
    website: cleanWebsite(urls(card).find((link) => !/linkedin\.com\/in\//i.test(link)), url),
    location: where.location,
    country: where.country,
  };
}

export const microformatsReader: FieldReader = {
  id: 'microformats',
  read(doc, url) {
    const html = doc.documentElement?.outerHTML ?? '';
    if (!/\b(?:h-card|vcard)\b/.test(html)) return {};
    const found = cardsIn(mf2(html, { baseUrl: url.origin }).items as Root[]).filter(({ role }) => role !== 'author');
    const names = pageNames(doc);
    const subject = found.find(({ role }) => role === 'subject')?.card;
    const cards = found.map(({ card }) => card);
    const people = distinct(cards.filter(isPersonCard));
    const headed = people.filter((card) => names.has(comparableName(nameOf(card))));
    const person = subject ? (isPersonCard(subject) ? subject : undefined) : people.length === 1 ? people[0] : headed.length === 1 ? headed[0] : undefined;
    const organization = subject && !person ? subject : cards.find(isOrganizationCard);
    const fields: ReaderFields = {};
    // Someone at another company than the page's own card: that card's details are not theirs.
    const elsewhere = !!person && !!organization && organization !== subject && !!prop(person, 'org') && comparableName(prop(person, 'org')) !== comparableName(prop(organization, 'org') ?? nameOf(organization));
    if (elsewhere) fields.subjectElsewhere = true;
    else if (organization) {
      Object.assign(fields, { company: prop(organization, 'org') ?? nameOf(organization), ...describe(organization, url) });
      // A review site's page about a business: its own details are the site's, not the business's.
      if (organization === subject && !sameSite(fields.website, url)) fields.subjectElsewhere = true;
    }
    if (person) {
      const about = describe(person, url);
      const org = person.properties.org?.[0];
      const employer = isRoot(org) ? describe(org, url) : {};
      const company = prop(person, 'org');
      Object.assign(fields, {
        fullName: nameOf(person),
        firstName: prop(person, 'given-name'),
        lastName: prop(person, 'family-name'),
        title: prop(person, 'job-title') ?? prop(person, 'role'),
        company: company ?? fields.company,
        email: about.email ?? fields.email,
        phone: about.phone ?? employer.phone ?? fields.phone,
        website: employer.website ?? about.website ?? fields.website,
        location: about.location ?? employer.location ?? fields.location,
        country: about.country ?? employer.country ?? fields.country,
        linkedinUrl: urls(person).find((u) => /linkedin\.com\/in\//i.test(u)),
      });
    }
    return fields;
  },
};
