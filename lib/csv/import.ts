import Papa from 'papaparse';
import { parseAmount } from '../lead/amount';
import { withNameParts } from '../lead/name';
import { formFieldOf } from '../lead/form';
import { leadInputSchema, type Prospect, type Source } from '../lead/schema';
import { prospectFields, withScheme } from '../lead/terms';
import type { OutboxDb } from '../outbox/db';
import { addLeads, isEditable, updateLead } from '../outbox/outbox';

// CSV in: badge-scanner exports and spreadsheets. Columns are mapped to lead fields (guessed from
// common headers, changeable by the rep), every row is checked by the lead model, good rows are
// imported and bad ones reported with their row numbers. A big file (100,000 rows) is read,
// checked and written a step at a time, giving the panel back between steps, with progress and Cancel.

/** `row`: the row's number as a spreadsheet shows it (the header is row 1; a cell may span lines). */
export type CsvTable = { headers: string[]; rows: Array<{ row: number; cells: string[] }> };

/** The largest file taken: about 200,000 badge-scanner rows. */
export const CSV_MAX_BYTES = 20 * 1024 * 1024;

/** Why a file is not read, before anything is: too big. */
export function csvFileProblem(size: number): string | undefined {
  if (size <= CSV_MAX_BYTES) return undefined;
  return `That file is ${(size / 1024 / 1024).toFixed(1)} MB: Fieldclip imports files up to ${CSV_MAX_BYTES / 1024 / 1024} MB (about 200,000 rows). Split it, and import each part.`;
}

/** Gives the browser a turn (paint, input) between two steps of a long job. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function tableFrom(records: string[][]): CsvTable {
  const [headerRow = [], ...rest] = records;
  const rows = rest.map((cells, i) => ({ row: i + 2, cells })).filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  return { headers: headerRow.map((header) => header.trim()), rows };
}

/** Parses CSV text (papaparse: quotes, commas, separators guessed). Rows are numbered as in a spreadsheet, the header row being 1. */
export function parseCsv(text: string): CsvTable {
  return tableFrom(Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false }).data);
}

const PARSE_STEP_CHARS = 256 * 1024;

/** parseCsv a quarter megabyte at a time, the browser free between steps; `onProgress` gets the share read. */
export function parseCsvInSteps(text: string, onProgress?: (share: number) => void): Promise<CsvTable> {
  const input = text.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(input, {
      skipEmptyLines: false,
      chunkSize: PARSE_STEP_CHARS,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        for (const record of results.data) records.push(record);
        onProgress?.(Math.min(1, results.meta.cursor / Math.max(1, input.length)));
        parser.pause();
        setTimeout(() => parser.resume(), 0);
      },
      complete: () => resolve(tableFrom(records)),
      error: (error: Error) => reject(error),
    });
  });
}

/** What a column can hold: a prospect's field, or the opportunity's size and its currency. */
export type ImportField = keyof Prospect | 'opportunityAmount' | 'currency' | 'answers';
export type ColumnMapping = Array<ImportField | ''>;
export const importFields: readonly ImportField[] = [...prospectFields, 'opportunityAmount', 'currency', 'answers'];

