import type { SyncReport } from './engine';

/** A time for "waits until": with seconds when it is a minute or two away, with the day when not today. */
function clockTime(at: number, now: number, locale?: string): string {
  const when = new Date(at);
  const time: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit', ...(at - now < 2 * 60_000 ? { second: '2-digit' } : {}) };
  if (when.toDateString() === new Date(now).toDateString()) return when.toLocaleTimeString(locale, time);
  return when.toLocaleString(locale, { weekday: 'short', day: 'numeric', month: 'short', ...time });
}

function heldSummary({ count, until }: NonNullable<SyncReport['held']>, now: number, locale?: string): string {
  return `${count} ${count === 1 ? 'lead waits' : 'leads wait'} until ${clockTime(until, now, locale)} to be sent again.`;
}

/** A finished sync in one line, as the panel's sync bar shows it after "Last sync:". */
export function reportSummary(report: SyncReport, now = Date.now(), locale?: string): string {
  const { sent, synced, needsAttention, retrying, held, stoppedBecause, cancelled } = report;
  if (sent === 0 && !stoppedBecause && !cancelled) return held ? `Nothing sent. ${heldSummary(held, now, locale)}` : 'Nothing to sync.';
  const parts = [`${synced} synced`];
  if (needsAttention) parts.push(`${needsAttention} need${needsAttention === 1 ? 's' : ''} attention`);
  if (retrying) parts.push(`${retrying} will be retried`);
  // Stopped or cancelled before the first lead went (refused credentials): nothing to count.
  const counts = sent === 0 ? 'Nothing sent.' : `${parts.join(', ')}.`;
  const summary = held ? `${counts} ${heldSummary(held, now, locale)}` : counts;
  if (cancelled) return `Cancelled. ${summary}`;
  return stoppedBecause ? `${summary} Stopped: ${stoppedBecause}` : summary;
}
