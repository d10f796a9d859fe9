import { cleanText } from './text';
import { organizationTypes, personTypes, webPageTypes } from './schema-types';

// The one shape JSON-LD, microdata and RDFa are read into: schema.org nodes with bare names
// (`@type` and properties without `schema:` or `https://schema.org/`), values as strings, nested
// nodes, `{"@id": …}` references or `{"@value": …}` objects, single or in arrays.

export type SchemaNode = { [property: string]: unknown };

/** Nodes gathered, and depth followed, at most: a page cannot make a reader slow. */
export const MAX_NODES = 500;
const MAX_DEPTH = 8;

export function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A type or property name without its vocabulary: `schema:Person`, `https://schema.org/Person` → `Person`. */
export function bareName(name: string): string {
  return name.replace(/^(?:https?:\/\/schema\.org\/|schema:)/i, '').replace(/^.*[/#]/, '');
}

/** A node's types, with those its `additionalType` names in schema.org (microdata's way to give a second type). */
export function typesOf(node: SchemaNode): string[] {
  const type = node['@type'];
  const additional = values(node.additionalType)
    .map((item) => (typeof item === 'string' ? item : isNode(item) && typeof item['@id'] === 'string' ? item['@id'] : undefined))
    .filter((iri): iri is string => !!iri && /^(?:https?:\/\/schema\.org\/|schema:)/i.test(iri));
  return [...(Array.isArray(type) ? type : [type]), ...additional].filter((t): t is string => typeof t === 'string').map(bareName);
}

export const isOrganization = (node: SchemaNode) => typesOf(node).some((type) => organizationTypes.has(type));
/** A person; a node typed both Person and Organization (how some SEO plugins type a site's owner) is the organization. */
export const isPerson = (node: SchemaNode) => typesOf(node).some((type) => personTypes.has(type)) && !isOrganization(node);
/** A web page or the web site: what names a page's subject or owner, never a prospect itself. */
export const isPage = (node: SchemaNode) => typesOf(node).some((type) => webPageTypes.has(type) || type === 'WebSite');

export function values(value: unknown): unknown[] {
  return (Array.isArray(value) ? value : [value]).filter((item) => item !== undefined && item !== null);
}

export function first(value: unknown): unknown {
  return values(value)[0];
}

/** A value as text: a string, a `{"@value": …}` object, or a node named by its name. */
export function text(value: unknown, max = 200): string | undefined {
  const v = first(value);
  if (typeof v === 'string') return cleanText(v, max);
  if (typeof v === 'number') return String(v);
  if (isNode(v) && (typeof v['@value'] === 'string' || typeof v['@value'] === 'number')) return cleanText(String(v['@value']), max);
  if (isNode(v) && v.name !== undefined) return text(v.name, max);
  return undefined;
}

/** Every link among a property's values: strings, and nodes' `@id`s or `url`s. */
export function links(value: unknown): string[] {
  return values(value).flatMap((item) => {
    if (typeof item === 'string') return [item];
    if (isNode(item)) return [item['@id'], item['@value'], item.url].filter((link): link is string => typeof link === 'string');
    return [];
  });
}

/** The page's nodes: every node reachable from the top-level ones, each `@id` resolvable. */
export class SchemaGraph {
  readonly all: SchemaNode[] = [];
  readonly byId = new Map<string, SchemaNode>();
  /** For each node, the nodes that point at it and through which property. */
  readonly referrers = new Map<SchemaNode, Array<{ from: SchemaNode; property: string }>>();

  constructor(readonly tops: readonly SchemaNode[]) {
    const seen = new Set<SchemaNode>();
    const visit = (node: SchemaNode, depth: number) => {
      if (seen.has(node) || depth > MAX_DEPTH || this.all.length >= MAX_NODES) return;
      seen.add(node);
      this.all.push(node);
      const id = node['@id'];
      if (typeof id === 'string' && Object.keys(node).length > 1 && !this.byId.has(id)) this.byId.set(id, node);
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('@')) continue;
        for (const item of values(value).slice(0, 50)) if (isNode(item)) visit(item, depth + 1);
      }
    };
    for (const node of tops) visit(node, 0);
    for (const from of this.all) {
      for (const [property, value] of Object.entries(from)) {
        if (property.startsWith('@')) continue;
        for (const item of values(value).slice(0, 50)) {
          const to = this.resolve(item);
          if (!to || to === from) continue;
          const list = this.referrers.get(to) ?? [];
          list.push({ from, property });
          this.referrers.set(to, list);
        }
      }
    }
  }

  /** A node, or the node a `{"@id": …}` reference names. */
  resolve(value: unknown): SchemaNode | undefined {
    const v = first(value);
    if (!isNode(v)) return undefined;
    const id = typeof v['@id'] === 'string' ? v['@id'] : undefined;
    return (id && Object.keys(v).length === 1 ? this.byId.get(id) : undefined) ?? v;
  }

  /** The properties through which other nodes (pages excluded, unless `pages`) point at `node`. */
  referencesTo(node: SchemaNode, { pages = false } = {}): string[] {
    return (this.referrers.get(node) ?? []).filter(({ from }) => pages || !isPage(from)).map(({ property }) => property);
  }
}

/** "Berlin, Germany" from a PostalAddress (or a Place's address), or the address text as given. */
export function addressText(value: unknown, graph: SchemaGraph): { location?: string; country?: string } {
  const v = first(value);
  if (typeof v === 'string') return { location: cleanText(v) };
  const node = graph.resolve(v);
  if (!node) return {};
  let address = node;
  if (node.address !== undefined && !typesOf(node).includes('PostalAddress')) {
    const inner = first(node.address);
    if (typeof inner === 'string') return { location: cleanText(inner) };
    address = graph.resolve(inner) ?? node;
  }
  const country = text(address.addressCountry, 60);
  const parts = [text(address.addressLocality, 100), text(address.addressRegion, 100), country];
  const location = parts.filter((part, i) => part && parts.indexOf(part) === i).join(', ');
  return { location: location || undefined, country };
}
