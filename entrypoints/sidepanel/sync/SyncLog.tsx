import { useOutboxQuery } from '../useOutboxQuery';
import { useState } from 'react';
import { outboxDb } from '../../../lib/outbox/db';
import { recentSyncLog } from '../../../lib/outbox/sync-log';

const time = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The last 200 attempts to reach the CRM: when, how many leads, what came of them. */
export function SyncLog() {
  const [open, setOpen] = useState(false);
  return (
    <details className="sync-log" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Sync log</summary>
      {open && <SyncLogTable />}
    </details>
  );
}

function SyncLogTable() {
  const entries = useOutboxQuery(() => recentSyncLog(outboxDb()), []);
  return (
    <>
      {!entries?.length ? (
        <p className="empty">No sync attempts yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Sent</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{time.format(entry.at)}</td>
                <td>{entry.sent}</td>
                <td>
                  {[
                    entry.synced && `${entry.synced} synced`,
                    entry.needsAttention && `${entry.needsAttention} need attention`,
                    entry.retrying && `${entry.retrying} to retry`,
                  ]
                    .filter(Boolean)
                    .join(', ') || 'none sent'}
                  {entry.error && <span className="sync-log__error"> · {entry.error}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
