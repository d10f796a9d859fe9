import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearDraft, loadDraft, saveDraft } from './draft';
import { emptyLeadForm } from '../lead/form';

describe('the capture draft', () => {
  it('comes back as it was typed', async () => {
    const typed = { ...emptyLeadForm('event'), fullName: 'Jane ', eventName: 'Web Summit', need: true };
    await saveDraft(typed);
    expect(await loadDraft()).toEqual(typed);
  });

  it('is an empty form when nothing was typed, or after the lead was saved', async () => {
    expect(await loadDraft()).toEqual(emptyLeadForm());
    await saveDraft({ ...emptyLeadForm(), company: 'Acme' });
    await clearDraft();
    expect(await loadDraft()).toEqual(emptyLeadForm());
  });

  it('drops stored values of the wrong type', async () => {
    await fakeBrowser.storage.local.set({ captureDraft: { fullName: 42, company: 'Acme', sourceKind: 'cold-call', level: 'boiling' } });
    expect(await loadDraft()).toEqual({ ...emptyLeadForm(), company: 'Acme' });
  });
});
