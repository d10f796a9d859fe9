import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractProspect } from '../../lib/extract';
import type { DraftField } from '../../lib/extract/types';
import { fixtureUrl, parseHtml } from './parse-html';

// Capture accuracy on the held-out pages (tests/fixtures/held-out): each page's hand-made labels say
// what each field should hold (null: stay empty). A field is right, missed (left empty), or wrong
// (filled with something else). Wrong is worse than missed: it is a wrong name in the CRM.

export const HELD_OUT = join(import.meta.dirname, '../fixtures/held-out');

export type FieldScore = { page: string; field: DraftField; expected: string | null; found: string | undefined; verdict: 'right' | 'missed' | 'wrong' };

/** Values compared as a rep reads them: case, spacing and a trailing slash do not count; phones by digits. */
function same(field: DraftField, expected: string, found: string): boolean {
  const plain = (value: string) => value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').replace(/\/$/, '').trim();
  // A number as the page shows it (national format, no country to tell) is the same number.
  if (field === 'phone') {
    const [a, b] = [expected.replace(/\D/g, ''), found.replace(/\D/g, '')];
    return Math.min(a.length, b.length) >= 7 && (a.endsWith(b) || b.endsWith(a));
  }
  return plain(expected) === plain(found);
}

export type Labels = Partial<Record<DraftField, string | null>>;

/** How the extractor does on one page against its labels. */
export function scorePage(page: string, html: string, url: string, labels: Labels): FieldScore[] {
  const draft = extractProspect(parseHtml(html, url), url);
  return (Object.entries(labels) as Array<[DraftField, string | null]>).map(([field, expected]) => {
    const found = draft[field];
    const verdict = expected === null ? (found === undefined ? 'right' : 'wrong') : found === undefined ? 'missed' : same(field, expected, found) ? 'right' : 'wrong';
    return { page, field, expected, found, verdict };
  });
}

export function scoreHeldOut(dir = HELD_OUT): FieldScore[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.html'))
    .sort()
    .flatMap((file) => {
      const html = readFileSync(join(dir, file), 'utf8');
      const labels = JSON.parse(readFileSync(join(dir, file.replace(/\.html$/, '.fields.json')), 'utf8')) as Labels;
      return scorePage(file.replace(/\.html$/, ''), html, fixtureUrl(html), labels);
    });
}

export function accuracy(scores: readonly FieldScore[]): { right: number; missed: number; wrong: number; total: number; share: number } {
  const count = (verdict: FieldScore['verdict']) => scores.filter((score) => score.verdict === verdict).length;
  const right = count('right');
  return { right, missed: count('missed'), wrong: count('wrong'), total: scores.length, share: scores.length ? right / scores.length : 0 };
}
