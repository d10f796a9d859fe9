import type { CreateIdFieldProps, CrmFieldsProps } from './props';
import { SecretField } from '../../../components/SecretField';
import { statusFields } from '../../../lib/crm/settings-form';
import { sourceLabels } from '../../../lib/lead/describe';
import { TextField } from '../../../components/TextField';
import { StageMapField } from './StageMapField';
import { errorIn, LEVEL_LABELS, ValueMapFields } from './ValueMapFields';

export function HubspotFields({ values, errors, change, saved, onCreateIdField, creatingIdField }: CrmFieldsProps<'hubspot'> & CreateIdFieldProps) {
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
      <TextField
        label="LinkedIn URL property"
        placeholder="linkedin_url"
        hint="Optional. A contact property (single-line text) that gets the LinkedIn profile; people are then also looked up by it before the rep saves."
        value={values.linkedinProperty}
        error={errors.linkedinProperty}
        onChange={(linkedinProperty) => change({ linkedinProperty })}
      />
      {values.leadSourceProperty.trim() && (
        <ValueMapFields
          legend="Lead source in HubSpot"
          hint="What the lead source property gets for each source; for a dropdown property, its internal values. Blank: left as it is."
          labels={sourceLabels}
          values={values.hubspotSources}
          errorOf={errorIn(errors, 'sourceValues')}
          onChange={(hubspotSources) => change({ hubspotSources })}
        />
      )}
      <ValueMapFields
        legend="Lead status in HubSpot"
        hint="The hs_lead_status value for each level. Blank: left as it is."
        labels={LEVEL_LABELS}
        values={{ raw: values.statusRaw, lukewarm: values.statusLukewarm, hot: values.statusHot }}
        errorOf={(level) => errors[statusFields[level]]}
        onChange={({ raw, lukewarm, hot }) => change({ statusRaw: raw, statusLukewarm: lukewarm, statusHot: hot })}
      />
      <fieldset className="status-map">
        <legend>Opportunity size in HubSpot</legend>
        <label className="check">
          <input type="checkbox" checked={values.createDeals} onChange={(event) => change({ createDeals: event.target.checked })} />
          Create a deal for leads with an opportunity size
        </label>
        {values.createDeals && (
          <>
            <TextField label="Deal pipeline" hint="The pipeline's internal value; default is HubSpot's sales pipeline." value={values.dealPipeline} error={errors.dealPipeline} onChange={(dealPipeline) => change({ dealPipeline })} />
            <TextField label="Deal stage" hint="The stage new deals start in, by its internal value (appointmentscheduled in the default pipeline)." value={values.dealStage} error={errors.dealStage} onChange={(dealStage) => change({ dealStage })} />
          </>
        )}
        <TextField
          label="Opportunity size property"
          hint="Optional. A contact number property that gets the size too (it is in the contact's message either way)."
          value={values.opportunityField}
          error={errors.opportunityProperty}
          onChange={(opportunityField) => change({ opportunityField })}
        />
      </fieldset>
      <StageMapField crm="hubspot" what="a deal stage or lifecycle stage (its internal value)" values={values} errors={errors} change={change} saved={saved} />
    </>
  );
}
