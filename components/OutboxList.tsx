import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Lead } from '../lib/lead/schema';
import { outboxDb } from '../lib/outbox/db';
import { deleteLead, recentLeads, restoreLead } from '../lib/outbox/outbox';
import { requestEdit } from './leadEditor';
import { OutboxItem } from './OutboxItem';
import { useOutboxQuery } from './useOutboxQuery';

const UNDO_MS = 10_000;

/** The outbox, newest first, live as leads are saved and synced (in this panel or the service worker). */
export function OutboxList() {
  const leads = useOutboxQuery(() => recentLeads(outboxDb()), []);
  const [deleted, setDeleted] = useState<Lead | null>(null);
  const remove = useMutation({ mutationFn: (id: string) => deleteLead(outboxDb(), id), onSuccess: setDeleted });
  const undo = useMutation({ mutationFn: (lead: Lead) => restoreLead(outboxDb(), lead), onSuccess: () => setDeleted(null) });

  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => setDeleted(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [deleted]);

  if (!leads) return null;
  return (
    <section className="outbox" aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">Outbox</h2>
      {deleted && (
        <div className="undo" role="status">
          Deleted {deleted.fullName ?? deleted.company}.{' '}
          <button type="button" onClick={() => undo.mutate(deleted)}>
            Undo
          </button>
        </div>
      )}
      {remove.isError && (
        <p className="form-problem" role="alert">
          Not deleted: {remove.error instanceof Error ? remove.error.message : String(remove.error)}
        </p>
      )}
      {leads.length === 0 ? (
        <p className="empty">No leads yet. Save one above; it stays here until your CRM has it.</p>
      ) : (
        <ul aria-label="Leads">
          {leads.map((lead) => (
            <OutboxItem key={lead.id} lead={lead} onEdit={() => requestEdit(lead)} onDelete={() => remove.mutate(lead.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}
