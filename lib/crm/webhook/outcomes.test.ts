import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../../tools/receiver/server';
import { aLead } from '../../../tests/unit/leads';
import { webhookLeadFromLead } from './connector';
import { webhookOutcomes } from './outcomes';
import type { WebhookSettings } from './settings';

// The webhook's Outcomes URL, against the reference receiver (docs/webhook-contract.md).
let receiver: Receiver;
let settings: WebhookSettings;
const signal = () => AbortSignal.timeout(5_000);

async function deliver(...leads: ReturnType<typeof aLead>[]) {
  const response = await fetch(receiver.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer tok-123' }, body: JSON.stringify({ leads: leads.map(webhookLeadFromLead) }) });
  expect(response.status).toBe(200);
}

beforeEach(async () => {
  receiver = await startReceiver({ token: 'tok-123' });
  settings = { crm: 'webhook', endpointUrl: receiver.webhookUrl, outcomesUrl: receiver.outcomesUrl, apiToken: 'tok-123' };
});
afterEach(() => receiver.close());

describe('webhookOutcomes', () => {
  it('asks for the ids with the sync headers and reads each known lead’s stage, amount and time', async () => {
    const won = aLead({ fullName: 'Ola Berg' });
    const open = aLead({ fullName: 'Kai Lund' });
    await deliver(won, open);
    receiver.setStage(won.id, { stage: 'won', amount: 25000, currency: 'EUR' });
    const unknown = crypto.randomUUID();
    const answer = await webhookOutcomes.read([{ id: won.id }, { id: open.id }, { id: unknown }], settings, signal());
    expect(answer).toEqual({
      ok: true,
      outcomes: [
        { id: won.id, stage: 'won', amount: 25000, currency: 'EUR', updatedAt: expect.any(String) },
        { id: open.id, stage: 'open', updatedAt: expect.any(String) },
      ],
    });
    expect(receiver.outcomeRequests()).toEqual([[won.id, open.id, unknown]]);
    expect(receiver.lastHeaders()).toMatchObject({ authorization: 'Bearer tok-123', 'content-type': 'application/json' });
  });

  it('is available only with an Outcomes URL, and says why a refusal or a wrong answer gives nothing', async () => {
    expect(webhookOutcomes.available(settings)).toBe(true);
    expect(webhookOutcomes.available({ ...settings, outcomesUrl: undefined })).toBe(false);
    expect(await webhookOutcomes.read([{ id: 'x' }], { ...settings, apiToken: 'wrong' }, signal())).toEqual({ ok: false, reason: expect.stringMatching(/^The CRM answered 401/), unauthorized: true });
    expect(await webhookOutcomes.read([{ id: 'x' }], { ...settings, outcomesUrl: receiver.lookupUrl }, signal())).toEqual({ ok: false, reason: expect.stringMatching(/^The CRM answered 400/) });
    expect(await webhookOutcomes.read([{ id: 'x' }], { ...settings, outcomesUrl: `${receiver.url}/api/leads` }, signal())).toMatchObject({ ok: false });
  });

  it('keeps only well-formed outcomes for leads it asked about', async () => {
    const original = globalThis.fetch;
    globalThis.fetch = async () =>
      new Response(
        JSON.stringify({
          results: [
            { id: 'a', stage: 'won', amount: 10, currency: 'EUR' },
            { id: 'a2', stage: 'demo' },
            { id: 'b', stage: 'signed' },
            { id: 'c', stage: 'meeting', amount: -5, currency: 'EUR', updatedAt: 'yesterday' },
            { id: 'd', stage: 'won', amount: 100 },
            '<script>',
          ],
        }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      );
    try {
      const answer = await webhookOutcomes.read([{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }], settings, signal());
      expect(answer).toEqual({ ok: true, outcomes: [{ id: 'a', stage: 'won', amount: 10, currency: 'EUR' }, { id: 'c', stage: 'meeting' }, { id: 'd', stage: 'won' }] });
    } finally {
      globalThis.fetch = original;
    }
  });
});
