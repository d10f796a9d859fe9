import { describe, expect, it } from 'vitest';
import type { SyncReport } from './engine';
import { reportSummary } from './summary';

// Local times, so the day boundaries hold in any time zone; spaces normalised (ICU puts a narrow
// no-break space before "PM").
const at = (day: number, hour: number, minute: number, second = 0) => new Date(2026, 10, day, hour, minute, second).getTime();
const NOW = at(23, 16, 7, 30);
const report = (fields: Partial<SyncReport>): SyncReport => ({ total: 0, sent: 0, synced: 0, needsAttention: 0, retrying: 0, ...fields });
const summary = (fields: Partial<SyncReport>) => reportSummary(report(fields), NOW, 'en-US').replace(/\s/g, ' ');

describe('reportSummary', () => {
  it('counts what a sync did', () => {
    expect(summary({ total: 5, sent: 5, synced: 3, needsAttention: 1, retrying: 1 })).toBe('3 synced, 1 needs attention, 1 will be retried.');
    expect(summary({ total: 1000, sent: 400, synced: 200, cancelled: true })).toBe('Cancelled. 200 synced.');
    expect(summary({ total: 2, sent: 2, retrying: 2, stoppedBecause: 'Could not reach the CRM' })).toBe('0 synced, 2 will be retried. Stopped: Could not reach the CRM');
    expect(summary({ total: 3, stoppedBecause: 'The CRM answered 401 Unauthorized' })).toBe('Nothing sent. Stopped: The CRM answered 401 Unauthorized');
    expect(summary({ total: 3, cancelled: true })).toBe('Cancelled. Nothing sent.');
    expect(summary({})).toBe('Nothing to sync.');
  });

  it('says how many leads wait for their CRM and until when: seconds when it is near, the day when it is not today', () => {
    expect(summary({ total: 1, held: { count: 1, until: at(23, 16, 9, 23) } })).toBe('Nothing sent. 1 lead waits until 4:09:23 PM to be sent again.');
    expect(summary({ total: 4, sent: 2, synced: 2, held: { count: 2, until: at(23, 17, 7) } })).toBe('2 synced. 2 leads wait until 5:07 PM to be sent again.');
    expect(summary({ total: 1, held: { count: 1, until: at(24, 9, 30) } })).toBe('Nothing sent. 1 lead waits until Tue, Nov 24, 9:30 AM to be sent again.');
  });
});
