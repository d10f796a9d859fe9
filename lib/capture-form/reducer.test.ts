import { describe, expect, it } from 'vitest';
import type { ActiveEvent } from '../events';
import type { ProspectDraft, RawFields } from '../extract/types';
import { emptyLeadForm, type LeadFormValues } from '../lead/form';
import { leadSchema, type Lead } from '../lead/schema';
import { captureFormReducer, initialCaptureForm, showsEventSummary, type CaptureFormAction, type CaptureFormState } from './reducer';

const page = (fields: RawFields): ProspectDraft => ({ ...fields, fieldSources: {}, extractor: 'company-website' });

const summit: ActiveEvent = { eventName: 'Web Summit', eventDate: '2026-11-10', eventLocation: 'Lisbon', startedAt: 1 };

function run(...actions: CaptureFormAction[]): CaptureFormState {
  return actions.reduce(captureFormReducer, initialCaptureForm);
}

const loaded = (draft: Partial<LeadFormValues> = {}, event: ActiveEvent | null = null): CaptureFormAction => ({
  type: 'draftLoaded',
  draft: { ...emptyLeadForm(), ...draft },
  event,
});
const type = <K extends keyof LeadFormValues>(field: K, value: LeadFormValues[K]): CaptureFormAction => ({ type: 'fieldChanged', field, value });

function storedLead(fields: Partial<Lead> = {}): Lead {
  return leadSchema.parse({
    id: '6f1c1f0e-8f1b-4d8e-9a51-2a1c7b3e9d10',
    createdAt: 1,
    updatedAt: 1,
    fullName: 'Jane Doe',
    company: 'Acme',
    email: 'jane@acme.example',
    source: { kind: 'referral', referredBy: 'Bob Martin' },
    qualification: { level: 'hot', budget: true, authority: true, need: true, timing: true },
    capture: {},
    sync: { status: 'pending', attempts: 0, dueAt: 1 },
    ...fields,
  });
}

