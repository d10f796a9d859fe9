import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureUrl, parseHtml } from '../../tests/unit/parse-html';
import { extractProspect } from './index';

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
