import type { ActiveEvent } from '../events';
import { emptyLeadForm, leadToForm, sourceDetailFields, VISIBLE_PROSPECT_FIELDS, type LeadFormErrors, type LeadFormValues } from '../lead/form';
import type { Capture, Lead, Prospect } from '../lead/schema';
import { prospectFields } from '../lead/terms';
import type { ProspectDraft } from '../extract/types';

// What the capture form does with what happens to it, without React: what survives a save, how
// the running event tags a lead, how what the page gave meets what the rep typed, which errors a
// keystroke clears, and how an existing lead opens. CaptureForm.tsx renders this state.

export const SOURCE_DETAILS = Object.values(sourceDetailFields).flat();

/** Where the fields just filled were read: the page (or a pasted text), a badge's code, a card's picture. */
export type FillOrigin = 'page' | 'badge' | 'card';

/** What reading the page (or a pasted text) gave, shown under its button: the rep's eyes are there. */
export type ReadNote = { ok: boolean; text: string };

export type CaptureFormState = {
  /** Null until the saved draft is read. */
  values: LeadFormValues | null;
  errors: LeadFormErrors;
  /** Fields filled from the page (or a badge, a card) and not edited since: marked "from page" ("from badge", "from card"). */
  fromPage: ReadonlySet<keyof Prospect>;
  filledFrom: FillOrigin;
  /** Where the lead was captured (the page's address and title, the reader). */
  capture: Capture;
  /** The stored lead the form is updating, if any. */
  editing: Lead | null;
  /** What the last save did. */
  message: string;
  readNote: ReadNote | null;
  activeEvent: ActiveEvent | null;
  /** In event mode the source is one line naming the event; "Change source" opens its fields. */
  sourceOpen: boolean;
};

export type CaptureFormAction =
  | { type: 'draftLoaded'; draft: LeadFormValues; event: ActiveEvent | null; marks?: { fields: ReadonlyArray<keyof Prospect>; from: FillOrigin } }
  | { type: 'eventChanged'; event: ActiveEvent | null }
  | { type: 'editRequested'; lead: Lead }
  | { type: 'readStarted' }
  | { type: 'readFailed'; message: string }
  | { type: 'pageRead'; draft: ProspectDraft; capture: Capture; origin?: FillOrigin }
  | { type: 'fieldChanged'; field: keyof LeadFormValues; value: LeadFormValues[keyof LeadFormValues] }
  | { type: 'existingOpened'; lead: Lead }
  | { type: 'editingCancelled' }
  | { type: 'sourceOpened' }
  | { type: 'refused'; errors: LeadFormErrors }
  | { type: 'submitted' }
  | { type: 'saved'; lead: Lead; updated: boolean };

export const initialCaptureForm: CaptureFormState = {
  values: null,
  errors: {},
  fromPage: new Set(),
  filledFrom: 'page',
  capture: {},
  editing: null,
  message: '',
  readNote: null,
  activeEvent: null,
  sourceOpen: false,
};

/** The form with the running event as its source, or back to prospecting when the event ends. */
export function withEvent(form: LeadFormValues, event: ActiveEvent | null): LeadFormValues {
  if (event) {
    return { ...form, sourceKind: 'event', eventName: event.eventName, eventDate: event.eventDate ?? '', eventLocation: event.eventLocation ?? '' };
  }
  return form.sourceKind === 'event' ? { ...form, sourceKind: 'prospecting', eventName: '', eventDate: '', eventLocation: '' } : form;
}

/** Whether the form's source is the running event, unchanged. */
export function isEventSource(form: LeadFormValues, event: ActiveEvent | null): boolean {
  return (
    event !== null &&
    form.sourceKind === 'event' &&
    form.eventName === event.eventName &&
    form.eventDate === (event.eventDate ?? '') &&
    form.eventLocation === (event.eventLocation ?? '')
  );
}

/** Whether the source shows as one line naming the running event (a new lead, its source untouched and valid). */
export function showsEventSummary(state: CaptureFormState): boolean {
  const { values, editing, sourceOpen, activeEvent, errors } = state;
  return values !== null && !editing && !sourceOpen && isEventSource(values, activeEvent) && !SOURCE_DETAILS.some((field) => errors[field]);
}

/** Keeps the source and its details for the next lead: reps log several from one event or referrer. */
export function nextForm(saved: LeadFormValues): LeadFormValues {
  const next = emptyLeadForm(saved.sourceKind);
  for (const field of SOURCE_DETAILS) next[field] = saved[field];
  // A currency the rep picked stays for the next lead, as the source does.
  next.currency = saved.currency;
  return next;
}

