import type { CrmSettings } from '../lib/crm/settings-schema';
import type { FormErrors, FormValues } from '../lib/crm/settings-form';

/** What each CRM's section of the options form is given. */
export type CrmFieldsProps<Saved extends CrmSettings['crm']> = {
  values: FormValues;
  errors: FormErrors;
  change: (patch: Partial<FormValues>) => void;
  saved: Extract<CrmSettings, { crm: Saved }> | null;
};
