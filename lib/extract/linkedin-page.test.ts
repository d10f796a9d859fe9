import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureUrl, parseHtml } from '../../tests/unit/parse-html';
import { draftFromReadings, extractProspect } from './index';
import { readLinkedinPage } from './linkedin-page';

const dir = join(import.meta.dirname, '../../tests/fixtures/pages');
const pages = readdirSync(dir).filter((name) => name.endsWith('.html'));
const linkedinPages = pages.filter((name) => name.startsWith('linkedin-'));

const PROFILE = 'https://www.linkedin.com/in/jane-doe-1a2b3c/';
const profileDoc = () =>
  parseHtml(
    `<title>Jane Doe | LinkedIn</title><main><section><h1>Jane Doe</h1><div class="text-body-medium break-words">VP Sales at Acme</div></section></main>`,
    PROFILE,
  );
/** What reaches the panel: the page's answer, copied as the browser copies a script's result. */
const sent = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('reading a LinkedIn page where it is', () => {
  it('has LinkedIn fixtures to compare', () => {
    expect(linkedinPages.length).toBeGreaterThanOrEqual(5);
  });

  it.each(linkedinPages)('%s: the draft from the readings the page sends is the draft of its markup', (name) => {
    const html = readFileSync(join(dir, name), 'utf8');
    const url = fixtureUrl(html);
    const readings = readLinkedinPage(parseHtml(html, url), url);
    expect(readings?.family).toBe(name.startsWith('linkedin-profile') ? 'linkedin-profile' : 'linkedin-company');
    const read = draftFromReadings(sent(readings));
    expect(read?.draft).toEqual(extractProspect(parseHtml(html, url), url));
    expect(read?.draft).toEqual(JSON.parse(readFileSync(join(dir, name.replace(/\.html$/, '.expected.json')), 'utf8')));
    expect(read?.url).toBe(url);
  });

  it('reads nothing on a page that is not a LinkedIn profile or company page (the panel then reads its markup)', () => {
    for (const url of ['https://www.linkedin.com/feed/', 'https://acme.example/team', 'https://linkedin.com.evil.example/in/jane/']) {
      expect(readLinkedinPage(parseHtml('<h1>Someone</h1>', url), url)).toBeNull();
    }
  });
});

describe('draftFromReadings: what a page sends back is not trusted', () => {
  const good = () => sent(readLinkedinPage(profileDoc(), PROFILE)) as Record<string, unknown>;

  it('reads a well-formed answer', () => {
    const read = draftFromReadings(good());
    expect(read).toMatchObject({ url: PROFILE, title: 'Jane Doe | LinkedIn', draft: { fullName: 'Jane Doe', headline: 'VP Sales at Acme', extractor: 'linkedin-profile' } });
  });

  it.each([
    ['nothing', null],
    ['a string', 'Jane Doe'],
    ['no address', { ...good(), url: undefined }],
    ['an address that is no URL', { ...good(), url: 'not a url' }],
    ['another site under a LinkedIn family', { ...good(), url: 'https://evil.example/in/jane-doe/' }],
    ['a LinkedIn page of no family', { ...good(), url: 'https://www.linkedin.com/feed/' }],
    ['the wrong family for its address', { ...good(), family: 'linkedin-company' }],
    ['findings that are no list', { ...good(), found: { id: 'linkedin-profile', fields: { fullName: 'Jane' } } }],
  ])('refuses %s', (_what, answer) => {
    expect(draftFromReadings(answer)).toBeNull();
  });

  it('keeps only string fields the readers fill, and checks each as a page’s', () => {
    const answer = good();
    answer.found = [
      {
        id: 'linkedin-profile',
        fields: { fullName: 'Jane Doe', title: 42, company: ['Acme'], headline: '<img src=x onerror=alert(1)>', location: 'Berlin', notes: 'typed by the page', role: 'admin' },
      },
    ];
    const { draft } = draftFromReadings(answer)!;
    expect(draft).toEqual({ fullName: 'Jane Doe', location: 'Berlin', fieldSources: { fullName: 'linkedin-profile', location: 'linkedin-profile' }, extractor: 'linkedin-profile' });
  });

  it('takes the readers in the family’s order of trust, not the order the page sent them, and ignores readers it does not run there', () => {
    const answer = good();
    answer.found = [
      { id: 'meta', fields: { fullName: 'Meta Name', email: 'page@evil.example' } },
      { id: 'json-ld', fields: { fullName: 'From JSON-LD', title: 'CTO' } },
      { id: 'linkedin-profile', fields: { fullName: 'Jane Doe' } },
    ];
    const { draft } = draftFromReadings(answer)!;
    expect(draft.fullName).toBe('Jane Doe');
    expect(draft.fieldSources).toEqual({ fullName: 'linkedin-profile', title: 'json-ld' });
    expect(draft.email).toBeUndefined();
  });

  it('gives an empty title when the page sent none', () => {
    expect(draftFromReadings({ ...good(), title: { text: 'x' } })?.title).toBe('');
  });
});
