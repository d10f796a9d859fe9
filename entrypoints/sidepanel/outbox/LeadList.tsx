import { createContext, lazy, Suspense, useCallback, useContext, useRef, useState } from 'react';
import { Virtualizer, type CustomContainerComponent, type CustomItemComponent, type VirtualizerHandle } from 'virtua';
import type { Lead } from '../../../lib/lead/schema';
import { outboxDb } from '../../../lib/outbox/db';
import type { MergeChoices } from '../../../lib/outbox/merge';
import { leadsByIds, likelyDuplicates } from '../../../lib/outbox/outbox';
import { requestEdit } from '../capture/leadEditor';
import { OutboxItem } from './OutboxItem';
import { newer } from '../savedLeads';
import { useOutboxQuery } from '../useOutboxQuery';

export type LeadActions = {
  remove: (lead: Lead) => void;
  merge: (keep: Lead, drop: Lead, choices: MergeChoices) => void;
  move: (lead: Lead, eventName: string) => void;
};

async function loadRows(ids: readonly string[]): Promise<Map<string, Lead>> {
  return new Map((await leadsByIds(outboxDb(), ids)).map((lead) => [lead.id, lead]));
}

/**
 * The list itself, virtualized: only the rows in view (and a few around) exist in the page and are
 * read from the outbox, so ten thousand leads open as fast as ten.
 */
type Props = {
  ids: readonly string[];
  /** The leads at the top of the list, already read: its first screen needs no second trip to the outbox. */
  firstRows?: readonly Lead[] | undefined;
  events: readonly string[];
  actions: LeadActions;
};

// Loaded when the rep first merges two leads.
const MergeDialog = lazy(() => import('./MergeDialog').then((module) => ({ default: module.MergeDialog })));

/** Leads read ahead of the visible range, so a short scroll finds its rows already read. */
const READ_AHEAD = 5;
/** The rows read before the list has been measured: more than a tall side panel shows. */
const FIRST_SCREEN = 15;

const SetSize = createContext(0);

const LeadsList: CustomContainerComponent = ({ children, style, ref }) => (
  <ul aria-label="Leads" style={style} ref={ref}>
    {children}
  </ul>
);

const LeadsListItem: CustomItemComponent = ({ children, style, index, ref }) => (
  <li style={style} ref={ref} aria-setsize={useContext(SetSize)} aria-posinset={index + 1}>
    {children}
  </li>
);

export function LeadList({ ids, firstRows, events, actions }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<VirtualizerHandle>(null);
  const [merging, setMerging] = useState<[Lead, Lead] | null>(null);
  const [range, setRange] = useState<readonly [number, number]>([0, FIRST_SCREEN]);
  const onScrollOrResize = useCallback(() => {
    const handle = list.current;
    if (!handle || handle.viewportSize === 0) return;
    const inView = [handle.findItemIndex(handle.scrollOffset), handle.findItemIndex(handle.scrollOffset + handle.viewportSize)] as const;
    // Read again only when rows in view fall outside what was read: not for every pixel scrolled.
    setRange((current) => (inView[0] >= current[0] && inView[1] <= current[1] ? current : [Math.max(0, inView[0] - READ_AHEAD), inView[1] + READ_AHEAD]));
  }, []);
  const visible = ids.slice(range[0], range[1] + 1);
  const key = visible.join(',');
  const rows = useOutboxQuery(() => loadRows(visible), [key]);
  // Duplicates are looked for once rows are read (not while the list still shows others, which would
  // slow the reading of the rows): a few index lookups per row. Again only when other rows are shown,
  // a shown lead was edited, or a lead was added, edited or deleted: not for a sync's status changes.
  const versions = rows && [...rows.values()].map((lead) => `${lead.id}@${lead.updatedAt}`).join(',');
  const duplicates = useOutboxQuery(async () => (rows ? likelyDuplicates(outboxDb(), [...rows.values()]) : undefined), [versions], { changedBy: ['leadSearch'] });

  return (
    <div ref={scroller} className="outbox__scroller">
      <SetSize value={ids.length}>
        <Virtualizer
          ref={list}
          scrollRef={scroller}
          data={ids}
          as={LeadsList}
          item={LeadsListItem}
          itemSize={76}
          bufferSize={400}
          onScroll={onScrollOrResize}
          onResize={onScrollOrResize}
        >
          {(id) => {
            // A row read before a save the form announced (firstRows) may be older than what was saved.
            const lead = newer(rows?.get(id), firstRows?.find((first) => first.id === id));
            if (!lead) {
              return (
                <div key={id} className="lead lead--loading" aria-busy="true">
                  Loading…
                </div>
              );
            }
            const duplicate = duplicates?.get(id);
            return (
              <OutboxItem
                key={id}
                lead={lead}
                duplicate={duplicate}
                events={events}
                onEdit={() => requestEdit(lead)}
                onDelete={() => actions.remove(lead)}
                onMerge={duplicate ? () => setMerging([lead, duplicate]) : undefined}
                onMove={(eventName) => actions.move(lead, eventName)}
              />
            );
          }}
        </Virtualizer>
      </SetSize>
      {merging && (
        <Suspense>
          <MergeDialog
            leads={merging}
            onMerge={(keep, drop, choices) => {
              actions.merge(keep, drop, choices);
              setMerging(null);
            }}
            onClose={() => setMerging(null)}
          />
        </Suspense>
      )}
    </div>
  );
}
