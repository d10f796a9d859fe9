import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../tests/unit/parse-html';
import { microdataReader } from './microdata';

const URL_ = new URL('https://team.example/people/ana');
const read = (html: string) => microdataReader.read(parseHtml(`<!doctype html><body>${html}</body>`, URL_.href), URL_);

describe('the microdata reader', () => {
  it("gives each property to its nearest item: a person's nested employer and address are not the person's", () => {
    const fields = read(`
      <div itemscope itemtype="https://schema.org/Person">
        <span itemprop="name">Ana López</span> <span itemprop="jobTitle">CFO</span>
        <div itemprop="worksFor" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Initech</span><span itemprop="telephone">+34 91 123 45 67</span></div>
        <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress"><span itemprop="addressLocality">Madrid</span><span itemprop="addressCountry">ES</span></div>
      </div>`);
    expect(fields).toMatchObject({ fullName: 'Ana López', title: 'CFO', company: 'Initech', location: 'Madrid, ES', country: 'ES' });
  });

  it('reads at most 200 items and 2,000 properties, so a page cannot make it slow', () => {
    const filler = Array.from({ length: 2_100 }, (_, i) => `<span itemprop="description">filler ${i}</span>`).join('');
    // The person's name comes after 2,100 properties of the organization: past the cap, it is not read.
    const capped = read(`<div itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Acme</span>${filler}</div>
      <div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Late Name</span></div>`);
    expect(capped.company).toBe('Acme');
    expect(capped.fullName).toBeUndefined();
    // Items past the 200th are not read at all.
    const many = Array.from({ length: 250 }, (_, i) => `<div itemscope itemtype="https://schema.org/Thing"><span itemprop="name">Thing ${i}</span></div>`).join('');
    expect(read(`${many}<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ana López</span></div>`).fullName).toBeUndefined();
    expect(read(`<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ana López</span></div>${many}`).fullName).toBe('Ana López');
  });
});
