import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { browser } from 'wxt/browser';
import { crmFor, crmLabels, crmSettingsSchema, type CrmKind, type CrmSettings } from '../lib/crm';
import { originPermissionFor } from '../lib/crm/endpoint';
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
};
type Errors = Partial<Record<'endpointUrl' | 'apiToken' | 'signingSecret' | 'extraHeaders', string>>;

const HEADER_LINE = /^([^:]+):(.*)$/;

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

/** The settings the form describes: a blank secret field keeps the saved one unless the rep removes it. */
function settingsFrom(values: FormValues, saved: CrmSettings | null) {
  const apiToken = values.apiToken.trim() || (values.removeToken ? undefined : saved?.apiToken);
  const signingSecret = values.signingSecret || (values.removeSecret ? undefined : saved?.signingSecret);
  const extraHeaders = headersFrom(values.extraHeaders);
  if (typeof extraHeaders === 'string') return { success: false as const, errors: { extraHeaders } };
  const result = crmSettingsSchema.safeParse({
    crm: values.crm,
    endpointUrl: values.endpointUrl,
    ...(apiToken ? { apiToken } : {}),
    ...(signingSecret ? { signingSecret } : {}),
    ...(extraHeaders.length ? { extraHeaders } : {}),
  });
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
function requestOriginPermission(endpointUrl: string): Promise<boolean> {
  const origin = originPermissionFor(endpointUrl);
  return origin ? browser.permissions.request({ origins: [origin] }) : Promise.resolve(true);
}

export function CrmSettingsForm() {
  const saved = useQuery({ queryKey: ['crmSettings'], queryFn: loadCrmSettings });
  return saved.isSuccess ? <SettingsFields saved={saved.data} /> : null;
}

function SettingsFields({ saved }: { saved: CrmSettings | null }) {
  const crmId = useId();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FormValues>({
    crm: saved?.crm ?? 'webhook',
    endpointUrl: saved?.endpointUrl ?? '',
    apiToken: '',
    removeToken: false,
    signingSecret: '',
    removeSecret: false,
    extraHeaders: (saved?.extraHeaders ?? []).map(({ name, value }) => `${name}: ${value}`).join('\n'),
  });
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  const save = useMutation({
    mutationFn: async ({ settings, permission }: { settings: CrmSettings; permission: Promise<boolean> }) => {
      if (!(await permission)) throw new Error(`Fieldclip needs permission to reach ${new URL(settings.endpointUrl).host} to sync there`);
      await saveCrmSettings(settings);
    },
    onSuccess: () => {
      setNotice({ ok: true, text: 'Settings saved.' });
      setValues((current) => ({ ...current, apiToken: '', removeToken: false, signingSecret: '', removeSecret: false }));
      return queryClient.invalidateQueries({ queryKey: ['crmSettings'] });
    },
    onError: (error) => setNotice({ ok: false, text: `Not saved: ${error.message}` }),
  });

  const test = useMutation({
    mutationFn: async ({ settings, permission }: { settings: CrmSettings; permission: Promise<boolean> }) => {
      if (!(await permission)) return { ok: false, message: 'Permission to reach this endpoint was not given' };
      return crmFor(settings).testConnection(AbortSignal.timeout(15_000));
    },
    onSuccess: (check) => setNotice({ ok: check.ok, text: check.message }),
    onError: (error) => setNotice({ ok: false, text: `The test did not run: ${error.message}` }),
  });

  const savedToken = saved?.apiToken;

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
    if (settings) save.mutate({ settings, permission: requestOriginPermission(settings.endpointUrl) });
  };

  const onTest = () => {
    const settings = validated();
    if (settings) test.mutate({ settings, permission: requestOriginPermission(settings.endpointUrl) });
  };

  return (
    <form className="settings" onSubmit={onSave} noValidate>
      <div className="field">
        <label htmlFor={crmId}>CRM</label>
        <select id={crmId} value={values.crm} onChange={(event) => change({ crm: event.target.value as CrmKind })}>
          {Object.entries(crmLabels).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
      </div>
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
      <details className="advanced" open={Boolean(saved?.signingSecret || saved?.extraHeaders?.length) || undefined}>
        <summary>Signing and extra headers</summary>
        <TextField
          label="Signing secret"
          type="password"
          autoComplete="off"
          hint={
            saved?.signingSecret && !values.removeSecret
              ? `A secret ending ${maskToken(saved.signingSecret)} is saved. Type a new one to replace it.`
              : 'Optional. Each body is signed: X-Fieldclip-Signature: sha256=<HMAC-SHA256 of the body>.'
          }
          value={values.signingSecret}
          error={errors.signingSecret}
          onChange={(signingSecret) => change({ signingSecret })}
        />
        {saved?.signingSecret && (
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
      </details>
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
