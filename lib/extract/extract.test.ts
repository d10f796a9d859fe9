import * as z from 'zod/mini';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureUrl, parseHtml } from '../../tests/unit/parse-html';
import { prospectSchema } from '../lead/schema';
import { extractFromText, extractProspect, familyOf } from './index';

const dir = join(import.meta.dirname, '../../tests/fixtures/pages');

function draftFields(draft: ReturnType<typeof extractProspect>) {
  const { fieldSources: _sources, extractor: _extractor, ...fields } = draft;
  return fields;
}

describe('familyOf', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe/', 'linkedin-profile'],
    ['https://de.linkedin.com/in/jane-doe/details/experience/', 'linkedin-profile'],
    ['https://www.linkedin.com/company/acme/about/', 'linkedin-company'],
    ['https://www.linkedin.com/feed/', null],
    ['https://acme.example/team', 'company-website'],
    ['chrome://settings', null],
  ])('%s → %s', (url, family) => {
    expect(familyOf(new URL(url))).toBe(family);
  });
});

describe('every value extracted from a saved page is a valid lead field', () => {
  it.each(readdirSync(dir).filter((name) => name.endsWith('.html')))('%s', (name) => {
    const html = readFileSync(join(dir, name), 'utf8');
    const url = fixtureUrl(html);
    const fields = draftFields(extractProspect(parseHtml(html, url), url));
    expect(z.strictObject(prospectSchema.shape).safeParse(fields).error?.issues ?? []).toEqual([]);
  });
});

describe('hostile pages', () => {
  it('never throws, whatever the document', () => {
    const broken = [
      null,
      {},
      { querySelector: () => { throw new Error('boom'); } },
      parseHtml('', 'https://acme.example/'),
    ] as unknown as Document[];
    for (const doc of broken) {
      expect(() => extractProspect(doc, 'https://www.linkedin.com/in/jane')).not.toThrow();
      expect(() => extractProspect(doc, 'https://acme.example/')).not.toThrow();
    }
    expect(extractProspect(parseHtml('<p>hi</p>', 'https://acme.example/'), 'not a url')).toEqual({ fieldSources: {}, extractor: null });
  });

  it('reads a huge page without throwing and without invalid fields', () => {
    const cards = Array.from({ length: 3000 }, (_, i) => `<div class="h-card"><span class="p-name">Person ${i}</span><a href="mailto:p${i}@acme.example">mail</a></div>`).join('');
    const jsonLd = `<script type="application/ld+json">${JSON.stringify({ '@graph': Array.from({ length: 2000 }, (_, i) => ({ '@type': 'Person', name: `P${i}` })) })}</script>`;
    const html = `<html><head><title>Acme</title>${jsonLd}</head><body>${'<p>filler text </p>'.repeat(20_000)}${cards}</body></html>`;
    const draft = extractProspect(parseHtml(html, 'https://acme.example/'), 'https://acme.example/');
    expect(draft.fullName).toBeUndefined();
    expect(z.strictObject(prospectSchema.shape).safeParse(draftFields(draft)).success).toBe(true);
  });

  it('drops markup, javascript: links and invalid emails rather than returning them', () => {
    const html = `<html><head><meta property="og:site_name" content="<script>x()</script>"></head><body>
      <a href="mailto:nobody@">x</a><a href="javascript:alert(1)">y</a>
      <div itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Good Co &lt;b&gt;</span>
      <a itemprop="url" href="javascript:alert(1)">site</a><span itemprop="email">bad@@example.com</span></div></body></html>`;
    const draft = extractProspect(parseHtml(html, 'https://good.example/'), 'https://good.example/');
    expect(draftFields(draft)).toEqual({ website: 'https://good.example', companyDomain: 'good.example' });
  });
});

describe('a LinkedIn single-page app', () => {
  it('reads the profile in the URL, not a stale canonical link left from the previous profile', () => {
    const html = `<html><head><title>Second Person | LinkedIn</title><link rel="canonical" href="https://www.linkedin.com/in/first-person/"></head>
      <body><main><section><h1>Second Person</h1><div class="text-body-medium break-words">CTO at Beta</div></section></main></body></html>`;
    const url = 'https://www.linkedin.com/in/second-person/';
    expect(extractProspect(parseHtml(html, url), url)).toMatchObject({
      fullName: 'Second Person',
      title: 'CTO',
      company: 'Beta',
      linkedinUrl: 'https://www.linkedin.com/in/second-person',
    });
  });
});

