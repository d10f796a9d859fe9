import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './support/extension';
import { expectText, leadInList, startEvent, typeLead, type TypedLead } from './support/panel';

let session: ExtensionSession;
beforeEach(async () => {
  session = await launchExtension();
});
afterEach(() => session.close());

async function save(panel: Page, lead: TypedLead) {
  await typeLead(panel, lead);
  await panel.getByRole('button', { name: 'Save lead' }).click();
  await expectText(leadInList(panel, lead['Full name'] ?? lead.Company ?? ''), lead['Full name'] ?? '');
}

const listed = (panel: Page) => panel.getByRole('list', { name: 'Leads' }).getByRole('listitem').locator('.lead__name').allInnerTexts();

describe('searching and filtering the outbox', () => {
  it('narrows the list by text, source, event and status, and exports just that view', async () => {
    const panel = await session.open('sidepanel.html');
    await startEvent(panel, 'SaaStr Annual');
    await save(panel, { 'Full name': 'Ana López', Company: 'Initech' });
    await save(panel, { 'Full name': 'Ben Booth', Company: 'Acme', Notes: 'Wants pricing' });
    await panel.getByRole('button', { name: 'End event' }).click();
    await save(panel, { 'Full name': 'Cy Browser', Company: 'Acme Labs' });

    await panel.getByLabel('Search leads').fill('acme');
    await expect.poll(() => listed(panel)).toEqual(['Cy Browser', 'Ben Booth']);
    await expectText(panel.locator('.outbox__count'), '2 of 3 leads');
    await panel.getByLabel('Search leads').fill('lopez');
    await expect.poll(() => listed(panel)).toEqual(['Ana López']);
    await panel.getByLabel('Search leads').fill('pricing');
    await expect.poll(() => listed(panel)).toEqual(['Ben Booth']);
    await panel.getByLabel('Search leads').fill('nobody');
    await expectText(panel.locator('.outbox'), 'No lead matches these filters.');

    await panel.getByRole('button', { name: 'Clear filters' }).click();
    await panel.getByLabel('Filter by event').selectOption('SaaStr Annual');
    await expect.poll(() => listed(panel)).toEqual(['Ben Booth', 'Ana López']);
    await panel.getByLabel('Filter by source').selectOption('prospecting');
    await expectText(panel.locator('.outbox'), 'No lead matches these filters.');
    await panel.getByLabel('Filter by source').selectOption('event');
    await panel.getByLabel('Filter by status').selectOption('waiting');
    await panel.getByLabel('Filter by date').selectOption('today');
    await expect.poll(() => listed(panel)).toEqual(['Ben Booth', 'Ana López']);

    const downloading = panel.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await readFile((await (await downloading).path())!, 'utf8');
    const rows = csv.trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(csv).toContain('Ana López');
    expect(csv).not.toContain('Cy Browser');

    await panel.getByLabel('Filter by status').selectOption('synced');
    await expectText(panel.locator('.outbox'), 'No lead matches these filters.');
  });

  it('jumps to the search box with "/"', async () => {
    const panel = await session.open('sidepanel.html');
    await save(panel, { 'Full name': 'Dee Key', Company: 'Keys Inc' });
    await panel.locator('h1').click();
    await panel.keyboard.press('/');
    await panel.keyboard.type('dee');
    expect(await panel.getByLabel('Search leads').inputValue()).toBe('dee');
  });
});

describe('merging duplicates', () => {
  it('flags two leads for the same person, merges them with the values chosen, and undo splits them again', async () => {
    const panel = await session.open('sidepanel.html');
    await save(panel, { 'Full name': 'Jane Doe', Company: 'Acme', 'Job title': 'CTO', Email: 'jane@acme.example' });
    await typeLead(panel, { 'Full name': 'Jane Doe', Company: 'Acme', 'Job title': 'Chief Technology Officer', Phone: '+1 415 555 0100' });
    await expectText(panel.locator('.duplicate'), 'Already in your outbox: Jane Doe, Acme');
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expect.poll(() => leadInList(panel, 'Jane Doe').count()).toBe(2);
    await expectText(leadInList(panel, 'Jane Doe').first(), 'Possible duplicate of Jane Doe, Acme');

    await leadInList(panel, 'Jane Doe').first().getByRole('button', { name: 'Merge Jane Doe with its duplicate' }).click();
    const dialog = panel.getByRole('dialog', { name: 'Merge duplicates' });
    await dialog.getByRole('group', { name: 'Job title' }).getByLabel('Chief Technology Officer').check();
    await dialog.getByRole('button', { name: 'Merge' }).click();

    await expect.poll(() => leadInList(panel, 'Jane Doe').count()).toBe(1);
    await expectText(panel.locator('.undo'), 'Merged into Jane Doe.');
    await expect.poll(() => leadInList(panel, 'Jane Doe').innerText()).not.toContain('Possible duplicate');
    await leadInList(panel, 'Jane Doe').getByRole('button', { name: 'Edit Jane Doe' }).click();
    expect(await panel.getByLabel('Job title').inputValue()).toBe('Chief Technology Officer');
    expect(await panel.getByLabel('Email').inputValue()).toBe('jane@acme.example');
    expect(await panel.getByLabel('Phone').inputValue()).toBe('+1 415 555 0100');
    await panel.locator('.editing').getByRole('button', { name: 'Cancel' }).click();

    await panel.locator('.undo').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => leadInList(panel, 'Jane Doe').count()).toBe(2);
  });
});

describe('moving a lead to another event', () => {
  it('re-tags a lead met at the party rather than the show', async () => {
    const panel = await session.open('sidepanel.html');
    await startEvent(panel, 'Expo Day');
    await save(panel, { 'Full name': 'Pat Party', Company: 'Globex' });
    await panel.getByRole('button', { name: 'End event' }).click();
    await startEvent(panel, 'Expo Party');
    await save(panel, { 'Full name': 'Sam Show', Company: 'Initech' });
    await panel.getByRole('button', { name: 'End event' }).click();

    const pat = leadInList(panel, 'Pat Party');
    await pat.getByRole('button', { name: 'Move to event: Pat Party' }).click();
    await pat.getByLabel('Move Pat Party to event').selectOption('Expo Party');
    await pat.getByRole('button', { name: 'Move', exact: true }).click();
    await expectText(leadInList(panel, 'Pat Party'), 'Event · Expo Party');
    await panel.getByLabel('Filter by event').selectOption('Expo Party');
    await expect.poll(() => listed(panel)).toEqual(['Sam Show', 'Pat Party']);
  });
});
