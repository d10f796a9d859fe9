import type { CrmSettings } from '../../../lib/crm/settings';
import type { FormErrors, FormValues } from '../../../lib/crm/settings-form';

/** What each CRM's section of the options form is given. */
export type CrmFieldsProps<Saved extends CrmSettings['crm']> = {
  values: FormValues;
  errors: FormErrors;
  change: (patch: Partial<FormValues>) => void;
  saved: Extract<CrmSettings, { crm: Saved }> | null;
};

/** For a CRM that keeps each lead's id in a field of its own: Fieldclip makes that field for the rep. */
export type CreateIdFieldProps = { onCreateIdField: () => void; creatingIdField: boolean };

/** Salesforce signs in from its fields: "Connect to Salesforce". */
export type ConnectProps = { onConnect: () => void; connecting: boolean };

/** What the options form hands every CRM's section; each takes what it uses. */
export type CrmSectionProps<Kind extends CrmSettings['crm']> = CrmFieldsProps<Kind> & CreateIdFieldProps & ConnectProps;
