import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { eventNames } from '../../../lib/events';
import type { Lead } from '../../../lib/lead/schema';
import { outboxDb } from '../../../lib/outbox/db';
import { isFiltered, keepMatching, leadCount, matchingSets, newerIds, newestIds, newestLeads, noFilter, type LeadFilter } from '../../../lib/outbox/filter';
import type { MergeChoices } from '../../../lib/outbox/merge';
import { deleteLead, leadById, leadsByIds, moveToEvent, restoreLead, undoEdit } from '../../../lib/outbox/outbox';
import { download } from './download';
import { LeadList } from './LeadList';
import { OutboxFilters } from './OutboxFilters';
import { useWordIndex } from './useWordIndex';
import { FIRST_PAGE, firstScreen } from '../firstScreen';
import { onSaved } from '../savedLeads';
import { useOutboxQuery } from '../useOutboxQuery';

const UNDO_MS = 10_000;

type Undoable = { message: string; undo: () => Promise<void> };

function problem(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Matching leads read with a filter's result, so its first screen needs no second trip. */
const FIRST_MATCHES = 15;

/**
 * The ids the list shows, newest first. The first screenful comes from a small query, begun before
 * the panel's first render (../firstScreen.ts), so the list paints at once; the full order follows,
 * and is read again only when leads were added or removed (a sync changes thousands of statuses,
 * not the order). Filters are sets of ids from indexes, applied to that order in memory; the first
 * matching leads are read with them.
 */
function useListIds(filter: LeadFilter): {
  ids: string[] | undefined;
  /** What the list shows: the ids, or while they are being found, the ones it showed before. */
  shownIds: string[] | undefined;
  firstPage: Lead[] | undefined;
  firstRows: Lead[] | undefined;
  total: number | undefined;
} {
  const db = outboxDb();
  const order = useRef<{ ids: string[]; newestAt: number } | undefined>(undefined);
  const firstPage = useOutboxQuery(() => firstScreen.read(), []);
  // The order changes only when leads are added or deleted, which writes their search rows in the
  // same transaction; a sync writes neither.
  const allRead = useOutboxQuery(async () => {
    if (!firstPage) return undefined;
    // When this read began: a lead saved before then is in it, unless it was deleted since.
    const startedAt = performance.now();
    const [count, newest] = await Promise.all([leadCount(db), newestLeads(db, 1)]);
    const known = order.current;
    const newestAt = newest[0]?.createdAt ?? 0;
    if (known && known.ids.length === count && known.ids[0] === newest[0]?.id) return { ids: known.ids, startedAt };
    // Leads saved since (the usual change): only theirs are read, newest first, before the rest.
    const added = known ? await newerIds(db, known.newestAt) : [];
    const ids = known && known.ids.length + added.length === count ? [...added, ...known.ids] : await newestIds(db);
    order.current = { ids, newestAt };
    return { ids, startedAt };
  }, [firstPage !== undefined], { changedBy: ['leadSearch'] });
  const all = allRead?.ids;
  const words = useWordIndex(db, all !== undefined);
  const matches = useOutboxQuery(async () => {
    if (!isFiltered(filter) || !all) return undefined;
    const ids = keepMatching(all, await matchingSets(db, filter, Date.now(), words));
    return { filter, ids, first: await leadsByIds(db, ids.slice(0, FIRST_MATCHES)) };
  }, [filter, all, words]);
  const current = matches?.filter === filter ? matches : undefined;
  const firstIds = useMemo(() => firstPage?.map((lead) => lead.id), [firstPage]);
  // Leads the form has just saved, shown before the order is read again: a read of the order that
  // began after the save has them (or they were deleted since), and then they are the order's.
  const [justSaved, setJustSaved] = useState<ReadonlyArray<{ lead: Lead; at: number }>>([]);
  useEffect(() => onSaved((lead) => setJustSaved((before) => [{ lead, at: performance.now() }, ...before.filter((other) => other.lead.id !== lead.id)])), []);
  const readIds = all ?? firstIds;
  const read = useMemo(() => new Set(readIds), [readIds]);
  const settled = ({ lead, at }: { lead: Lead; at: number }) => read.has(lead.id) || (allRead !== undefined && allRead.startedAt > at);
  if (readIds && justSaved.some(settled)) setJustSaved(justSaved.filter((entry) => !settled(entry)));
  const unread = useMemo(() => justSaved.map((entry) => entry.lead), [justSaved]);
  const unfilteredIds = useMemo(() => (readIds && unread.length ? [...unread.map((lead) => lead.id), ...readIds] : readIds), [readIds, unread]);
  const ids = isFiltered(filter) ? current?.ids : unfilteredIds;
  const withUnread = useMemo(() => (unread.length && firstPage ? [...unread, ...firstPage] : firstPage), [unread, firstPage]);
  const firstRows = isFiltered(filter) ? current?.first : withUnread;
  // While a new filter is being answered the list keeps what it showed (the count says "Searching…").
  const [previous, setPrevious] = useState<{ ids: string[]; firstRows: Lead[] | undefined }>();
  if (ids && (previous?.ids !== ids || previous.firstRows !== firstRows)) setPrevious({ ids, firstRows });
  // Until the full order is read, a first page shorter than a page is the whole outbox.
  const counted = all?.length ?? (firstPage && firstPage.length < FIRST_PAGE ? firstPage.length : undefined);
  const total = counted === undefined ? undefined : counted + unread.length;
  return { ids, shownIds: ids ?? previous?.ids, firstPage, firstRows: ids ? firstRows : previous?.firstRows, total };
}

/**
 * The outbox, newest first, searchable, live as leads are saved and synced (here or in the service
 * worker). `shown` is false while another tab of the panel is in front.
 */
export function OutboxList({ shown = true }: { shown?: boolean }) {
  const [filter, setFilter] = useState<LeadFilter>(noFilter);
  const { ids, shownIds, firstPage, firstRows, total } = useListIds(filter);
  // Read once the first screen is drawn: the list comes first.
  const events = useOutboxQuery(() => (firstPage ? eventNames(outboxDb()) : Promise.resolve([])), [firstPage !== undefined], { changedBy: ['leadSearch'] }) ?? [];
  const [undoable, setUndoable] = useState<Undoable | null>(null);

  const change = useMutation({
    mutationFn: (action: () => Promise<Undoable | null>) => action(),
    onSuccess: (next) => next && setUndoable(next),
  });
  // A refused undo (the lead reached the CRM since) says why; the offer goes either way.
  const undo = useMutation({ mutationFn: (item: Undoable) => item.undo(), onSettled: () => setUndoable(null) });
  const exportView = useMutation({
    mutationFn: async (leadIds: readonly string[]) => {
      // The CSV library is loaded when the rep exports, not with the panel.
      const { leadsToCsv } = await import('../../../lib/csv/export');
      const leads = await leadsByIds(outboxDb(), [...leadIds].reverse());
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
        // Loaded with the merge dialog's first use, not with the panel.
        const { mergeLeads, unmerge } = await import('../../../lib/outbox/merge');
        const result = await mergeLeads(db, keep.id, drop.id, choices);
        return { message: `Merged into ${result.merged.fullName ?? result.merged.company}.`, undo: () => unmerge(db, result) };
      }),
    move: (lead: Lead, eventName: string) =>
      change.mutate(async () => {
        const before = await leadById(db, lead.id);
        const moved = await moveToEvent(db, lead.id, { eventName });
        return before ? { message: `Moved ${lead.fullName ?? lead.company} to ${eventName}.`, undo: () => undoEdit(db, before, moved).then(() => undefined) } : null;
      }),
  };

  if (firstPage === undefined) return null;
  const filtered = isFiltered(filter);
  return (
    <section className="outbox" aria-labelledby="outbox-heading">
      <div className="outbox__header">
        <h2 id="outbox-heading">Outbox</h2>
        <span className="outbox__count" role="status">
          {total === undefined ? '' : filtered ? (ids ? `${ids.length} of ${total} leads` : 'Searching…') : `${total} lead${total === 1 ? '' : 's'}`}
        </span>
        <button type="button" className="link" disabled={!ids?.length} onClick={() => ids && exportView.mutate(ids)}>
          Export CSV
        </button>
      </div>
      {(firstPage.length > 0 || !!shownIds?.length) && <OutboxFilters filter={filter} events={events} onChange={setFilter} />}
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
      {undo.isError && (
        <p className="form-problem" role="alert">
          Not undone: {problem(undo.error)}
        </p>
      )}
      {firstPage.length === 0 && !shownIds?.length ? (
        <p className="empty">No leads yet. Save one above; it stays here until your CRM has it.</p>
      ) : !shownIds ? (
        <p className="empty">Loading…</p>
      ) : shownIds.length === 0 ? (
        <p className="empty">No lead matches these filters.</p>
      ) : (
        // Drawn afresh when its tab is shown again: a list measured while hidden has no height to fill.
        <LeadList key={shown ? 'shown' : 'hidden'} ids={shownIds} firstRows={firstRows} events={events} actions={actions} />
      )}
    </section>
  );
}