describe('extractFromText: email signatures and business cards', () => {
  it('reads an English signature', () => {
    const text = `Best regards,
Jane Doe
VP Sales | Acme Robotics Inc.
+1 (415) 555-0134
jane.doe@acme-robotics.example
www.acme-robotics.example`;
    expect(draftFields(extractFromText(text))).toEqual({
      fullName: 'Jane Doe',
      title: 'VP Sales',
      company: 'Acme Robotics Inc.',
      email: 'jane.doe@acme-robotics.example',
      phone: '+14155550134',
      website: 'https://www.acme-robotics.example',
      companyDomain: 'acme-robotics.example',
    });
  });

  it('reads a German business card with a title before the name and a national number', () => {
    const text = `Dr. Anna Schmidt
Leiterin Vertrieb bei Müller Maschinenbau GmbH
Tel. +49 89 1234 5678 · anna.schmidt@mueller-mb.example`;
    expect(draftFields(extractFromText(text, 'https://www.mueller-mb.example.de/'))).toMatchObject({
      fullName: 'Anna Schmidt',
      title: 'Leiterin Vertrieb',
      company: 'Müller Maschinenbau GmbH',
      email: 'anna.schmidt@mueller-mb.example',
      phone: '+498912345678',
    });
  });

  it('reads a one-line signature with separators', () => {
    const draft = extractFromText('Émilie Durand · Directrice commerciale · Lumière SAS · emilie@lumiere.example');
    expect(draftFields(draft)).toMatchObject({
      fullName: 'Émilie Durand',
      title: 'Directrice commerciale',
      company: 'Lumière SAS',
      email: 'emilie@lumiere.example',
    });
    expect(draft.extractor).toBe('contact-text');
  });

  it('reads a card’s one-letter and spelled-out labels, takes the mobile over the desk and never the fax', () => {
    const text = `Kenji Sato
Initech KK
T +44 20 7946 0958
F +44 20 7946 0959
Mobile: +44 7911 123456
E kenji@initech.example
W initech.example`;
    expect(draftFields(extractFromText(text))).toMatchObject({ fullName: 'Kenji Sato', company: 'Initech KK', phone: '+447911123456', email: 'kenji@initech.example', website: 'https://initech.example' });
    expect(draftFields(extractFromText('Ana Lima\nFax: +1 415 555 0199\nTel: +1 415 555 0100'))).toMatchObject({ phone: '+14155550100' });
  });

  it('takes the name the email spells over a company printed like a name, and drops degrees', () => {
    const text = `Bluewater Marine Logistics
Priya Raman, PhD
Director of Operations
priya.raman@bluewater.example`;
    expect(draftFields(extractFromText(text))).toMatchObject({ fullName: 'Priya Raman', company: 'Bluewater Marine Logistics', title: 'Director of Operations' });
  });

  it('reads the place from an address line that names its country, and leaves that line out of the company', () => {
    const draft = extractFromText('Ana Lima\nLuz Saúde · Rua Augusta 10 · 1100-053 Lisboa · Portugal\nana@luz.example');
    expect(draftFields(draft)).toMatchObject({ fullName: 'Ana Lima', location: 'Lisboa, Portugal' });
    expect(draftFields(extractFromText('Tom Baker\nAcme Ltd\n1 Dock Road, London E16 1AA, United Kingdom'))).toMatchObject({ company: 'Acme Ltd', location: 'London, United Kingdom' });
  });

  it('keeps an initial that is no label', () => {
    expect(draftFields(extractFromText('E. Smith\nAcme Ltd'))).toMatchObject({ company: 'Acme Ltd' });
    expect(extractFromText('E. Smith\nAcme Ltd').email).toBeUndefined();
  });

  it('returns nothing invalid from junk', () => {
    const draft = extractFromText('<script>alert(1)</script> @@@ +++ javascript:void(0)');
    expect(z.strictObject(prospectSchema.shape).safeParse(draftFields(draft)).success).toBe(true);
    expect(draft.email).toBeUndefined();
  });
});
