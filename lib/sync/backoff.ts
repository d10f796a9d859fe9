// Exponential backoff with full jitter (a random wait between zero and the exponential cap),
// so a crowd of reps coming back online after a trade-show outage does not retry in step.

export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_CAP_MS = 60 * 60_000;
const MIN_WAIT_MS = 1_000;

/**
 * How long to wait before the next attempt of a lead that has failed `attempts` times.
 * A CRM's own `Retry-After` is a floor: we never come back sooner than it asked.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random, retryAfterMs?: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.max(MIN_WAIT_MS, Math.floor(random() * ceiling));
  return Math.max(jittered, retryAfterMs ?? 0);
}
