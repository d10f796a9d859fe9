import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../../tools/receiver/server';
import { OutboxDb } from '../../outbox/db';
import { addLead } from '../../outbox/outbox';
import type { Lead } from '../../lead/schema';
import { createHmac } from 'node:crypto';
import {
  readWebhookAnswer,
  webhookConnector,
  webhookLeadFromLead,
} from './connector';
import { testWebhookConnection } from './check';
import { postToWebhook, webhookSignature } from './http';
import { webhookSettingsSchema, type WebhookSettings } from './settings';

let receiver: Receiver;
let settings: WebhookSettings;
const signal = () => AbortSignal.timeout(5_000);

beforeEach(async () => {
  receiver = await startReceiver({ token: 'tok-123', rejectEmailDomain: '@blocked.example' });
  settings = { crm: 'webhook', endpointUrl: receiver.webhookUrl, apiToken: 'tok-123' };
});
afterEach(() => receiver.close());

async function someLeads(...inputs: Parameters<typeof addLead>[1][]): Promise<Lead[]> {
  const db = new OutboxDb(`test-${crypto.randomUUID()}`);
  const leads: Lead[] = [];
  for (const input of inputs) leads.push(await addLead(db, input, Date.UTC(2026, 10, 23, 9, 30)));
  return leads;
}

describe('webhookLeadFromLead', () => {
  it('sends the lead without its sync bookkeeping, with ISO times', async () => {
    const [lead] = await someLeads({ fullName: 'Jane Doe', source: { kind: 'referral', referredBy: 'Bob' } });
    const sent = webhookLeadFromLead(lead!);
    expect(sent).not.toHaveProperty('sync');
    expect(sent).toMatchObject({
      id: lead!.id,
      fullName: 'Jane Doe',
      source: { kind: 'referral', referredBy: 'Bob' },
      createdAt: '2026-11-23T09:30:00.000Z',
    });
  });
});

describe('webhookConnector.send', () => {
  it('posts {"leads":[…]} with the bearer token and reads per-lead results', async () => {
    const leads = await someLeads({ fullName: 'Jane', email: 'jane@acme.example' }, { fullName: 'Bob', email: 'bob@blocked.example' });
    const result = await webhookConnector.send(leads, settings, signal());
    expect(result).toEqual({
      kind: 'delivered',
      results: [
        { id: leads[0]!.id, ok: true, crmId: 'rcv-1', crmUrl: `${receiver.url}/#rcv-1` },
        { id: leads[1]!.id, ok: false, message: 'Addresses at @blocked.example are not accepted' },
      ],
    });
    expect(receiver.received().map((entry) => entry.lead)).toEqual([webhookLeadFromLead(leads[0]!)]);
  });

  it('classes a wrong token as unauthorized', async () => {
    const leads = await someLeads({ company: 'Acme' });
    const result = await webhookConnector.send(leads, { ...settings, apiToken: 'wrong' }, signal());
    expect(result).toEqual({
      kind: 'unauthorized',
      error: "The CRM answered 401 Unauthorized: Missing or wrong API token. Check the API token in Fieldclip's settings.",
    });
  });

  it.each([
    [{ status: 503, headers: { 'Retry-After': '7' } }, { kind: 'retry', retryAfterMs: 7_000 }],
    [{ status: 429 }, { kind: 'retry' }],
    [{ status: 500, body: '<html><body>Oops</body></html>' }, { kind: 'retry', error: 'The CRM answered 500 Internal Server Error' }],
    [{ status: 422, body: '{"message":"Field company is required"}' }, { kind: 'refused', error: 'The CRM answered 422 Unprocessable Entity: Field company is required' }],
    [{ status: 302, headers: { Location: 'http://wifi.example/login' } }, { kind: 'retry' }],
  ])('classes %j', async (fault, expected) => {
    const leads = await someLeads({ company: 'Acme' });
    receiver.failNext(fault);
    expect(await webhookConnector.send(leads, settings, signal())).toMatchObject(expected);
  });

  it('classes an unreachable endpoint as retry', async () => {
    const leads = await someLeads({ company: 'Acme' });
    await receiver.close();
    const result = await webhookConnector.send(leads, settings, signal());
    expect(result).toMatchObject({ kind: 'retry', error: expect.stringContaining('Could not reach the CRM') });
  });
});