const HEADER_GUESSES: Array<[RegExp, ImportField]> = [
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
  [/^(answers|qualifying[\s_-]*(answers|questions)|survey[\s_-]*answers)$/i, 'answers'],
  [/^(badge|badge[\s_-]*(id|number|no\.?|#)|registration[\s_-]*(id|number)|attendee[\s_-]*id)$/i, 'badgeId'],
  [/^(opportunity|opportunity[\s_-]*(size|value|amount)|deal[\s_-]*(size|value|amount)|amount|potential[\s_-]*value|estimated[\s_-]*value)$/i, 'opportunityAmount'],
  [/^(currency|currency[\s_-]*code|ccy|währung|devise|moneda)$/i, 'currency'],
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

/**
 * How amounts are read: numbers as `locale` writes them (and as a CSV export writes them, with a
 * point), in `currency` when a row names none.
 */
export type AmountReading = { currency: string; locale?: string };

/** Every row as a lead tagged with `source`, or the reason it is not one. */
export function leadsFromTable(table: CsvTable, mapping: ColumnMapping, source: Source, amounts?: AmountReading): { good: ImportRow[]; bad: RejectedRow[] } {
  return leadsFromRows(table.rows, mapping, source, amounts);
}

/**
 * Rows checked, and leads written, in one step before the panel is given back: a thousand took
 * 100–250 ms of the panel's thread a step (a 20,000-row import's long tasks), over the 200 ms a rep
 * should ever wait for it to answer; a quarter of that, and the import no slower.
 */
export const STEP_ROWS = 250;

/** leadsFromTable a step at a time, the browser free between steps. */
export async function leadsFromTableInSteps(
  table: CsvTable,
  mapping: ColumnMapping,
  source: Source,
  { signal, onProgress, amounts }: { signal?: AbortSignal; onProgress?: (checked: number) => void; amounts?: AmountReading } = {},
): Promise<{ good: ImportRow[]; bad: RejectedRow[] }> {
  const good: ImportRow[] = [];
  const bad: RejectedRow[] = [];
  for (let start = 0; start < table.rows.length && !signal?.aborted; start += STEP_ROWS) {
    const step = leadsFromRows(table.rows.slice(start, start + STEP_ROWS), mapping, source, amounts);
    for (const row of step.good) good.push(row);
    for (const row of step.bad) bad.push(row);
    onProgress?.(Math.min(table.rows.length, start + STEP_ROWS));
    await nextTurn();
  }
  return { good, bad };
}

/** Answers as the export writes them: a line each, `Question: answer`. A line without a question is a note-like answer to "Answer". */
export function answersOf(cell: string | undefined): Array<{ question: string; answer: string }> {
  return (cell ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(': ');
      return colon > 0 ? { question: line.slice(0, colon).trim(), answer: line.slice(colon + 2).trim() } : { question: 'Answer', answer: line };
    });
}

/** The row's opportunity, nothing when it has no amount, or why its amount is not one. */
function opportunityOf(amountCell: string | undefined, currencyCell: string | undefined, amounts: AmountReading | undefined) {
  if (!amountCell) return {};
  // A plain number with a point (as exports write it) is read as such in any locale.
  const amount = /^\d+(\.\d+)?$/.test(amountCell) ? Number(amountCell) : parseAmount(amountCell, amounts?.locale);
  if (amount === null || !(amount > 0)) return { problem: `opportunityAmount: "${amountCell.slice(0, 40)}" is not an amount, like 25000` };
  return { opportunity: { amount, currency: (currencyCell ?? amounts?.currency ?? '').toUpperCase() } };
}

function leadsFromRows(rows: CsvTable['rows'], mapping: ColumnMapping, source: Source, amounts?: AmountReading): { good: ImportRow[]; bad: RejectedRow[] } {
  const good: ImportRow[] = [];
  const bad: RejectedRow[] = [];
  for (const { row, cells } of rows) {
    const fields: Partial<Record<ImportField, string>> = {};
    mapping.forEach((field, column) => {
      const value = cells[column]?.trim();
      if (field && value) fields[field] = value;
    });
    const { opportunityAmount, currency, answers: answersCell, ...prospect } = fields;
    const answers = answersOf(answersCell);
    if (prospect.website) prospect.website = withScheme(prospect.website);
    const { opportunity, problem } = opportunityOf(opportunityAmount, currency, amounts);
    // Checked with the name parts the outbox derives already filled in: a full name whose last part
    // is too long for a last name is this row's problem, reported by its line, not the import's.
    const result = leadInputSchema.safeParse({ ...withNameParts({ ...prospect, source }), ...(opportunity ? { opportunity } : {}), ...(answers.length ? { answers } : {}) });
    const reasons = [...(problem ? [problem] : []), ...(result.success ? [] : result.error.issues.map((issue) => `${formFieldOf(issue.path, 'row')}: ${issue.message}`))];
    if (result.success && !problem) good.push({ row, lead: result.data });
    else bad.push({ row, reason: reasons.join('; ') });
  }
  return { good, bad };
}

/** What the organizer's list did to leads saved with a badge id only. */
export type BadgeMatches = { filled: number; alreadySynced: number; rest: ImportRow[] };

const badgeKey = (badgeId: string) => badgeId.trim().toLowerCase();

/**
 * The organizer's list: a row whose badge id is a lead's in the outbox fills in that lead's empty
 * fields (it keeps its source and what the rep typed) instead of adding another, and a lead that
 * needed its details is then due for the CRM. A row for a lead the CRM has already is left out
 * (the CRM's record is the one to change). The other rows are returned, to be added.
 */
export async function fillInByBadge(db: OutboxDb, rows: readonly ImportRow[], now = Date.now()): Promise<BadgeMatches> {
  if (!rows.some(({ lead }) => lead.badgeId)) return { filled: 0, alreadySynced: 0, rest: [...rows] };
  const byBadge = new Map((await db.leads.toArray()).filter((lead) => lead.badgeId).map((lead) => [badgeKey(lead.badgeId!), lead]));
  let filled = 0;
  let alreadySynced = 0;
  const rest: ImportRow[] = [];
  for (const row of rows) {
    const lead = row.lead.badgeId ? byBadge.get(badgeKey(row.lead.badgeId)) : undefined;
    if (!lead) {
      rest.push(row);
      continue;
    }
    if (!isEditable(lead)) {
      alreadySynced += 1;
      continue;
    }
    const { id, createdAt: _created, updatedAt: _updated, sync: _sync, ...current } = lead;
    const missing = Object.fromEntries(Object.entries(row.lead).filter(([field, value]) => field !== 'source' && field !== 'qualification' && field !== 'capture' && value !== undefined && current[field as keyof typeof current] === undefined));
    const updated = await updateLead(db, id, { ...current, ...missing }, now);
    byBadge.set(badgeKey(lead.badgeId!), updated);
    filled += 1;
  }
  return { filled, alreadySynced, rest };
}

/** Adds the good rows in one transaction: an import is whole or not at all. */
export async function importLeads(db: OutboxDb, rows: readonly ImportRow[], now = Date.now()): Promise<number> {
  return (await addLeads(db, rows.map(({ lead }) => lead), now)).length;
}

/**
 * Adds the good rows a step at a time, each step in one transaction, the browser free in
 * between. Cancel stops before the next step: what was written stays (the report says how
 * many), nothing is written half.
 */
export async function importInSteps(
  db: OutboxDb,
  rows: readonly ImportRow[],
  { signal, onProgress, now = Date.now() }: { signal?: AbortSignal; onProgress?: (imported: number) => void; now?: number } = {},
): Promise<{ imported: number; cancelled: boolean }> {
  let imported = 0;
  for (let start = 0; start < rows.length; start += STEP_ROWS) {
    if (signal?.aborted) return { imported, cancelled: true };
    const step = rows.slice(start, start + STEP_ROWS);
    // Capture times in row order across steps: the newest lead is the file's last row.
    imported += await importLeads(db, step, now - rows.length + start + step.length);
    onProgress?.(imported);
    await nextTurn();
  }
  return { imported, cancelled: false };
}

