import { readFileSync } from 'node:fs';
import { organizationTypes, personTypes } from '../lib/extract/schema-types';
import { scorePage, type FieldScore, type Labels } from '../tests/unit/extraction-accuracy';

// Capture accuracy on schema.org's own published examples (`schemaorg-all-examples.txt` of a
// release, from github.com/schemaorg/schemaorg: pass its path with --schemaorg-examples). Each
// example is given in microdata, RDFa and JSON-LD; its labels come from the JSON-LD's top-level
// node, read directly: a Person's name, job title, email and employer; an Organization's name,
// email and phone; and for an example about anything else (an order, an event, a recipe), that no
// person's name is taken. Each syntax's markup is then read as a page of its own.

type Node = Record<string, unknown>;

const PAGE = 'https://www.example.com/schemaorg-example';
const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const str = (value: unknown) => {
  const v = one(value);
  if (typeof v === 'string') return v.replace(/\s+/g, ' ').trim() || undefined;
  if (v && typeof v === 'object' && typeof (v as Node).name === 'string') return ((v as Node).name as string).trim();
  return undefined;
};
const bare = (type: unknown) => String(one(type) ?? '').replace(/^.*[/:]/, '');

/** What a rep should get from an example, from its JSON-LD (undefined when it says nothing checkable). */
function labelsOf(top: Node): Labels | undefined {
  // A profile or about page's subject is what it names with mainEntity.
  const subject = one(top.mainEntity);
  const json = /Page$/.test(bare(top['@type'])) && subject && typeof subject === 'object' ? (subject as Node) : top;
  const type = bare(json['@type']);
  const labels: Labels = {};
  const set = (field: keyof Labels, value: string | undefined) => {
    if (value !== undefined) labels[field] = value;
  };
  if (organizationTypes.has(type)) {
    set('company', str(json.name));
    set('email', str(json.email)?.replace(/^mailto:/i, ''));
    set('phone', str(json.telephone));
  } else if (personTypes.has(type)) {
    set('fullName', str(json.name));
    set('title', str(json.jobTitle));
    set('email', str(json.email)?.replace(/^mailto:/i, ''));
    set('company', str(json.worksFor));
  } else labels.fullName = null;
  // An email written to fool harvesters ("x(at)example.org") is no address to check.
  if (labels.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(labels.email)) delete labels.email;
  return Object.keys(labels).length > 0 ? labels : undefined;
}

function section(example: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:\\s*$([\\s\\S]*?)(?=^(?:PRE-MARKUP|MICRODATA|RDFA|JSON):\\s*$|$(?![\\s\\S]))`, 'm').exec(example);
  const text = match?.[1]?.trim();
  // Many examples are given in one syntax only ("TODO", "This example is JSON only").
  const markup = name === 'MICRODATA' ? /itemscope/i : name === 'RDFA' ? /\b(?:typeof|property)=/i : /application\/ld\+json/i;
  return text && markup.test(text) ? text : undefined;
}

export function publishedExampleScores(path: string): { syntax: string; scores: FieldScore[] }[] {
  const examples = readFileSync(path, 'utf8').split(/^TYPES:/m).slice(1);
  const bySyntax = { microdata: [] as FieldScore[], rdfa: [] as FieldScore[], 'json-ld': [] as FieldScore[] };
  for (const example of examples) {
    const id = /#(eg-\d+)/.exec(example)?.[1] ?? 'example';
    const jsonText = section(example, 'JSON');
    const script = jsonText && /<script[^>]*application\/ld\+json[^>]*>([\s\S]*?)<\/script>/i.exec(jsonText)?.[1];
    let json: unknown;
    try {
      json = script ? JSON.parse(script) : undefined;
    } catch {
      continue;
    }
    if (!json || typeof json !== 'object' || Array.isArray(json) || (json as Node)['@graph']) continue;
    const labels = labelsOf(json as Node);
    if (!labels) continue;
    const page = (markup: string) => `<!doctype html><html><head></head><body>${markup}</body></html>`;
    for (const [syntax, name] of [['microdata', 'MICRODATA'], ['rdfa', 'RDFA'], ['json-ld', 'JSON']] as const) {
      const markup = section(example, name);
      if (markup) bySyntax[syntax].push(...scorePage(`${id} ${syntax}`, page(markup), PAGE, labels));
    }
  }
  return Object.entries(bySyntax).map(([syntax, scores]) => ({ syntax, scores }));
}
