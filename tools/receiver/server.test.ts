import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from './server';

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('the reference receiver', () => {
  it('answers each lead with its CRM id and keeps one record per lead id', async () => {
    receiver = await startReceiver();
    const lead = { id: 'a1', fullName: 'Jane Doe' };
    const first = await post(receiver.webhookUrl, { leads: [lead] });
    expect(await first.json()).toEqual({ results: [{ id: 'a1', status: 'ok', crmId: 'rcv-1' }] });
    const again = await post(receiver.webhookUrl, { leads: [lead, { id: 'b2', company: 'Acme' }] });
    expect(await again.json()).toEqual({
      results: [
        { id: 'a1', status: 'ok', crmId: 'rcv-1' },
        { id: 'b2', status: 'ok', crmId: 'rcv-2' },
      ],
    });
    expect(receiver.received().map((entry) => [entry.lead.id, entry.deliveries])).toEqual([
      ['a1', 2],
      ['b2', 1],
    ]);
  });

  it('counts the most requests it answered at once', async () => {
    receiver = await startReceiver({ delayMs: 200 });
    await post(receiver.webhookUrl, { leads: [{ id: 'a1', fullName: 'Jane' }] });
    expect(receiver.mostAtOnce()).toBe(1);
    await Promise.all([1, 2, 3].map((n) => post(receiver!.webhookUrl, { leads: [{ id: `b${n}`, fullName: 'Joe' }] })));
    expect(receiver.mostAtOnce()).toBe(3);
  });

  it('keeps what it received across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fieldclip-receiver-'));
    try {
      receiver = await startReceiver({ dataDir });
      await post(receiver.webhookUrl, { leads: [{ id: 'a1', fullName: 'Jane' }] });
      await receiver.close();
      receiver = await startReceiver({ dataDir });
      expect(receiver.received().map((entry) => entry.lead)).toEqual([{ id: 'a1', fullName: 'Jane' }]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('requires the token when it has one', async () => {
    receiver = await startReceiver({ token: 's3cret' });
    expect((await post(receiver.webhookUrl, { leads: [] })).status).toBe(401);
    expect((await post(receiver.webhookUrl, { leads: [] }, { Authorization: 'Bearer s3cret' })).status).toBe(200);
  });

  it('refuses a body that is not the contract', async () => {
    receiver = await startReceiver();
    const response = await post(receiver.webhookUrl, { contacts: [] });
    expect(response.status).toBe(400);
  });

  it('escapes what it received on its page', async () => {
    receiver = await startReceiver();
    await post(receiver.webhookUrl, { leads: [{ id: 'x', fullName: '<img src=x onerror=alert(1)>' }] });
    const html = await (await fetch(receiver.url)).text();
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).not.toContain('<img');
  });

  it('answers scripted faults, storing first when asked', async () => {
    receiver = await startReceiver();
    receiver.failNext({ status: 503, headers: { 'Retry-After': '2' } }, { status: 500, storeFirst: true });
    const unavailable = await post(receiver.webhookUrl, { leads: [{ id: 'a1', company: 'A' }] });
    expect([unavailable.status, unavailable.headers.get('retry-after')]).toEqual([503, '2']);
    expect(receiver.received()).toHaveLength(0);
    expect((await post(receiver.webhookUrl, { leads: [{ id: 'a1', company: 'A' }] })).status).toBe(500);
    expect(receiver.received()).toHaveLength(1);
    expect((await post(receiver.webhookUrl, { leads: [{ id: 'a1', company: 'A' }] })).status).toBe(200);
    expect(receiver.received()[0]?.deliveries).toBe(2);
    expect(receiver.requestCount()).toBe(3);
  });

  it('can cut the connection, or never answer', async () => {
    receiver = await startReceiver();
    receiver.failNext({ reset: true }, { hang: true });
    await expect(post(receiver.webhookUrl, { leads: [] })).rejects.toThrow();
    const hung = fetch(receiver.webhookUrl, { method: 'POST', body: '{"leads":[]}', signal: AbortSignal.timeout(300) });
    await expect(hung).rejects.toThrow(/timeout|aborted/i);
    expect((await post(receiver.webhookUrl, { leads: [] })).status).toBe(200);
  });
});
