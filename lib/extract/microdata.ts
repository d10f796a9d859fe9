import { cleanText } from './text';
import type { FieldReader, ReaderFields } from './types';
import { cleanWebsite } from './urls';

// schema.org microdata (itemscope / itemtype / itemprop): Organization, LocalBusiness and
// subtypes, Person, PostalAddress. A property belongs to its nearest enclosing item.

/** Items read, and properties kept, at most: a page cannot make the reader slow. */
const MAX_ITEMS = 200;
const MAX_PROPERTIES = 2_000;

type Item = { type: string; element: Element };

function itemType(element: Element): string {
  return (element.getAttribute('itemtype') ?? '').split(/\s+/)[0]?.replace(/^.*[/#]/, '') ?? '';
}

/** Every item of the page and each item's own properties (those whose nearest item it is), in one walk of the tree. */
function readItems(doc: Document): { items: Item[]; propertiesOf: Map<Element, Element[]> } {
  const items: Item[] = [];
  const propertiesOf = new Map<Element, Element[]>();
  let kept = 0;
  const stack: Array<[Element, Element | null]> = [[doc.documentElement, null]];
  while (stack.length > 0) {
    const [element, owner] = stack.pop()!;
    if (owner && element.hasAttribute('itemprop') && kept < MAX_PROPERTIES) {
      propertiesOf.get(owner)?.push(element);
      kept += 1;
    }
    let inside = owner;
    if (element.hasAttribute('itemscope')) {
      if (propertiesOf.size < MAX_ITEMS) {
        propertiesOf.set(element, []);
        if (element.hasAttribute('itemtype')) items.push({ element, type: itemType(element) });
        inside = element;
      } else inside = null;
    }
    // Children pushed last first, so they are visited in document order.
    for (let child = element.lastElementChild; child; child = child.previousElementSibling) stack.push([child, inside]);
  }
  return { items, propertiesOf };
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

type Properties = Map<Element, Element[]>;

function property(props: Properties, item: Element, name: string): Element | undefined {
  return props.get(item)?.find((prop) => (prop.getAttribute('itemprop') ?? '').split(/\s+/).includes(name));
}

function value(props: Properties, item: Element | undefined, name: string): string | undefined {
  const prop = item && property(props, item, name);
  return prop ? propertyValue(prop) : undefined;
}

function address(props: Properties, item: Element | undefined): { location?: string; country?: string } {
  const prop = item && property(props, item, 'address');
  if (!prop) return {};
  if (!prop.hasAttribute('itemscope')) return { location: cleanText(prop.textContent, 200) };
  const country = value(props, prop, 'addressCountry');
  const parts = [value(props, prop, 'addressLocality'), value(props, prop, 'addressRegion'), country].filter(Boolean);
  return { location: parts.join(', ') || undefined, country };
}

export const microdataReader: FieldReader = {
  id: 'microdata',
  read(doc, url) {
    const { items, propertiesOf: props } = readItems(doc);
    const people = items.filter((item) => item.type === 'Person' && value(props, item.element, 'name'));
    const organization = items.find((item) => /Organization|Corporation|Business|Store|Service|Restaurant|Agency|Office|Company/.test(item.type));
    const fields: ReaderFields = {};
    if (organization) {
      const org = organization.element;
      const where = address(props, org);
      Object.assign(fields, {
        company: value(props, org, 'name') ?? value(props, org, 'legalName'),
        website: cleanWebsite(value(props, org, 'url'), url),
        email: value(props, org, 'email')?.replace(/^mailto:/i, ''),
        phone: value(props, org, 'telephone')?.replace(/^tel:/i, ''),
        location: where.location,
        country: where.country,
      });
    }
    if (people.length === 1) {
      const person = people[0]!.element;
      const employer = property(props, person, 'worksFor');
      const where = address(props, person);
      Object.assign(fields, {
        fullName: value(props, person, 'name'),
        title: value(props, person, 'jobTitle'),
        company: (employer?.hasAttribute('itemscope') ? value(props, employer, 'name') : employer && propertyValue(employer)) ?? fields.company,
        email: value(props, person, 'email')?.replace(/^mailto:/i, '') ?? fields.email,
        phone: value(props, person, 'telephone')?.replace(/^tel:/i, '') ?? fields.phone,
        location: where.location ?? fields.location,
        country: where.country ?? fields.country,
        linkedinUrl: (props.get(person) ?? [])
          .filter((prop) => /sameAs|url/.test(prop.getAttribute('itemprop') ?? ''))
          .map(propertyValue)
          .find((link) => link && /linkedin\.com\/in\//i.test(link)),
      });
    }
    return fields;
  },
};
