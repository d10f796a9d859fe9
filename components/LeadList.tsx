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

async function loadRows(ids: readonly string[]) {
  const db = outboxDb();
  const leads = (await db.leads.bulkGet([...ids])).filter((lead): lead is Lead => lead !== undefined);
  return { leads: new Map(leads.map((lead) => [lead.id, lead])), duplicates: await likelyDuplicates(db, leads) };
}

/**
 * The list itself, virtualized: only the rows in view (and a few around) exist in the page and are
 * read from the outbox, so ten thousand leads open as fast as ten.
 */
export function LeadList({ ids, events, actions }: { ids: readonly string[]; events: readonly string[]; actions: LeadActions }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [merging, setMerging] = useState<[Lead, Lead] | null>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 76,
    overscan: 5,
    getItemKey: (index) => ids[index] ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const visible = items.map((item) => ids[item.index]).filter((id): id is string => id !== undefined);
  const rows = useOutboxQuery(() => loadRows(visible), [visible.join(',')]);

  return (
    <div ref={scroller} className="outbox__scroller">
      <ul aria-label="Leads" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const id = ids[item.index]!;
          const lead = rows?.leads.get(id);
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
          const duplicate = rows?.duplicates.get(id);
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
