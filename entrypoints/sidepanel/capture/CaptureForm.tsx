import { useMutation } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useReducer, useRef, type FormEvent } from 'react';
import { TextField } from '../../../components/TextField';
import { captureFromPage, captureFromText, preloadPageReaders } from '../../../lib/capture/capture-page';
import { takePendingCapture, watchPendingCapture } from '../../../lib/capture/pending';
import { clearDraft, loadDraft, loadDraftMarks, saveDraft, saveDraftMarks } from '../../../lib/capture-form/draft';
import { captureFormReducer, initialCaptureForm, isEventSource, showsEventSummary } from '../../../lib/capture-form/reducer';
import { activeEventItem, type Question } from '../../../lib/events';
import { emptyLeadForm, parseLeadForm, type LeadFormErrors, type LeadFormValues } from '../../../lib/lead/form';
import { canonicalLinkedinProfileUrl } from '../../../lib/lead/linkedin-url';
import { leadSchemas } from '../../../lib/lead/load-schema';
import type { Lead } from '../../../lib/lead/schema';
import { outboxDb } from '../../../lib/outbox/db';
import { addLead, findDuplicate, updateLead, type KnownRecord } from '../../../lib/outbox/outbox';
import { announceSaved } from '../savedLeads';
import { useOutboxQuery } from '../useOutboxQuery';
import { DuplicateNotice } from './DuplicateNotice';
import { onEditRequest } from './leadEditor';
import { PasteBox } from './PasteBox';
import { ProspectFields } from './ProspectFields';
import { ScanBox } from './ScanBox';
import { QualificationFields } from './QualificationFields';
import { SourceFields } from './SourceFields';
import { useCaptureShortcut } from './useCaptureShortcut';
import { useCrmLookup } from './useCrmLookup';
import { useScan } from './useScan';

// The opportunity's size and currency: loaded just after the form first shows (below the fold).
const loadOpportunityFields = () => import('./OpportunityFields');
const OpportunityFields = lazy(() => loadOpportunityFields().then((module) => ({ default: module.OpportunityFields })));
// "Already in your CRM?": loaded when there is first something to say (a CRM with lookups, an email typed).
const CrmLookupNotice = lazy(() => import('./CrmLookupNotice').then((module) => ({ default: module.CrmLookupNotice })));
// The event's qualifying questions: loaded when an event asks some.
const EventAnswers = lazy(() => import('./EventAnswers').then((module) => ({ default: module.EventAnswers })));

type SaveRequest = { values: LeadFormValues; editing: Lead | null; known?: KnownRecord };
type SaveResult = { saved: Lead } | { refused: LeadFormErrors };

