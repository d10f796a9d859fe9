import Papa from 'papaparse';
import { withNameParts } from '../lead/name';
import { leadInputSchema, type Prospect, type Source } from '../lead/schema';
import type { OutboxDb } from '../outbox/db';
import { addLeads } from '../outbox/outbox';

// CSV in: badge-scanner exports and spreadsheets. Columns are mapped to lead fields (guessed from
// common headers, changeable by the rep), every row is checked by the lead model, good rows are
// imported in one transaction and bad ones reported with their row numbers.

/** `row`: the row's number as a spreadsheet shows it (the header is row 1; a cell may span lines). */
export type CsvTable = { headers: string[]; rows: Array<{ row: number; cells: string[] }> };

/** Parses CSV text (papaparse: quotes, commas, separators guessed). Rows are numbered as in a spreadsheet, the header row being 1. */
export function parseCsv(text: string): CsvTable {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const [headerRow = [], ...records] = parsed.data;
  const rows = records
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  return { headers: headerRow.map((header) => header.trim()), rows };
}

export type ColumnMapping = Array<keyof Prospect | ''>;

const HEADER_GUESSES: Array<[RegExp, keyof Prospect]> = [
  [/^(first[\s_-]*name|given[\s_-]*name|vorname|prénom|nombre)$/i, 'firstName'],
  [/^(last[\s_-]*name|surname|family[\s_-]*name|nachname|nom|apellidos?)$/i, 'lastName'],
  [/^(full[\s_-]*name|name|contact|contact[\s_-]*name)$/i, 'fullName'],
  [/^(e-?mail|e-?mail[\s_-]*address|work[\s_-]*email)$/i, 'email'],
  [/^(company|company[\s_-]*name|organi[sz]ation|account|firma|empresa|société)$/i, 'company'],
  [/^(title|job[\s_-]*title|position|role)$/i, 'title'],
  [/^(phone|phone[\s_-]*number|mobile|telephone|tel|telefon)$/i, 'phone'],
  [/^(website|web|url|company[\s_-]*website|domain)$/i, 'website'],
  [/^(linkedin|linkedin[\s_-]*url|linkedin[\s_-]*profile)$/i, 'linkedinUrl'],
  [/^(city|location|address|country|ort)$/i, 'location'],
  [/^(notes?|comments?|remarks)$/i, 'notes'],
];

/** The lead field each column most likely holds; '' for a column left out. Each field is used once. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const used = new Set<string>();
  return headers.map((header) => {
    const field = HEADER_GUESSES.find(([pattern]) => pattern.test(header.trim()))?.[1];
    if (!field || used.has(field)) return '';
    used.add(field);
    return field;
  });
}

export type ImportRow = { row: number; lead: ReturnType<typeof leadInputSchema.parse> };
export type RejectedRow = { row: number; reason: string };

/** Every row as a lead tagged with `source`, or the reason it is not one. */
export function leadsFromTable(table: CsvTable, mapping: ColumnMapping, source: Source): { good: ImportRow[]; bad: RejectedRow[] } {
  const good: ImportRow[] = [];
  const bad: RejectedRow[] = [];
  for (const { row, cells } of table.rows) {
    const fields: Partial<Record<keyof Prospect, string>> = {};
    mapping.forEach((field, column) => {
      const value = cells[column]?.trim();
      if (field && value) fields[field] = value;
    });
    if (fields.website && !/^[a-z][a-z0-9+.-]*:/i.test(fields.website)) fields.website = `https://${fields.website}`;
    // Checked with the name parts the outbox derives already filled in: a full name whose last part
    // is too long for a last name is this row's problem, reported by its line, not the import's.
    const result = leadInputSchema.safeParse(withNameParts({ ...fields, source }));
    if (result.success) good.push({ row, lead: result.data });
    else bad.push({ row, reason: result.error.issues.map((issue) => `${String(issue.path.at(-1) ?? 'row')}: ${issue.message}`).join('; ') });
  }
  return { good, bad };
}

/** Adds the good rows in one transaction: an import is whole or not at all. */
export async function importLeads(db: OutboxDb, rows: readonly ImportRow[], now = Date.now()): Promise<number> {
  return (await addLeads(db, rows.map(({ lead }) => lead), now)).length;
}

