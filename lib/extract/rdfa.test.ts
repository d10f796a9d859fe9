import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../tests/unit/parse-html';
import { rdfaNodes } from './rdfa';

const nodes = (body: string, html = '<html>') => rdfaNodes(parseHtml(`${html}<body>${body}</body></html>`, 'https://acme.example/'));

describe('rdfaNodes', () => {
  it('reads schema.org terms by vocab, by a declared prefix and by the initial context\'s schema: prefix', () => {
    const found = nodes(`<div vocab="https://schema.org/" typeof="Person"><span property="name">Ana</span></div>
      <div prefix="s: http://schema.org/" typeof="s:Organization"><span property="s:name">Acme</span></div>
      <div typeof="schema:Corporation"><span property="schema:name">Beta</span></div>`);
    expect(found).toEqual([
      { '@type': ['Person'], name: ['Ana'] },
      { '@type': ['Organization'], name: ['Acme'] },
      { '@type': ['Corporation'], name: ['Beta'] },
    ]);
  });

  it('leaves out other vocabularies, and terms with no vocab in scope', () => {
    const found = nodes(`<div vocab="http://xmlns.com/foaf/0.1/" typeof="Person"><span property="name">Not schema</span></div>
      <div typeof="Person"><span property="name">No vocab</span></div>
      <div vocab="https://schema.org/" typeof="Person"><span property="dc:title og:title name">Kept</span><div vocab=""><span property="jobTitle">Reset</span></div></div>`);
    expect(found).toEqual([{ '@type': [] }, { '@type': [] }, { '@type': ['Person'], name: ['Kept'] }]);
  });

  it('nests a typed property under its parent, takes content, links and resources as values', () => {
    const [person] = nodes(`<div vocab="https://schema.org/" typeof="Person" resource="#p"><meta property="name" content="Ana Ruiz">
      <a property="sameAs" href="https://www.linkedin.com/in/ana">in</a><link property="worksFor" resource="#acme">
      <time property="birthDate" datetime="1990-01-01">1 Jan</time><div property="address" typeof="PostalAddress"><span property="addressLocality">Madrid</span></div></div>`);
    expect(person).toEqual({
      '@type': ['Person'], '@id': '#p', name: ['Ana Ruiz'], sameAs: ['https://www.linkedin.com/in/ana'], worksFor: [{ '@id': '#acme' }],
      birthDate: ['1990-01-01'], address: [{ '@type': ['PostalAddress'], addressLocality: ['Madrid'] }],
    });
  });

  it('stays bounded on a hostile page', () => {
    const many = '<div typeof="Person"><span property="name">x</span></div>'.repeat(5_000);
    const found = nodes(`<div vocab="https://schema.org/">${many}</div>`);
    expect(found.length).toBeLessThanOrEqual(500);
  });
});
