import { describe, expect, it } from 'vitest';
import { retryAfterMs, waitAskedFor } from './http';

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('120', NOW)).toBe(120_000);
    expect(retryAfterMs('Mon, 23 Nov 2026 09:00:30 GMT', NOW)).toBe(30_000);
    expect(retryAfterMs('Mon, 23 Nov 2026 08:00:00 GMT', NOW)).toBe(0);
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
    expect(retryAfterMs(null, NOW)).toBeUndefined();
  });
});

describe('waitAskedFor', () => {
  it('prefers Retry-After, then the rate-limit reset headers', () => {
    expect(waitAskedFor(new Headers({ 'Retry-After': '5', 'RateLimit-Reset': '60' }), NOW)).toBe(5_000);
    expect(waitAskedFor(new Headers({ 'RateLimit-Reset': '60' }), NOW)).toBe(60_000);
    expect(waitAskedFor(new Headers({ 'X-RateLimit-Reset': String(NOW / 1000 + 42) }), NOW)).toBe(42_000);
    expect(waitAskedFor(new Headers({}), NOW)).toBeUndefined();
  });
});
