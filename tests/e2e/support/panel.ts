import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

// How a rep works the side panel, by accessible names, for the browser tests.

export type TypedLead = Partial<
  Record<'Full name' | 'Job title' | 'Company' | 'Email' | 'Phone' | 'LinkedIn URL' | 'Website' | 'Location' | 'Notes', string>
>;

export async function typeLead(panel: Page, lead: TypedLead): Promise<void> {
  for (const [label, value] of Object.entries(lead)) {
    await panel.getByLabel(label, { exact: true }).fill(value);
  }
}

/** Starts event mode from the panel, and waits until the panel says it is on. */
export async function startEvent(panel: Page, name: string, venue?: string): Promise<void> {
  await panel.getByRole('button', { name: 'Start an event…' }).click();
  const form = panel.getByRole('form', { name: 'Start an event' });
  await form.getByLabel('Event name').fill(name);
  if (venue !== undefined) await form.getByLabel('Venue').fill(venue);
  await panel.getByRole('button', { name: 'Start event' }).click();
  await expectText(panel.getByRole('region', { name: 'Event mode' }), `Event mode: ${name}`);
}

/** The list item of the lead with this name (or company, for a company-only lead). */
export function leadInList(panel: Page, name: string): Locator {
  return panel.getByRole('list', { name: 'Leads' }).getByRole('listitem').filter({ hasText: name });
}

/** Waits until the locator's text contains `text`, as the live list catches up with the outbox. */
export async function expectText(locator: Locator, text: string | RegExp, timeout = 15_000): Promise<void> {
  await expect
    .poll(async () => ((await locator.count()) > 0 ? await locator.first().innerText() : ''), { timeout })
    .toMatch(typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text);
}
