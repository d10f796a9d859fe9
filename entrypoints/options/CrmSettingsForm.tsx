import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, useId, useState, type ComponentType, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { crmLabels, crmOriginPermissions, type CrmKind, type CrmSettings } from '../../lib/crm/settings';
import { DEFAULT_LEAD_ID_PROPERTY, DEFAULT_SERVERS, initialFormValues, settingsFrom, type FormErrors, type FormValues } from '../../lib/crm/settings-form';
import { loadCrmSettings } from '../../lib/crm/stored-settings';
import { saveSettingsAndResume } from '../../lib/sync/resume';
import { crmSections } from './crm';
import type { CrmSectionProps } from './crm/props';

/**
 * Asks for the endpoint's origin when it is remote, and for `permissions` where the manifest makes
 * them optional (identity is optional in Chrome; Firefox grants it at install and throws when asked
 * for it). It must be called straight from the click, before anything is awaited, or the browser
 * refuses it for lack of a user gesture. A request the browser throws on comes back as a rejection,
 * so the page says why instead of doing nothing.
 */
function requestOriginPermission(settings: CrmSettings, permissions: Array<'identity'> = []): Promise<boolean> {
  const origins = crmOriginPermissions(settings);
  const optional: readonly string[] = browser.runtime.getManifest().optional_permissions ?? [];
  const asked = permissions.filter((permission) => optional.includes(permission));
  try {
    return origins.length || asked.length ? browser.permissions.request({ origins, permissions: asked }) : Promise.resolve(true);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

export function CrmSettingsForm() {
  const saved = useQuery({ queryKey: ['crmSettings'], queryFn: loadCrmSettings });
  return saved.isSuccess ? <SettingsFields saved={saved.data} /> : null;
}

function SettingsFields({ saved }: { saved: CrmSettings | null }) {
  const crmId = useId();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FormValues>(() => initialFormValues(saved));
  const [errors, setErrors] = useState<FormErrors>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  /** Saved: the secrets typed are stored now, so their fields empty (the page shows the saved one's end). */
  const afterSave = (text: string, patch: Partial<FormValues> = {}) => {
    setNotice({ ok: true, text });
    setValues((current) => ({ ...current, ...patch, apiToken: '', removeToken: false, signingSecret: '', removeSecret: false, accessToken: '', apiKey: '' }));
    return queryClient.invalidateQueries({ queryKey: ['crmSettings'] });
  };

  const save = useMutation({
    mutationFn: async ({ settings, permission }: { settings: CrmSettings; permission: Promise<boolean> }) => {
      if (!(await permission)) throw new Error(`Fieldclip needs permission to reach ${crmOriginPermissions(settings).join(', ')} to sync there`);
      await saveSettingsAndResume(settings);
    },
    onSuccess: () => afterSave('Settings saved.'),
    onError: (error) => setNotice({ ok: false, text: `Not saved: ${error.message}` }),
  });

  // Where the CRM keeps each lead's id (HubSpot's lead id property, Pipedrive's person field), made
  // for the rep; then the settings are saved with it. The code loads when the rep asks.
  const createIdField = useMutation({
    mutationFn: async ({ settings, permission }: { settings: CrmSettings; permission: Promise<boolean> }) => {
      if (!(await permission)) throw new Error(`Fieldclip needs permission to reach ${crmOriginPermissions(settings).join(', ')}`);
      const signal = AbortSignal.timeout(15_000);
      if (settings.crm === 'hubspot' && settings.leadIdProperty) {
        const { createLeadIdProperty } = await import('../../lib/crm/hubspot/properties');
        const created = await createLeadIdProperty(settings, settings.leadIdProperty, signal);
        if (!created.ok) return created;
        await saveSettingsAndResume(settings);
        return { ...created, patch: { leadIdProperty: settings.leadIdProperty } };
      }
      if (settings.crm === 'pipedrive') {
        const { createLeadIdField } = await import('../../lib/crm/pipedrive/fields');
        const created = await createLeadIdField(settings, signal);
        if (!created.ok) return created;
        await saveSettingsAndResume({ ...settings, personIdField: created.key });
        return { ...created, patch: { personIdField: created.key } };
      }
      throw new Error(`${crmLabels[settings.crm]} has no such field`);
    },
    onSuccess: (result) => (result.ok ? afterSave(`${result.message}. Settings saved.`, result.patch) : setNotice({ ok: false, text: result.message })),
    onError: (error) => setNotice({ ok: false, text: `Not created: ${error.message}` }),
  });

  const connect = useMutation({
    mutationFn: async ({ settings, permission }: { settings: CrmSettings; permission: Promise<boolean> }) => {
      if (settings.crm !== 'salesforce') throw new Error('Only Salesforce signs in here');
      if (!(await permission)) throw new Error('Fieldclip needs permission to open the Salesforce sign-in and reach your org');
      // The sign-in code loads when the rep asks to connect, not with the page.
      const { connectSalesforce } = await import('../../lib/crm/salesforce/auth');
      const connected = await connectSalesforce(settings);
      await saveSettingsAndResume(connected);
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
      // The connectors (the code that talks to each CRM) load when the rep tests, not with the page.
      const { testConnection } = await import('../../lib/crm/checks');
      return testConnection(settings, AbortSignal.timeout(15_000));
    },
    onSuccess: (check) => setNotice({ ok: check.ok, text: check.message }),
    onError: (error) => setNotice({ ok: false, text: `The test did not run: ${error.message}` }),
  });

  const change = (patch: Partial<FormValues>) => {
    setValues({ ...values, ...patch });
    setErrors({});
    setNotice(null);
  };
  const section = { values, errors, change };
  // A server address still at another CRM's default follows the choice.
  const chooseCrm = (crm: CrmKind) => {
    const isDefault = !values.baseUrl || Object.values(DEFAULT_SERVERS).includes(values.baseUrl);
    change({ crm, ...(isDefault ? { baseUrl: DEFAULT_SERVERS[crm] ?? '' } : {}) });
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

  // HubSpot: the property named, or fieldclip_lead_id. Pipedrive names its field's key itself.
  const onCreateIdField = () => {
    const patch = values.crm === 'hubspot' ? { leadIdProperty: values.leadIdProperty.trim() || DEFAULT_LEAD_ID_PROPERTY } : { personIdField: '' };
    const result = settingsFrom({ ...values, ...patch }, saved);
    setErrors(result.success ? {} : result.errors);
    if (result.success) createIdField.mutate({ settings: result.data, permission: requestOriginPermission(result.data) });
  };

  const onTest = () => {
    const settings = validated();
    if (settings) test.mutate({ settings, permission: requestOriginPermission(settings) });
  };

  const Section = crmSections[values.crm] as ComponentType<CrmSectionProps<CrmKind>>;
  return (
    <form className="settings" onSubmit={onSave} noValidate>
      <div className="field">
        <label htmlFor={crmId}>CRM</label>
        <select id={crmId} value={values.crm} onChange={(event) => chooseCrm(event.target.value as CrmKind)}>
          {Object.entries(crmLabels).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <Suspense fallback={<p className="lede">Loading…</p>}>
        <Section
          {...section}
          saved={saved?.crm === values.crm ? saved : null}
          onCreateIdField={onCreateIdField}
          creatingIdField={createIdField.isPending}
          onConnect={onConnect}
          connecting={connect.isPending}
        />
      </Suspense>
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
