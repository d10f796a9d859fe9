import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureUrl, parseHtml } from '../../tests/unit/parse-html';
import { extractFromText, extractProspect } from './index';

// Golden files: every saved page under tests/fixtures/pages has the draft it must yield beside it.
// UPDATE_GOLDEN=1 rewrites them on purpose; read the diff before committing it.
const dir = join(import.meta.dirname, '../../tests/fixtures/pages');
const pages = readdirSync(dir).filter((name) => name.endsWith('.html'));

describe('extractProspect on saved pages', () => {
  it('has at least 15 fixtures', () => {
    expect(pages.length).toBeGreaterThanOrEqual(15);
  });

  it.each(pages)('%s', (name) => {
    const html = readFileSync(join(dir, name), 'utf8');
    const url = fixtureUrl(html);
    const draft = extractProspect(parseHtml(html, url), url);
    const goldenPath = join(dir, name.replace(/\.html$/, '.expected.json'));
    if (process.env.UPDATE_GOLDEN) writeFileSync(goldenPath, `${JSON.stringify(draft, null, 2)}\n`);
    expect(draft).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')));
  });
});

// Texts (a selected signature, a pasted card) likewise, under tests/fixtures/texts: the first line
// says `source: https://…`, the page the text was selected on.
const textDir = join(import.meta.dirname, '../../tests/fixtures/texts');
const texts = readdirSync(textDir).filter((name) => name.endsWith('.txt'));

describe('extractFromText on saved texts', () => {
  it.each(texts)('%s', (name) => {
    const [header = '', ...rest] = readFileSync(join(textDir, name), 'utf8').split('\n');
    const url = /^source:\s*(\S+)$/.exec(header)?.[1];
    expect(url, 'A text fixture starts with "source: https://…"').toBeDefined();
    const draft = extractFromText(rest.join('\n').trim(), url);
    const goldenPath = join(textDir, name.replace(/\.txt$/, '.expected.json'));
    if (process.env.UPDATE_GOLDEN) writeFileSync(goldenPath, `${JSON.stringify(draft, null, 2)}\n`);
    expect(draft).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')));
  });
});
