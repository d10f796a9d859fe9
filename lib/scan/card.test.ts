import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountryCode } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { cardText } from './card-layout';
import { draftFromCard } from './card';
import type { OcrLine } from './ocr';

// Cards rendered from tests/fixtures/cards/*.html and read by tesseract (tools/card-lines.ts wrote
// each NAME.lines.json): what the form gets from them is kept in NAME.expected.json. A card's
// first comment names the rep's region (how numbers written without + are read).
const dir = join(import.meta.dirname, '../../tests/fixtures/cards');
const cards = readdirSync(dir).filter((name) => name.endsWith('.lines.json'));
const linesOf = (name: string) => JSON.parse(readFileSync(join(dir, `${name}.lines.json`), 'utf8')) as OcrLine[];

describe('cards read by the OCR, golden drafts', () => {
  it.each(cards)('%s', (name) => {
    const html = readFileSync(join(dir, name.replace(/\.lines\.json$/, '.html')), 'utf8');
    const region = /region:\s*([A-Z]{2})/.exec(html)?.[1] as CountryCode | undefined;
    expect(region, 'a card fixture names its region').toBeDefined();
    const { draft } = draftFromCard(JSON.parse(readFileSync(join(dir, name), 'utf8')) as OcrLine[], region);
    const goldenPath = join(dir, name.replace(/\.lines\.json$/, '.expected.json'));
    if (process.env.UPDATE_GOLDEN) writeFileSync(goldenPath, `${JSON.stringify(draft, null, 2)}\n`);
    expect(draft).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')));
  });
});

describe('reading a card as a person does', () => {
  it('reads a two-column card column by column, drops the honorific and prefers the mobile', () => {
    const { draft, text } = draftFromCard(linesOf('two-columns'), 'GB');
    expect(text.split('\n\n')[0]).toBe('Dr. Amelia Hart\nHead of Procurement\nNorthwind Industrial Systems Ltd');
    expect(draft).toMatchObject({ fullName: 'Amelia Hart', title: 'Head of Procurement', company: 'Northwind Industrial Systems Ltd', email: 'amelia.hart@northwind.example', phone: '+447911123456', website: 'https://northwind.example', extractor: 'card' });
  });

  it('puts a company printed large and wrapped on two lines back on one', () => {
    const { draft } = draftFromCard(linesOf('centered-wrapped'), 'US');
    expect(draft).toMatchObject({ fullName: 'Priya Raman', title: 'Director of Operations', company: 'Bluewater Marine Logistics', phone: '+14155550142', email: 'priya.raman@bluewater.example' });
  });

  it('reads German labels and national numbers in the rep’s region, and an address across the footer after the columns', () => {
    const { draft, text } = draftFromCard(linesOf('german-footer'), 'DE');
    expect(draft).toMatchObject({ title: 'Leiter Einkauf', company: 'Müller Maschinenbau GmbH', phone: '+491712345678', email: 'j.mueller@mueller-mb.example', website: 'https://www.mueller-mb.example' });
    expect(draft.fullName).toMatch(/^J.rg M.ller$/);
    expect(text.split('\n').at(-1)).toMatch(/^Industriestra/);
  });

  it('reads numbers written without + by the country the card’s address names, over the rep’s region', () => {
    expect(draftFromCard(linesOf('german-footer'), 'US').draft.phone).toBe('+491712345678');
  });

  it('joins runs on one baseline and leaves out smudges', () => {
    const line = (text: string, x0: number, y0: number, x1: number, y1: number, confidence = 90): OcrLine => ({ text, x0, y0, x1, y1, confidence });
    const text = cardText([line('Mobile:', 500, 300, 590, 320), line('+1 415 555 0100', 610, 301, 800, 321), line('Ana Lima', 60, 100, 300, 140), line('~~', 900, 50, 950, 60, 12), line('|', 10, 10, 12, 700, 20)]);
    expect(text).toBe('Ana Lima\n\nMobile: +1 415 555 0100');
  });

  it('keeps a one-column card one column, a wide line in its place', () => {
    const line = (text: string, x0: number, y0: number, x1: number): OcrLine => ({ text, x0, y0, x1, y1: y0 + 20, confidence: 90 });
    expect(cardText([line('Kenji Sato', 300, 100, 500), line('kenji.sato@initech-global-solutions.example', 100, 140, 700), line('CTO', 370, 180, 430)])).toBe('Kenji Sato\nkenji.sato@initech-global-solutions.example\nCTO');
  });

  it('returns nothing for a picture without text', () => {
    expect(draftFromCard([])).toEqual({ draft: { fieldSources: {}, extractor: null }, text: '' });
  });
});
