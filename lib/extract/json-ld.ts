import { bareName, isNode, MAX_NODES, type SchemaNode } from './schema-nodes';
import { readSchemaNodes } from './schema-subject';
import type { FieldReader } from './types';

// schema.org in JSON-LD: every block of the page, @graph included, read into schema.org nodes with
// bare names however the vocabulary is spelled. Broken blocks are skipped; nothing here is trusted
// beyond being text. Who the page is about is decided in schema-subject.ts.

const SCHEMA_IRI = /^https?:\/\/schema\.org\/?$/i;

/** Prefixes an `@context` object binds to schema.org (`{"s": "https://schema.org/"}`), besides `schema`. */
function schemaPrefixes(context: unknown, into: Set<string>): void {
  for (const item of Array.isArray(context) ? context : [context]) {
    if (!isNode(item)) continue;
    for (const [prefix, iri] of Object.entries(item)) if (!prefix.startsWith('@') && typeof iri === 'string' && SCHEMA_IRI.test(iri)) into.add(prefix);
  }
}

/** A name without its vocabulary, a bound prefix included (`s:Person` → `Person`). */
function localName(name: string, prefixes: Set<string>): string {
  const colon = name.indexOf(':');
  if (colon > 0 && prefixes.has(name.slice(0, colon))) return name.slice(colon + 1);
  return bareName(name);
}

/**
 * A node with its property names, and its types, as schema.org's bare names; nested nodes
 * likewise, depth-limited against hostile input.
 */
function withLocalNames(value: unknown, prefixes: Set<string>, depth = 0): unknown {
  if (depth > 8) return undefined;
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => withLocalNames(item, prefixes, depth + 1));
  if (!isNode(value)) return value;
  if (value['@context'] !== undefined) {
    prefixes = new Set(prefixes);
    schemaPrefixes(value['@context'], prefixes);
  }
  const node: SchemaNode = {};
  for (const [key, item] of Object.entries(value)) {
    const name = key.startsWith('@') ? key : localName(key, prefixes);
    if (name === '@type') node[name] = (Array.isArray(item) ? item : [item]).map((type) => (typeof type === 'string' ? localName(type, prefixes) : type));
    else node[name] ??= withLocalNames(item, prefixes, depth + 1);
  }
  return node;
}

/** Every top-level node in every block, @graph and arrays flattened. */
export function jsonLdNodes(doc: Document): SchemaNode[] {
  const nodes: SchemaNode[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 6 || nodes.length > MAX_NODES) return;
    if (Array.isArray(value)) value.forEach((item) => visit(item, depth + 1));
    else if (isNode(value)) {
      if (value['@graph'] !== undefined) visit(value['@graph'], depth + 1);
      else nodes.push(value);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? '';
    if (text.length > 1_000_000) continue;
    try {
      visit(withLocalNames(JSON.parse(text), new Set(['schema'])), 0);
    } catch {
      // A broken block on a page is common; the others still count.
    }
  }
  return nodes;
}

export const jsonLdReader: FieldReader = {
  id: 'json-ld',
  read: (doc, url) => readSchemaNodes(jsonLdNodes(doc), doc, url),
};
