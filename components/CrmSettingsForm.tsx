import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { browser } from 'wxt/browser';
import { crmFor, crmLabels, crmOriginPermissions, crmSettingsSchema, type CrmKind, type CrmSettings } from '../lib/crm';
import { connectSalesforce } from '../lib/crm/salesforce-auth';
import { loadCrmSettings, maskToken, saveCrmSettings } from '../lib/settings';
import { TextField } from './TextField';

type FormValues = {
  crm: CrmKind;
  endpointUrl: string;
  apiToken: string;
  removeToken: boolean;
  signingSecret: string;
  removeSecret: boolean;
  extraHeaders: string;
  fieldMap: string;
  accessToken: string;
  leadSourceProperty: string;
  statusRaw: string;
  statusLukewarm: string;
  statusHot: string;
  baseUrl: string;
  apiKey: string;
  clientId: string;
  externalIdField: string;
};
type Errors = Partial<Record<'endpointUrl' | 'apiToken' | 'signingSecret' | 'extraHeaders' | 'fieldMap' | 'accessToken' | 'leadSourceProperty' | 'baseUrl' | 'apiKey' | 'clientId' | 'externalIdField' | 'loginUrl', string>>;

const HEADER_LINE = /^([^:]+):(.*)$/;

const DEFAULT_SERVERS: Partial<Record<CrmKind, string>> = {
  salesforce: 'https://login.salesforce.com',
  twenty: 'https://api.twenty.com',
  pipedrive: 'https://api.pipedrive.com',
};

/** "Name: value" lines, as typed; a line that is not one is reported, not dropped. */
function headersFrom(text: string): Array<{ name: string; value: string }> | string {
  const headers = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const match = HEADER_LINE.exec(line);
    if (!match) return 'Write one header per line, like X-Team: emea';
    headers.push({ name: match[1]!.trim(), value: match[2]!.trim() });
  }
  return headers;
}

const MAPPING_LINE = /^([^=]+)=(.+)$/;

/** "endpoint_field = fieldclipField" lines; a line that is not one is reported, not dropped. */
function fieldMapFrom(text: string): Array<{ to: string; from: string }> | string {
  const mapping = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const match = MAPPING_LINE.exec(line);
    if (!match) return 'Write one mapping per line, like first_name = firstName';
    mapping.push({ to: match[1]!.trim(), from: match[2]!.trim() });
  }
  return mapping;
}

/** The settings the form describes: a blank secret field keeps the saved one unless the rep removes it. */
function settingsFrom(values: FormValues, saved: CrmSettings | null) {
  const savedWebhook = saved?.crm === 'webhook' ? saved : null;
  let input: Record<string, unknown>;
  if (values.crm === 'salesforce') {
    const savedSalesforce = saved?.crm === 'salesforce' ? saved : null;
    const sameOrg = savedSalesforce?.loginUrl === values.baseUrl.trim() && savedSalesforce?.clientId === values.clientId.trim();
    input = {
      crm: 'salesforce',
      loginUrl: values.baseUrl.trim() || undefined,
      clientId: values.clientId,
      externalIdField: values.externalIdField.trim(),
      // The sign-in stays valid while the org and the connected app stay the same.
      ...(sameOrg && savedSalesforce?.refreshToken ? { instanceUrl: savedSalesforce.instanceUrl, refreshToken: savedSalesforce.refreshToken } : {}),
    };
  } else if (values.crm === 'pipedrive') {
    const apiToken = values.apiToken.trim() || (saved?.crm === 'pipedrive' ? saved.apiToken : undefined);
    input = { crm: 'pipedrive', baseUrl: values.baseUrl.trim() || undefined, apiToken };
  } else if (values.crm === 'twenty') {
    const apiKey = values.apiKey.trim() || (saved?.crm === 'twenty' ? saved.apiKey : undefined);
    input = { crm: 'twenty', baseUrl: values.baseUrl.trim() || undefined, apiKey };
  } else if (values.crm === 'hubspot') {
    const accessToken = values.accessToken.trim() || (saved?.crm === 'hubspot' ? saved.accessToken : undefined);
    input = {
      crm: 'hubspot',
      accessToken,
      ...(values.leadSourceProperty.trim() ? { leadSourceProperty: values.leadSourceProperty.trim() } : {}),
      leadStatusValues: { raw: values.statusRaw.trim(), lukewarm: values.statusLukewarm.trim(), hot: values.statusHot.trim() },
    };
  } else {
    const apiToken = values.apiToken.trim() || (values.removeToken ? undefined : savedWebhook?.apiToken);
    const signingSecret = values.signingSecret || (values.removeSecret ? undefined : savedWebhook?.signingSecret);
    const extraHeaders = headersFrom(values.extraHeaders);
    if (typeof extraHeaders === 'string') return { success: false as const, errors: { extraHeaders } };
    const fieldMap = fieldMapFrom(values.fieldMap);
    if (typeof fieldMap === 'string') return { success: false as const, errors: { fieldMap } };
    input = {
      crm: 'webhook',
      endpointUrl: values.endpointUrl,
      ...(apiToken ? { apiToken } : {}),
      ...(signingSecret ? { signingSecret } : {}),
      ...(extraHeaders.length ? { extraHeaders } : {}),
      ...(fieldMap.length ? { fieldMap } : {}),
    };
  }
  const result = crmSettingsSchema.safeParse(input);
  return result.success ? { success: true as const, data: result.data } : { success: false as const, errors: errorsOf(result.error) };
}

