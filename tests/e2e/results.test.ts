import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../tools/receiver/server';
import { launchExtension, type ExtensionSession } from './support/extension';
import { expectText, leadInList, typeLead } from './support/panel';

// Closing the loop, as a rep and their manager meet it: opportunity sizes captured with leads, the
// CRM's stages read back, and the Results tab counting them per source. One browser for the flow.

let session: ExtensionSession;
let receiver: Receiver;
let panel: Page;

beforeAll(async () => {
  receiver = await startReceiver({ signingSecret: 'outcomes-e2e-secret-1234' });
  session = await launchExtension();
  await session.worker.evaluate(
    (settings) => chrome.storage.local.set({ crmSettings: { crm: 'webhook', ...settings }, defaultCurrency: 'EUR' }),
    { endpointUrl: receiver.webhookUrl, outcomesUrl: receiver.outcomesUrl, signingSecret: 'outcomes-e2e-secret-1234' },
  );
  panel = await session.open('sidepanel.html');
});
afterAll(async () => {
  await session.close();
  await receiver.close();
});

async function importCsv(lines: string[], kind: string, detail: string) {
  if (!(await panel.getByLabel('Import CSV').isVisible())) await panel.getByText('Import from a spreadsheet').click();
  await panel.getByLabel('Import CSV').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await panel.getByLabel('Tag imported leads as').selectOption({ label: kind });
  await panel.getByLabel('Source detail').fill(detail);
  await panel.getByRole('button', { name: `Import ${lines.length - 1} rows` }).click();
  await expectText(panel.locator('.csv-report'), `Imported ${lines.length - 1} leads.`);
}

const crmIdOf = (name: string) => receiver.received().find((entry) => entry.lead.fullName === name)!.crmId;
const cells = (row: ReturnType<Page['locator']>) => row.locator('th, td').allInnerTexts();

describe('results per source', () => {
  it('captures opportunity sizes with typed and imported leads, and sends them to the CRM', async () => {
    await importCsv(['Name,Company,Deal size', 'Ana Lima,Acme,"10,000"', 'Bo Berg,Initech,', 'Cy Dahl,Globex,5000'], 'Event', 'Web Summit');
    await importCsv(['Name,Company', 'Eve Ng,Hooli', 'Fay Ito,Umbrella'], 'Referral', 'Bob Martin');

    await typeLead(panel, { 'Full name': 'Dee Park', Company: 'Stark' });
    await panel.getByLabel('Opportunity size').fill('25,000.50');
    expect(await panel.getByLabel('Currency').inputValue()).toBe('EUR');
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Dee Park'), '€25,000.50');

    // A bad amount is said at its field, and what was typed stays.
    await typeLead(panel, { 'Full name': 'Gil Ross' });
    await panel.getByLabel('Opportunity size').fill('a lot');
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(panel.locator('.field__error'), 'Enter an amount, like 25,000');
    expect(await panel.getByLabel('Full name', { exact: true }).inputValue()).toBe('Gil Ross');
    await typeLead(panel, { 'Full name': '' });
    await panel.getByLabel('Opportunity size').fill('');

    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(panel.locator('.sync-bar__count'), 'Nothing waiting to sync');
    const byName = Object.fromEntries(receiver.received().map((entry) => [entry.lead.fullName, entry.lead.opportunity]));
    expect(byName).toEqual({
      'Ana Lima': { amount: 10000, currency: 'EUR' },
      'Bo Berg': undefined,
      'Cy Dahl': { amount: 5000, currency: 'EUR' },
      'Eve Ng': undefined,
      'Fay Ito': undefined,
      'Dee Park': { amount: 25000.5, currency: 'EUR' },
    });
  });

  it('reads the stages set in the CRM on Refresh outcomes and counts them per source, event and referrer', async () => {
    await panel.getByRole('tab', { name: 'Results' }).click();
    await expectText(panel.locator('.results__empty'), 'Once your CRM says where synced leads stand');

    receiver.setStage(crmIdOf('Ana Lima'), { stage: 'won', amount: 12000, currency: 'EUR' });
    receiver.setStage(crmIdOf('Bo Berg'), { stage: 'demo' });
    receiver.setStage(crmIdOf('Cy Dahl'), { stage: 'lost' });
    receiver.setStage(crmIdOf('Eve Ng'), { stage: 'meeting' });
    receiver.setStage(crmIdOf('Fay Ito'), { stage: 'proposal' });
    receiver.setStage(crmIdOf('Dee Park'), { stage: 'won' });

    await panel.getByRole('button', { name: 'Refresh outcomes' }).click();
    await expectText(panel.locator('.results__status'), 'Last refreshed');
    await expectText(panel.locator('.results__status'), '6 of 6 synced leads placed in the CRM');
    expect(receiver.outcomeRequests().flat()).toHaveLength(6);

    const bySource = panel.getByRole('table', { name: 'By source' });
    await expect.poll(() => cells(bySource.getByRole('row', { name: /^Event/ }))).toEqual(['Event', '3', '2', '2', '1', '€12,000', '€15,000', '33%', '0']);
    expect(await cells(bySource.getByRole('row', { name: /^Referral/ }))).toEqual(['Referral', '2', '2', '1', '0', '–', '–', '0%', '–']);
    // Won with no amount from the CRM: the size captured with the lead.
    expect(await cells(bySource.getByRole('row', { name: /^Prospecting\b(?! at)/ }))).toEqual(['Prospecting', '1', '1', '1', '1', '€25,000.50', '€25,000.50', '100%', '0']);
    expect(await cells(bySource.getByRole('row', { name: /^Prospecting at close/ }))).toEqual(['Prospecting at close', '0', '0', '0', '0', '–', '–', '–', '–']);
    expect(await cells(panel.getByRole('table', { name: 'By event' }).getByRole('row', { name: /Web Summit/ }))).toEqual(['Web Summit', '3', '2', '2', '1', '€12,000', '€15,000', '33%', '0']);
    expect(await cells(panel.getByRole('table', { name: 'By referrer' }).getByRole('row', { name: /Bob Martin/ }))).toEqual(['Bob Martin', '2', '2', '1', '0', '–', '–', '0%', '–']);
    await expect.poll(() => panel.locator('.funnel svg').count()).toBe(3);
    expect(await panel.getByRole('img', { name: /^Event: Leads 3, Meetings 2, Demos 2, Won 1$/ }).count()).toBe(1);

    const downloading = panel.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export CSV' }).click();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile((await (await downloading).path())!, 'utf8');
    expect(csv).toContain('"By source","Event","3","2","2","1","EUR 12000","EUR 15000","0.333","0"');
    expect(csv).toContain('"By referrer","Bob Martin","2","2","1","0","","","0",""');
  });

  it('says why when the CRM gives no outcomes to read', async () => {
    await session.worker.evaluate((endpointUrl) => chrome.storage.local.set({ crmSettings: { crm: 'webhook', endpointUrl } }), receiver.webhookUrl);
    await panel.getByRole('button', { name: 'Refresh outcomes' }).click();
    await expectText(panel.locator('.results__said'), 'Set an Outcomes URL in the settings');
    // What was read before stays.
    expect(await cells(panel.getByRole('table', { name: 'By event' }).getByRole('row', { name: /Web Summit/ }))).toContain('€12,000');
  });
});
