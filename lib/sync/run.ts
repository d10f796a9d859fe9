import { crmFor } from '../crm';
import type { SyncNowOutcome } from '../messaging';
import { outboxDb } from '../outbox/db';
import { loadCrmSettings } from '../settings';
import { syncOutbox, withSyncLock } from './engine';

/** One sync of the extension's outbox to the saved CRM, unless another is running. */
export async function runSync({ force }: { force: boolean }): Promise<SyncNowOutcome> {
  const settings = await loadCrmSettings();
  if (!settings) return { status: 'not-configured' };
  const report = await withSyncLock(() => syncOutbox(outboxDb(), crmFor(settings), { force }));
  return report ? { status: 'done', report } : { status: 'busy' };
}
