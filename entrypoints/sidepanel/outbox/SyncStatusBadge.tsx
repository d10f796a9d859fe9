import type { SyncStatus } from '../../../lib/lead/schema';

export const syncStatusLabels: Record<SyncStatus, string> = {
  pending: 'Pending',
  synced: 'Synced',
  failed: 'Will retry',
  rejected: 'Needs attention',
  held: 'Needs details',
};

export function SyncStatusBadge({ status }: { status: SyncStatus }) {
  return <span className={`badge badge--${status}`}>{syncStatusLabels[status]}</span>;
}
