import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../../tools/receiver/server';
import { aLead } from '../../../tests/unit/leads';
import { webhookLeadFromLead } from './connector';
import { webhookLookup } from './lookup';
import type { WebhookSettings } from './settings';

// The webhook's Lookup URL, against the reference receiver (docs/webhook-contract.md).
let receiver: Receiver;
let settings: WebhookSettings;
const signal = () => AbortSignal.timeout(5_000);

beforeEach(async () => {
  receiver = await startReceiver({ token: 'tok-123', signingSecret: 'lookup-secret-0123456789' });
  settings = { crm: 'webhook', endpointUrl: receiver.webhookUrl, lookupUrl: receiver.lookupUrl, apiToken: 'tok-123', signingSecret: 'lookup-secret-0123456789' };
});
afterEach(() => receiver.close());

describe('webhookLookup', () => {
  it('asks the Lookup URL with the token and signature, and reads the records it names', async () => {
    const ola = receiver.addContact({ fullName: 'Ola Berg', email: 'ola@fjord.example', company: 'Fjord AS', owner: 'Mia Sales' });
    const answer = await webhookLookup({ email: 'OLA@fjord.example', fullName: 'Ola Berg' }, settings, signal());
    expect(answer).toEqual({
      ok: true,
      matches: [{ crmId: ola.crmId, url: `${receiver.url}/#${ola.crmId}`, fullName: 'Ola Berg', company: 'Fjord AS', owner: 'Mia Sales', updatedAt: expect.any(String) }],
    });
    expect(receiver.lastHeaders()).toMatchObject({ authorization: 'Bearer tok-123', 'x-fieldclip-signature': expect.stringMatching(/^sha256=[0-9a-f]{64}$/) });
    expect(await webhookLookup({ email: 'new@initech.example' }, settings, signal())).toEqual({ ok: true, matches: [] });
  });

  it('looks nobody up without a Lookup URL, and says why when the endpoint refuses or answers nonsense', async () => {
    expect(await webhookLookup({ email: 'a@b.example' }, { ...settings, lookupUrl: undefined }, signal())).toEqual({ ok: false, unsupported: true });
    expect(await webhookLookup({ email: 'a@b.example' }, { ...settings, apiToken: 'wrong' }, signal())).toEqual({ ok: false, reason: expect.stringMatching(/^The CRM answered 401/) });
    // The leads' endpoint given as the Lookup URL: its refusal, word for word.
    expect(await webhookLookup({ email: 'a@b.example' }, { ...settings, lookupUrl: receiver.webhookUrl }, signal())).toEqual({
      ok: false,
      reason: 'The CRM answered 400 Bad Request: The body must be JSON: {"leads":[…]}',
    });
  });
});

describe('webhookLeadFromLead, for a lead saved as a record a lookup matched', () => {
  it('names that record with crmId, so the endpoint updates it', () => {
    const lead = aLead({ fullName: 'Ola Berg', sync: { status: 'pending', attempts: 0, dueAt: 1, crmId: 'rcv-1' } });
    expect(webhookLeadFromLead(lead)).toMatchObject({ id: lead.id, crmId: 'rcv-1' });
    expect(webhookLeadFromLead(aLead())).not.toHaveProperty('crmId');
  });
});
