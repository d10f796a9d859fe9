import { lazy, Suspense, useState } from 'react';

// The CSV library comes with the import form, loaded when the rep opens it.
const CsvImport = lazy(() => import('./CsvImport').then((module) => ({ default: module.CsvImport })));

/** CSV in: badge scanners, spreadsheets. (CSV out is the outbox's "Export CSV", of the view on screen.) */
export function ImportExport() {
  const [open, setOpen] = useState(false);
  return (
    <details className="import-export" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Import from a spreadsheet</summary>
      {open && (
        <Suspense fallback={<p className="empty">Loading…</p>}>
          <CsvImport />
        </Suspense>
      )}
    </details>
  );
}
