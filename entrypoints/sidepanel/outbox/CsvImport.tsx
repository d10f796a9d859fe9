import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import {
  csvFileProblem,
  fillInByBadge,
  guessMapping,
  importFields,
  importInSteps,
  leadsFromTableInSteps,
  parseCsvInSteps,
  type ColumnMapping,
  type CsvTable,
  type RejectedRow,
} from '../../../lib/csv/import';
import { defaultCurrencyItem, defaultCurrencyOr } from '../../../lib/capture-form/currency';
import { browserLocale } from '../../../lib/lead/amount';
import { sourceSchema } from '../../../lib/lead/schema';
import type { SourceKind } from '../../../lib/lead/terms';
import { outboxDb } from '../../../lib/outbox/db';
import { SourceKindSelect } from '../capture/SourceKindSelect';
import { holdOutboxQueries } from '../useOutboxQuery';

const detailField: Record<SourceKind, string | null> = {
  prospecting: null,
  referral: 'referredBy',
  event: 'eventName',
  'prospecting-at-close': 'closedAccount',
};

/** Rejected rows listed in the report; the rest are counted. */
const LISTED_ROWS = 50;

/** How far a step is: rows of a total, or per cent of the file read. */
type Progress = { label: string; done: number; total: number; percent?: true };
type Report = { imported: number; bad: RejectedRow[]; cancelled: boolean; total: number; filled: number; alreadySynced: number };

/** A badge-scanner export or a spreadsheet into the outbox: map the columns, tag the source, import. */
export function CsvImport() {
  const ids = { file: useId(), detail: useId() };
  const [table, setTable] = useState<CsvTable | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [sourceKind, setSourceKind] = useState<SourceKind>('event');
  const [detail, setDetail] = useState('');
  const [result, setResult] = useState<Report | null>(null);
  const [problem, setProblem] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const cancel = useRef<AbortController | null>(null);

  const load = async (file: File | undefined) => {
    setResult(null);
    setProblem('');
    setTable(null);
    if (!file) return;
    const tooBig = csvFileProblem(file.size);
    if (tooBig) {
      setProblem(tooBig);
      return;
    }
    setProgress({ label: 'Reading the file', done: 0, total: 100, percent: true });
    try {
      const parsed = await parseCsvInSteps(await file.text(), (share) => setProgress({ label: 'Reading the file', done: Math.round(share * 100), total: 100, percent: true }));
      if (parsed.headers.length === 0 || parsed.rows.length === 0) {
        setProblem('That file has no rows under a header line.');
        return;
      }
      setTable(parsed);
      setMapping(guessMapping(parsed.headers));
    } finally {
      setProgress(null);
    }
  };

  const run = useMutation({
    mutationFn: async (): Promise<Report> => {
      const field = detailField[sourceKind];
      const source = sourceSchema.safeParse({ kind: sourceKind, ...(field ? { [field]: detail.trim() || undefined } : {}) });
      if (!source.success) throw new Error(source.error.issues[0]?.message ?? 'Check the source');
      const rows = table!.rows.length;
      const controller = new AbortController();
      cancel.current = controller;
      const release = holdOutboxQueries();
      try {
        // Amounts as this browser's locale writes them, in the default currency when a row names none.
        const amounts = { currency: defaultCurrencyOr(await defaultCurrencyItem.getValue()), locale: browserLocale() };
        const checked = await leadsFromTableInSteps(table!, mapping, source.data, {
          amounts,
          signal: controller.signal,
          onProgress: (done) => setProgress({ label: 'Checking the rows', done, total: rows }),
        });
        // The organizer's list: rows for leads saved with a badge id only fill those leads in.
        const badges = await fillInByBadge(outboxDb(), checked.good);
        const { imported, cancelled } = await importInSteps(outboxDb(), badges.rest, {
          signal: controller.signal,
          onProgress: (done) => setProgress({ label: 'Importing', done, total: badges.rest.length }),
        });
        return { imported, bad: checked.bad, cancelled: cancelled || controller.signal.aborted, total: rows, filled: badges.filled, alreadySynced: badges.alreadySynced };
      } finally {
        release();
        cancel.current = null;
        setProgress(null);
      }
    },
    onSuccess: (outcome) => {
      setResult(outcome);
      setTable(null);
    },
    onError: (error) => setProblem(error instanceof Error ? error.message : String(error)),
  });

  return (
    <div className="csv-import">
      <div className="field">
        <label htmlFor={ids.file}>Import CSV</label>
        <input id={ids.file} type="file" accept=".csv,text/csv" onChange={(event) => void load(event.target.files?.[0])} />
      </div>
      {table && (
        <>
          <table className="csv-preview">
            <caption>
              {table.rows.length} rows. Check which lead field each column fills.
            </caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Fills</th>
                <th scope="col">First row</th>
              </tr>
            </thead>
            <tbody>
              {table.headers.map((header, column) => (
                <tr key={`${column}-${header}`}>
                  <td>{header}</td>
                  <td>
                    <select
                      aria-label={`Field for column ${header}`}
                      value={mapping[column] ?? ''}
                      onChange={(event) => setMapping(mapping.map((f, i) => (i === column ? (event.target.value as ColumnMapping[number]) : f)))}
                    >
                      <option value="">(leave out)</option>
                      {importFields.map((field) => (
                        <option key={field} value={field}>
                          {field}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{table.rows[0]?.cells[column] ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <SourceKindSelect label="Tag imported leads as" value={sourceKind} onChange={setSourceKind} />
          {detailField[sourceKind] && (
            <div className="field">
              <label htmlFor={ids.detail}>Source detail</label>
              <input id={ids.detail} type="text" placeholder="The event, the referrer or the closed account" value={detail} onChange={(event) => setDetail(event.target.value)} />
            </div>
          )}
          <button type="button" className="primary" onClick={() => run.mutate()} disabled={run.isPending}>
            Import {table.rows.length} rows
          </button>
        </>
      )}
      {progress && (
        <div className="csv-progress" role="status">
          <label>
            {progress.label}… {progress.percent ? `${progress.done} %` : `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}`}
            <progress max={progress.total} value={progress.done} />
          </label>
          {run.isPending && (
            <button type="button" onClick={() => cancel.current?.abort()}>
              Cancel import
            </button>
          )}
        </div>
      )}
      {problem && (
        <p className="form-problem" role="alert">
          {problem}
        </p>
      )}
      {result && (
        <div className="csv-report" role="status">
          <p>
            {result.cancelled && `Import cancelled: the leads imported before it stay. `}
            Imported {result.imported} lead{result.imported === 1 ? '' : 's'}.
            {result.filled > 0 && ` Filled in ${result.filled} lead${result.filled === 1 ? '' : 's'} saved with a badge id (matched by badge id).`}
            {result.alreadySynced > 0 && ` ${result.alreadySynced} row${result.alreadySynced === 1 ? ' matches a lead' : 's match leads'} the CRM has already: left as ${result.alreadySynced === 1 ? 'it is' : 'they are'}.`}
            {result.bad.length > 0 && ` ${result.bad.length} row${result.bad.length === 1 ? ' was' : 's were'} not imported (numbered as in the spreadsheet, the header being row 1):`}
          </p>
          {result.bad.length > 0 && (
            <ul>
              {result.bad.slice(0, LISTED_ROWS).map((row) => (
                <li key={row.row}>
                  Row {row.row}: {row.reason}
                </li>
              ))}
            </ul>
          )}
          {result.bad.length > LISTED_ROWS && <p>… and {result.bad.length - LISTED_ROWS} more rows not imported, for the same kinds of reasons.</p>}
        </div>
      )}
    </div>
  );
}
