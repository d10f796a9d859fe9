import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STEP_ROWS } from '../../lib/csv/import';
import { launchExtension, type ExtensionSession } from './support/extension';
import { expectText, leadInList, startEvent, typeLead } from './support/panel';

let session: ExtensionSession;
beforeEach(async () => {
  session = await launchExtension();
});
afterEach(() => session.close());

describe('event mode', () => {
  it('tags every lead saved during the event, says so plainly, and lists the event with its count afterwards', async () => {
    const panel = await session.open('sidepanel.html');
    await startEvent(panel, 'Web Summit Lisbon', 'Lisbon');

    // The source is one line naming the event, not three fields to scroll past.
    const form = panel.getByRole('form', { name: 'Capture a lead' });
    await expectText(form.locator('.source'), 'Source: Event · Web Summit Lisbon');
    expect(await form.getByLabel('Event name').count()).toBe(0);
    for (const name of ['Ana Booth', 'Ben Party']) {
      await typeLead(panel, { 'Full name': name, Company: 'Expo Co' });
      await panel.getByRole('button', { name: 'Save lead' }).click();
      await expectText(leadInList(panel, name), 'Event · Web Summit Lisbon');
    }

    // The event survives the panel closing.
    await panel.reload();
    await expectText(panel.getByRole('region', { name: 'Event mode' }), 'Event mode: Web Summit Lisbon');
    await expectText(form.locator('.source'), 'Source: Event · Web Summit Lisbon');

    await panel.getByRole('button', { name: 'End event' }).click();
    await expect.poll(() => panel.getByLabel('Source', { exact: true }).inputValue()).toBe('prospecting');
    await panel.getByText('Past events').click();
    await expectText(panel.locator('.past-events'), 'Web Summit Lisbon: 2 leads');
  });

  it('logs a lead from another source during the event, then goes back to the event', async () => {
    const panel = await session.open('sidepanel.html');
    await startEvent(panel, 'Web Summit Lisbon', 'Lisbon');
    const form = panel.getByRole('form', { name: 'Capture a lead' });
    await typeLead(panel, { 'Full name': 'Rita Referral', Company: 'Partner Co' });

    await form.getByRole('button', { name: 'Change source' }).click();
    // The keyboard carries on where the button was: at the source.
    await expect.poll(() => panel.evaluate(() => document.activeElement?.id)).toBe(await form.getByLabel('Source', { exact: true }).getAttribute('id'));
    // The event's details are there to change, and what was typed is kept.
    expect(await form.getByLabel('Event name').inputValue()).toBe('Web Summit Lisbon');
    expect(await form.getByLabel('Venue').inputValue()).toBe('Lisbon');
    await form.getByLabel('Source', { exact: true }).selectOption('referral');
    await form.getByLabel('Referred by').fill('Grace Customer');
    expect(await form.getByLabel('Full name').inputValue()).toBe('Rita Referral');
    await form.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Rita Referral'), 'Referral · Grace Customer');

    // The next lead is the event's again.
    await expectText(form.locator('.source'), 'Source: Event · Web Summit Lisbon');
    await typeLead(panel, { 'Full name': 'Bo Booth', Company: 'Expo Co' });
    await form.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Bo Booth'), 'Event · Web Summit Lisbon');
  });

  it('refuses to start an event without a name', async () => {
    const panel = await session.open('sidepanel.html');
    await panel.getByRole('button', { name: 'Start an event…' }).click();
    await panel.getByRole('button', { name: 'Start event' }).click();
    await expectText(panel.locator('.field__error'), 'Enter the event name');
  });
});

