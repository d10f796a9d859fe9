import { tableToCsv } from '../csv/export';
import type { Money, ResultRow, ResultTables } from './results';

/** "EUR 25000; USD 5000": amounts per currency, as plain numbers a spreadsheet reads. */
export function moneyCell(money: Money): string {
  return Object.entries(money)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => `${currency} ${Math.round(amount * 100) / 100}`)
    .join('; ');
}

const FIELDS = ['table', 'group', 'leads', 'meetings', 'demos', 'won', 'wonValue', 'pipeline', 'winRate', 'medianDaysToWon'] as const;

/** The Results tab's four tables as one CSV, a row per group, each row naming its table. */
export function resultsToCsv(tables: ResultTables): string {
  const named: Array<[string, ResultRow[]]> = [
    ['By source', tables.bySource],
    ['By event', tables.byEvent],
    ['By referrer', tables.byReferrer],
    ['By closed account', tables.byClosedAccount],
  ];
  const rows = named.flatMap(([table, rows]) =>
    rows.map((row) => [
      table, row.group, row.leads, row.meetings, row.demos, row.won, moneyCell(row.wonValue), moneyCell(row.pipeline),
      row.winRate === null ? '' : Math.round(row.winRate * 1000) / 1000, row.medianDaysToWon === null ? '' : Math.round(row.medianDaysToWon * 10) / 10,
    ]),
  );
  return tableToCsv(FIELDS, rows);
}
