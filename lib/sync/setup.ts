import { onMessage } from '../messaging';
import { runSync } from './run';

/** The service worker's side of "Sync now". */
export function setUpSyncMessages(): void {
  onMessage('syncNow', () => runSync({ force: true }));
}
