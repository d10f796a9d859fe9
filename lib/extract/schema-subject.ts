import { addressText, first, isNode, isOrganization, isPage, isPerson, links, SchemaGraph, text, values, type SchemaNode } from './schema-nodes';
import { cleanText, comparableName, onePerName, pageNames } from './text';
import type { ReaderFields } from './types';
import { cleanWebsite, sameSite, siteHost } from './urls';

// Who a page's schema.org data is about, whichever syntax carried it: the subject its page node
// names, else the one person (or organization) the page holds on its own, else the one its heading
// names; never a guess. The prospect's company comes from worksFor / affiliation / memberOf only:
// a colleague, a sponsor, a school or a parent organization never gives a name.

/** How a person names where they work, in order of trust. */
const EMPLOYER_PROPERTIES = ['worksFor', 'affiliation', 'memberOf'] as const;
/** How an organization names the people who work there (a team page's graph). */
const STAFF = new Set(['employee', 'employees', 'member', 'members', 'founder', 'founders', 'contactPoint']);
/** How an event names its guests: on an event's site, a speaker works elsewhere. */
const GUESTS = new Set(['performer', 'performers', 'attendee', 'attendees', 'actor', 'actors', 'contributor']);
/** How a page, a web site or what they publish names the organization that runs the site. */
const OWNERS = new Set(['publisher', 'copyrightHolder', 'author', 'creator', 'provider', 'sourceOrganization']);
/** How a review or a job ad names the business it is about: that business is the page's subject. */
const ABOUT_A_BUSINESS = ['itemReviewed', 'hiringOrganization'] as const;
/** Profiles, not a company's own website, when a `sameAs` has to stand for it. */
const PROFILE_SITES = /(?:^|\.)(?:linkedin|facebook|twitter|x|instagram|youtube|tiktok|pinterest|xing|github|wikipedia|wikidata|crunchbase|google|yelp|tripadvisor|threads|mastodon\.social|bsky)\.[a-z.]+$/i;
/** How a page names its subject. */
const SUBJECT = new Set(['mainEntity', 'about', 'mainEntityOfPage']);

type Subject = { node: SchemaNode; how: 'page' | 'reviewed' };

/** A person's name as given, or built from its parts (given, additional, family names; honorifics left out). */
export function personName(person: SchemaNode): string | undefined {
  const parts = [text(person.givenName, 100), text(person.additionalName, 100), text(person.familyName, 100)];
  return text(person.name) ?? (cleanText(parts.filter(Boolean).join(' '), 200) || undefined);
}

const nameOf = (node: SchemaNode) => (isPerson(node) ? personName(node) : text(node.name) ?? text(node.legalName));

/** Nodes by name, one per name: the same person marked up twice is one candidate. */
const distinct = (nodes: SchemaNode[]) => onePerName(nodes, nameOf);

/** Whether one name holds the other as whole words: "Harborview Dental" and "Harborview Dental Group PC". */
function sameName(a: string | undefined, b: string | undefined): boolean {
  const [x, y] = [comparableName(a), comparableName(b)];
  if (!x || !y) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return long === short || long.startsWith(`${short} `) || long.endsWith(` ${short}`) || long.includes(` ${short} `);
}

/**
 * Organizations that are one business described twice (a site builder's Organization and
 * LocalBusiness blocks, names holding one another) as one node, the first's values first; or
 * nothing when they are different businesses.
 */
function oneBusiness(nodes: SchemaNode[]): SchemaNode | undefined {
  if (nodes.length === 0 || !nodes.every((node) => sameName(nameOf(node), nameOf(nodes[0]!)))) return undefined;
  const merged: SchemaNode = {};
  for (const node of nodes) for (const [key, value] of Object.entries(node)) merged[key] ??= value;
  return merged;
}

