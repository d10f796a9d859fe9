import type { CreateIdFieldProps, CrmFieldsProps } from './crmFieldsProps';
import { SecretField } from './SecretField';
import { TextField } from './TextField';

export function HubspotSettingsFields({ values, errors, change, saved, onCreateIdField, creatingIdField }: CrmFieldsProps<'hubspot'> & CreateIdFieldProps) {
  return (
    <>
      <SecretField
        label="Access token"
        saved={saved?.accessToken}
        hint="A HubSpot private app token with the crm.objects.contacts read and write scopes. Kept on this computer only."
        value={values.accessToken}
        error={errors.accessToken}
        onChange={(accessToken) => change({ accessToken })}
      />
      <TextField
        label="Lead source property"
        placeholder="lead_source"
        hint="Optional. The internal name of a contact property that receives the source (Prospecting, Referral, Event, Prospecting at close)."
        value={values.leadSourceProperty}
        error={errors.leadSourceProperty}
        onChange={(leadSourceProperty) => change({ leadSourceProperty })}
      />
      <TextField
        label="Lead id property"
        placeholder="fieldclip_lead_id"
        hint="Recommended. A contact property with unique values: each contact gets its lead's id there, so a contact without an email is never created twice when a sync is retried."
        value={values.leadIdProperty}
        error={errors.leadIdProperty}
        onChange={(leadIdProperty) => change({ leadIdProperty })}
      />
      <p className="connection">
        Not in HubSpot yet?{' '}
        <button type="button" onClick={onCreateIdField} disabled={creatingIdField}>
          {creatingIdField ? 'Creating…' : `Create ${values.leadIdProperty.trim() ? 'it' : 'fieldclip_lead_id'} in HubSpot`}
        </button>{' '}
        <span className="field__hint">Needs the crm.schemas.contacts.write scope.</span>
      </p>
      <TextField
        label="Company key property"
        placeholder="fieldclip_domain"
        hint="Optional, needs the lead id property and the crm.objects.companies scopes. A company property with unique values: each contact's company is found or made by its domain and linked to the contact. Left empty, HubSpot links companies by email domain itself."
        value={values.companyKeyProperty}
        error={errors.companyKeyProperty}
        onChange={(companyKeyProperty) => change({ companyKeyProperty })}
      />
      <fieldset className="status-map">
        <legend>Lead status in HubSpot</legend>
        <TextField label="Raw leads" value={values.statusRaw} onChange={(statusRaw) => change({ statusRaw })} />
        <TextField label="Lukewarm leads" value={values.statusLukewarm} onChange={(statusLukewarm) => change({ statusLukewarm })} />
        <TextField label="Hot leads" value={values.statusHot} onChange={(statusHot) => change({ statusHot })} />
      </fieldset>
    </>
  );
}
