import { useMutation } from '@tanstack/react-query';
import { useCaptureShortcut } from './useCaptureShortcut';
import { useOutboxQuery } from '../useOutboxQuery';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { captureFromPage, captureFromText, type PageCapture } from '../../../lib/capture/capture-page';
import { takePendingCapture, watchPendingCapture } from '../../../lib/capture/pending';
import { clearDraft, loadDraft, saveDraft } from '../../../lib/capture-form/draft';
import { activeEventItem, type ActiveEvent } from '../../../lib/events';
import { emptyLeadForm, leadToForm, parseLeadForm, sourceDetailFields, type LeadFormErrors, type LeadFormValues } from '../../../lib/lead/form';
import { canonicalLinkedinProfileUrl } from '../../../lib/lead/linkedin-url';
import { prospectFields, type Capture, type Lead, type LeadInput, type Prospect } from '../../../lib/lead/schema';
import { outboxDb } from '../../../lib/outbox/db';
import { addLead, findDuplicate, updateLead } from '../../../lib/outbox/outbox';
import { DuplicateNotice } from './DuplicateNotice';
import { onEditRequest } from './leadEditor';
import { PasteBox } from './PasteBox';
import { ProspectFields, VISIBLE_PROSPECT_FIELDS } from './ProspectFields';
import { QualificationFields } from './QualificationFields';
import { SourceFields } from './SourceFields';
import { TextField } from '../../../components/TextField';

const SOURCE_DETAILS = Object.values(sourceDetailFields).flat();

/** Keeps the source and its details for the next lead: reps log several from one event or referrer. */
function nextForm(saved: LeadFormValues): LeadFormValues {
  const next = emptyLeadForm(saved.sourceKind);
  for (const field of SOURCE_DETAILS) next[field] = saved[field];
  return next;
}

type SaveRequest = { lead: LeadInput; editing: Lead | null };

/** The form with the running event as its source, or back to prospecting when the event ends. */
function withEvent(form: LeadFormValues, event: ActiveEvent | null): LeadFormValues {
  if (event) {
    return { ...form, sourceKind: 'event', eventName: event.eventName, eventDate: event.eventDate ?? '', eventLocation: event.eventLocation ?? '' };
  }
  return form.sourceKind === 'event' ? { ...form, sourceKind: 'prospecting', eventName: '', eventDate: '', eventLocation: '' } : form;
}

/** Whether the form's source is the running event, unchanged. */
function isEventSource(form: LeadFormValues, event: ActiveEvent | null): boolean {
  return (
    event !== null &&
    form.sourceKind === 'event' &&
    form.eventName === event.eventName &&
    form.eventDate === (event.eventDate ?? '') &&
    form.eventLocation === (event.eventLocation ?? '')
  );
}