describe('the capture form', () => {
  it('opens with the saved draft, tagged with the running event', () => {
    const state = run(loaded({ fullName: 'Jane' }, summit));
    expect(state.values).toMatchObject({ fullName: 'Jane', sourceKind: 'event', eventName: 'Web Summit', eventDate: '2026-11-10', eventLocation: 'Lisbon' });
    expect(showsEventSummary(state)).toBe(true);
  });

  it('keeps the source and its details for the next lead, and nothing else', () => {
    const state = run(loaded(), type('sourceKind', 'referral'), type('referredBy', 'Bob Martin'), type('fullName', 'Jane Doe'), type('need', true));
    const saved = captureFormReducer(state, { type: 'saved', lead: storedLead(), updated: false });
    expect(saved.values).toEqual({ ...emptyLeadForm('referral'), referredBy: 'Bob Martin' });
    expect(saved.message).toBe('Saved Jane Doe. It will sync with the next “Sync now”.');
  });

  it('tags the next lead with the running event again after one from another source', () => {
    let state = run(loaded({}, summit), { type: 'sourceOpened' });
    expect(showsEventSummary(state)).toBe(false);
    state = run(loaded({}, summit), { type: 'sourceOpened' }, type('sourceKind', 'referral'), type('referredBy', 'Bob'));
    state = captureFormReducer(state, { type: 'saved', lead: storedLead(), updated: false });
    expect(state.values).toMatchObject({ sourceKind: 'event', eventName: 'Web Summit', fullName: '' });
    expect(state.sourceOpen).toBe(false);
    expect(showsEventSummary(state)).toBe(true);
  });

  it('goes back to prospecting when the event ends, but leaves a lead being updated alone', () => {
    expect(run(loaded({}, summit), { type: 'eventChanged', event: null }).values).toMatchObject({ sourceKind: 'prospecting', eventName: '' });
    const editing = run(loaded({}, summit), { type: 'editRequested', lead: storedLead() }, { type: 'eventChanged', event: null });
    expect(editing.values).toMatchObject({ sourceKind: 'referral', referredBy: 'Bob Martin' });
    expect(editing.activeEvent).toBeNull();
  });

  it('fills what the page gave over what the rep typed, and drops what the last page gave', () => {
    let state = run(loaded(), type('fullName', 'Typed Name'), type('notes', 'met at lunch'));
    state = captureFormReducer(state, { type: 'pageRead', draft: page({ fullName: 'Page Name', title: 'CFO' }), capture: { pageUrl: 'https://a.example/' } });
    expect(state.values).toMatchObject({ fullName: 'Page Name', title: 'CFO', notes: 'met at lunch' });
    expect([...state.fromPage]).toEqual(['fullName', 'title']);
    expect(state.readNote).toEqual({ ok: true, text: 'Filled 2 fields from the page. Check them, then save.' });
    // A second page without a title: the first page's title goes, the rep's own fields stay.
    state = captureFormReducer(captureFormReducer(state, type('company', 'Acme')), {
      type: 'pageRead',
      draft: page({ fullName: 'Other Person' }),
      capture: { pageUrl: 'https://b.example/' },
    });
    expect(state.values).toMatchObject({ fullName: 'Other Person', title: '', company: 'Acme' });
    expect(state.capture).toEqual({ pageUrl: 'https://b.example/' });
  });

  it('says so when the page had nothing, without touching the form', () => {
    const state = run(loaded(), type('fullName', 'Jane'), { type: 'pageRead', draft: page({}), capture: {} });
    expect(state.values?.fullName).toBe('Jane');
    expect(state.readNote).toEqual({ ok: false, text: 'Nothing to capture on this page: type the lead in.' });
  });

  it('marks what a badge or a card gave as such, and keeps what the rep typed in the fields it did not give', () => {
    let state = run(loaded(), type('notes', 'asked for pricing'), type('company', 'Typed Co'));
    state = captureFormReducer(state, { type: 'pageRead', draft: page({ badgeId: 'EXPO-7', email: 'ana@acme.example' }), capture: { extractor: 'badge code_128:badge-id' }, origin: 'badge' });
    expect(state.filledFrom).toBe('badge');
    expect(state.values).toMatchObject({ badgeId: 'EXPO-7', email: 'ana@acme.example', company: 'Typed Co', notes: 'asked for pricing' });
    expect(state.readNote).toEqual({ ok: true, text: 'Filled 2 fields from the badge. Check them, then save.' });
    state = captureFormReducer(state, { type: 'pageRead', draft: page({}), capture: {}, origin: 'card' });
    expect(state.readNote).toEqual({ ok: false, text: 'Nothing to fill from this card: type the lead in.' });
  });

  it('brings back the marks of a draft’s filled fields, so the next read replaces them rather than mixing two people', () => {
    const draft = { ...emptyLeadForm(), fullName: 'Page Person', linkedinUrl: 'https://www.linkedin.com/in/page-person', notes: 'typed' };
    let state = captureFormReducer(initialCaptureForm, { type: 'draftLoaded', draft, event: null, marks: { fields: ['fullName', 'linkedinUrl', 'company'], from: 'page' } });
    expect([...state.fromPage]).toEqual(['fullName', 'linkedinUrl']);
    state = captureFormReducer(state, { type: 'pageRead', draft: page({ fullName: 'Badge Person', email: 'b@x.example' }), capture: {}, origin: 'badge' });
    expect(state.values).toMatchObject({ fullName: 'Badge Person', email: 'b@x.example', linkedinUrl: '', notes: 'typed' });
  });

  it('unmarks a field from the page once the rep edits it', () => {
    const state = run(loaded(), { type: 'pageRead', draft: page({ fullName: 'Page Name', company: 'Acme' }), capture: {} }, type('fullName', 'Jane'));
    expect([...state.fromPage]).toEqual(['company']);
  });

  it('clears a field\'s error as the rep types in it, and the name-or-company rule at both fields', () => {
    let state = run(loaded(), { type: 'refused', errors: { fullName: 'A name or a company', company: 'A name or a company', email: 'Not an email' } });
    state = captureFormReducer(state, type('company', 'Acme'));
    expect(state.errors).toEqual({ email: 'Not an email' });
    expect(captureFormReducer(state, type('email', 'jane@acme.example')).errors).toEqual({});
  });

  it('opens an existing lead with what the rep just captured on top', () => {
    const lead = storedLead({ title: 'VP Sales', phone: '+1 555 0100' });
    const state = run(loaded(), type('fullName', 'Jane Doe'), type('title', 'CFO'), { type: 'existingOpened', lead });
    expect(state.editing).toBe(lead);
    expect(state.values).toMatchObject({ fullName: 'Jane Doe', title: 'CFO', phone: '+1 555 0100', referredBy: 'Bob Martin', level: 'hot' });
  });

  it('says an update was saved, and cancelling an update empties the form', () => {
    const lead = storedLead();
    const updated = run(loaded(), { type: 'editRequested', lead }, { type: 'saved', lead, updated: true });
    expect(updated.message).toBe('Updated Jane Doe. The change will sync with the next “Sync now”.');
    expect(updated.editing).toBeNull();
    const cancelled = run(loaded(), { type: 'editRequested', lead }, { type: 'editingCancelled' });
    expect(cancelled.values).toEqual(emptyLeadForm('referral'));
  });

  it('keeps what the rep typed when a save is refused', () => {
    const state = run(loaded(), type('fullName', 'Jane'), type('email', 'nope'), { type: 'refused', errors: { email: 'Not an email' } });
    expect(state.values).toMatchObject({ fullName: 'Jane', email: 'nope' });
    expect(showsEventSummary(state)).toBe(false);
  });

  it('shows the source fields when the event source has an error', () => {
    const state = run(loaded({}, summit), { type: 'refused', errors: { eventDate: 'Enter the date as YYYY-MM-DD' } });
    expect(showsEventSummary(state)).toBe(false);
  });
});
