import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { useStoredQuery } from '../../../components/useStoredQuery';
import { formatMoney } from '../../../lib/lead/amount';
import { outboxDb } from '../../../lib/outbox/db';
import { resultPeriodLabels, resultPeriods, resultTables, type Money, type ResultPeriod, type ResultRow } from '../../../lib/outcomes/results';
import { resultsToCsv } from '../../../lib/outcomes/results-csv';
import { outcomeRefreshItem, type OutcomeRefresh } from '../../../lib/outcomes/status';
import { sendMessage, type RefreshOutcomesStart } from '../../../lib/sync/messages';
import { download } from '../outbox/download';
import { useOutboxQuery } from '../useOutboxQuery';
import { FunnelChart } from './FunnelChart';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const days = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

function money(amounts: Money): string {
  const entries = Object.entries(amounts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([currency, amount]) => formatMoney(amount, currency)).join(', ') : '–';
}

function ResultTable({ caption, rows, first }: { caption: string; rows: ResultRow[]; first: string }) {
  if (!rows.length) return null;
  return (
    // Scrolls sideways in a narrow panel: focusable, so the keyboard can scroll it too.
    <div className="results__scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="results__table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col">Leads</th>
            <th scope="col">Meetings</th>
            <th scope="col">Demos</th>
            <th scope="col">Won</th>
            <th scope="col">Won value</th>
            <th scope="col">Pipeline</th>
            <th scope="col">Win rate</th>
            <th scope="col">Days to won</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.group}>
              <th scope="row">{row.group}</th>
              <td>{row.leads}</td>
              <td>{row.meetings}</td>
              <td>{row.demos}</td>
              <td>{row.won}</td>
              <td>{money(row.wonValue)}</td>
              <td>{money(row.pipeline)}</td>
              <td>{row.winRate === null ? '–' : percent.format(row.winRate)}</td>
              <td>{row.medianDaysToWon === null ? '–' : days.format(row.medianDaysToWon)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function startMessage(start: RefreshOutcomesStart): string | null {
  switch (start.status) {
    case 'started':
      return null;
    case 'busy':
      return 'A refresh is already running.';
    case 'not-configured':
      return 'Connect a CRM in the settings first.';
    case 'offline':
      return 'You are offline: the outcomes shown are from the last refresh.';
    case 'unavailable':
      // Only a webhook without an Outcomes URL has no way to say where leads stand.
      return 'Set an Outcomes URL in the settings: Fieldclip asks it where synced leads stand.';
  }
}

function RefreshStatus({ refresh }: { refresh: OutcomeRefresh | null | undefined }) {
  if (!refresh) return <p className="results__status">Outcomes not read yet.</p>;
  if (refresh.running)
    return (
      <div className="results__status">
        <progress max={Math.max(refresh.total, 1)} value={refresh.asked} aria-label="Outcome refresh progress" />
        <span>
          {refresh.asked} of {refresh.total} synced leads checked
        </span>
      </div>
    );
  return (
    <p className="results__status">
      Last refreshed {when.format(refresh.updatedAt)}: {refresh.placed} of {refresh.total} synced leads placed in the CRM
      {refresh.error && <span className="results__error"> · Stopped: {refresh.error}</span>}
    </p>
  );
}

/** The Results tab: which sources turn into meetings, demos and wins, and for how much. */
export function ResultsView() {
  const periodId = useId();
  const [period, setPeriod] = useState<ResultPeriod>('quarter');
  const tables = useOutboxQuery(() => resultTables(outboxDb(), period), [period]);
  const refresh = useStoredQuery(outcomeRefreshItem);
  const start = useMutation({ mutationFn: () => sendMessage('refreshOutcomes') });
  const said = start.isError ? `Could not start: ${start.error instanceof Error ? start.error.message : String(start.error)}` : start.data ? startMessage(start.data) : null;

  return (
    <section className="results" aria-label="Results">
      <div className="results__bar">
        <label htmlFor={periodId}>Captured</label>
        <select id={periodId} value={period} onChange={(event) => setPeriod(event.target.value as ResultPeriod)}>
          {resultPeriods.map((value) => (
            <option key={value} value={value}>
              {resultPeriodLabels[value]}
            </option>
          ))}
        </select>
        {refresh?.running ? (
          <button type="button" onClick={() => void sendMessage('cancelOutcomeRefresh')}>
            Stop refresh
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => start.mutate()} disabled={start.isPending}>
            Refresh outcomes
          </button>
        )}
      </div>
      <RefreshStatus refresh={refresh} />
      {said && (
        <p className="results__said" role="status">
          {said}
        </p>
      )}
      {tables && tables.withOutcome === 0 && (
        <div className="results__empty">
          <p>
            Once your CRM says where synced leads stand, this shows for each source, event, referrer and closed account how many leads became
            meetings, demos and wins, for how much, and how long a win took. Outcomes are read once a day and when you press Refresh outcomes.
          </p>
          <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
            Set up your CRM
          </button>
        </div>
      )}
      {tables && tables.leads === 0 && <p className="empty">No leads captured {resultPeriodLabels[period].toLowerCase()}.</p>}
      {tables && tables.leads > 0 && (
        <>
          <ResultTable caption="By source" first="Source" rows={tables.bySource} />
          <div className="funnels">
            {tables.bySource
              .filter((row) => row.leads > 0)
              .map((row) => (
                <FunnelChart key={row.kind} row={row} kind={row.kind} />
              ))}
          </div>
          <ResultTable caption="By event" first="Event" rows={tables.byEvent} />
          <ResultTable caption="By referrer" first="Referrer" rows={tables.byReferrer} />
          <ResultTable caption="By closed account" first="Closed account" rows={tables.byClosedAccount} />
          <button type="button" onClick={() => download(`fieldclip-results-${period}.csv`, resultsToCsv(tables), 'text/csv')}>
            Export CSV
          </button>
        </>
      )}
    </section>
  );
}