const samePage = (link: string, url: URL) => link.split(/[?#]/)[0]?.replace(/\/$/, '') === url.href.split(/[?#]/)[0]?.replace(/\/$/, '');

/** The subject a page node names (`mainEntity`, else `about`), else the one a node says is this page's, else the one reviewed. */
function subjectOf(graph: SchemaGraph, url: URL): Subject | undefined {
  const wanted = (node: SchemaNode | undefined) => !!node && (isPerson(node) || isOrganization(node)) && !!nameOf(node);
  for (const page of graph.all.filter(isPage)) {
    const node = graph.resolve(page.mainEntity) ?? graph.resolve(page.about);
    if (wanted(node)) return { node: node!, how: 'page' };
  }
  const own = graph.all.find((node) => wanted(node) && links(node.mainEntityOfPage).some((link) => samePage(link, url)));
  if (own) return { node: own, how: 'page' };
  const reviewed = distinct(
    graph.all.flatMap((node) => ABOUT_A_BUSINESS.map((property) => graph.resolve(node[property]))).filter((node): node is SchemaNode => wanted(node)),
  );
  return reviewed.length === 1 ? { node: reviewed[0]!, how: 'reviewed' } : undefined;
}

/** The one node the page's heading or title names, if exactly one. */
function headed(nodes: SchemaNode[], names: Set<string | undefined>): SchemaNode | undefined {
  const matches = distinct(nodes.filter((node) => names.has(comparableName(nameOf(node)))));
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The page's named people: `free`, those no other node names (a colleague, a parent, an author is
 * someone else's); `listed`, those only their organization or an event names, the free ones included.
 */
function peopleOf(graph: SchemaGraph): { named: SchemaNode[]; free: SchemaNode[]; listed: SchemaNode[] } {
  const named = graph.all.filter((node) => isPerson(node) && personName(node));
  const referenced = (person: SchemaNode) => graph.referencesTo(person, { pages: true }).filter((property) => !SUBJECT.has(property));
  return {
    named,
    free: named.filter((person) => referenced(person).length === 0),
    listed: named.filter((person) => referenced(person).every((property) => STAFF.has(property) || GUESTS.has(property))),
  };
}

function choosePerson(people: ReturnType<typeof peopleOf>, subject: Subject | undefined, names: Set<string | undefined>, url: URL): SchemaNode | undefined {
  if (subject && isPerson(subject.node)) return subject.node;
  const { named, free, listed } = people;
  // The subject is an organization: one of its people only if the page's heading names them.
  if (subject) return headed(listed.filter((person) => !free.includes(person)), names);
  const profile = named.find((person) => links([person.sameAs, person.url].flat()).some((link) => samePage(link, url)));
  const single = distinct(free);
  return profile ?? (single.length === 1 ? single[0] : headed(listed, names));
}

/** Where a person works: worksFor, affiliation, memberOf (a node or a name), else the organization that lists them as staff. */
function employerOf(person: SchemaNode, graph: SchemaGraph): SchemaNode | undefined {
  for (const property of EMPLOYER_PROPERTIES) {
    for (const value of values(person[property])) {
      if (typeof value === 'string' && cleanText(value)) return { name: value };
      const node = graph.resolve(value);
      if (node && text(node.name)) return node;
    }
  }
  return (graph.referrers.get(person) ?? []).find(({ from, property }) => STAFF.has(property) && isOrganization(from))?.from;
}

/** The organization that runs the site, as its pages say (publisher and the like). */
function ownerOf(graph: SchemaGraph): SchemaNode | undefined {
  return graph.all.find((node) => isOrganization(node) && (graph.referrers.get(node) ?? []).some(({ from, property }) => !isPerson(from) && OWNERS.has(property)));
}

/** The page's organization when no person is its subject: named on its own, or by the heading, or the one not running the site. */
function chooseOrganization(graph: SchemaGraph, names: Set<string | undefined>, owner: SchemaNode | undefined, employer?: SchemaNode): SchemaNode | undefined {
  const organizations = graph.all.filter((node) => isOrganization(node) && nameOf(node) && node !== employer);
  // A sponsor, a parent or a school named by another node is that node's, not the page's.
  // Named as someone's employer, as the site's owner or as the page's subject; an organization's
  // memberOf or parentOrganization is that organization's, not the page's.
  const named = ({ from, property }: { from: SchemaNode; property: string }) =>
    isPage(from) || (isPerson(from) && EMPLOYER_PROPERTIES.includes(property as never)) || OWNERS.has(property) || SUBJECT.has(property);
  const free = distinct(organizations.filter((org) => (graph.referrers.get(org) ?? []).every(named)));
  if (free.length <= 1) return free[0];
  const notOwner = free.filter((org) => org !== owner);
  return headed(free, names) ?? oneBusiness(free) ?? (owner && notOwner.length === 1 ? notOwner[0] : undefined);
}

function contactPoint(node: SchemaNode, graph: SchemaGraph): { email?: string; phone?: string } {
  const points = values(node.contactPoint).map((point) => graph.resolve(point)).filter((point): point is SchemaNode => !!point);
  const sales = points.find((point) => /sales|vertrieb|ventes|ventas|vendite|verkoop|försäljning|sprzedaż/i.test(String(first(point.contactType) ?? ''))) ?? points[0];
  return sales ? { email: text(sales.email, 254), phone: text(sales.telephone, 40) } : {};
}

const mailto = (value: string | undefined) => value?.replace(/^mailto:/i, '');
const tel = (value: string | undefined) => value?.replace(/^tel:/i, '');
const linkedinCompany = (node: SchemaNode) => links([node.sameAs, node.url].flat()).find((link) => /linkedin\.com\/company\//i.test(link));

function organizationFields(org: SchemaNode, graph: SchemaGraph, url: URL): ReaderFields {
  const address = addressText(org.address ?? org.location, graph);
  const contact = contactPoint(org, graph);
  return {
    company: text(org.name) ?? text(org.legalName),
    website: cleanWebsite(links(org.url).find((link) => !/linkedin\.com\//i.test(link)) ?? links(org.sameAs).find((link) => !PROFILE_SITES.test(siteHost(link, url) ?? '')), url),
    email: mailto(text(org.email, 254)) ?? mailto(contact.email),
    phone: tel(text(org.telephone, 40)) ?? tel(contact.phone),
    location: address.location,
    country: address.country,
    companyLinkedinUrl: linkedinCompany(org),
  };
}

/** Reads the prospect from a page's schema.org nodes (the top-level ones; nested ones are reached from them). */
export function readSchemaNodes(tops: readonly SchemaNode[], doc: Document, url: URL): ReaderFields {
  if (tops.length === 0) return {};
  const graph = new SchemaGraph(tops);
  const names = pageNames(doc);
  const subject = subjectOf(graph, url);
  const owner = ownerOf(graph);
  const people = peopleOf(graph);
  const person = choosePerson(people, subject, names, url);

  if (!person) {
    const org = subject && isOrganization(subject.node) ? subject.node : chooseOrganization(graph, names, owner);
    // Several people on their own or listed, and none of them the subject (a speakers list): the
    // page's own details are not theirs either, so nothing is filled rather than the site's name.
    if (!org) return distinct(people.listed).length >= 2 ? { subjectElsewhere: true } : {};
    const fields = organizationFields(org, graph, url);
    // A directory or review site's page about a business: the page's own details are the site's.
    const elsewhere =
      (!!owner && owner !== org && !sameName(nameOf(owner), nameOf(org))) ||
      (fields.website !== undefined ? !sameSite(fields.website, url) : subject?.how === 'reviewed' || org.review !== undefined || org.aggregateRating !== undefined);
    return elsewhere ? { ...fields, subjectElsewhere: true } : fields;
  }

  const employer = employerOf(person, graph);
  const siteOrg = owner ?? chooseOrganization(graph, names, undefined, employer);
  const guest = graph.referencesTo(person).some((property) => GUESTS.has(property));
  // The page's organization (an event's organiser, a publisher) is not where this person works.
  const elsewhere = (!!employer && !!siteOrg && siteOrg !== employer && !sameName(nameOf(siteOrg), nameOf(employer))) || (guest && !employer);
  const org = employer ?? (elsewhere ? undefined : siteOrg);
  const fields: ReaderFields = org ? organizationFields(org, graph, url) : {};
  const address = addressText(person.address ?? person.homeLocation ?? person.workLocation, graph);
  const phone = tel(text(person.telephone, 40));
  const email = mailto(text(person.email, 254));
  Object.assign(fields, {
    fullName: personName(person),
    firstName: text(person.givenName, 100),
    lastName: text(person.familyName, 100),
    title: text(person.jobTitle) ?? (isNode(first(person.hasOccupation)) ? text(graph.resolve(person.hasOccupation)?.name) : undefined),
    email: email ?? fields.email,
    phone: phone ?? fields.phone,
    location: address.location ?? fields.location,
    country: address.country ?? fields.country,
    linkedinUrl: links([person.sameAs, person.url].flat()).find((link) => /linkedin\.com\/in\//i.test(link)),
  });
  if (elsewhere) fields.subjectElsewhere = true;
  return fields;
}
