import { cleanText } from './text';
import type { FieldReader, ReaderFields } from './types';
import { cleanWebsite } from './urls';

// schema.org microdata (itemscope / itemtype / itemprop): Organization, LocalBusiness and
// subtypes, Person, PostalAddress. A property belongs to its nearest enclosing item.

type Item = { type: string; element: Element };

function itemType(element: Element): string {
  return (element.getAttribute('itemtype') ?? '').split(/\s+/)[0]?.replace(/^.*[/#]/, '') ?? '';
}

function ownProperties(item: Element): Element[] {
  return [...item.querySelectorAll('[itemprop]')].filter((prop) => prop.parentElement?.closest('[itemscope]') === item);
}

function propertyValue(prop: Element): string | undefined {
  if (prop.hasAttribute('itemscope')) return undefined;
  const tag = prop.tagName.toLowerCase();
  const raw =
    tag === 'meta' ? prop.getAttribute('content') :
    tag === 'a' || tag === 'link' || tag === 'area' ? prop.getAttribute('href') :
    tag === 'img' || tag === 'source' ? prop.getAttribute('src') :
    tag === 'time' ? prop.getAttribute('datetime') ?? prop.textContent :
    prop.getAttribute('content') ?? prop.textContent;
  return cleanText(raw, 2048);
}

function property(item: Element, name: string): Element | undefined {
  return ownProperties(item).find((prop) => (prop.getAttribute('itemprop') ?? '').split(/\s+/).includes(name));
}

function value(item: Element | undefined, name: string): string | undefined {
  const prop = item && property(item, name);
  return prop ? propertyValue(prop) : undefined;
}

function address(item: Element | undefined): { location?: string; country?: string } {
  const prop = item && property(item, 'address');
  if (!prop) return {};
  if (!prop.hasAttribute('itemscope')) return { location: cleanText(prop.textContent, 200) };
  const country = value(prop, 'addressCountry');
  const parts = [value(prop, 'addressLocality'), value(prop, 'addressRegion'), country].filter(Boolean);
  return { location: parts.join(', ') || undefined, country };
}

export const microdataReader: FieldReader = {
  id: 'microdata',
  read(doc, url) {
    const items: Item[] = [...doc.querySelectorAll('[itemscope][itemtype]')].slice(0, 200).map((element) => ({ element, type: itemType(element) }));
    const people = items.filter((item) => item.type === 'Person' && value(item.element, 'name'));
    const organization = items.find((item) => /Organization|Corporation|Business|Store|Service|Restaurant|Agency|Office|Company/.test(item.type));
    const fields: ReaderFields = {};
    if (organization) {
      const org = organization.element;
      const where = address(org);
      Object.assign(fields, {
        company: value(org, 'name') ?? value(org, 'legalName'),
        website: cleanWebsite(value(org, 'url'), url),
        email: value(org, 'email')?.replace(/^mailto:/i, ''),
        phone: value(org, 'telephone')?.replace(/^tel:/i, ''),
        location: where.location,
        country: where.country,
      });
    }
    if (people.length === 1) {
      const person = people[0]!.element;
      const employer = property(person, 'worksFor');
      const where = address(person);
      Object.assign(fields, {
        fullName: value(person, 'name'),
        title: value(person, 'jobTitle'),
        company: (employer?.hasAttribute('itemscope') ? value(employer, 'name') : employer && propertyValue(employer)) ?? fields.company,
        email: value(person, 'email')?.replace(/^mailto:/i, '') ?? fields.email,
        phone: value(person, 'telephone')?.replace(/^tel:/i, '') ?? fields.phone,
        location: where.location ?? fields.location,
        country: where.country ?? fields.country,
        linkedinUrl: ownProperties(person)
          .filter((prop) => /sameAs|url/.test(prop.getAttribute('itemprop') ?? ''))
          .map(propertyValue)
          .find((link) => link && /linkedin\.com\/in\//i.test(link)),
      });
    }
    return fields;
  },
};
