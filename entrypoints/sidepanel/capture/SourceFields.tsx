import type { LeadFormErrors, LeadFormValues } from '../../../lib/lead/form';
import { SourceKindSelect } from './SourceKindSelect';
import { TextField } from '../../../components/TextField';

type Props = {
  values: LeadFormValues;
  errors: LeadFormErrors;
  onChange: <K extends keyof LeadFormValues>(field: K, value: LeadFormValues[K]) => void;
};

/** Where the lead came from, and the details that source needs. */
export function SourceFields({ values, errors, onChange }: Props) {
  const text = (field: keyof LeadFormValues & string) => ({
    value: values[field] as string,
    error: errors[field],
    onChange: (value: string) => onChange(field, value),
  });
  return (
    <div className="source">
      <SourceKindSelect label="Source" value={values.sourceKind} onChange={(kind) => onChange('sourceKind', kind)} />
      {values.sourceKind === 'referral' && (
        <>
          <TextField label="Referred by" required autoComplete="off" {...text('referredBy')} />
          <TextField label="How they know each other" placeholder="e.g. former colleague" {...text('relationship')} />
        </>
      )}
      {values.sourceKind === 'event' && (
        <>
          <TextField label="Event name" required placeholder="e.g. SaaStr Europa 2026" {...text('eventName')} />
          <TextField label="Event date" type="date" {...text('eventDate')} />
          <TextField label="Venue" {...text('eventLocation')} />
        </>
      )}
      {values.sourceKind === 'prospecting-at-close' && (
        <>
          <TextField label="Closed account" required hint="The customer who just signed" {...text('closedAccount')} />
          <TextField label="Deal reference" {...text('dealReference')} />
          <TextField label="Who you asked" hint="The person at the closed account who named this lead" {...text('askedContact')} />
        </>
      )}
    </div>
  );
}
