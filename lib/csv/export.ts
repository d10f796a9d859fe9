import Papa from 'papaparse';
import { sourceDetail } from '../lead/describe';
import type { Lead } from '../lead/schema';

// CSV out, safe to open in any spreadsheet whatever list separator its locale uses (comma,
// semicolon, tab): every cell is quoted, and any part of a cell that such a separator could split
// off and that starts like a formula (= + - @, a tab, a CR) gets a ' before it so it stays text.
// Numbers and phone numbers (+49 30 …) run nothing and are left as they are.

const COLUMNS = [
  'fullName', 'firstName', 'lastName', 'title', 'company', 'email', 'phone', 'website', 'location', 'linkedinUrl',
  'source', 'sourceDetail', 'qualification', 'status', 'crmId', 'createdAt', 'notes', 'opportunityAmount', 'currency', 'badgeId',
  'answers',
] as const;

const FORMULA_START = /^\s*[=+\-@]|^[\t\r]/;
const NUMBER_OR_PHONE = /^\s*[+-]?[\d\s()./-]*\d[\d\s()./-]*(?:\s*(?:x|ext\.?)\s*\d+)?\s*$/i;

function safe(value: string | undefined): string {
  if (!value) return '';
  // Split on the separators, keeping them: even-numbered parts are what a locale could read as cells.
  return value
    .split(/([,;\t])/)
    .map((part, i) => (i % 2 === 0 && FORMULA_START.test(part) && !NUMBER_OR_PHONE.test(part) ? `'${part}` : part))
    .join('');
}

export function leadsToCsv(leads: readonly Lead[]): string {
  const rows = leads.map((lead) => [
    lead.fullName, lead.firstName, lead.lastName, lead.title, lead.company, lead.email, lead.phone, lead.website,
    lead.location, lead.linkedinUrl, lead.source.kind, sourceDetail(lead.source), lead.qualification.level, lead.sync.status,
    lead.sync.crmId, new Date(lead.createdAt).toISOString(), lead.notes, lead.opportunity ? String(lead.opportunity.amount) : undefined,
    lead.opportunity?.currency, lead.badgeId,
    // The event's questions and answers, a line each: `Question: answer` (import reads them back).
    lead.answers?.map(({ question, answer }) => `${question}: ${answer}`).join('\n'),
  ].map(safe));
  return Papa.unparse({ fields: [...COLUMNS], data: rows }, { quotes: true });
}

/** Any table as CSV, made as safe as the leads' export: every cell quoted, formulas defused. */
export function tableToCsv(fields: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>): string {
  return Papa.unparse({ fields: [...fields], data: rows.map((row) => row.map((cell) => (typeof cell === 'number' ? String(cell) : safe(cell)))) }, { quotes: true });
}
