import { MAX_NODES, type SchemaNode } from './schema-nodes';
import { readSchemaNodes } from './schema-subject';
import { cleanText } from './text';
import type { FieldReader } from './types';

// schema.org in RDFa Lite (vocab, typeof, property, resource, prefix), as CMS themes emit it, read
// into schema.org nodes. Terms of other vocabularies are left out. Who the page is about is
// decided in schema-subject.ts.

const SCHEMA = /^https?:\/\/schema\.org\//i;
const MAX_ELEMENTS = 20_000;
const MAX_PROPERTIES = 2_000;

type Context = { vocab: string | undefined; prefixes: Map<string, string>; subject: SchemaNode | undefined };

/** `prefix="schema: http://schema.org/ dc: http://purl.org/dc/terms/"` added to the prefixes in scope. */
function withPrefixes(prefixes: Map<string, string>, declared: string): Map<string, string> {
  const next = new Map(prefixes);
  const parts = declared.trim().split(/\s+/);
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const prefix = parts[i]!.replace(/:$/, '');
    if (prefix && parts[i]!.endsWith(':')) next.set(prefix, parts[i + 1]!);
  }
  return next;
}

/** A term's schema.org name (`name`, `schema:name`, `http://schema.org/name`), or nothing for other vocabularies. */
function schemaTerm(term: string, context: Context): string | undefined {
  let iri = term;
  const colon = term.indexOf(':');
  if (/^https?:\/\//i.test(term)) iri = term;
  else if (colon > 0) {
    const base = context.prefixes.get(term.slice(0, colon));
    if (!base) return undefined;
    iri = base + term.slice(colon + 1);
  } else if (context.vocab) iri = context.vocab.replace(/\/?$/, '/') + term;
  else return undefined;
  return SCHEMA.test(iri) ? iri.replace(SCHEMA, '') || undefined : undefined;
}

function terms(value: string | null, context: Context): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean).map((term) => schemaTerm(term, context)).filter((name): name is string => !!name);
}

/** A property's value as RDFa gives it: `content`, then a link's target, then `datetime`, then the text. */
function literal(element: Element): unknown {
  const content = element.getAttribute('content');
  if (content !== null) return cleanText(content, 2048);
  const resource = element.getAttribute('resource');
  if (resource !== null) return { '@id': resource };
  const link = element.getAttribute('href') ?? element.getAttribute('src');
  if (link !== null) return cleanText(link, 2048);
  if (element.tagName.toLowerCase() === 'time' && element.hasAttribute('datetime')) return cleanText(element.getAttribute('datetime'), 100);
  return cleanText(element.textContent, 2048);
}

function add(node: SchemaNode, names: string[], value: unknown): void {
  if (value === undefined) return;
  for (const name of names) ((node[name] ??= []) as unknown[]).push(value);
}

/** Every top-level schema.org node the page's RDFa describes. */
export function rdfaNodes(doc: Document): SchemaNode[] {
  const root = doc.documentElement;
  if (!root || !doc.querySelector('[typeof]')) return [];
  const tops: SchemaNode[] = [];
  let nodes = 0;
  let properties = 0;
  let elements = 0;
  const initial: Context = { vocab: undefined, prefixes: new Map([['schema', 'https://schema.org/']]), subject: undefined };
  const stack: Array<[Element, Context]> = [[root, initial]];
  while (stack.length > 0 && elements++ < MAX_ELEMENTS) {
    const [element, parent] = stack.pop()!;
    let context = parent;
    const vocab = element.getAttribute('vocab');
    const prefix = element.getAttribute('prefix');
    if (vocab !== null || prefix !== null) {
      context = { ...context, vocab: vocab !== null ? vocab || undefined : context.vocab, prefixes: prefix ? withPrefixes(context.prefixes, prefix) : context.prefixes };
    }
    const property = terms(element.getAttribute('property'), context);
    if (element.hasAttribute('typeof') && nodes < MAX_NODES) {
      nodes += 1;
      const node: SchemaNode = { '@type': terms(element.getAttribute('typeof'), context) };
      const id = element.getAttribute('resource') ?? element.getAttribute('about');
      if (id) node['@id'] = id;
      // With a property it is its parent's value (a Person's worksFor); without, a node of its own.
      if (property.length > 0 && context.subject) add(context.subject, property, node);
      else tops.push(node);
      context = { ...context, subject: node };
    } else if (property.length > 0 && context.subject && properties++ < MAX_PROPERTIES) {
      add(context.subject, property, literal(element));
    }
    for (let child = element.lastElementChild; child; child = child.previousElementSibling) stack.push([child, context]);
  }
  return tops;
}

export const rdfaReader: FieldReader = {
  id: 'rdfa',
  read: (doc, url) => readSchemaNodes(rdfaNodes(doc), doc, url),
};
