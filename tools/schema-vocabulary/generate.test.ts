import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { organizationTypes, personTypes, webPageTypes } from '../../lib/extract/schema-types';
import { descendants, modulePath, schemaTypesModule, vocabularyFromCsv, vocabularyPath, type Vocabulary } from './generate';

const vocabulary = JSON.parse(readFileSync(vocabularyPath, 'utf8')) as Vocabulary;

describe('the schema.org types the extractors know', () => {
  it('are exactly what the generator makes of the kept vocabulary (no hand edits)', () => {
    expect(readFileSync(modulePath, 'utf8')).toBe(schemaTypesModule(vocabulary));
  });

  it('say which schema.org release and file they come from', () => {
    expect(vocabulary.source).toBe(`https://github.com/schemaorg/schemaorg/blob/main/data/releases/${vocabulary.release}/schemaorg-current-https-types.csv`);
    expect(vocabulary.release).toMatch(/^\d+\.\d+$/);
    expect(vocabulary.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(vocabulary.parents).length).toBeGreaterThan(800);
  });

  it('hold the whole Organization hierarchy, LocalBusiness included, and nothing else', () => {
    for (const type of ['Organization', 'LocalBusiness', 'Winery', 'Hotel', 'Pharmacy', 'Library', 'NGO', 'SportsTeam', 'NewsMediaOrganization', 'ResearchProject', 'Hospital']) {
      expect(organizationTypes.has(type), type).toBe(true);
    }
    for (const type of ['Place', 'Person', 'WebSite', 'Event', 'PostalAddress', 'Product']) expect(organizationTypes.has(type), type).toBe(false);
    expect([...personTypes].sort()).toEqual(['Patient', 'Person']);
    expect(webPageTypes.has('ProfilePage') && webPageTypes.has('AboutPage') && webPageTypes.has('ItemPage')).toBe(true);
  });
});

describe('vocabularyFromCsv and descendants', () => {
  const csv = [
    '"id","label","comment","subTypeOf"',
    '"https://schema.org/Thing","Thing","The most generic type, with ""quotes"", commas",""',
    '"https://schema.org/Organization","Organization","An organization.","https://schema.org/Thing"',
    '"https://schema.org/Place","Place","A place.","https://schema.org/Thing"',
    '"https://schema.org/LocalBusiness","LocalBusiness","Both.","https://schema.org/Place, https://schema.org/Organization"',
    '"https://schema.org/Winery","Winery","A winery.","https://schema.org/LocalBusiness"',
    '"https://schema.org/Loop","Loop","A broken cycle.","https://schema.org/Loop"',
  ].join('\n');

  it('keeps every parent of a type with several, and records the file\'s hash', () => {
    const kept = vocabularyFromCsv(csv, '1.0');
    expect(kept.parents.LocalBusiness).toEqual(['Organization', 'Place']);
    expect(kept.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(descendants(kept, 'Organization')).toEqual(['LocalBusiness', 'Organization', 'Winery']);
    expect(descendants(kept, 'Place')).toEqual(['LocalBusiness', 'Place', 'Winery']);
    expect(descendants(kept, 'Thing')).not.toContain('Loop');
  });
});
