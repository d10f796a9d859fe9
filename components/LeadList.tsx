import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import type { Lead } from '../lib/lead/schema';
import { outboxDb } from '../lib/outbox/db';
import type { MergeChoices } from '../lib/outbox/merge';
import { likelyDuplicates } from '../lib/outbox/outbox';
import { requestEdit } from './leadEditor';
import { MergeDialog } from './MergeDialog';
import { OutboxItem } from './OutboxItem';
import { useOutboxQuery } from './useOutboxQuery';

export type LeadActions = {
  remove: (lead: Lead) => void;
  merge: (keep: Lead, drop: Lead, choices: MergeChoices) => void;
  move: (lead: Lead, eventName: string) => void;
};

async function loadRows(ids: readonly string[]): Promise<Map<string, Lead>> {
  const leads = (await outboxDb().leads.bulkGet([...ids])).filter((lead): lead is Lead => lead !== undefined);
  return new Map(leads.map((lead) => [lead.id, lead]));
}

/**
 * The list itself, virtualized: only the rows in view (and a few around) exist in the page and are
 * read from the outbox, so ten thousand leads open as fast as ten.
 */
type Props = {
  ids: readonly string[];
  /** The newest leads, already read: the list's first screen needs no second trip to the outbox. */
  firstPage?: readonly Lead[] | undefined;
  events: readonly string[];
  actions: LeadActions;
};

export function LeadList({ ids, firstPage, events, actions }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [merging, setMerging] = useState<[Lead, Lead] | null>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 76,
    overscan: 5,
    getItemKey: (index) => ids[index] ?? index,
    // Rows on the very first render, before the scroller has been measured.
    initialRect: { width: 360, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const visible = items.map((item) => ids[item.index]).filter((id): id is string => id !== undefined);
  const key = visible.join(',');
  const rows = useOutboxQuery(() => loadRows(visible), [key]);
  // Duplicates are looked for once the rows are drawn: a few index lookups per row.
  const duplicates = useOutboxQuery(
    async () => (rows ? likelyDuplicates(outboxDb(), visible.flatMap((id) => rows.get(id) ?? [])) : undefined),
    [key, rows],
  );

  return (
    <div ref={scroller} className="outbox__scroller">
      <ul aria-label="Leads" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const id = ids[item.index]!;
          const lead = rows?.get(id) ?? firstPage?.find((first) => first.id === id);
          const style = { transform: `translateY(${item.start}px)` };
          const position = { 'aria-setsize': ids.length, 'aria-posinset': item.index + 1 };
          if (!lead) {
            return (
              <li key={id} ref={virtualizer.measureElement} data-index={item.index} style={style} {...position}>
                <div className="lead lead--loading" aria-busy="true">
                  Loading…
                </div>
              </li>
            );
          }
          const duplicate = duplicates?.get(id);
          return (
            <li key={id} ref={virtualizer.measureElement} data-index={item.index} style={style} {...position}>
              <OutboxItem
                lead={lead}
                duplicate={duplicate}
                events={events}
                onEdit={() => requestEdit(lead)}
                onDelete={() => actions.remove(lead)}
                onMerge={duplicate ? () => setMerging([lead, duplicate]) : undefined}
                onMove={(eventName) => actions.move(lead, eventName)}
              />
            </li>
          );
        })}
      </ul>
      {merging && (
        <MergeDialog
          leads={merging}
          onMerge={(keep, drop, choices) => {
            actions.merge(keep, drop, choices);
            setMerging(null);
          }}
          onClose={() => setMerging(null)}
        />
      )}
    </div>
  );
}
