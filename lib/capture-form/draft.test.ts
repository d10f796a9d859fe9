import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearDraft, loadDraft, loadDraftMarks, saveDraft, saveDraftMarks } from './draft';
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

  it('keeps which fields a read filled, and from what, until the lead is saved; drops what it does not know', async () => {
    expect(await loadDraftMarks()).toEqual({ fields: [], from: 'page' });
    await saveDraftMarks({ fields: ['fullName', 'linkedinUrl'], from: 'badge' });
    expect(await loadDraftMarks()).toEqual({ fields: ['fullName', 'linkedinUrl'], from: 'badge' });
    await fakeBrowser.storage.local.set({ captureDraftMarks: { fields: ['fullName', 'password', 7], from: 'telepathy' } });
    expect(await loadDraftMarks()).toEqual({ fields: ['fullName'], from: 'page' });
    await clearDraft();
    expect(await loadDraftMarks()).toEqual({ fields: [], from: 'page' });
  });

  it('keeps answers to the event’s questions, and drops answers of the wrong shape', async () => {
    await saveDraft({ ...emptyLeadForm('event'), answers: { 'Budget?': ['Yes'] } });
    expect((await loadDraft()).answers).toEqual({ 'Budget?': ['Yes'] });
    await fakeBrowser.storage.local.set({ captureDraft: { answers: { 'Budget?': 'Yes', Ok: ['a', 'b'], Bad: [1] } } });
    expect((await loadDraft()).answers).toEqual({ Ok: ['a', 'b'] });
  });

  it('drops stored values of the wrong type', async () => {
    await fakeBrowser.storage.local.set({ captureDraft: { fullName: 42, company: 'Acme', sourceKind: 'cold-call', level: 'boiling' } });
    expect(await loadDraft()).toEqual({ ...emptyLeadForm(), company: 'Acme' });
  });
});