/** The capture form: what it does lives in lib/capture-form/reducer.ts; this draws it and runs its effects. */
export function CaptureForm() {
  const [state, dispatch] = useReducer(captureFormReducer, initialCaptureForm);
  const { values, errors, fromPage, capture, editing, message, readNote } = state;
  const shortcut = useCaptureShortcut();
  const formRef = useRef<HTMLFormElement>(null);
  const loaded = values !== null;
  const onChange = useCallback(<K extends keyof LeadFormValues>(field: K, value: LeadFormValues[K]) => dispatch({ type: 'fieldChanged', field, value }), []);

  // Fetched as soon as the form has shown: the opportunity's fields, and the lead schema that
  // checks the form on "Save lead" (a failed fetch is tried again then, and said if it fails again).
  useEffect(() => {
    void loadOpportunityFields();
    leadSchemas().catch(() => undefined);
  }, []);

  useEffect(() => {
    Promise.all([loadDraft(), activeEventItem.getValue(), loadDraftMarks()]).then(
      ([draft, event, marks]) => dispatch({ type: 'draftLoaded', draft, event, marks }),
      () => dispatch({ type: 'draftLoaded', draft: emptyLeadForm(), event: null }),
    );
  }, []);

  useEffect(() => {
    if (!values || editing) return;
    const timer = setTimeout(() => void Promise.all([saveDraft(values), saveDraftMarks({ fields: [...fromPage], from: state.filledFrom })]), 250);
    return () => clearTimeout(timer);
  }, [values, editing, fromPage, state.filledFrom]);

  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  // Event mode: while an event runs, new leads are tagged with it (not a lead being updated).
  useEffect(() => activeEventItem.watch((event) => dispatch({ type: 'eventChanged', event })), []);

  // "Change source" goes away with the summary: the keyboard carries on at the source's select.
  useEffect(() => {
    if (state.sourceOpen) formRef.current?.querySelector<HTMLElement>('.source select')?.focus();
  }, [state.sourceOpen]);

  // "Edit" in the outbox list: the lead as stored, in this form.
  useEffect(
    () =>
      onEditRequest((lead) => {
        dispatch({ type: 'editRequested', lead });
        formRef.current?.scrollIntoView({ block: 'start' });
        formRef.current?.querySelector<HTMLElement>('input')?.focus();
      }),
    [],
  );

  const linkedinUrl = values ? canonicalLinkedinProfileUrl(values.linkedinUrl) ?? undefined : undefined;
  const email = values?.email.trim() || undefined;
  const fullName = values?.fullName.trim() || undefined;
  const company = values?.company.trim() || undefined;
  const duplicate = useOutboxQuery(
    async () =>
      linkedinUrl || email || (fullName && company)
        ? findDuplicate(outboxDb(), { linkedinUrl, email, fullName, company, exceptId: editing?.id })
        : undefined,
    [linkedinUrl, email, fullName, company, editing?.id],
  );
  const companyDomain = values?.companyDomain.trim() || undefined;
  const inCrm = useCrmLookup({ email, linkedinUrl, fullName, company, companyDomain }, loaded && !editing);
  // One record matched: the saved lead is that record, and its sync updates it.
  const onlyMatch = inCrm.outcome?.status === 'found' && inCrm.outcome.matches.length === 1 ? inCrm.outcome.matches[0] : undefined;

  const read = useMutation({
    mutationFn: (source: { tabId?: number } | { text: string; url?: string; title?: string }) =>
      'text' in source ? captureFromText(source.text, { url: source.url, title: source.title }) : captureFromPage(source.tabId),
    onMutate: () => dispatch({ type: 'readStarted' }),
    onSuccess: ({ draft, capture: context }) => dispatch({ type: 'pageRead', draft, capture: context }),
    onError: (error) => dispatch({ type: 'readFailed', message: error instanceof Error ? error.message : String(error) }),
  });

  // Captures asked for from the context menu or the keyboard shortcut.
  const { mutate: readSource } = read;
  useEffect(() => {
    if (!loaded) return;
    const apply = () =>
      void takePendingCapture().then((request) => {
        if (request?.kind === 'page') readSource({ tabId: request.tabId });
        if (request?.kind === 'text') readSource({ text: request.text, url: request.pageUrl, title: request.pageTitle });
      });
    apply();
    return watchPendingCapture(apply);
  }, [loaded, readSource]);

  // "Scan badge or card": a picture chosen, pasted, dropped or taken with the camera.
  const scanInput = useRef<HTMLInputElement>(null);
  const rapid = state.activeEvent?.rapid === true;
  const { scan, dragging, preload: preloadScanner } = useScan(dispatch, loaded && !editing);
  const busy = read.isPending || scan.isPending;

  // "Save lead": the form checked (one message per field, nothing written) and, when it passes, written.
  const save = useMutation({
    mutationFn: async ({ values: typed, editing: existing, known }: SaveRequest): Promise<SaveResult> => {
      const parsed = parseLeadForm(await leadSchemas(), typed);
      if (!parsed.ok) return { refused: parsed.errors };
      const { lead } = parsed;
      return {
        saved: existing ? await updateLead(outboxDb(), existing.id, { ...lead, capture: existing.capture }) : await addLead(outboxDb(), { ...lead, capture }, Date.now(), known),
      };
    },
    onSuccess: async (result, { editing: existing }) => {
      if ('refused' in result) {
        dispatch({ type: 'refused', errors: result.refused });
        return;
      }
      const lead = result.saved;
      dispatch({ type: 'submitted' });
      // The list shows it now, not after its next read of the outbox.
      announceSaved(lead);
      dispatch({ type: 'saved', lead, updated: existing !== null });
      await clearDraft();
      // Rapid mode at an event: straight back to the scanner for the next visitor.
      if (rapid && !existing) scanInput.current?.focus();
      else formRef.current?.querySelector<HTMLElement>('input')?.focus();
    },
  });

  if (!values) return null;


  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // One save at a time: a second Enter (or Ctrl+Enter) while the first is written adds nothing.
    if (save.isPending) return;
    save.mutate({ values, editing, known: onlyMatch && { crmId: onlyMatch.crmId, crmUrl: onlyMatch.url } });
  };

  // The running event's questions for a new lead of that event; a stored lead's own answers too.
  const eventQuestions = !editing && state.activeEvent && isEventSource(values, state.activeEvent) ? (state.activeEvent.questions ?? []) : [];
  const questions: Question[] = [
    ...eventQuestions,
    ...Object.keys(values.answers)
      .filter((text) => !eventQuestions.some((question) => question.text === text) && values.answers[text]?.some((part) => part.trim()))
      .map((text) => ({ text, kind: 'text' as const, options: [] })),
  ];
  const problemCount = Object.keys(errors).length;
  const who = editing && (editing.fullName ?? editing.company);
  return (
    <form ref={formRef} className="capture" aria-label={editing ? `Update ${who}` : 'Capture a lead'} onSubmit={onSubmit} noValidate data-shortcut="Ctrl+Enter">
      {editing ? (
        <div className="editing">
          <p>
            Updating <strong>{who}</strong>
          </p>
          <button type="button" className="link" onClick={() => dispatch({ type: 'editingCancelled' })}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="capture__from-page">
          <button type="button" onClick={() => read.mutate({})} onPointerEnter={preloadPageReaders} onFocus={preloadPageReaders} disabled={busy} aria-keyshortcuts={shortcut || undefined}>
            {read.isPending ? 'Reading the page…' : 'Capture from page'}
          </button>
          {shortcut && <span className="shortcut">{shortcut}</span>}
        </div>
      )}
      {!editing && (
        <p role="status" className={readNote?.ok === false ? 'capture__read capture__read--problem' : 'capture__read'}>
          {readNote?.text}
        </p>
      )}
      {!editing && (
        <ScanBox
          busy={scan.isPending}
          dragging={dragging}
          cardText={state.filledFrom === 'card' && state.fromPage.size > 0 ? scan.data?.text : undefined}
          onImage={(image) => scan.mutate(image)}
          onPreload={preloadScanner}
          inputRef={scanInput}
        />
      )}
      {!editing && <PasteBox busy={busy} onFill={(text) => read.mutate({ text })} />}
      {!editing && (inCrm.checking || (inCrm.outcome && inCrm.outcome.status !== 'off')) && (
        <Suspense fallback={null}>
          <CrmLookupNotice outcome={inCrm.outcome} checking={inCrm.checking} />
        </Suspense>
      )}
      {showsEventSummary(state) ? (
        <div className="source source--summary">
          <p>
            Source: <strong>Event</strong> · {values.eventName}
          </p>
          <button type="button" className="link" onClick={() => dispatch({ type: 'sourceOpened' })}>
            Change source
          </button>
        </div>
      ) : (
        <SourceFields values={values} errors={errors} onChange={onChange} />
      )}
      {questions.length > 0 && (
        <Suspense fallback={null}>
          <EventAnswers questions={questions} answers={values.answers} error={errors.answers} onChange={(answers) => onChange('answers', answers)} />
        </Suspense>
      )}
      <ProspectFields values={values} errors={errors} fromPage={fromPage} filledFrom={state.filledFrom} onChange={onChange} />
      {duplicate && !editing && <DuplicateNotice lead={duplicate} onOpen={() => dispatch({ type: 'existingOpened', lead: duplicate })} />}
      <QualificationFields values={values} onChange={onChange} />
      <Suspense fallback={null}>
        <OpportunityFields values={values} errors={errors} onChange={onChange} />
      </Suspense>
      <TextField label="Notes" multiline value={values.notes} error={errors.notes} onChange={(value) => onChange('notes', value)} />
      {problemCount > 0 && (
        <p className="form-problem" role="alert">
          Nothing was saved: fix the {problemCount === 1 ? 'highlighted field' : `${problemCount} highlighted fields`}.
        </p>
      )}
      {save.isError && (
        <p className="form-problem" role="alert">
          Nothing was saved: {save.error instanceof Error ? save.error.message : String(save.error)}. What you typed is still here.
        </p>
      )}
      <div className="capture__actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {editing ? 'Update lead' : 'Save lead'}
        </button>
        <p role="status" className="capture__message">
          {message}
        </p>
      </div>
    </form>
  );
}
