import { describe, expect, it } from 'vitest';
import { errorDetail, retryAfterMs, waitAskedFor } from './http';

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

describe('errorDetail', () => {
  const detail = (body: string, contentType = 'application/json') => errorDetail(new Response(body, { status: 400, headers: { 'Content-Type': contentType } }));

  it("finds the CRM's own words in each CRM's error shape", async () => {
    expect(await detail('{"status":"error","message":"Property values were not valid","category":"VALIDATION_ERROR"}')).toBe('Property values were not valid');
    expect(await detail('{"statusCode":400,"messages":["Invalid email"],"error":"BadRequestException"}')).toBe('Invalid email');
    expect(await detail('[{"message":"insufficient access rights on object id","errorCode":"INSUFFICIENT_ACCESS_OR_READONLY"}]')).toBe('insufficient access rights on object id');
    expect(await detail('{"error":"invalid_grant","error_description":"expired access/refresh token"}')).toBe('expired access/refresh token');
    expect(await detail('{"success":false,"error":"unauthorized access","errorCode":401}')).toBe('unauthorized access');
  });

  it('keeps plain text short and drops an HTML page', async () => {
    expect(await detail('Bad   gateway\n  upstream', 'text/plain')).toBe('Bad gateway upstream');
    expect(await detail('<!doctype html><h1>502</h1>', 'text/html')).toBe('');
    expect((await detail(`{"message":"${'x'.repeat(400)}"}`)).length).toBe(300);
  });
});
