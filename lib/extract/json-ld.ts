import { cleanText } from './text';
import type { FieldReader, ReaderFields } from './types';
import { cleanWebsite } from './urls';

// schema.org in JSON-LD: Organization and its subtypes (LocalBusiness…), Person, ContactPoint,
// PostalAddress, @graph. Broken blocks are skipped; nothing here is trusted beyond being text.

type Node = Record<string, unknown>;

const NOT_ORGANIZATIONS = new Set([
  'WebSite', 'WebPage', 'BreadcrumbList', 'ListItem', 'ImageObject', 'SearchAction', 'Person', 'PostalAddress',
  'ContactPoint', 'Article', 'BlogPosting', 'NewsArticle', 'Product', 'Offer', 'Event', 'VideoObject', 'FAQPage',
  'Question', 'Answer', 'ItemList', 'SiteNavigationElement', 'Place', 'GeoCoordinates', 'AggregateRating', 'Review',
  'Rating', 'ProfilePage', 'AboutPage', 'ContactPage', 'CollectionPage', 'Country', 'Thing',
]);

/** A type or property name without its vocabulary: `schema:Person`, `https://schema.org/Person` → `Person`. */
function local(name: string): string {
  return name.replace(/^(?:https?:\/\/schema\.org\/|schema:)/i, '').replace(/^.*[/#]/, '');
}

function types(node: Node): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string').map(local);
}

/**
 * A node with its property names as schema.org's bare names (`schema:name`, `http://schema.org/name`
 * → `name`), nested nodes likewise, depth-limited against hostile input.
 */
function withLocalNames(value: unknown, depth = 0): unknown {
  if (depth > 8) return undefined;
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => withLocalNames(item, depth + 1));
  if (!isNode(value)) return value;
  const node: Node = {};
  for (const [key, item] of Object.entries(value)) {
    const name = key.startsWith('@') ? key : local(key);
    node[name] ??= withLocalNames(item, depth + 1);
  }
  return node;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every node in every block, @graph and nested arrays flattened, depth-limited against hostile input. */
export function jsonLdNodes(doc: Document): Node[] {
  const nodes: Node[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 6 || nodes.length > 500) return;
    if (Array.isArray(value)) value.forEach((item) => visit(item, depth + 1));
    else if (isNode(value)) {
      const node = withLocalNames(value) as Node;
      nodes.push(node);
      if (node['@graph']) visit(node['@graph'], depth + 1);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? '';
    if (text.length > 1_000_000) continue;
    try {
      visit(JSON.parse(text), 0);
    } catch {
      // A broken block on a page is common; the others still count.
    }
  }
  return nodes;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function text(value: unknown, max = 200): string | undefined {
  const v = first(value);
  if (typeof v === 'string') return cleanText(v, max);
  // A value object ({"@value": "…", "@language": "…"}), or a node named by its name.
  if (isNode(v) && typeof v['@value'] === 'string') return cleanText(v['@value'], max);
  if (isNode(v) && v.name !== undefined) return text(v.name, max);
  return undefined;
}

/** A person's name as given, or built from its parts (given, additional, family names; honorifics left out). */
function personName(person: Node): string | undefined {
  return text(person.name) ?? (cleanText([text(person.givenName, 100), text(person.additionalName, 100), text(person.familyName, 100)].filter(Boolean).join(' '), 200) || undefined);
}

/** The page's subject as its page node names it (`mainEntity`, else `about`): Google's markup for profile pages. */
function pageSubject(nodes: readonly Node[], byId: Map<string, Node>): Node | undefined {
  for (const node of nodes) {
    if (!types(node).some((type) => /Page$/.test(type))) continue;
    // Nodes and what they hold already have bare names (jsonLdNodes).
    const subject = resolve(node.mainEntity ?? node.about, byId);
    if (subject) return subject;
  }
  return undefined;
}

function resolve(value: unknown, byId: Map<string, Node>): Node | undefined {
  const v = first(value);
  if (!isNode(v)) return undefined;
  const id = typeof v['@id'] === 'string' ? v['@id'] : undefined;
  return (id && Object.keys(v).length === 1 ? byId.get(id) : undefined) ?? v;
}

/** "Berlin, Germany" from a PostalAddress, or the address text as given. */
export function addressText(value: unknown, byId: Map<string, Node>): { location?: string; country?: string } {
  const v = first(value);
  if (typeof v === 'string') return { location: cleanText(v) };
  const address = resolve(v, byId);
  if (!address) return {};
  const country = text(address.addressCountry, 60);
  const parts = [text(address.addressLocality, 100), text(address.addressRegion, 100), country];
  const location = parts.filter((part, i) => part && parts.indexOf(part) === i).join(', ');
  return { location: location || undefined, country };
}

function sameAsLinks(node: Node): string[] {
  const links = [node.sameAs, node.url].flat().filter((link): link is string => typeof link === 'string');
  return links;
}

function contactPoint(node: Node, byId: Map<string, Node>): { email?: string; phone?: string } {
  const points = [node.contactPoint].flat().map((point) => resolve(point, byId)).filter((p): p is Node => !!p);
  const sales = points.find((point) => /sales|vertrieb|ventes|ventas/i.test(String(point.contactType ?? ''))) ?? points[0];
  return sales ? { email: text(sales.email, 254), phone: text(sales.telephone, 40) } : {};
}

function mailto(value: string | undefined): string | undefined {
  return value?.replace(/^mailto:/i, '');
}

export const jsonLdReader: FieldReader = {
  id: 'json-ld',
  read(doc, url) {
    const nodes = jsonLdNodes(doc);
    const byId = new Map(nodes.filter((n) => typeof n['@id'] === 'string').map((n) => [n['@id'] as string, n]));
    const subject = pageSubject(nodes, byId);
    const subjectIsPerson = subject !== undefined && types(subject).includes('Person');
    const people = [...(subjectIsPerson ? [subject] : []), ...nodes.filter((node) => types(node).includes('Person') && personName(node))];
    const isOrganization = (node: Node) => {
      const t = types(node);
      return t.length > 0 && !t.some((type) => NOT_ORGANIZATIONS.has(type)) && text(node.name);
    };
    const organization = (subject && !subjectIsPerson && isOrganization(subject) ? subject : undefined) ?? nodes.find(isOrganization);
    const fields: ReaderFields = {};

    if (organization) {
      const address = addressText(organization.address, byId);
      const contact = contactPoint(organization, byId);
      Object.assign(fields, {
        company: text(organization.legalName) && !text(organization.name) ? text(organization.legalName) : text(organization.name),
        website: cleanWebsite(text(organization.url, 2048), url),
        email: mailto(text(organization.email, 254)) ?? mailto(contact.email),
        phone: text(organization.telephone, 40) ?? contact.phone,
        location: address.location,
        country: address.country,
        companyLinkedinUrl: sameAsLinks(organization).find((link) => /linkedin\.com\/company\//i.test(link)),
      });
    }

    // A page about one person (a team member's card, a speaker page): that person, with their company.
    const profile = people.find((person) => sameAsLinks(person).some((link) => link.split(/[?#]/)[0]?.replace(/\/$/, '') === url.href.split(/[?#]/)[0]?.replace(/\/$/, '')));
    // Several people and none named the subject: the one the page's heading names, else nobody (no guess).
    const heading = cleanText(doc.querySelector('h1')?.textContent ?? '', 200);
    const headed = heading ? people.filter((candidate) => personName(candidate) === heading) : [];
    const person = (subjectIsPerson ? subject : undefined) ?? profile ?? (people.length === 1 ? people[0] : headed.length === 1 ? headed[0] : undefined);
    if (person) {
      const employer = resolve(person.worksFor, byId);
      const address = addressText(person.address ?? employer?.address, byId);
      const elsewhere = !!employer && !!organization && text(employer.name) !== text(organization.name);
      if (elsewhere) {
        // The page's organisation (an event organiser, a publisher) is not the person's employer.
        Object.assign(fields, { website: undefined, email: undefined, phone: undefined, location: undefined, companyLinkedinUrl: undefined });
        fields.personElsewhere = true;
      }
      Object.assign(fields, {
        fullName: personName(person),
        firstName: text(person.givenName, 100),
        lastName: text(person.familyName, 100),
        title: text(person.jobTitle),
        company: (employer ? text(employer.name) : undefined) ?? fields.company,
        email: mailto(text(person.email, 254)) ?? fields.email,
        phone: text(person.telephone, 40) ?? fields.phone,
        location: address.location ?? fields.location,
        country: address.country ?? fields.country,
        linkedinUrl: sameAsLinks(person).find((link) => /linkedin\.com\/in\//i.test(link)),
        companyLinkedinUrl: (employer ? sameAsLinks(employer) : []).find((link) => /linkedin\.com\/company\//i.test(link)) ?? fields.companyLinkedinUrl,
      });
      if (employer && !fields.website) fields.website = cleanWebsite(text(employer.url, 2048), url);
    }
    return fields;
  },
};
