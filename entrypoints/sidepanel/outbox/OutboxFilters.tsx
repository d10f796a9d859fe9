import { sourceLabels } from '../../../lib/lead/describe';
import { sourceKinds } from '../../../lib/lead/terms';
import { dateFilters, FILTER_TEXT_MAX, isFiltered, noFilter, statusFilters, withCriterion, type LeadFilter } from '../../../lib/outbox/filter';

type Props = { filter: LeadFilter; events: readonly string[]; onChange: (filter: LeadFilter) => void };

/** Search and filters over the outbox. The search box answers "/" from anywhere in the panel. */
export function OutboxFilters({ filter, events, onChange }: Props) {
  const set = (field: keyof LeadFilter, value: string) => onChange(withCriterion(filter, field, value));
  return (
    <div className="outbox-filters" role="search" aria-label="Search the outbox">
      <label className="outbox-filters__search">
        <span className="visually-hidden">Search leads</span>
        <input
          type="search"
          id="outbox-search"
          placeholder="Search name, company, email, notes…"
          value={filter.text}
          maxLength={FILTER_TEXT_MAX}
          aria-keyshortcuts="/"
          data-shortcut="/"
          onChange={(event) => set('text', event.target.value)}
        />
      </label>
      <FilterSelect label="Filter by source" all="All sources" value={filter.source} options={sourceKinds.map((kind) => [kind, sourceLabels[kind]])} onChange={(value) => set('source', value)} />
      {events.length > 0 && (
        <FilterSelect label="Filter by event" all="All events" value={filter.event} options={events.map((name) => [name, name])} onChange={(value) => set('event', value)} />
      )}
      <FilterSelect
        label="Filter by status"
        all="Any status"
        value={filter.status}
        options={Object.entries(statusFilters).map(([value, { label }]) => [value, label])}
        onChange={(value) => set('status', value)}
      />
      <FilterSelect label="Filter by date" all="Any date" value={filter.date} options={Object.entries(dateFilters)} onChange={(value) => set('date', value)} />
      {isFiltered(filter) && (
        <button type="button" className="link" onClick={() => onChange(noFilter)}>
          Clear filters
        </button>
      )}
    </div>
  );
}

type FilterSelectProps = {
  /** Read by screen readers; the first option says what the filter is. */
  label: string;
  /** The first option, which leaves this criterion out. */
  all: string;
  value: string;
  options: ReadonlyArray<readonly [value: string, label: string]>;
  onChange: (value: string) => void;
};

function FilterSelect({ label, all, value, options, onChange }: FilterSelectProps) {
  return (
    <label>
      <span className="visually-hidden">{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{all}</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  );
}
