import { useMutation } from '@tanstack/react-query';
import { leadsToCsv } from '../lib/csv/export';
import { outboxDb } from '../lib/outbox/db';
import { CsvImport } from './CsvImport';
import { download } from './download';

/** CSV in (badge scanners, spreadsheets) and out (the whole outbox). */
export function ImportExport() {
  const exportAll = useMutation({
    mutationFn: async () => {
      const leads = await outboxDb().leads.orderBy('createdAt').toArray();
      download(`fieldclip-leads-${new Date().toISOString().slice(0, 10)}.csv`, leadsToCsv(leads), 'text/csv;charset=utf-8');
    },
  });
  return (
    <details className="import-export">
      <summary>Import and export</summary>
      <CsvImport />
      <button type="button" onClick={() => exportAll.mutate()}>
        Export CSV
      </button>
    </details>
  );
}
