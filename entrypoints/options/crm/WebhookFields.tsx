import { sameOrigin, secretLeftBehind } from '../../../lib/crm/endpoint';
import { newWebhookAddress } from '../../../lib/crm/webhook/form';
import type { CrmFieldsProps } from './props';
import { SecretField } from '../../../components/SecretField';
import { TextField } from '../../../components/TextField';

export function WebhookFields({ values, errors, change, saved }: CrmFieldsProps<'webhook'>) {
  // Secrets saved for another address are not shown as kept: they are not sent to this one.
  // A Lookup URL on a new host would receive them too, so that counts as a new address as well.
  const newLookup = saved && newWebhookAddress(saved, values);
  const moved = !saved ? undefined : !sameOrigin(saved.endpointUrl, values.endpointUrl) ? secretLeftBehind(saved.endpointUrl) : newLookup ? secretLeftBehind(saved.endpointUrl, newLookup) : undefined;
  return (
    <>
      <TextField
        label="Endpoint URL"
        type="url"
        placeholder="https://hooks.example.com/fieldclip"
        hint="Fieldclip POSTs leads here as JSON. https://, or http:// on localhost / 127.0.0.1."
        value={values.endpointUrl}
        error={errors.endpointUrl}
        onChange={(endpointUrl) => change({ endpointUrl })}
      />
      <SecretField
        label="API token"
        saved={moved ? undefined : saved?.apiToken}
        hint={moved && saved?.apiToken ? moved : 'Optional. Sent as “Authorization: Bearer …”. Kept on this computer only.'}
        value={values.apiToken}
        error={errors.apiToken}
        onChange={(apiToken) => change({ apiToken })}
        removal={{ label: 'Remove the saved token', checked: values.removeToken, onChange: (removeToken) => change({ removeToken }) }}
      />
      <TextField
        label="Lookup URL"
        type="url"
        placeholder="https://hooks.example.com/fieldclip/lookup"
        hint="Optional. Before the rep saves, Fieldclip asks here whether the person is already in your CRM (same token and signature as the leads)."
        value={values.lookupUrl}
        error={errors.lookupUrl}
        onChange={(lookupUrl) => change({ lookupUrl })}
      />
      <TextField
        label="Outcomes URL"
        type="url"
        placeholder="https://hooks.example.com/fieldclip/outcomes"
        hint="Optional. Once a day, and on Refresh outcomes, Fieldclip asks here where synced leads stand (meeting, demo, won…) for the Results tab."
        value={values.outcomesUrl}
        error={errors.outcomesUrl}
        onChange={(outcomesUrl) => change({ outcomesUrl })}
      />
      <details className="advanced" open={Boolean(saved?.signingSecret || saved?.extraHeaders?.length || saved?.fieldMap?.length) || undefined}>
        <summary>Signing, extra headers and field names</summary>
        <SecretField
          label="Signing secret"
          saved={moved ? undefined : saved?.signingSecret}
          hint={moved && saved?.signingSecret ? moved : 'Optional. Each body is signed: X-Fieldclip-Signature: sha256=<HMAC-SHA256 of the body>.'}
          value={values.signingSecret}
          error={errors.signingSecret}
          onChange={(signingSecret) => change({ signingSecret })}
          removal={{ label: 'Remove the saved secret', checked: values.removeSecret, onChange: (removeSecret) => change({ removeSecret }) }}
        />
        <TextField
          label="Extra headers"
          multiline
          placeholder="X-Team: emea"
          hint="One per line, sent with every request (for n8n, Zapier, Make). Keep secrets in the fields above."
          value={values.extraHeaders}
          error={errors.extraHeaders}
          onChange={(extraHeaders) => change({ extraHeaders })}
        />
        <TextField
          label="Field mapping"
          multiline
          placeholder="first_name = firstName"
          hint="Optional, for endpoints that expect other field names: one line per field, endpoint_name = Fieldclip field (e.g. lead_source = source.kind). Each lead then carries only these, and its id."
          value={values.fieldMap}
          error={errors.fieldMap}
          onChange={(fieldMap) => change({ fieldMap })}
        />
      </details>
    </>
  );
}
