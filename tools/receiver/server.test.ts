import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
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
  it('answers outcomes for the lead ids it knows, with the stage its page set, and refuses more than 100 ids', async () => {
    receiver = await startReceiver();
    await post(receiver.webhookUrl, { leads: [{ id: 'a1', fullName: 'Jane Doe', opportunity: { amount: 5000, currency: 'EUR' } }, { id: 'b2', company: 'Acme' }] });
    // The page's form: by CRM id, as a form post, redirected back to the record.
    const form = await fetch(`${receiver.url}/api/stages`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'ref=rcv-1&stage=won&amount=6000&currency=eur' });
    expect([form.status, form.headers.get('location')]).toEqual([303, '/#rcv-1']);
    const answer = await post(receiver.outcomesUrl, { ids: ['a1', 'b2', 'zz'] });
    expect(await answer.json()).toEqual({
      results: [
        { id: 'a1', stage: 'won', amount: 6000, currency: 'EUR', updatedAt: expect.any(String) },
        { id: 'b2', stage: 'open', updatedAt: expect.any(String) },
      ],
    });
    const refused = await post(`${receiver.url}/api/stages`, { ref: 'rcv-2', stage: 'signed' });
    expect([refused.status, await refused.json()]).toEqual([400, { error: 'The stage is one of open, meeting, demo, proposal, won, lost' }]);
    const tooMany = await post(receiver.outcomesUrl, { ids: Array.from({ length: 101 }, (_, i) => `id-${i}`) });
    expect(tooMany.status).toBe(400);
    expect(receiver.outcomeRequests()).toEqual([['a1', 'b2', 'zz']]);
    const page = await (await fetch(receiver.url)).text();
    expect(page).toContain('aria-label="Stage of rcv-1"');
    expect(page).toContain('5000 EUR');
  });

  it('answers each lead with its CRM id and keeps one record per lead id', async () => {
    receiver = await startReceiver();
    const lead = { id: 'a1', fullName: 'Jane Doe' };
    const first = await post(receiver.webhookUrl, { leads: [lead] });
    expect(await first.json()).toEqual({ results: [{ id: 'a1', status: 'ok', crmId: 'rcv-1', url: `${receiver.url}/#rcv-1` }] });
    const again = await post(receiver.webhookUrl, { leads: [lead, { id: 'b2', company: 'Acme' }] });
    expect(await again.json()).toEqual({
      results: [
        { id: 'a1', status: 'ok', crmId: 'rcv-1', url: `${receiver.url}/#rcv-1` },
        { id: 'b2', status: 'ok', crmId: 'rcv-2', url: `${receiver.url}/#rcv-2` },
      ],
    });
    expect(receiver.received().map((entry) => [entry.lead.id, entry.deliveries])).toEqual([
      ['a1', 2],
      ['b2', 1],
    ]);
  });

  it('answers lookups from the leads it holds and the contacts added on its page, and updates the record a lead names', async () => {
    receiver = await startReceiver();
    await post(receiver.webhookUrl, { leads: [{ id: 'a1', fullName: 'Jane Doe', email: 'Jane@Acme.example', company: 'Acme' }] });
    const existing = receiver.addContact({ fullName: 'Ola Berg', linkedinUrl: 'https://www.linkedin.com/in/ola-berg', company: 'Fjord AS', owner: 'Mia Sales' });
    const ask = async (people: unknown[]) => (await (await post(receiver!.lookupUrl, { people })).json()) as { results: Array<{ ref: string; matches: unknown[] }> };
    const answer = await ask([{ ref: '1', email: 'jane@acme.example' }, { ref: '2', linkedinUrl: 'https://www.linkedin.com/in/ola-berg/' }, { ref: '3', email: 'nobody@x.example' }, { nope: true }]);
    expect(answer.results).toEqual([
      { ref: '1', matches: [expect.objectContaining({ crmId: 'rcv-1', fullName: 'Jane Doe', company: 'Acme', url: `${receiver.url}/#rcv-1` })] },
      { ref: '2', matches: [expect.objectContaining({ crmId: existing.crmId, owner: 'Mia Sales', updatedAt: expect.any(String) })] },
      { ref: '3', matches: [] },
    ]);
    expect(receiver.lookupCount()).toBe(1);
    // A lead saved as that contact names it: the same record is updated, none is added.
    const saved = await post(receiver.webhookUrl, { leads: [{ id: 'b2', crmId: existing.crmId, fullName: 'Ola Berg', company: 'Fjord AS' }] });
    expect(await saved.json()).toEqual({ results: [{ id: 'b2', status: 'ok', crmId: existing.crmId, url: `${receiver.url}/#${existing.crmId}` }] });
    expect(receiver.received()).toHaveLength(2);
    expect(receiver.received().find((entry) => entry.crmId === existing.crmId)).toMatchObject({ deliveries: 1, owner: 'Mia Sales', lead: { id: 'b2' } });
  });

  it('adds an existing contact from its page\'s form, and refuses one with neither name nor email', async () => {
    receiver = await startReceiver({ token: 's3cret' });
    const form = (body: string) => fetch(`${receiver!.url}/api/contacts?token=s3cret`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
    const added = await form('fullName=Ola+Berg&email=ola%40fjord.example&owner=Mia');
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/?token=s3cret#rcv-1');
    expect((await form('owner=Mia')).status).toBe(400);
    const page = await (await fetch(`${receiver.url}/?token=s3cret`)).text();
    expect(page).toContain('Ola Berg');
    expect(page).toContain('action="/api/contacts?token=s3cret"');
  });

  it('answers a JSON body that is not an object with what it expects', async () => {
    receiver = await startReceiver();
    for (const url of [receiver.webhookUrl, receiver.lookupUrl]) {
      const answer = await post(url, null);
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { error: string }).error).toMatch(/^The body must be JSON: \{"(leads|people)"/);
    }
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

  it('requires the token on every route: the page (as ?token=), the lead list and deletes too', async () => {
    receiver = await startReceiver({ token: 's3cret' });
    const bearer = { Authorization: 'Bearer s3cret' };
    expect((await fetch(`${receiver.url}/api/leads`)).status).toBe(401);
    expect((await fetch(`${receiver.url}/api/leads`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(receiver.url)).status).toBe(401);
    expect((await fetch(`${receiver.url}/api/leads`, { headers: bearer })).status).toBe(200);
    expect((await fetch(`${receiver.url}/api/leads`, { method: 'DELETE', headers: bearer })).status).toBe(200);
    expect((await fetch(`${receiver.url}/?token=s3cret`)).status).toBe(200);
  });

  it('answers only to its own address: a request naming another host (DNS rebinding) is refused', async () => {
    receiver = await startReceiver();
    const { port } = new URL(receiver.url);
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const request = httpRequest({ host: '127.0.0.1', port, path: '/api/leads', headers: { Host: host } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        request.end();
      });
    expect(await status(`attacker.example:${port}`)).toBe(421);
    expect(await status(`127.0.0.1:${port}`)).toBe(200);
    expect(await status(`localhost:${port}`)).toBe(200);
  });

  it('takes only JSON bodies', async () => {
    receiver = await startReceiver();
    const form = await fetch(receiver.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"leads":[{"id":"a1"}]}' });
    expect(form.status).toBe(415);
    expect(receiver.received()).toEqual([]);
  });

  it('checks the signature over the timestamp and the body, and refuses a request without a timestamp', async () => {
    receiver = await startReceiver({ signingSecret: 'a-shared-secret-1234' });
    const { createHmac } = await import('node:crypto');
    const body = '{"leads":[]}';
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `sha256=${createHmac('sha256', 'a-shared-secret-1234').update(`${timestamp}.${body}`).digest('hex')}`;
    const send = (headers: Record<string, string>) => fetch(receiver!.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
    expect((await send({ 'X-Fieldclip-Signature': signature })).status).toBe(401);
    expect((await send({ 'X-Fieldclip-Signature': signature, 'X-Fieldclip-Timestamp': String(Number(timestamp) + 1) })).status).toBe(401);
    expect((await send({ 'X-Fieldclip-Signature': signature, 'X-Fieldclip-Timestamp': timestamp })).status).toBe(200);
  });

  it('goes on saving after a file write fails', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fieldclip-receiver-'));
    try {
      receiver = await startReceiver({ dataDir });
      // A directory where the temporary file goes: the next write fails.
      await mkdir(join(dataDir, 'leads.json.tmp'));
      expect((await post(receiver.webhookUrl, { leads: [{ id: 'a1', fullName: 'Jane' }] })).status).toBe(500);
      await rm(join(dataDir, 'leads.json.tmp'), { recursive: true });
      expect((await post(receiver.webhookUrl, { leads: [{ id: 'b2', fullName: 'Joe' }] })).status).toBe(200);
      await receiver.close();
      receiver = await startReceiver({ dataDir });
      expect(receiver.received().map((entry) => entry.lead.id)).toEqual(['a1', 'b2']);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
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