describe('webhook signing and extra headers', () => {
  it('signs the body with the shared secret so the receiver can verify it', async () => {
    const signed = await startReceiver({ signingSecret: 'a-shared-secret-1234' });
    try {
      const leads = await someLeads({ company: 'Acme' });
      const good = { crm: 'webhook' as const, endpointUrl: signed.webhookUrl, signingSecret: 'a-shared-secret-1234' };
      expect(await webhookConnector.send(leads, good, signal())).toMatchObject({ kind: 'delivered' });
      const wrong = { ...good, signingSecret: 'another-secret-5678' };
      expect(await webhookConnector.send(leads, wrong, signal())).toMatchObject({ kind: 'unauthorized' });
    } finally {
      await signed.close();
    }
  });

  it('computes the documented signature, over the timestamp and the body', async () => {
    // echo -n '1764950400.{"leads":[]}' | openssl dgst -sha256 -hmac 'a-shared-secret-1234'
    expect(await webhookSignature('a-shared-secret-1234', 1764950400, '{"leads":[]}')).toBe(
      'sha256=' + createHmac('sha256', 'a-shared-secret-1234').update('1764950400.{"leads":[]}').digest('hex'),
    );
  });

  it('sends the timestamp it signed, and a receiver refuses a recorded request replayed after five minutes', async () => {
    const signed = await startReceiver({ signingSecret: 'a-shared-secret-1234' });
    try {
      const settings = { crm: 'webhook' as const, endpointUrl: signed.webhookUrl, signingSecret: 'a-shared-secret-1234' };
      const payload = { leads: await someLeads({ company: 'Acme' }) };
      const fresh = await postToWebhook(settings, payload, signal());
      expect(fresh.status).toBe(200);
      const timestamp = Number(signed.lastHeaders()['x-fieldclip-timestamp']);
      expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(5);
      // The same request as recorded six minutes ago: the signature is right, the time is not.
      const replayed = await postToWebhook(settings, payload, signal(), Date.now() - 6 * 60_000);
      expect(replayed.status).toBe(401);
      expect(await replayed.json()).toEqual({ error: 'X-Fieldclip-Timestamp is more than 5 minutes off: refused as a replay' });
    } finally {
      await signed.close();
    }
  });

  it('sends the extra headers with every request', async () => {
    const leads = await someLeads({ company: 'Acme' });
    await webhookConnector.send(leads, { ...settings, extraHeaders: [{ name: 'X-Team', value: 'emea-field' }] }, signal());
    expect(receiver.lastHeaders()['x-team']).toBe('emea-field');
    expect(receiver.lastHeaders().authorization).toBe('Bearer tok-123');
  });

  it('refuses extra headers Fieldclip sets itself, or that are not headers', () => {
    const parse = (name: string, value = 'x') => webhookSettingsSchema.safeParse({ crm: 'webhook', endpointUrl: 'https://h.example', extraHeaders: [{ name, value }] });
    expect(parse('X-Team', 'emea').success).toBe(true);
    expect(parse('Authorization').error?.issues[0]?.message).toBe('Fieldclip sets this header itself');
    expect(parse('Bad Header').success).toBe(false);
    expect(parse('X-Team', 'a\r\nInjected: 1').success).toBe(false);
  });
});

describe('field mapping', () => {
  it('sends each lead under the endpoint’s field names, with its id', async () => {
    const [lead] = await someLeads({ fullName: 'Jane Doe', email: 'jane@acme.example', source: { kind: 'event', eventName: 'Web Summit' } });
    const fieldMap = [
      { to: 'first_name', from: 'firstName' },
      { to: 'mail', from: 'email' },
      { to: 'lead_source', from: 'source.kind' },
      { to: 'event', from: 'source.eventName' },
      { to: 'phone', from: 'phone' },
    ] as const;
    await webhookConnector.send([lead!], { ...settings, fieldMap: [...fieldMap] }, signal());
    expect(receiver.received()[0]?.lead).toEqual({ id: lead!.id, first_name: 'Jane', mail: 'jane@acme.example', lead_source: 'event', event: 'Web Summit' });
  });

  it('refuses a line naming no Fieldclip field', () => {
    const result = webhookSettingsSchema.safeParse({ crm: 'webhook', endpointUrl: 'https://h.example', fieldMap: [{ to: 'x', from: 'sync.status' }] });
    expect(result.error?.issues[0]?.message).toBe('Not a Fieldclip field (see docs/webhook-contract.md for the list)');
  });
});

describe('readWebhookAnswer', () => {
  it('takes an answer without results as all accepted', async () => {
    const leads = await someLeads({ company: 'A' }, { company: 'B' });
    expect(readWebhookAnswer(leads, '{"ok":true}')).toEqual(leads.map((lead) => ({ id: lead.id, ok: true })));
    expect(readWebhookAnswer(leads, '')).toEqual(leads.map((lead) => ({ id: lead.id, ok: true })));
  });

  it('reports only the leads the answer mentions (the engine sends the others again)', async () => {
    const leads = await someLeads({ company: 'A' }, { company: 'B' });
    const body = JSON.stringify({ results: [{ id: leads[0]!.id, status: 'ok' }] });
    expect(readWebhookAnswer(leads, body)).toEqual([{ id: leads[0]!.id, ok: true }]);
  });
});

describe('webhookConnector.testConnection', () => {
  it('reports success', async () => {
    expect(await testWebhookConnection(settings, signal())).toEqual({
      ok: true,
      message: 'Connected: the webhook answered 200',
    });
    expect(receiver.received()).toHaveLength(0);
  });

  it('reports the reason for a failure', async () => {
    const check = await testWebhookConnection({ ...settings, apiToken: undefined }, signal());
    expect(check).toEqual({ ok: false, message: expect.stringMatching(/^The CRM answered 401.*Check the API token/) });
  });
});
