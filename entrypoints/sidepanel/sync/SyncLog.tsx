import { lazy, Suspense, useState } from 'react';

// The table loads when the rep first opens the log: it is rarely read.
const SyncLogTable = lazy(() => import('./SyncLogTable').then((module) => ({ default: module.SyncLogTable })));

/** The last 200 attempts to reach the CRM: when, how many leads, what came of them. */
export function SyncLog() {
  const [open, setOpen] = useState(false);
  return (
    <details className="sync-log" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Sync log</summary>
      {open && (
        <Suspense fallback={<p className="empty">Loading…</p>}>
          <SyncLogTable />
        </Suspense>
      )}
    </details>
  );
}
