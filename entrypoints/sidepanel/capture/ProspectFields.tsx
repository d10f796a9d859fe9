import type { LeadFormErrors, LeadFormValues } from '../../../lib/lead/form';
import type { Prospect } from '../../../lib/lead/schema';
import { TextField } from '../../../components/TextField';

type Props = {
  values: LeadFormValues;
  errors: LeadFormErrors;
  fromPage: ReadonlySet<keyof Prospect>;
  onChange: (field: keyof Prospect, value: string) => void;
};

/** The prospect fields the form shows; the others (headline, company domain…) travel with the lead unseen. */
export const VISIBLE_PROSPECT_FIELDS: Array<{ field: keyof Prospect; label: string; type?: 'email' | 'tel' | 'url'; placeholder?: string }> = [
  { field: 'fullName', label: 'Full name' },
  { field: 'title', label: 'Job title' },
  { field: 'company', label: 'Company' },
  { field: 'email', label: 'Email', type: 'email' },
  { field: 'phone', label: 'Phone', type: 'tel' },
  { field: 'linkedinUrl', label: 'LinkedIn URL', type: 'url', placeholder: 'https://www.linkedin.com/in/…' },
  { field: 'website', label: 'Website', type: 'url', placeholder: 'acme.com' },
  { field: 'location', label: 'Location' },
];

/** The prospect's own fields, in the order a rep reads a card. */
export function ProspectFields({ values, errors, fromPage, onChange }: Props) {
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
          fromPage={fromPage.has(field)}
          onChange={(value) => onChange(field, value)}
          shortcut={field === 'fullName' ? 'Alt+N' : undefined}
        />
      ))}
    </>
  );
}
