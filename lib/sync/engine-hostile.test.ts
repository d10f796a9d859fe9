import { beforeEach, describe, expect, it } from 'vitest';
import type { CrmSender, SendResult } from '../crm/connector';
import type { Lead } from '../lead/schema';
import { allowStoredLeadsAsTheyAre, OutboxDb } from '../outbox/db';
import { addLead } from '../outbox/outbox';
import { recentSyncLog } from '../outbox/sync-log';
import { syncOutbox } from './engine';

// Answers and stored leads the outbox must survive without jamming: every lead reaches the CRM
// once, or stays with a clear reason; nothing waits for ever.

let db: OutboxDb;
beforeEach(() => {
  db = new OutboxDb(`hostile-${crypto.randomUUID()}`);
});

/** A CRM that records what it was sent and answers each lead as `answer` says. */
function crmAnswering(answer: (lead: Lead) => { ok: true; crmId?: string } | { ok: false; message: string }, failure?: SendResult) {
  const received: string[] = [];
  const crm: CrmSender = {
    batchSize: 10,
    async send(leads) {
      received.push(...leads.map((lead) => lead.id));
      if (failure) return failure;
      return { kind: 'delivered', results: leads.map((lead) => ({ id: lead.id, ...answer(lead) })) };
    },
  };
  return { crm, received };
}

const statusOf = async (id: string) => (await db.leads.get(id))?.sync;

describe('a CRM whose answers are longer than the outbox keeps', () => {
  it('records a 600-character id and a 6,000-character refusal, each lead sent once, nothing left waiting', async () => {
    const ok = await addLead(db, { fullName: 'Long Id' }, 1);
    const refused = await addLead(db, { fullName: 'Long Refusal' }, 2);
    const { crm, received } = crmAnswering((lead) => (lead.id === ok.id ? { ok: true, crmId: 'x'.repeat(600) } : { ok: false, message: `Refused: ${'because '.repeat(750)}` }));
    expect(await syncOutbox(db, crm)).toMatchObject({ sent: 2, synced: 1, needsAttention: 1 });
    expect(await syncOutbox(db, crm)).toMatchObject({ sent: 0 });
    expect(received).toEqual([ok.id, refused.id]);
    expect(await statusOf(ok.id)).toEqual({ status: 'synced', attempts: 1, syncedAt: expect.any(Number) });
    const rejected = await statusOf(refused.id);
    expect(rejected).toMatchObject({ status: 'rejected', message: expect.stringMatching(/^Refused: because because .* … \(cut: 6009 characters in all\)$/) });
    expect((rejected as { message: string }).message.length).toBe(2000);
  });

  it('keeps a failure whose reason is an essay, with the start of it, in the lead and the log', async () => {
    const lead = await addLead(db, { fullName: 'Retried' }, 1);
    const { crm } = crmAnswering(() => ({ ok: true }), { kind: 'retry', error: `The CRM answered 503 ${'Service Unavailable '.repeat(400)}` });
    await syncOutbox(db, crm, { waitForRetriesMs: 0 });
    expect(await statusOf(lead.id)).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/^The CRM answered 503 Service Unavailable .* … \(cut: \d+ characters in all\)$/) });
    const [line] = await recentSyncLog(db);
    expect(line!.error!.length).toBe(500);
  });
});

describe('a stored lead that fails today\'s checks', () => {
  it('is set aside as needing attention with the reason, and the others sync', async () => {
    const good = await addLead(db, { fullName: 'Good Lead' }, 2);
    // As an older version could store it: a title longer than today's 200 characters.
    const old = { ...(await addLead(db, { fullName: 'Old Lead' }, 1)), title: 'T'.repeat(300) };
    await db.transaction('rw', db.leads, async () => {
      allowStoredLeadsAsTheyAre();
      await db.leads.put(old);
    });
    const { crm, received } = crmAnswering(() => ({ ok: true, crmId: 'c1' }));
    expect(await syncOutbox(db, crm)).toMatchObject({ sent: 1, synced: 1 });
    expect(received).toEqual([good.id]);
    const setAside = await db.leads.get(old.id);
    expect(setAside?.title).toBe('T'.repeat(300));
    expect(setAside?.sync).toEqual({
      status: 'rejected',
      attempts: 0,
      message: "Fieldclip's checks refuse this lead as it is stored (title: Keep this under 200 characters). Edit it and save it to send it.",
    });
    // Nothing is left waiting: the next sync sends nothing.
    expect(await syncOutbox(db, crm)).toMatchObject({ total: 0, sent: 0 });
  });

  it('names where in a list the stored lead is wrong: its first answer is "answers.0"', async () => {
    const old = { ...(await addLead(db, { fullName: 'Old Lead' }, 1)), answers: [{ question: 'Budget?', answer: 'A'.repeat(600) }] };
    await db.transaction('rw', db.leads, async () => {
      allowStoredLeadsAsTheyAre();
      await db.leads.put(old);
    });
    const { crm, received } = crmAnswering(() => ({ ok: true }));
    expect(await syncOutbox(db, crm)).toMatchObject({ sent: 0 });
    expect(received).toEqual([]);
    expect((await db.leads.get(old.id))?.sync).toMatchObject({ status: 'rejected', message: expect.stringContaining('(answers.0.answer: Keep an answer under 500 characters)') });
  });

  it('claims each valid lead once however many old ones stand before them', async () => {
    const valid = [];
    for (let i = 0; i < 15; i++) {
      const old = { ...(await addLead(db, { fullName: `Old ${i}` }, i)), title: 'T'.repeat(300) };
      await db.transaction('rw', db.leads, async () => {
        allowStoredLeadsAsTheyAre();
        await db.leads.put(old);
      });
    }
    for (let i = 0; i < 5; i++) valid.push(await addLead(db, { fullName: `New ${i}` }, 100 + i));
    const { crm, received } = crmAnswering(() => ({ ok: true }));
    expect(await syncOutbox(db, crm)).toMatchObject({ sent: 5, synced: 5 });
    expect(received).toEqual(valid.map((lead) => lead.id));
    expect((await db.leads.toArray()).filter((lead) => lead.sync.status === 'rejected')).toHaveLength(15);
  });
});