/** What the rep typed stays unless the page has that field; what the last page gave goes. */
function fillFromPage(state: CaptureFormState, draft: ProspectDraft, capture: Capture, origin: FillOrigin): CaptureFormState {
  const found = prospectFields.filter((field) => field !== 'notes' && typeof draft[field as keyof ProspectDraft] === 'string');
  const values = state.values && { ...state.values };
  if (values) {
    for (const field of state.fromPage) values[field] = '';
    for (const field of found) values[field] = draft[field as keyof ProspectDraft] as string;
  }
  const shown = VISIBLE_PROSPECT_FIELDS.filter(({ field }) => found.includes(field)).length;
  return {
    ...state,
    values,
    fromPage: new Set(found),
    filledFrom: origin,
    capture,
    errors: {},
    message: '',
    readNote:
      shown === 0
        ? { ok: false, text: origin === 'page' ? 'Nothing to capture on this page: type the lead in.' : `Nothing to fill from this ${origin}: type the lead in.` }
        : { ok: true, text: `Filled ${shown} field${shown === 1 ? '' : 's'} from the ${origin}. Check them, then save.` },
  };
}

/** A keystroke clears its field's error; "a name or a company" is one rule shown at two fields. */
function withoutErrorAt(errors: LeadFormErrors, field: keyof LeadFormValues): LeadFormErrors {
  const rest: LeadFormErrors = { ...errors };
  delete rest[field];
  if (field === 'fullName' || field === 'company') {
    delete rest.fullName;
    delete rest.company;
  }
  return rest;
}

export function captureFormReducer(state: CaptureFormState, action: CaptureFormAction): CaptureFormState {
  switch (action.type) {
    case 'draftLoaded': {
      // Marks only on fields that still hold something.
      const marked = (action.marks?.fields ?? []).filter((field) => action.draft[field]?.trim());
      return {
        ...state,
        activeEvent: action.event,
        values: action.event ? withEvent(action.draft, action.event) : action.draft,
        fromPage: new Set(marked),
        filledFrom: action.marks?.from ?? 'page',
      };
    }
    case 'eventChanged':
      // While an event runs, new leads are tagged with it; a lead being updated keeps its source.
      return {
        ...state,
        activeEvent: action.event,
        sourceOpen: false,
        values: state.values && !state.editing ? withEvent(state.values, action.event) : state.values,
      };
    case 'editRequested':
      return { ...state, values: leadToForm(action.lead), editing: action.lead, fromPage: new Set(), errors: {}, message: '', readNote: null };
    case 'readStarted':
      return { ...state, readNote: null };
    case 'readFailed':
      return { ...state, readNote: { ok: false, text: action.message } };
    case 'pageRead':
      return fillFromPage(state, action.draft, action.capture, action.origin ?? 'page');
    case 'fieldChanged': {
      if (!state.values) return state;
      const field = action.field;
      const fromPage = state.fromPage.has(field as keyof Prospect) ? new Set([...state.fromPage].filter((f) => f !== field)) : state.fromPage;
      return { ...state, values: { ...state.values, [field]: action.value }, errors: withoutErrorAt(state.errors, field), fromPage, message: '' };
    }
    case 'existingOpened': {
      if (!state.values) return state;
      // The existing lead, with whatever the rep has just captured or typed on top.
      const merged = leadToForm(action.lead);
      for (const field of prospectFields) if (state.values[field].trim()) merged[field] = state.values[field];
      for (const [question, parts] of Object.entries(state.values.answers)) if (parts.some((part) => part.trim())) merged.answers[question] = parts;
      return { ...state, values: merged, editing: action.lead, errors: {}, message: '', readNote: null };
    }
    case 'editingCancelled':
      return { ...state, editing: null, values: emptyLeadForm(state.values?.sourceKind), fromPage: new Set() };
    case 'sourceOpened':
      return { ...state, sourceOpen: true };
    case 'refused':
      return { ...state, errors: action.errors, message: '' };
    case 'submitted':
      return { ...state, errors: {} };
    case 'saved': {
      const who = action.lead.fullName ?? action.lead.company;
      const next = state.values && nextForm(state.values);
      return {
        ...state,
        message: action.updated
          ? `Updated ${who}. The change will sync with the next “Sync now”.`
          : `Saved ${who}. It will sync with the next “Sync now”.`,
        // During an event the next lead is the event's again, even after one from another source.
        values: next && (state.activeEvent ? withEvent(next, state.activeEvent) : next),
        sourceOpen: false,
        fromPage: new Set(),
        readNote: null,
        capture: {},
        editing: null,
      };
    }
  }
}
