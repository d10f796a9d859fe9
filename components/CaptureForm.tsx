import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { clearDraft, loadDraft, saveDraft } from '../lib/draft';
import { emptyLeadForm, parseLeadForm, type LeadFormErrors, type LeadFormValues } from '../lib/lead/form';
import type { LeadInput } from '../lib/lead/schema';
import { outboxDb } from '../lib/outbox/db';
import { addLead } from '../lib/outbox/outbox';
import { QualificationFields } from './QualificationFields';
import { SourceFields } from './SourceFields';
import { TextField } from './TextField';

/** Keeps the source and its details for the next lead: reps log several from one event or referrer. */
function nextForm(saved: LeadFormValues): LeadFormValues {
  const next = emptyLeadForm(saved.sourceKind);
  for (const field of ['referredBy', 'relationship', 'eventName', 'eventDate', 'eventLocation', 'closedAccount', 'dealReference', 'askedContact'] as const) {
    next[field] = saved[field];
  }
  return next;
}

export function CaptureForm() {
  const [values, setValues] = useState<LeadFormValues | null>(null);
  const [errors, setErrors] = useState<LeadFormErrors>({});
  const [saved, setSaved] = useState('');
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    loadDraft().then(setValues, () => setValues(emptyLeadForm()));
  }, []);

  useEffect(() => {
    if (!values) return;
    const timer = setTimeout(() => void saveDraft(values), 250);
    return () => clearTimeout(timer);
  }, [values]);

  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const save = useMutation({
    mutationFn: (lead: LeadInput) => addLead(outboxDb(), lead),
    onSuccess: async (lead, _input) => {
      setSaved(`Saved ${lead.fullName ?? lead.company}. It will sync with the next “Sync now”.`);
      setValues((current) => (current ? nextForm(current) : current));
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
    setSaved('');
  };
  const text = (field: keyof LeadFormValues & string) => ({
    value: values[field] as string,
    error: errors[field],
    onChange: (value: string) => onChange(field, value),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseLeadForm(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setSaved('');
      return;
    }
    setErrors({});
    save.mutate(parsed.lead);
  };

  const problemCount = Object.keys(errors).length;
  return (
    <form ref={formRef} className="capture" aria-label="Capture a lead" onSubmit={onSubmit} noValidate>
      <SourceFields values={values} errors={errors} onChange={onChange} />
      <TextField label="Full name" autoComplete="off" {...text('fullName')} />
      <TextField label="Job title" autoComplete="off" {...text('title')} />
      <TextField label="Company" autoComplete="off" {...text('company')} />
      <TextField label="Email" type="email" autoComplete="off" {...text('email')} />
      <TextField label="Phone" type="tel" autoComplete="off" {...text('phone')} />
      <TextField label="LinkedIn URL" type="url" placeholder="https://www.linkedin.com/in/…" {...text('linkedinUrl')} />
      <TextField label="Website" type="url" placeholder="acme.com" {...text('website')} />
      <TextField label="Location" {...text('location')} />
      <QualificationFields values={values} onChange={onChange} />
      <TextField label="Notes" multiline {...text('notes')} />
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
          Save lead
        </button>
        <p role="status" className="capture__saved">
          {saved}
        </p>
      </div>
    </form>
  );
}
