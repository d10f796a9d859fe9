import { sourceLabels } from '../lib/lead/describe';
import { sourceKinds } from '../lib/lead/schema';
import { dateFilters, isFiltered, leadFilterSchema, noFilter, statusFilters, type LeadFilter } from '../lib/outbox/filter';

type Props = { filter: LeadFilter; events: readonly string[]; onChange: (filter: LeadFilter) => void };

/** Search and filters over the outbox. The search box answers "/" from anywhere in the panel. */
export function OutboxFilters({ filter, events, onChange }: Props) {
  const set = (field: keyof LeadFilter, value: string) => onChange(leadFilterSchema.parse({ ...filter, [field]: value }));
  return (
    <div className="outbox-filters" role="search" aria-label="Search the outbox">
      <label className="outbox-filters__search">
        <span className="visually-hidden">Search leads</span>
        <input
          type="search"
          id="outbox-search"
          placeholder="Search name, company, email, notes…"
          value={filter.text}
          maxLength={200}
          aria-keyshortcuts="/"
          data-shortcut="/"
          onChange={(event) => set('text', event.target.value)}
        />
      </label>
      <label>
        <span className="visually-hidden">Filter by source</span>
        <select value={filter.source} onChange={(event) => set('source', event.target.value)}>
          <option value="">All sources</option>
          {sourceKinds.map((kind) => (
            <option key={kind} value={kind}>
              {sourceLabels[kind]}
            </option>
          ))}
        </select>
      </label>
      {events.length > 0 && (
        <label>
          <span className="visually-hidden">Filter by event</span>
          <select value={filter.event} onChange={(event) => set('event', event.target.value)}>
            <option value="">All events</option>
            {events.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        <span className="visually-hidden">Filter by status</span>
        <select value={filter.status} onChange={(event) => set('status', event.target.value)}>
          <option value="">Any status</option>
          {Object.entries(statusFilters).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="visually-hidden">Filter by date</span>
        <select value={filter.date} onChange={(event) => set('date', event.target.value)}>
          <option value="">Any date</option>
          {Object.entries(dateFilters).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {isFiltered(filter) && (
        <button type="button" className="link" onClick={() => onChange(noFilter)}>
          Clear filters
        </button>
      )}
    </div>
  );
}
