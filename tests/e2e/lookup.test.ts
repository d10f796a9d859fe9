import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../tools/receiver/server';
import { launchExtension, type ExtensionSession } from './support/extension';
import { expectText, leadInList, typeLead } from './support/panel';

// "Already in your CRM?" against the reference receiver, as a rep meets it: one browser for the
// whole flow, each step building on the last (the cache, the record a save updates).

let session: ExtensionSession;
let receiver: Receiver;
let panel: Page;

beforeAll(async () => {
  receiver = await startReceiver({ signingSecret: 'lookup-e2e-secret-1234' });
  session = await launchExtension();
  await session.worker.evaluate(
    (settings) => chrome.storage.local.set({ crmSettings: { crm: 'webhook', ...settings } }),
    { endpointUrl: receiver.webhookUrl, lookupUrl: receiver.lookupUrl, signingSecret: 'lookup-e2e-secret-1234' },
  );
  panel = await session.open('sidepanel.html');
});
afterAll(async () => {
  await session.close();
  await receiver.close();
});

const notice = () => panel.locator('.crm-lookup');

describe('looking the person up in the CRM before saving', () => {
  it('says "Already in your CRM" with the owner and a link, and saving updates that record', async () => {
    const ola = receiver.addContact({ fullName: 'Ola Berg', email: 'ola@fjord.example', company: 'Fjord AS', owner: 'Mia Sales' });
    await typeLead(panel, { Email: 'ola@fjord.example' });
    await expectText(notice(), 'Already in your CRM: saving updates this record');
    await expectText(notice(), 'Ola Berg, Fjord AS · owner Mia Sales');
    expect(await notice().getByRole('link', { name: 'Open in CRM' }).getAttribute('href')).toBe(`${receiver.url}/#${ola.crmId}`);

    await typeLead(panel, { 'Full name': 'Ola Berg', Company: 'Fjord AS', 'Job title': 'Head of Sales' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Ola Berg'), 'Synced');
    // The receiver updated the contact it had: the same CRM id, no second record.
    expect(receiver.received()).toHaveLength(1);
    expect(receiver.received()[0]).toMatchObject({ crmId: ola.crmId, deliveries: 1, owner: 'Mia Sales', lead: { title: 'Head of Sales' } });
    // And the lead in the outbox links to it.
    expect(await leadInList(panel, 'Ola Berg').getByRole('link', { name: 'Open in CRM: Ola Berg' }).getAttribute('href')).toBe(`${receiver.url}/#${ola.crmId}`);
  });

  it('says "Not in your CRM yet" for someone new, by email or by LinkedIn profile', async () => {
    await typeLead(panel, { Email: 'new.person@initech.example' });
    await expectText(notice(), 'Not in your CRM yet');
    receiver.addContact({ fullName: 'Kim Lee', linkedinUrl: 'https://www.linkedin.com/in/kim-lee-sales', owner: 'Tom Rep' });
    await typeLead(panel, { Email: '', 'LinkedIn URL': 'https://www.linkedin.com/in/kim-lee-sales/' });
    await expectText(notice(), 'Kim Lee · owner Tom Rep');
  });

  it('offline: shows what it learnt before, and "Could not check: offline" for anyone else', async () => {
    await typeLead(panel, { 'LinkedIn URL': '', Email: '' });
    const asked = receiver.lookupCount();
    await session.context.setOffline(true);
    try {
      await typeLead(panel, { Email: 'someone.else@initech.example' });
      await expectText(notice(), 'Could not check: offline');
      // Ola was looked up an hour's fraction ago: the day-long cache answers, with no request.
      await typeLead(panel, { Email: 'ola@fjord.example' });
      await expectText(notice(), 'Already in your CRM');
      expect(receiver.lookupCount()).toBe(asked);
    } finally {
      await session.context.setOffline(false);
    }
  });

  it('says why when the CRM cannot answer, and never keeps a spinner', async () => {
    await typeLead(panel, { Email: '' });
    await session.worker.evaluate(
      (settings) => chrome.storage.local.set({ crmSettings: { crm: 'webhook', ...settings } }),
      { endpointUrl: receiver.webhookUrl, lookupUrl: `${receiver.url}/no-such-route` },
    );
    await typeLead(panel, { Email: 'another@initech.example' });
    await expectText(notice(), /Could not check: The CRM answered 404/);
  });
});