export function CaptureForm() {
  const [values, setValues] = useState<LeadFormValues | null>(null);
  const [errors, setErrors] = useState<LeadFormErrors>({});
  const [fromPage, setFromPage] = useState<ReadonlySet<keyof Prospect>>(new Set());
  const [capture, setCapture] = useState<Capture>({});
  const [editing, setEditing] = useState<Lead | null>(null);
  const [message, setMessage] = useState('');
  const shortcut = useCaptureShortcut();
  /** What reading the page (or a pasted text) gave, shown under its button: the rep's eyes are there. */
  const [readNote, setReadNote] = useState<{ ok: boolean; text: string } | null>(null);
  // In event mode the source is one line naming the event; "Change" opens its fields.
  const [activeEvent, setActiveEvent] = useState<ActiveEvent | null>(null);
  const [sourceOpen, setSourceOpen] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const loaded = values !== null;

  useEffect(() => {
    Promise.all([loadDraft(), activeEventItem.getValue()]).then(
      ([draft, event]) => {
        setActiveEvent(event);
        setValues(event ? withEvent(draft, event) : draft);
      },
      () => setValues(emptyLeadForm()),
    );
  }, []);

  useEffect(() => {
    if (!values || editing) return;
    const timer = setTimeout(() => void saveDraft(values), 250);
    return () => clearTimeout(timer);
  }, [values, editing]);

  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  // Event mode: while an event runs, new leads are tagged with it (not a lead being updated).
  const editingRef = useRef(editing);
  useEffect(() => {
    editingRef.current = editing;
  }, [editing]);
  useEffect(
    () =>
      activeEventItem.watch((event) => {
        setActiveEvent(event);
        setSourceOpen(false);
        if (!editingRef.current) setValues((current) => (current ? withEvent(current, event) : current));
      }),
    [],
  );

  // "Change source" goes away with the summary: the keyboard carries on at the source's select.
  useEffect(() => {
    if (sourceOpen) formRef.current?.querySelector<HTMLElement>('.source select')?.focus();
  }, [sourceOpen]);

  // "Edit" in the outbox list: the lead as stored, in this form.
  useEffect(
    () =>
      onEditRequest((lead) => {
        setValues(leadToForm(lead));
        setEditing(lead);
        setFromPage(new Set());
        setErrors({});
        setMessage('');
        setReadNote(null);
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

  /** Fills the form from a page or a text; what the rep typed stays unless the page has that field. */
  const fill = ({ draft, capture: context }: PageCapture) => {
    const found = prospectFields.filter((field) => field !== 'notes' && typeof draft[field as keyof typeof draft] === 'string');
    setValues((current) => {
      if (!current) return current;
      const next = { ...current };
      for (const field of fromPage) next[field] = '';
      for (const field of found) next[field] = draft[field as keyof typeof draft] as string;
      return next;
    });
    setFromPage(new Set(found));
    setCapture(context);
    setErrors({});
    const shown = VISIBLE_PROSPECT_FIELDS.filter(({ field }) => found.includes(field)).length;
    setMessage('');
    setReadNote(
      shown === 0
        ? { ok: false, text: 'Nothing to capture on this page: type the lead in.' }
        : { ok: true, text: `Filled ${shown} field${shown === 1 ? '' : 's'} from the page. Check them, then save.` },
    );
  };

  const read = useMutation({
    mutationFn: (source: { tabId?: number } | { text: string; url?: string; title?: string }) =>
      'text' in source ? captureFromText(source.text, { url: source.url, title: source.title }) : captureFromPage(source.tabId),
    onMutate: () => setReadNote(null),
    onSuccess: fill,
    onError: (error) => setReadNote({ ok: false, text: error instanceof Error ? error.message : String(error) }),
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

  const save = useMutation({
    mutationFn: ({ lead, editing: existing }: SaveRequest) =>
      existing ? updateLead(outboxDb(), existing.id, { ...lead, capture: existing.capture }) : addLead(outboxDb(), { ...lead, capture }),
    onSuccess: async (lead, { editing: existing }) => {
      setMessage(
        existing
          ? `Updated ${lead.fullName ?? lead.company}. The change will sync with the next “Sync now”.`
          : `Saved ${lead.fullName ?? lead.company}. It will sync with the next “Sync now”.`,
      );
      // During an event the next lead is the event's again, even after one from another source.
      setValues((current) => (current ? (activeEvent ? withEvent(nextForm(current), activeEvent) : nextForm(current)) : current));
      setSourceOpen(false);
      setFromPage(new Set());
      setReadNote(null);
      setCapture({});
      setEditing(null);
      await clearDraft();
      formRef.current?.querySelector<HTMLElement>('input')?.focus();
    },
  });

  if (!values) return null;

  const onChange = <K extends keyof LeadFormValues>(field: K, value: LeadFormValues[K]) => {
    setValues((current) => (current ? { ...current, [field]: value } : current));
    setErrors((current) => {
      const rest: LeadFormErrors = { ...current };
      delete rest[field];
      // "A name or a company" is one rule shown at two fields: typing in either answers it.
      if (field === 'fullName' || field === 'company') {
        delete rest.fullName;
        delete rest.company;
      }
      return rest;
    });
    if (fromPage.has(field as keyof Prospect)) setFromPage((current) => new Set([...current].filter((f) => f !== field)));
    setMessage('');
  };

  const openExisting = (lead: Lead) => {
    // The existing lead, with whatever the rep has just captured or typed on top.
    const merged = leadToForm(lead);
    for (const field of prospectFields) if (values[field].trim()) merged[field] = values[field];
    setValues(merged);
    setEditing(lead);
    setErrors({});
    setMessage('');
    setReadNote(null);
  };

  const cancelEditing = () => {
    setEditing(null);
    setValues(emptyLeadForm(values.sourceKind));
    setFromPage(new Set());
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseLeadForm(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setMessage('');
      return;
    }
    setErrors({});
    save.mutate({ lead: parsed.lead, editing });
  };

  const problemCount = Object.keys(errors).length;
  const who = editing && (editing.fullName ?? editing.company);
  return (
    <form ref={formRef} className="capture" aria-label={editing ? `Update ${who}` : 'Capture a lead'} onSubmit={onSubmit} noValidate data-shortcut="Ctrl+Enter">
      {editing ? (
        <div className="editing">
          <p>
            Updating <strong>{who}</strong>
          </p>
          <button type="button" className="link" onClick={cancelEditing}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="capture__from-page">
          <button type="button" onClick={() => read.mutate({})} disabled={read.isPending} aria-keyshortcuts={shortcut || undefined}>
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
      {!editing && <PasteBox busy={read.isPending} onFill={(text) => read.mutate({ text })} />}
      {!editing && !sourceOpen && isEventSource(values, activeEvent) && !SOURCE_DETAILS.some((field) => errors[field]) ? (
        <div className="source source--summary">
          <p>
            Source: <strong>Event</strong> · {values.eventName}
          </p>
          <button type="button" className="link" onClick={() => setSourceOpen(true)}>
            Change source
          </button>
        </div>
      ) : (
        <SourceFields values={values} errors={errors} onChange={onChange} />
      )}
      <ProspectFields values={values} errors={errors} fromPage={fromPage} onChange={onChange} />
      {duplicate && !editing && <DuplicateNotice lead={duplicate} onOpen={() => openExisting(duplicate)} />}
      <QualificationFields values={values} onChange={onChange} />
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
