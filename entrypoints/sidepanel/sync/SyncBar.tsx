import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useOutboxQuery } from '../useOutboxQuery';
import { firstScreen } from '../firstScreen';
import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { sendMessage, type SyncNowOutcome } from '../../../lib/sync/messages';
import { outboxDb } from '../../../lib/outbox/db';
import { waitingCount } from '../../../lib/outbox/outbox';
import { loadSavedCrmKind, watchSavedCrmKind } from '../../../lib/crm/saved-crm';
import { syncPauseItem, syncProgressItem } from '../../../lib/sync/status';
import { reportSummary } from '../../../lib/sync/summary';
import { useOnline } from '../../../components/useOnline';
import { useStoredQuery } from '../../../components/useStoredQuery';

function outcomeMessage(outcome: SyncNowOutcome): string | null {
  switch (outcome.status) {
    case 'busy':
      return 'A sync is already running; the list updates as it goes.';
    case 'not-configured':
      return 'Connect a CRM in the settings first.';
    case 'paused':
      return 'Nothing was sent: sync is paused.';
    case 'offline':
      return 'Nothing was sent: you are offline.';
    case 'done':
      return null;
  }
}

/**
 * While the panel shows a sync running, it asks the service worker every few seconds. A worker that
 * was stopped in the middle (killed, crashed) is woken by the question: it gives back the dead sync's
 * batch and carries on, rather than leaving a frozen bar until the minute's alarm.
 */
const WAKE_WORKER_EVERY_MS = 5_000;

function useWorkerAwakeWhile(running: boolean): void {
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void sendMessage('syncRunning').catch(() => undefined), WAKE_WORKER_EVERY_MS);
    return () => clearInterval(timer);
  }, [running]);
}

/** How many leads wait for the CRM, the button that sends them, and the running sync's progress. */
export function SyncBar() {
  const queryClient = useQueryClient();
  const progress = useStoredQuery(syncProgressItem);
  const running = progress?.running === true;
  // While a sync runs, what still waits is what it has not synced or refused yet (leads captured
  // meanwhile count once it ends): counting the outbox's waiting leads reads every one of them, and
  // doing so every few seconds made the sync's own writes wait.
  const counted = useOutboxQuery(() => (running ? Promise.resolve(undefined) : firstScreen.after(() => waitingCount(outboxDb()))), [running]);
  const waiting = running && progress ? Math.max(0, progress.total - progress.synced - progress.needsAttention) : counted;
  const pause = useStoredQuery(syncPauseItem);
  const online = useOnline();
  const settings = useQuery({ queryKey: ['savedCrm'], queryFn: loadSavedCrmKind });
  useEffect(() => watchSavedCrmKind(() => void queryClient.invalidateQueries({ queryKey: ['savedCrm'] })), [queryClient]);
  const sync = useMutation({ mutationFn: () => sendMessage('syncNow') });
  const cancel = useMutation({ mutationFn: () => sendMessage('cancelSync') });

  const configured = settings.data != null;
  useWorkerAwakeWhile(running);
  const failures = progress ? progress.needsAttention + progress.retrying : 0;
  const message = sync.isError
    ? `Sync did not run: ${sync.error instanceof Error ? sync.error.message : String(sync.error)}`
    : sync.isSuccess && !(sync.data.status === 'offline' && online)
      ? outcomeMessage(sync.data)
      : null;

  return (
    <section className="sync-bar" aria-label="Sync">
      <p className="sync-bar__count">
        {waiting === undefined ? '' : waiting === 0 ? 'Nothing waiting to sync' : `${waiting} waiting to sync`}
      </p>
      {settings.isSuccess && !configured ? (
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Connect a CRM
        </button>
      ) : running ? (
        <button type="button" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
          Cancel sync
        </button>
      ) : (
        <button
          type="button"
          className="primary"
          disabled={sync.isPending || !configured}
          onClick={() => sync.mutate()}
          data-shortcut="Alt+S"
          aria-keyshortcuts="Alt+S"
        >
          Sync now
        </button>
      )}
      {!online && (
        <p className="sync-bar__offline">
          Offline. New leads are kept here and go to the CRM as soon as the connection is back.
        </p>
      )}
      {pause && !running && (
        <p className="sync-bar__paused" role="alert">
          Sync is paused: {pause.reason}{' '}
          <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
            Open settings
          </button>
        </p>
      )}
      {running && progress && (
        <div className="sync-bar__progress">
          <progress max={Math.max(progress.total, progress.sent, 1)} value={progress.sent} aria-label="Sync progress" />
          <span>
            {progress.sent} of {Math.max(progress.total, progress.sent)} sent{failures ? `, ${failures} not synced yet` : ''}
          </span>
        </div>
      )}
      <p className="sync-bar__result" role="status">
        {message ?? (progress && !running ? `Last sync: ${reportSummary(progress)}` : '')}
      </p>
    </section>
  );
}
