import { useOutboxQuery } from '../useOutboxQuery';
import { outboxDb } from '../../../lib/outbox/db';
import { recentSyncLog } from '../../../lib/outbox/sync-log';

const time = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The sync log's rows, newest first. */
export function SyncLogTable() {
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
