// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../../components/queryClient';
import { outboxDb } from '../../../lib/outbox/db';
import { CaptureForm } from './CaptureForm';

// The form drawn from its reducer's state, with the outbox on fake-indexeddb and WXT's fake browser.

function renderForm() {
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <CaptureForm />
    </QueryClientProvider>,
  );
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label, { exact: false }), { target: { value } });

afterEach(cleanup);

describe('CaptureForm', () => {
  it('saves a typed referral to the outbox and keeps the referrer for the next lead', async () => {
    renderForm();
    fireEvent.change(await screen.findByLabelText('Source'), { target: { value: 'referral' } });
    type('Referred by', 'Bob Martin');
    type('Full name', 'Jane Doe');
    type('Company', 'Acme');
    fireEvent.click(screen.getByRole('button', { name: 'Save lead' }));

    expect(await screen.findByText('Saved Jane Doe. It will sync with the next “Sync now”.')).toBeTruthy();
    const leads = (await outboxDb().leads.toArray()).filter((lead) => lead.fullName === 'Jane Doe');
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ company: 'Acme', source: { kind: 'referral', referredBy: 'Bob Martin' }, sync: { status: 'pending' } });
    expect((screen.getByLabelText('Full name', { exact: false }) as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Referred by', { exact: false }) as HTMLInputElement).value).toBe('Bob Martin');
  });

  it('refuses a lead with neither a name nor a company, and keeps what was typed', async () => {
    renderForm();
    await screen.findByLabelText('Email');
    type('Email', 'ana@initech.example');
    const before = (await outboxDb().leads.toArray()).length;
    fireEvent.click(screen.getByRole('button', { name: 'Save lead' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(/^Nothing was saved: fix the 2 highlighted fields/);
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('ana@initech.example');
    expect(screen.getByLabelText('Full name', { exact: false }).getAttribute('aria-invalid')).toBe('true');
    // Typing a company answers the rule at both fields.
    type('Company', 'Initech');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect((await outboxDb().leads.toArray()).length).toBe(before);
  });

  it('says plainly when the computer has no room left, and keeps what was typed', async () => {
    renderForm();
    await screen.findByLabelText('Email');
    type('Full name', 'Raj Patel');
    type('Company', 'Globex');
    vi.spyOn(outboxDb().leads, 'bulkAdd').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    fireEvent.click(screen.getByRole('button', { name: 'Save lead' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Nothing was saved: This computer has no room left for the outbox: free some disk space (or sync the leads waiting), then save again. What you typed is still here.',
    );
    expect((screen.getByLabelText('Full name', { exact: false }) as HTMLInputElement).value).toBe('Raj Patel');
    expect((screen.getByLabelText('Company', { exact: false }) as HTMLInputElement).value).toBe('Globex');
  });
});
