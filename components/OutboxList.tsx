import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { eventNames } from '../lib/events';
import type { Lead } from '../lib/lead/schema';
import { outboxDb } from '../lib/outbox/db';
import { filterLeadIds, isFiltered, noFilter, type LeadFilter } from '../lib/outbox/filter';
import { mergeLeads, unmerge, type MergeChoices } from '../lib/outbox/merge';
import { deleteLead, moveToEvent, restoreLead } from '../lib/outbox/outbox';
import { leadsToCsv } from '../lib/csv/export';
import { download } from './download';
import { LeadList } from './LeadList';
import { OutboxFilters } from './OutboxFilters';
import { useOutboxQuery } from './useOutboxQuery';

const UNDO_MS = 10_000;

type Undoable = { message: string; undo: () => Promise<void> };

function problem(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The outbox, newest first, searchable, live as leads are saved and synced (here or in the service worker). */
export function OutboxList() {
  const [filter, setFilter] = useState<LeadFilter>(noFilter);
  const ids = useOutboxQuery(() => filterLeadIds(outboxDb(), filter), [filter]);
  const total = useOutboxQuery(() => outboxDb().leads.count(), []);
  const events = useOutboxQuery(() => eventNames(outboxDb()), []) ?? [];
  const [undoable, setUndoable] = useState<Undoable | null>(null);

  const change = useMutation({
    mutationFn: (action: () => Promise<Undoable | null>) => action(),
    onSuccess: (next) => next && setUndoable(next),
  });
  const undo = useMutation({ mutationFn: (item: Undoable) => item.undo(), onSuccess: () => setUndoable(null) });
  const exportView = useMutation({
    mutationFn: async (leadIds: readonly string[]) => {
      const leads = (await outboxDb().leads.bulkGet([...leadIds].reverse())).filter((lead): lead is Lead => lead !== undefined);
      download(`fieldclip-leads-${new Date().toISOString().slice(0, 10)}.csv`, leadsToCsv(leads), 'text/csv;charset=utf-8');
    },
  });

  useEffect(() => {
    if (!undoable) return;
    const timer = setTimeout(() => setUndoable(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [undoable]);

  const db = outboxDb();
  const actions = {
    remove: (lead: Lead) =>
      change.mutate(async () => {
        const deleted = await deleteLead(db, lead.id);
        return { message: `Deleted ${deleted.fullName ?? deleted.company}.`, undo: () => restoreLead(db, deleted) };
      }),
    merge: (keep: Lead, drop: Lead, choices: MergeChoices) =>
      change.mutate(async () => {
        const result = await mergeLeads(db, keep.id, drop.id, choices);
        return { message: `Merged into ${result.merged.fullName ?? result.merged.company}.`, undo: () => unmerge(db, result) };
      }),
    move: (lead: Lead, eventName: string) =>
      change.mutate(async () => {
        const before = await db.leads.get(lead.id);
        await moveToEvent(db, lead.id, { eventName });
        return before ? { message: `Moved ${lead.fullName ?? lead.company} to ${eventName}.`, undo: () => restoreLead(db, before) } : null;
      }),
  };

  if (!ids || total === undefined) return null;
  const filtered = isFiltered(filter);
  return (
    <section className="outbox" aria-labelledby="outbox-heading">
      <div className="outbox__header">
        <h2 id="outbox-heading">Outbox</h2>
        <span className="outbox__count" role="status">
          {filtered ? `${ids.length} of ${total} leads` : `${total} lead${total === 1 ? '' : 's'}`}
        </span>
        <button type="button" className="link" disabled={ids.length === 0} onClick={() => exportView.mutate(ids)}>
          Export CSV
        </button>
      </div>
      {total > 0 && <OutboxFilters filter={filter} events={events} onChange={setFilter} />}
      {undoable && (
        <div className="undo" role="status">
          {undoable.message}{' '}
          <button type="button" onClick={() => undo.mutate(undoable)}>
            Undo
          </button>
        </div>
      )}
      {change.isError && (
        <p className="form-problem" role="alert">
          Not done: {problem(change.error)}
        </p>
      )}
      {total === 0 ? (
        <p className="empty">No leads yet. Save one above; it stays here until your CRM has it.</p>
      ) : ids.length === 0 ? (
        <p className="empty">No lead matches these filters.</p>
      ) : (
        <LeadList ids={ids} events={events} actions={actions} />
      )}
    </section>
  );
}
