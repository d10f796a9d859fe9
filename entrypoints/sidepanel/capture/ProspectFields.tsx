import { VISIBLE_PROSPECT_FIELDS, type LeadFormErrors, type LeadFormValues } from '../../../lib/lead/form';
import type { Prospect } from '../../../lib/lead/schema';
import type { FillOrigin } from '../../../lib/capture-form/reducer';
import { TextField } from '../../../components/TextField';

type Props = {
  values: LeadFormValues;
  errors: LeadFormErrors;
  fromPage: ReadonlySet<keyof Prospect>;
  /** Where those fields were read: the page, a badge's code, a card's picture. */
  filledFrom: FillOrigin;
  onChange: (field: keyof Prospect, value: string) => void;
};

/** The prospect's own fields, in the order a rep reads a card. */
export function ProspectFields({ values, errors, fromPage, filledFrom, onChange }: Props) {
  return (
    <>
      {VISIBLE_PROSPECT_FIELDS.map(({ field, label, type, placeholder }) => (
        <TextField
          key={field}
          label={label}
          type={type}
          placeholder={placeholder}
          autoComplete="off"
          value={values[field]}
          error={errors[field]}
          filledFrom={fromPage.has(field) ? filledFrom : undefined}
          onChange={(value) => onChange(field, value)}
          shortcut={field === 'fullName' ? 'Alt+N' : undefined}
        />
      ))}
    </>
  );
}
