import type { Lead, Source } from '../lib/lead/schema';
import { leadToVcard } from '../lib/csv/export';
import { sourceDetail, sourceLabels } from '../lib/lead/describe';
import { isEditable } from '../lib/outbox/outbox';
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
    case 'synced':
      return sync.crmId ? `CRM id ${sync.crmId}` : null;
    default:
      return null;
  }
}

/** One lead in the outbox list. Everything here is text: nothing from a page is rendered as HTML. */
export function OutboxItem({ lead, onEdit, onDelete }: { lead: Lead; onEdit: () => void; onDelete: () => void }) {
  const name = lead.fullName ?? lead.company ?? '';
  const detail = syncDetail(lead.sync);
  return (
    <li className={`lead lead--${lead.sync.status}`}>
      <div className="lead__main">
        <span className="lead__name">{name}</span>
        {lead.fullName && lead.company && <span className="lead__company">{lead.company}</span>}
      </div>
      <div className="lead__meta">
        <span className="lead__source">{sourceLine(lead.source)}</span>
        <span className={`lead__level lead__level--${lead.qualification.level}`}>{lead.qualification.level}</span>
        <SyncStatusBadge status={lead.sync.status} />
      </div>
      {detail && <p className="lead__detail">{detail}</p>}
      <div className="lead__actions">
        <button type="button" className="link" onClick={() => download(`${name || 'lead'}.vcf`, leadToVcard(lead), 'text/vcard')} aria-label={`vCard for ${name}`}>
          vCard
        </button>
        {isEditable(lead) && (
          <>
          <button type="button" className="link" onClick={onEdit} aria-label={`Edit ${name}`}>
            Edit
          </button>
          <button type="button" className="link" onClick={onDelete} aria-label={`Delete ${name}`}>
            Delete
          </button>
          </>
        )}
      </div>
    </li>
  );
}
