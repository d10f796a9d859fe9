import { bareName, type SchemaNode } from './schema-nodes';
import { readSchemaNodes } from './schema-subject';
import { cleanText } from './text';
import type { FieldReader } from './types';

// schema.org microdata (itemscope / itemtype / itemprop / itemid), read into schema.org nodes: a
// property belongs to its nearest enclosing item. Who the page is about is decided in schema-subject.ts.

/** Items read, and properties kept, at most: a page cannot make the reader slow. */
const MAX_ITEMS = 200;
const MAX_PROPERTIES = 2_000;

/**
 * The page's top-level items (no other item's property; a stray itemprop outside any item does not
 * count) and each item's own properties (those whose nearest item it is), in one walk of the tree.
 */
function readItems(doc: Document): { tops: Element[]; propertiesOf: Map<Element, Element[]> } {
  const tops: Element[] = [];
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
        if (element.hasAttribute('itemtype') && !(owner && element.hasAttribute('itemprop'))) tops.push(element);
        inside = element;
      } else inside = null;
    }
    // Children pushed last first, so they are visited in document order.
    for (let child = element.lastElementChild; child; child = child.previousElementSibling) stack.push([child, inside]);
  }
  return { tops, propertiesOf };
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

/** An item as a schema.org node: its properties' values as text, nested items as nested nodes. */
function toNode(item: Element, props: Map<Element, Element[]>, depth = 0): SchemaNode {
  const node: SchemaNode = { '@type': (item.getAttribute('itemtype') ?? '').split(/\s+/).filter(Boolean).map(bareName) };
  const id = item.getAttribute('itemid');
  if (id) node['@id'] = id;
  for (const prop of props.get(item) ?? []) {
    const value = prop.hasAttribute('itemscope') ? (depth < 8 ? toNode(prop, props, depth + 1) : undefined) : propertyValue(prop);
    if (value === undefined) continue;
    for (const name of (prop.getAttribute('itemprop') ?? '').split(/\s+/).filter(Boolean).map(bareName)) {
      const list = (node[name] ??= []) as unknown[];
      list.push(value);
    }
  }
  return node;
}

export const microdataReader: FieldReader = {
  id: 'microdata',
  read(doc, url) {
    const { tops, propertiesOf } = readItems(doc);
    return readSchemaNodes(tops.map((item) => toNode(item, propertiesOf)), doc, url);
  },
};