function errorsOf(error: z.ZodError): Errors {
  const errors: Errors = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as keyof Errors;
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * Asks for the endpoint's origin when it is remote. It must be called straight from the click,
 * before anything is awaited, or the browser refuses it for lack of a user gesture.
 */
function requestOriginPermission(settings: CrmSettings, permissions: Array<'identity'> = []): Promise<boolean> {
  const origins = crmOriginPermissions(settings);
  return origins.length || permissions.length ? browser.permissions.request({ origins, permissions }) : Promise.resolve(true);
}

export function CrmSettingsForm() {
  const saved = useQuery({ queryKey: ['crmSettings'], queryFn: loadCrmSettings });
  return saved.isSuccess ? <SettingsFields saved={saved.data} /> : null;
}

function SettingsFields({ saved }: { saved: CrmSettings | null }) {
  const crmId = useId();
  const queryClient = useQueryClient();
  const savedWebhook = saved?.crm === 'webhook' ? saved : null;
  const savedHubspot = saved?.crm === 'hubspot' ? saved : null;
  const savedTwenty = saved?.crm === 'twenty' ? saved : null;
  const savedPipedrive = saved?.crm === 'pipedrive' ? saved : null;
  const savedSalesforce = saved?.crm === 'salesforce' ? saved : null;
  const [values, setValues] = useState<FormValues>({
    crm: saved?.crm ?? 'webhook',
    endpointUrl: savedWebhook?.endpointUrl ?? '',
    apiToken: '',
    removeToken: false,
    signingSecret: '',
    removeSecret: false,
    extraHeaders: (savedWebhook?.extraHeaders ?? []).map(({ name, value }) => `${name}: ${value}`).join('\n'),
    fieldMap: (savedWebhook?.fieldMap ?? []).map(({ to, from }) => `${to} = ${from}`).join('\n'),
    accessToken: '',
    leadSourceProperty: savedHubspot?.leadSourceProperty ?? '',
    statusRaw: savedHubspot?.leadStatusValues.raw ?? 'NEW',
    statusLukewarm: savedHubspot?.leadStatusValues.lukewarm ?? 'OPEN',
    statusHot: savedHubspot?.leadStatusValues.hot ?? 'IN_PROGRESS',
    baseUrl: savedTwenty?.baseUrl ?? savedPipedrive?.baseUrl ?? savedSalesforce?.loginUrl ?? DEFAULT_SERVERS[saved?.crm ?? 'webhook'] ?? '',
    apiKey: '',
    clientId: savedSalesforce?.clientId ?? '',
    externalIdField: savedSalesforce?.externalIdField ?? 'Fieldclip_Id__c',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  const save = useMutation({
    mutationFn: async ({ settings, permission }: { settings: CrmSettings; permission: Promise<boolean> }) => {
      if (!(await permission)) throw new Error(`Fieldclip needs permission to reach ${crmOriginPermissions(settings).join(', ')} to sync there`);
      await saveCrmSettings(settings);
    },
    onSuccess: () => {
      setNotice({ ok: true, text: 'Settings saved.' });
      setValues((current) => ({ ...current, apiToken: '', removeToken: false, signingSecret: '', removeSecret: false, accessToken: '', apiKey: '' }));
      return queryClient.invalidateQueries({ queryKey: ['crmSettings'] });
    },
    onError: (error) => setNotice({ ok: false, text: `Not saved: ${error.message}` }),
  });

  const connect = useMutation({
    mutationFn: async ({ settings, permission }: { settings: CrmSettings; permission: Promise<boolean> }) => {
      if (settings.crm !== 'salesforce') throw new Error('Only Salesforce signs in here');
      if (!(await permission)) throw new Error('Fieldclip needs permission to open the Salesforce sign-in and reach your org');
      const connected = await connectSalesforce(settings);
      await saveCrmSettings(connected);
      return connected;
    },
    onSuccess: (connected) => {
      setNotice({ ok: true, text: `Connected to ${connected.crm === 'salesforce' ? connected.instanceUrl : 'the CRM'}. Settings saved.` });
      return queryClient.invalidateQueries({ queryKey: ['crmSettings'] });
    },
    onError: (error) => setNotice({ ok: false, text: `Not connected: ${error.message}` }),
  });

  const test = useMutation({
    mutationFn: async ({ settings, permission }: { settings: CrmSettings; permission: Promise<boolean> }) => {
      if (!(await permission)) return { ok: false, message: 'Permission to reach this endpoint was not given' };
      return crmFor(settings).testConnection(AbortSignal.timeout(15_000));
    },
    onSuccess: (check) => setNotice({ ok: check.ok, text: check.message }),
    onError: (error) => setNotice({ ok: false, text: `The test did not run: ${error.message}` }),
  });

  const savedToken = savedWebhook?.apiToken;

  const change = (patch: Partial<FormValues>) => {
    setValues({ ...values, ...patch });
    setErrors({});
    setNotice(null);
  };

  const validated = () => {
    const result = settingsFrom(values, saved);
    setErrors(result.success ? {} : result.errors);
    return result.success ? result.data : null;
  };

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    const settings = validated();
    if (settings) save.mutate({ settings, permission: requestOriginPermission(settings) });
  };

  const onConnect = () => {
    const settings = validated();
    if (settings) connect.mutate({ settings, permission: requestOriginPermission(settings, ['identity']) });
  };

  const onTest = () => {
    const settings = validated();
    if (settings) test.mutate({ settings, permission: requestOriginPermission(settings) });
  };

  return (
    <form className="settings" onSubmit={onSave} noValidate>
      <div className="field">
        <label htmlFor={crmId}>CRM</label>
        <select id={crmId} value={values.crm} onChange={(event) => {
            const crm = event.target.value as CrmKind;
            const isDefault = !values.baseUrl || Object.values(DEFAULT_SERVERS).includes(values.baseUrl);
            change({ crm, ...(isDefault ? { baseUrl: DEFAULT_SERVERS[crm] ?? '' } : {}) });
          }}>
          {Object.entries(crmLabels).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {values.crm === 'webhook' && (
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
        <TextField
          label="API token"
          type="password"
          autoComplete="off"
          hint={
            savedToken && !values.removeToken
              ? `A token ending ${maskToken(savedToken)} is saved. Type a new one to replace it.`
              : 'Optional. Sent as “Authorization: Bearer …”. Kept on this computer only.'
          }
          value={values.apiToken}
          error={errors.apiToken}
          onChange={(apiToken) => change({ apiToken })}
        />
        {savedToken && (
          <label className="inline-check">
            <input type="checkbox" checked={values.removeToken} onChange={(event) => change({ removeToken: event.target.checked })} />
            Remove the saved token
          </label>
        )}
        <details className="advanced" open={Boolean(savedWebhook?.signingSecret || savedWebhook?.extraHeaders?.length || savedWebhook?.fieldMap?.length) || undefined}>
          <summary>Signing, extra headers and field names</summary>
          <TextField
            label="Signing secret"
            type="password"
            autoComplete="off"
            hint={
              savedWebhook?.signingSecret && !values.removeSecret
                ? `A secret ending ${maskToken(savedWebhook.signingSecret)} is saved. Type a new one to replace it.`
                : 'Optional. Each body is signed: X-Fieldclip-Signature: sha256=<HMAC-SHA256 of the body>.'
            }
            value={values.signingSecret}
            error={errors.signingSecret}
            onChange={(signingSecret) => change({ signingSecret })}
          />
          {savedWebhook?.signingSecret && (
            <label className="inline-check">
              <input type="checkbox" checked={values.removeSecret} onChange={(event) => change({ removeSecret: event.target.checked })} />
              Remove the saved secret
            </label>
          )}
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
      )}
      {values.crm === 'hubspot' && (
        <>
          <TextField
            label="Access token"
            type="password"
            autoComplete="off"
            hint={
              savedHubspot
                ? `A token ending ${maskToken(savedHubspot.accessToken)} is saved. Type a new one to replace it.`
                : 'A HubSpot private app token with the crm.objects.contacts read and write scopes. Kept on this computer only.'
            }
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
          <fieldset className="status-map">
            <legend>Lead status in HubSpot</legend>
            <TextField label="Raw leads" value={values.statusRaw} onChange={(statusRaw) => change({ statusRaw })} />
            <TextField label="Lukewarm leads" value={values.statusLukewarm} onChange={(statusLukewarm) => change({ statusLukewarm })} />
            <TextField label="Hot leads" value={values.statusHot} onChange={(statusHot) => change({ statusHot })} />
          </fieldset>
        </>
      )}
      {values.crm === 'salesforce' && (
        <>
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
            hint="From the connected app (OAuth with PKCE, scopes api and refresh_token, callback URL shown in the README)."
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
          <p className="connection">
            {savedSalesforce?.refreshToken ? `Signed in to ${savedSalesforce.instanceUrl}.` : 'Not signed in yet.'}{' '}
            <button type="button" onClick={onConnect} disabled={connect.isPending}>
              {savedSalesforce?.refreshToken ? 'Sign in again' : 'Connect to Salesforce'}
            </button>
          </p>
        </>
      )}
      {values.crm === 'pipedrive' && (
        <>
          <TextField
            label="Server"
            type="url"
            hint="https://api.pipedrive.com, or your company's https://<company>.pipedrive.com."
            value={values.baseUrl}
            error={errors.baseUrl}
            onChange={(baseUrl) => change({ baseUrl })}
          />
          <TextField
            label="API token"
            type="password"
            autoComplete="off"
            hint={
              savedPipedrive
                ? `A token ending ${maskToken(savedPipedrive.apiToken)} is saved. Type a new one to replace it.`
                : 'Your personal API token (Settings → Personal preferences → API). Kept on this computer only.'
            }
            value={values.apiToken}
            error={errors.apiToken}
            onChange={(apiToken) => change({ apiToken })}
          />
        </>
      )}
      {values.crm === 'twenty' && (
        <>
          <TextField
            label="Server"
            type="url"
            hint="https://api.twenty.com for Twenty's cloud, or your own server's address."
            value={values.baseUrl}
            error={errors.baseUrl}
            onChange={(baseUrl) => change({ baseUrl })}
          />
          <TextField
            label="API key"
            type="password"
            autoComplete="off"
            hint={
              savedTwenty
                ? `A key ending ${maskToken(savedTwenty.apiKey)} is saved. Type a new one to replace it.`
                : 'From Settings → APIs & Webhooks in Twenty. Kept on this computer only.'
            }
            value={values.apiKey}
            error={errors.apiKey}
            onChange={(apiKey) => change({ apiKey })}
          />
        </>
      )}
      <div className="settings__actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save settings
        </button>
        <button type="button" onClick={onTest} disabled={test.isPending}>
          {test.isPending ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      <p role="status" className={`notice${notice ? (notice.ok ? ' notice--ok' : ' notice--problem') : ''}`}>
        {notice?.text}
      </p>
    </form>
  );
}
