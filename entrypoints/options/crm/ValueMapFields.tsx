import type { FormErrors } from '../../../lib/crm/settings-form';
import { TextField } from '../../../components/TextField';

type Props<Key extends string> = {
  legend: string;
  hint?: string;
  /** Each key's label, in the order shown. */
  labels: Record<Key, string>;
  values: Record<Key, string>;
  /** Where each key's message is in the form's errors. */
  errorOf: (key: Key) => string | undefined;
  onChange: (values: Record<Key, string>) => void;
};

/** One CRM value for each source or each qualification level (a picklist value, a status). */
export function ValueMapFields<Key extends string>({ legend, hint, labels, values, errorOf, onChange }: Props<Key>) {
  return (
    <fieldset className="status-map">
      <legend>{legend}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      {(Object.keys(labels) as Key[]).map((key) => (
        <TextField key={key} label={labels[key]} value={values[key]} error={errorOf(key)} onChange={(value) => onChange({ ...values, [key]: value })} />
      ))}
    </fieldset>
  );
}

export const LEVEL_LABELS = { raw: 'Raw leads', lukewarm: 'Lukewarm leads', hot: 'Hot leads' } as const;

/** `errors['map.key']`, typed. */
export const errorIn =
  (errors: FormErrors, map: 'sourceValues' | 'leadSourceValues' | 'statusValues' | 'channelNames' | 'qualificationValues') =>
  (key: string): string | undefined =>
    errors[`${map}.${key}` as keyof FormErrors];