describe('qualification', () => {
  it('suggests the level from BANT, and the rep can choose another', async () => {
    const panel = await session.open('sidepanel.html');
    for (const box of ['Budget', 'Authority', 'Need', 'Timing']) await panel.getByLabel(box).check();
    expect(await panel.getByLabel('Hot').isChecked()).toBe(true);
    await panel.getByLabel('Budget').uncheck();
    expect(await panel.getByLabel('Lukewarm').isChecked()).toBe(true);
    await panel.getByLabel('Raw').check();
    await expectText(panel.locator('.qualification'), 'BANT suggests Lukewarm.');
    await typeLead(panel, { Company: 'Cautious Corp' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Cautious Corp'), /Prospecting\s+Raw/);
  });
});

describe('managing the outbox', () => {
  it('edits a lead that is not synced yet, keeping it one lead', async () => {
    const panel = await session.open('sidepanel.html');
    await typeLead(panel, { 'Full name': 'Eve Edit', Company: 'Draft Co', 'Job title': 'Buyer' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Eve Edit'), 'Draft Co');

    await panel.getByRole('button', { name: 'Edit Eve Edit' }).click();
    await expectText(panel.locator('.editing'), 'Updating Eve Edit');
    expect(await panel.getByLabel('Job title').inputValue()).toBe('Buyer');
    await panel.getByLabel('Company', { exact: true }).fill('Final Co');
    await panel.getByRole('button', { name: 'Update lead' }).click();
    await expectText(leadInList(panel, 'Eve Edit'), 'Final Co');
    expect(await leadInList(panel, 'Eve Edit').count()).toBe(1);
  });

  it('deletes a lead, and Undo brings it back', async () => {
    const panel = await session.open('sidepanel.html');
    await typeLead(panel, { 'Full name': 'Dan Delete', Company: 'Gone Co' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Dan Delete'), 'Pending');

    await panel.getByRole('button', { name: 'Delete Dan Delete' }).click();
    await expectText(panel.locator('.undo'), 'Deleted Dan Delete.');
    await expect.poll(() => leadInList(panel, 'Dan Delete').count()).toBe(0);
    await panel.getByRole('button', { name: 'Undo' }).click();
    await expectText(leadInList(panel, 'Dan Delete'), 'Pending');
    await expectText(panel.locator('.sync-bar__count'), '1 waiting to sync');
  });
});

describe('CSV in and out', () => {
  it('imports a 1,000-row badge-scanner export with 3 bad rows: 997 imported, 3 reported by row', async () => {
    const lines = ['First Name,Last Name,Email,Company,Job Title'];
    for (let i = 1; i <= 1000; i++) {
      const bad = i === 10 || i === 500 || i === 999;
      lines.push(`Visitor,Number ${i},${bad ? `broken-${i}@` : `visitor${i}@expo.example`},Expo Co ${i},Buyer`);
    }
    const panel = await session.open('sidepanel.html');
    await panel.getByText('Import from a spreadsheet').click();
    await panel.getByLabel('Import CSV').setInputFiles({ name: 'badges.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    expect(await panel.getByLabel('Field for column Email').inputValue()).toBe('email');
    await panel.getByLabel('Tag imported leads as').selectOption({ label: 'Event' });
    await panel.getByLabel('Source detail').fill('Badge Expo 2026');
    await panel.getByRole('button', { name: 'Import 1000 rows' }).click();

    const report = panel.locator('.csv-report');
    await expectText(report, 'Imported 997 leads. 3 rows were not imported (numbered as in the spreadsheet, the header being row 1):');
    // Row 1 is the header: visitor n is on row n + 1.
    for (const row of [11, 501, 1000]) await expectText(report, `Row ${row}: email: Enter a valid email address`);
    await expectText(panel.locator('.sync-bar__count'), '997 waiting to sync');
    await expectText(leadInList(panel, 'Visitor Number 1000'), 'Event · Badge Expo 2026');

    const downloading = panel.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await downloading).path();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(file, 'utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(998);
    expect(csv).toContain('Visitor Number 1000');
  });
});

describe('a big spreadsheet', () => {
  it('imports with a progress bar that Cancel stops, keeping what was imported; a file over the limit is refused before it is read', async () => {
    const lines = ['First Name,Last Name,Email,Company'];
    for (let i = 1; i <= 40_000; i++) lines.push(`Visitor,Number ${i},visitor${i}@expo.example,Expo Co`);
    const panel = await session.open('sidepanel.html');
    await panel.getByText('Import from a spreadsheet').click();
    const file = panel.getByLabel('Import CSV');
    await file.setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(21 * 1024 * 1024, 'a') });
    await expectText(panel.getByRole('alert'), 'That file is 21.0 MB: Fieldclip imports files up to 20 MB (about 200,000 rows). Split it, and import each part.');

    await file.setInputFiles({ name: 'badges.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await panel.getByLabel('Source detail').fill('Badge Expo 2026');
    await panel.getByRole('button', { name: 'Import 40000 rows' }).click();
    await expectText(panel.locator('.csv-progress'), /Importing… [\d,]+ of 40,000/);
    await panel.getByRole('button', { name: 'Cancel import' }).click();
    const report = panel.locator('.csv-report');
    await expectText(report, /^Import cancelled: the leads imported before it stay\. Imported \d+ leads\./);
    const imported = Number(/Imported (\d+) leads/.exec(await report.innerText())![1]);
    expect(imported).toBeGreaterThan(0);
    expect(imported).toBeLessThan(40_000);
    // Whole steps only: each step is one transaction.
    expect(imported % STEP_ROWS).toBe(0);
    await expectText(panel.locator('.sync-bar__count'), `${imported} waiting to sync`);
  });
});

describe('several leads from one moment', () => {
  it('logs two referred prospects from one customer, remembers the customer, and counts their referrals', async () => {
    const panel = await session.open('sidepanel.html');
    await panel.getByRole('button', { name: 'Log referral' }).click();
    const form = panel.getByRole('form', { name: 'Log referral' });
    await form.getByLabel('Referred by').fill('Grace Customer');
    await form.getByLabel("Referrer's organisation").fill('Globex');
    await form.getByLabel('Name of prospect 1').fill('Ann One');
    await form.getByLabel('Company of prospect 1').fill('Initech');
    await form.getByLabel('Name of prospect 2').fill('Bo Two');
    await form.getByRole('button', { name: 'Save referrals' }).click();
    // A prospect without a company is caught before anything is saved.
    await expectText(form.getByRole('status'), 'Nothing was saved');
    await form.getByLabel('Company of prospect 2').fill('Hooli');
    await form.getByRole('button', { name: 'Save referrals' }).click();
    await expectText(form.getByRole('status'), 'Saved 2 leads.');
    await expectText(leadInList(panel, 'Ann One'), 'Referral · Grace Customer');
    await expectText(leadInList(panel, 'Bo Two'), 'Referral · Grace Customer');

    await form.getByRole('button', { name: 'Close' }).click();
    await panel.getByRole('button', { name: 'Log referral' }).click();
    await panel.getByRole('group', { name: 'Recent referrers' }).getByRole('button', { name: 'Grace Customer, Globex' }).click();
    expect(await panel.getByLabel('Referred by').inputValue()).toBe('Grace Customer');
    await panel.getByText('Referrals per customer').click();
    await expectText(panel.locator('.past-events'), 'Grace Customer: 2 leads');
  });

  it('saves the names an ask at close yields, linked to the closed account', async () => {
    const panel = await session.open('sidepanel.html');
    await panel.getByRole('button', { name: 'Ask at close' }).click();
    const form = panel.getByRole('form', { name: 'Ask at close' });
    await form.getByLabel('Closed account').fill('Globex Corp');
    await form.getByLabel('Deal reference').fill('DEAL-2041');
    await form.getByRole('button', { name: 'Add another prospect' }).click();
    for (const [i, name] of ['Cy Three', 'Di Four', 'Ed Five'].entries()) {
      await form.getByLabel(`Name of prospect ${i + 1}`).fill(name);
      await form.getByLabel(`Company of prospect ${i + 1}`).fill('Umbrella');
    }
    await form.getByRole('button', { name: 'Save names' }).click();
    await expectText(form.getByRole('status'), 'Saved 3 leads.');
    await expectText(leadInList(panel, 'Ed Five'), 'Prospecting at close · Globex Corp');
    await panel.getByText('Leads per closed account').click();
    await expectText(panel.locator('.past-events'), 'Globex Corp: 3 leads');
  });
});
