import { useState } from 'react';
import type { Lead, Source } from '../../../lib/lead/schema';
import { sourceDetail, sourceLabels } from '../../../lib/lead/describe';
import { formatMoney } from '../../../lib/lead/amount';
import { isEditable } from '../../../lib/outbox/outbox';
import { download } from './download';
import { SyncStatusBadge } from './SyncStatusBadge';

function sourceLine(source: Source): string {
  const detail = sourceDetail(source);
  return detail ? `${sourceLabels[source.kind]} · ${detail}` : sourceLabels[source.kind];
}

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function syncDetail(sync: Lead['sync']): string | null {
  switch (sync.status) {
    case 'failed':
      return `${sync.lastError}. Next try at ${time.format(sync.dueAt)}.`;
    case 'rejected':
      return sync.message;
    case 'held':
      return 'Known by its badge id only: add a name or an email (or import the organizer’s list) to send it.';
    case 'synced':
      return sync.crmId ? `CRM id ${sync.crmId}` : null;
    default:
      return null;
  }
}

type Props = {
  lead: Lead;
  /** Another lead in the outbox that is likely the same person. */
  duplicate?: Lead | undefined;
  /** Events the lead can be moved to. */
  events: readonly string[];
  onEdit: () => void;
  onDelete: () => void;
  onMerge?: (() => void) | undefined;
  onMove: (eventName: string) => void;
};

/** One lead in the outbox list. Everything here is text: nothing from a page is rendered as HTML. */
export function OutboxItem({ lead, duplicate, events, onEdit, onDelete, onMerge, onMove }: Props) {
  const [moving, setMoving] = useState(false);
  const name = lead.fullName ?? lead.company ?? '';
  const detail = syncDetail(lead.sync);
  const currentEvent = lead.source.kind === 'event' ? lead.source.eventName : undefined;
  const otherEvents = events.filter((event) => event !== currentEvent);
  return (
    <div className={`lead lead--${lead.sync.status}`}>
      <div className="lead__main">
        <span className="lead__name">{name}</span>
        {lead.fullName && lead.company && <span className="lead__company">{lead.company}</span>}
      </div>
      <div className="lead__meta">
        <span className="lead__source">{sourceLine(lead.source)}</span>
        <span className={`lead__level lead__level--${lead.qualification.level}`}>{lead.qualification.level}</span>
        {lead.opportunity && <span className="lead__size">{formatMoney(lead.opportunity.amount, lead.opportunity.currency)}</span>}
        <SyncStatusBadge status={lead.sync.status} />
      </div>
      {lead.answers && (
        <ul className="outbox-item__answers" aria-label={`Answers of ${name || lead.badgeId}`}>
          {lead.answers.map(({ question, answer }) => (
            <li key={question}>
              {question}: <strong>{answer}</strong>
            </li>
          ))}
        </ul>
      )}
      {detail && <p className="lead__detail">{detail}</p>}
      {duplicate && (
        <p className="lead__duplicate">
          Possible duplicate of {[duplicate.fullName, duplicate.company].filter(Boolean).join(', ')}.{' '}
          {onMerge && (
            <button type="button" className="link" onClick={onMerge} aria-label={`Merge ${name} with its duplicate`}>
              Merge…
            </button>
          )}
        </p>
      )}
      {moving ? (
        <form
          className="lead__move"
          onSubmit={(event) => {
            event.preventDefault();
            const chosen = new FormData(event.currentTarget).get('event');
            if (typeof chosen === 'string' && chosen) onMove(chosen);
            setMoving(false);
          }}
        >
          <label>
            <span className="visually-hidden">Move {name} to event</span>
            <select name="event" defaultValue={otherEvents[0]}>
              {otherEvents.map((event) => (
                <option key={event}>{event}</option>
              ))}
            </select>
          </label>
          <button type="submit">Move</button>
          <button type="button" className="link" onClick={() => setMoving(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="lead__actions">
          {lead.sync.crmUrl && (
            <a className="link" href={lead.sync.crmUrl} target="_blank" rel="noopener noreferrer" aria-label={`Open in CRM: ${name}`}>
              Open in CRM
            </a>
          )}
          <button type="button" className="link" onClick={() => void import('../../../lib/csv/vcard').then(({ leadToVcard }) => download(`${name || 'lead'}.vcf`, leadToVcard(lead), 'text/vcard'))} aria-label={`vCard for ${name}`}>
            vCard
          </button>
          {isEditable(lead) && (
            <>
              <button type="button" className="link" onClick={onEdit} aria-label={`Edit ${name}`}>
                Edit
              </button>
              {otherEvents.length > 0 && (
                <button type="button" className="link" onClick={() => setMoving(true)} aria-label={`Move to event: ${name}`}>
                  Move to event
                </button>
              )}
              <button type="button" className="link" onClick={onDelete} aria-label={`Delete ${name}`}>
                Delete
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
