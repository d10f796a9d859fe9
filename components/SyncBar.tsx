import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { sendMessage, type SyncNowOutcome } from '../lib/messaging';
import { outboxDb } from '../lib/outbox/db';
import { waitingCount } from '../lib/outbox/outbox';
import { loadCrmSettings, watchCrmSettings } from '../lib/settings';

function outcomeMessage(outcome: SyncNowOutcome): string {
  switch (outcome.status) {
    case 'busy':
      return 'A sync is already running; the list updates as it goes.';
    case 'not-configured':
      return 'Connect a CRM in the settings first.';
    case 'done': {
      const { sent, synced, needsAttention, retrying, stoppedBecause, cancelled } = outcome.report;
      if (sent === 0 && !stoppedBecause) return 'Nothing to sync.';
      const parts = [`${synced} synced`];
      if (needsAttention) parts.push(`${needsAttention} need${needsAttention === 1 ? 's' : ''} attention`);
      if (retrying) parts.push(`${retrying} will be retried`);
      const summary = `${parts.join(', ')}.`;
      if (cancelled) return `Cancelled. ${summary}`;
      return stoppedBecause ? `${summary} Stopped: ${stoppedBecause}` : summary;
    }
  }
}

/** How many leads wait for the CRM, and the button that sends them. */
export function SyncBar() {
  const queryClient = useQueryClient();
  const waiting = useLiveQuery(() => waitingCount(outboxDb()), []);
  const settings = useQuery({ queryKey: ['crmSettings'], queryFn: loadCrmSettings });
  useEffect(() => watchCrmSettings(() => void queryClient.invalidateQueries({ queryKey: ['crmSettings'] })), [queryClient]);
  const sync = useMutation({ mutationFn: () => sendMessage('syncNow') });

  const configured = settings.data != null;
  return (
    <section className="sync-bar" aria-label="Sync">
      <p className="sync-bar__count">
        {waiting === undefined ? '' : waiting === 0 ? 'Nothing waiting to sync' : `${waiting} waiting to sync`}
      </p>
      {settings.isSuccess && !configured ? (
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Connect a CRM
        </button>
      ) : (
        <button type="button" className="primary" disabled={sync.isPending || !configured} onClick={() => sync.mutate()}>
          {sync.isPending ? 'Syncing…' : 'Sync now'}
        </button>
      )}
      <p className="sync-bar__result" role="status">
        {sync.isSuccess && outcomeMessage(sync.data)}
        {sync.isError && `Sync did not run: ${sync.error instanceof Error ? sync.error.message : String(sync.error)}`}
      </p>
    </section>
  );
}
