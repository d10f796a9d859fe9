import { mf2 } from 'microformats-parser';
import { cleanText } from './text';
import type { FieldReader, ReaderFields } from './types';
import { cleanWebsite } from './urls';

// h-card, and classic vcard through the parser's backwards compatibility (microformats-parser,
// a maintained mf2 parser). One h-card with a person's name is a person; an h-card whose name is
// its org is the company.

type Root = { type?: string[]; properties: Record<string, unknown[]>; children?: Root[] };

function isRoot(value: unknown): value is Root {
  return typeof value === 'object' && value !== null && 'properties' in value;
}

function prop(card: Root, name: string): string | undefined {
  const value = card.properties[name]?.[0];
  if (typeof value === 'string') return cleanText(value, 2048);
  if (isRoot(value)) return prop(value, 'name') ?? cleanText(String((value as { value?: unknown }).value ?? ''), 200);
  if (value && typeof value === 'object' && 'value' in value) return cleanText(String((value as { value: unknown }).value), 2048);
  return undefined;
}

function cards(items: Root[]): Root[] {
  return items.flatMap((item) => [item, ...cards(item.children ?? [])]).filter((item) => item.type?.includes('h-card'));
}

function location(card: Root): { location?: string; country?: string } {
  const adr = card.properties.adr?.[0];
  const source = isRoot(adr) ? adr : card;
  const country = prop(source, 'country-name');
  const parts = [prop(source, 'locality'), prop(source, 'region'), country].filter(Boolean);
  if (parts.length) return { location: parts.join(', '), country };
  return { location: typeof adr === 'string' ? cleanText(adr, 200) : undefined };
}

export const microformatsReader: FieldReader = {
  id: 'microformats',
  read(doc, url) {
    const html = doc.documentElement?.outerHTML ?? '';
    if (!/\b(?:h-card|vcard)\b/.test(html)) return {};
    const found = cards(mf2(html, { baseUrl: url.origin }).items as Root[]);
    const fields: ReaderFields = {};
    const people = found.filter((card) => prop(card, 'name') && prop(card, 'name') !== prop(card, 'org'));
    const organization = found.find((card) => prop(card, 'org') && (!prop(card, 'name') || prop(card, 'name') === prop(card, 'org')));
    const describe = (card: Root) => {
      const where = location(card);
      return {
        email: prop(card, 'email')?.replace(/^mailto:/i, ''),
        phone: prop(card, 'tel')?.replace(/^tel:/i, ''),
        website: cleanWebsite(prop(card, 'url'), url),
        location: where.location,
        country: where.country,
      };
    };
    if (organization) Object.assign(fields, { company: prop(organization, 'org') ?? prop(organization, 'name'), ...describe(organization) });
    if (people.length === 1) {
      const person = people[0]!;
      const about = describe(person);
      const website = about.website && /linkedin\.com\/in\//i.test(about.website) ? undefined : about.website;
      Object.assign(fields, {
        fullName: prop(person, 'name'),
        firstName: prop(person, 'given-name'),
        lastName: prop(person, 'family-name'),
        title: prop(person, 'job-title') ?? prop(person, 'role'),
        company: prop(person, 'org') ?? fields.company,
        email: about.email ?? fields.email,
        phone: about.phone ?? fields.phone,
        website: website ?? fields.website,
        location: about.location ?? fields.location,
        country: about.country ?? fields.country,
        linkedinUrl: (person.properties.url ?? []).map((u) => (typeof u === 'string' ? u : '')).find((u) => /linkedin\.com\/in\//i.test(u)),
      });
    }
    return fields;
  },
};
