import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './support/extension';
import { expectText, leadInList, typeLead } from './support/panel';

let session: ExtensionSession;
beforeEach(async () => {
  session = await launchExtension();
});
afterEach(() => session.close());

describe('capturing a lead by hand in the side panel', () => {
  it('saves a referral lead to the outbox, and it is still there after a reload', async () => {
    const panel = await session.open('sidepanel.html');
    await panel.getByLabel('Source', { exact: true }).selectOption({ label: 'Referral' });
    await panel.getByLabel('Referred by').fill('Bob Martin (Globex)');
    await typeLead(panel, { 'Full name': 'Zoë Müller', 'Job title': 'Head of Ops', Company: 'Initech GmbH', Email: 'zoe@initech.example' });
    await panel.getByLabel('Hot').check();
    await panel.getByRole('button', { name: 'Save lead' }).click();

    await expectText(panel.getByRole('status').filter({ hasText: 'Saved' }), 'Saved Zoë Müller');
    const item = leadInList(panel, 'Zoë Müller');
    await expectText(item, 'Initech GmbH');
    await expectText(item, 'Referral · Bob Martin (Globex)');
    await expectText(item, 'Pending');
    await expectText(panel.getByText(/waiting to sync/), '1 waiting to sync');
    // The form is ready for the next lead from the same referrer.
    expect(await panel.getByLabel('Full name').inputValue()).toBe('');
    expect(await panel.getByLabel('Referred by').inputValue()).toBe('Bob Martin (Globex)');

    await panel.reload();
    await expectText(leadInList(panel, 'Zoë Müller'), 'Pending');
  });

  it('shows a message at each bad field, saves nothing, and keeps what was typed', async () => {
    const panel = await session.open('sidepanel.html');
    await panel.getByLabel('Source', { exact: true }).selectOption({ label: 'Event' });
    await typeLead(panel, { Email: 'jane@', Phone: 'call me', 'LinkedIn URL': 'https://www.linkedin.com/company/acme' });
    await panel.getByRole('button', { name: 'Save lead' }).click();

    await expectText(panel.getByRole('alert'), 'Nothing was saved');
    const expectError = async (label: string, message: string) => {
      const field = panel.getByLabel(label, { exact: true });
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      const describedBy = await field.getAttribute('aria-describedby');
      expect(await panel.locator(`[id="${describedBy}"]`).innerText()).toBe(message);
    };
    await expectError('Email', 'Enter a valid email address, like jane@acme.com');
    await expectError('Phone', 'Enter a phone number, like +1 415 555 0100');
    await expectError('LinkedIn URL', 'Enter a LinkedIn profile link, like https://www.linkedin.com/in/jane-doe');
    await expectError('Event name', 'Enter the event name');
    await expectError('Full name', "Enter the person's name or their company (or their badge id)");
    expect(await panel.getByLabel('Email', { exact: true }).inputValue()).toBe('jane@');
    expect(await panel.getByText('No leads yet').isVisible()).toBe(true);

    // Fixing the fields saves the lead with what was kept.
    await panel.getByLabel('Event name').fill('Web Summit Lisbon');
    await typeLead(panel, { 'Full name': 'Jane Doe', Email: 'jane@acme.example', Phone: '+351 21 000 0000', 'LinkedIn URL': 'pt.linkedin.com/in/jane-doe/' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Jane Doe'), 'Event · Web Summit Lisbon');
  });

  it('keeps an unsaved draft when the panel is closed and opened again', async () => {
    const panel = await session.open('sidepanel.html');
    await typeLead(panel, { 'Full name': 'Half Typed', Notes: 'Met at the booth, call Tuesday' });
    await expect.poll(() => session.worker.evaluate(() => chrome.storage.local.get('captureDraft').then((r) => JSON.stringify(r))), { timeout: 5_000 }).toContain('Half Typed');
    await panel.close();
    const reopened = await session.open('sidepanel.html');
    await expect.poll(() => reopened.getByLabel('Full name').inputValue()).toBe('Half Typed');
    expect(await reopened.getByLabel('Notes').inputValue()).toBe('Met at the booth, call Tuesday');
  });

  it('renders text from a lead as text, never as HTML', async () => {
    const panel = await session.open('sidepanel.html');
    await typeLead(panel, { 'Full name': '<img src=x onerror="document.title=\'owned\'">', Company: 'Acme' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Acme'), '<img src=x');
    expect(await panel.locator('.outbox img').count()).toBe(0);
    expect(await panel.title()).toBe('Fieldclip');
  });
});
