import { CsvImport } from './CsvImport';

/** CSV in: badge scanners, spreadsheets. (CSV out is the outbox's "Export CSV", of the view on screen.) */
export function ImportExport() {
  return (
    <details className="import-export">
      <summary>Import from a spreadsheet</summary>
      <CsvImport />
    </details>
  );
}
