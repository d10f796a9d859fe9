import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it('doubles the ceiling with every attempt', () => {
    const top = () => 0.999_999;
    expect(retryDelayMs(1, top)).toBe(Math.floor(0.999_999 * BACKOFF_BASE_MS));
    expect(retryDelayMs(2, top)).toBe(Math.floor(0.999_999 * BACKOFF_BASE_MS * 2));
    expect(retryDelayMs(4, top)).toBe(Math.floor(0.999_999 * BACKOFF_BASE_MS * 8));
  });

  it('never waits longer than the cap', () => {
    expect(retryDelayMs(40, () => 0.999_999)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
  });

  it('spreads retries between a floor of one second and the ceiling', () => {
    expect(retryDelayMs(3, () => 0)).toBe(1_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(BACKOFF_BASE_MS * 2);
  });

  it("honours the CRM's Retry-After as a floor", () => {
    expect(retryDelayMs(1, () => 0, 30_000)).toBe(30_000);
    expect(retryDelayMs(10, () => 0.999_999, 30_000)).toBeGreaterThan(30_000);
  });
});
