import type { Lead } from '../../../lib/lead/schema';
import { syncStatusLabels } from '../outbox/SyncStatusBadge';

/** Said before saving: this person is already in the outbox. */
export function DuplicateNotice({ lead, onOpen }: { lead: Lead; onOpen: () => void }) {
  const who = [lead.fullName, lead.company].filter(Boolean).join(', ');
  return (
    <div className="duplicate" role="status">
      <p>
        Already in your outbox: <strong>{who}</strong> ({syncStatusLabels[lead.sync.status]}).
      </p>
      <button type="button" onClick={onOpen}>
        Open and update it
      </button>
    </div>
  );
}
