import type { ConnectProps, CrmFieldsProps } from './props';
import { salesforceAppValues } from '../../../lib/crm/salesforce/app';
import { sourceLabels } from '../../../lib/lead/describe';
import { TextField } from '../../../components/TextField';
import { StageMapField } from './StageMapField';
import { errorIn, LEVEL_LABELS, ValueMapFields } from './ValueMapFields';

type Props = CrmFieldsProps<'salesforce'> & ConnectProps;

export function SalesforceFields({ values, errors, change, saved, onConnect, connecting }: Props) {
  const app = salesforceAppValues();
  return (
    <>
      <section className="org-setup" aria-label="For your Salesforce admin">
        <p>Your Salesforce admin enters these for this browser:</p>
        <dl>
          <dt>Callback URL of the connected app</dt>
          <dd>
            <code>{app.callbackUrl}</code>
          </dd>
          <dt>Allowed origin in Setup → CORS</dt>
          <dd>
            <code>{app.corsOrigin}</code>
          </dd>
        </dl>
      </section>
      <TextField
        label="Login URL"
        type="url"
        hint="https://login.salesforce.com, https://test.salesforce.com for a sandbox, or your My Domain."
        value={values.baseUrl}
        error={errors.loginUrl}
        onChange={(baseUrl) => change({ baseUrl })}
      />
      <TextField
        label="Consumer key"
        autoComplete="off"
        hint="From the connected app (OAuth with PKCE, scopes api and refresh_token, the callback URL above)."
        value={values.clientId}
        error={errors.clientId}
        onChange={(clientId) => change({ clientId })}
      />
      <TextField
        label="External ID field"
        hint="A Lead text field marked External ID and Unique; Fieldclip stores each lead's id there."
        value={values.externalIdField}
        error={errors.externalIdField}
        onChange={(externalIdField) => change({ externalIdField })}
      />
      <TextField
        label="LinkedIn URL field"
        placeholder="LinkedIn_URL__c"
        hint="Optional. A Lead field that gets the LinkedIn profile; leads are then also looked up by it before the rep saves."
        value={values.linkedinField}
        error={errors.linkedinField}
        onChange={(linkedinField) => change({ linkedinField })}
      />
      <p className="connection">
        {saved?.refreshToken ? `Signed in to ${saved.instanceUrl}.` : 'Not signed in yet.'}{' '}
        <button type="button" onClick={onConnect} disabled={connecting}>
          {saved?.refreshToken ? 'Sign in again' : 'Connect to Salesforce'}
        </button>
      </p>
      <ValueMapFields
        legend="Lead source in Salesforce"
        hint="The LeadSource picklist value for each source, as your org spells it. Blank: the org's default."
        labels={sourceLabels}
        values={values.salesforceSources}
        errorOf={errorIn(errors, 'leadSourceValues')}
        onChange={(salesforceSources) => change({ salesforceSources })}
      />
      <ValueMapFields
        legend="Lead status in Salesforce"
        hint="The Status picklist value for each level. Blank: the org's default."
        labels={LEVEL_LABELS}
        values={values.salesforceStatuses}
        errorOf={errorIn(errors, 'statusValues')}
        onChange={(salesforceStatuses) => change({ salesforceStatuses })}
      />
      <TextField
        label="Opportunity size field"
        placeholder="Opportunity_Size__c"
        hint="Optional. A Lead currency or number field that gets the opportunity size the rep captured (it is in the Description either way)."
        value={values.opportunityField}
        error={errors.opportunityField}
        onChange={(opportunityField) => change({ opportunityField })}
      />
      <TextField
        label="Org currency"
        placeholder="EUR"
        hint="Optional. Your org's currency: with it, the Results tab shows won opportunities' amounts from Salesforce (else the sizes captured)."
        value={values.orgCurrency}
        error={errors.orgCurrency}
        onChange={(orgCurrency) => change({ orgCurrency })}
      />
      <StageMapField crm="salesforce" what="an opportunity stage or Lead status" values={values} errors={errors} change={change} saved={saved} />
    </>
  );
}
