import type * as z from 'zod/mini';
import { sourceLabels } from '../lead/describe';
import type { StageMap } from './outcomes';
import { stageMapFromLines } from './stage-map';
import type { CrmForm, FormErrors, FormValues } from './form-values';
import { hubspotForm } from './hubspot/form';
import { pipedriveForm } from './pipedrive/form';
import { PIPEDRIVE_SERVER } from './pipedrive/settings';
import { salesforceForm } from './salesforce/form';
import { SALESFORCE_DEFAULT_SOURCES, SALESFORCE_DEFAULT_STATUSES, SALESFORCE_LOGIN_URL } from './salesforce/settings';
import { crmSettingsSchema, type CrmKind, type CrmSettings } from './settings';
import { twentyForm } from './twenty/form';
import { TWENTY_DEFAULT_LEVELS, TWENTY_DEFAULT_SOURCES, TWENTY_SERVER } from './twenty/settings';
import { webhookForm } from './webhook/form';

// The options page's form, without React: its values are strings as typed, turned into settings
// (or one message per field) here. A secret left blank keeps the one already saved.

export type { FormErrors, FormValues } from './form-values';
export { fieldMapFrom, headersFrom } from './webhook/form';

type CrmForms = { [K in CrmKind]: CrmForm<Extract<CrmSettings, { crm: K }>> };

/** Each CRM's part of the form: a sixth CRM is a type error here until it has its own. */
const crmForms: CrmForms = {
  webhook: webhookForm,
  hubspot: hubspotForm,
  salesforce: salesforceForm,
  pipedrive: pipedriveForm,
  twenty: twentyForm,
};

/** The HubSpot lead id property "Create it in HubSpot" makes when the rep has not named one. */
export const DEFAULT_LEAD_ID_PROPERTY = 'fieldclip_lead_id';

export const DEFAULT_SERVERS: Partial<Record<CrmKind, string>> = {
  salesforce: SALESFORCE_LOGIN_URL,
  twenty: TWENTY_SERVER,
  pipedrive: PIPEDRIVE_SERVER,
};

/** The settings the form describes: a blank secret field keeps the saved one unless the rep removes it. */
export function settingsFrom(values: FormValues, saved: CrmSettings | null) {
  const form = crmForms[values.crm] as CrmForm<CrmSettings>;
  const input = form.input(values, saved?.crm === values.crm ? saved : null);
  if ('errors' in input) return { success: false as const, errors: input.errors };
  const stageMap = stageMapFor(values, saved);
  if (typeof stageMap === 'string') return { success: false as const, errors: { stages: stageMap } };
  const result = crmSettingsSchema.safeParse(stageMap ? { ...input.settings, stageMap } : input.settings);
  return result.success ? { success: true as const, data: result.data } : { success: false as const, errors: errorsOf(result.error) };
}

/** The stage map to save: the lines the rep edited (blank: none, the defaults), else the saved one. */
function stageMapFor(values: FormValues, saved: CrmSettings | null): StageMap | string | undefined {
  if (values.crm === 'webhook') return undefined;
  const lines = values.stages[values.crm];
  if (lines === undefined) return saved?.crm === values.crm ? saved.stageMap : undefined;
  return lines.trim() ? stageMapFromLines(lines) : undefined;
}

/** The form's field for each level: Pipedrive's lead labels, HubSpot's lead statuses. */
export const labelFields = { raw: 'labelRaw', lukewarm: 'labelLukewarm', hot: 'labelHot' } as const;
export const statusFields = { raw: 'statusRaw', lukewarm: 'statusLukewarm', hot: 'statusHot' } as const;
const valueMaps = ['sourceValues', 'leadSourceValues', 'statusValues', 'channelNames', 'qualificationValues'];

function errorsOf(error: z.core.$ZodError): FormErrors {
  const errors: FormErrors = {};
  for (const issue of error.issues) {
    const [first, second] = issue.path;
    const field = (
      first === 'labelIds'
        ? labelFields[second as keyof typeof labelFields]
        : first === 'leadStatusValues'
          ? statusFields[second as keyof typeof statusFields]
          : valueMaps.includes(String(first)) && second !== undefined
            ? `${String(first)}.${String(second)}`
            : first
    ) as keyof FormErrors;
    errors[field] ??= issue.message;
  }
  return errors;
}

/** The form as it opens: the saved settings, secrets left blank (they are shown masked). */
export function initialFormValues(saved: CrmSettings | null): FormValues {
  const savedWebhook = saved?.crm === 'webhook' ? saved : null;
  const savedHubspot = saved?.crm === 'hubspot' ? saved : null;
  const savedTwenty = saved?.crm === 'twenty' ? saved : null;
  const savedPipedrive = saved?.crm === 'pipedrive' ? saved : null;
  const savedSalesforce = saved?.crm === 'salesforce' ? saved : null;
  return {
    crm: saved?.crm ?? 'webhook',
    endpointUrl: savedWebhook?.endpointUrl ?? '',
    apiToken: '',
    removeToken: false,
    signingSecret: '',
    removeSecret: false,
    extraHeaders: (savedWebhook?.extraHeaders ?? []).map(({ name, value }) => `${name}: ${value}`).join('\n'),
    fieldMap: (savedWebhook?.fieldMap ?? []).map(({ to, from }) => `${to} = ${from}`).join('\n'),
    lookupUrl: savedWebhook?.lookupUrl ?? '',
    outcomesUrl: savedWebhook?.outcomesUrl ?? '',
    accessToken: '',
    leadSourceProperty: savedHubspot?.leadSourceProperty ?? '',
    leadIdProperty: savedHubspot?.leadIdProperty ?? '',
    companyKeyProperty: savedHubspot?.companyKeyProperty ?? '',
    linkedinProperty: savedHubspot?.linkedinProperty ?? '',
    statusRaw: savedHubspot?.leadStatusValues.raw ?? 'NEW',
    statusLukewarm: savedHubspot?.leadStatusValues.lukewarm ?? 'OPEN',
    statusHot: savedHubspot?.leadStatusValues.hot ?? 'IN_PROGRESS',
    hubspotSources: { ...(savedHubspot?.sourceValues ?? sourceLabels) },
    salesforceSources: { ...(savedSalesforce?.leadSourceValues ?? SALESFORCE_DEFAULT_SOURCES) },
    salesforceStatuses: { ...(savedSalesforce?.statusValues ?? SALESFORCE_DEFAULT_STATUSES) },
    labelRaw: savedPipedrive?.labelIds.raw ?? '',
    labelLukewarm: savedPipedrive?.labelIds.lukewarm ?? '',
    labelHot: savedPipedrive?.labelIds.hot ?? '',
    personIdField: savedPipedrive?.personIdField ?? '',
    pipedriveChannels: { prospecting: '', referral: '', event: '', 'prospecting-at-close': '', ...savedPipedrive?.channelNames },
    twentySourceField: savedTwenty?.sourceField ?? '',
    twentySources: { ...(savedTwenty?.sourceValues ?? TWENTY_DEFAULT_SOURCES) },
    twentyQualificationField: savedTwenty?.qualificationField ?? '',
    twentyLevels: { ...(savedTwenty?.qualificationValues ?? TWENTY_DEFAULT_LEVELS) },
    baseUrl: savedTwenty?.baseUrl ?? savedPipedrive?.baseUrl ?? savedSalesforce?.loginUrl ?? DEFAULT_SERVERS[saved?.crm ?? 'webhook'] ?? '',
    apiKey: '',
    clientId: savedSalesforce?.clientId ?? '',
    externalIdField: savedSalesforce?.externalIdField ?? 'Fieldclip_Id__c',
    linkedinField: savedSalesforce?.linkedinField ?? savedPipedrive?.linkedinField ?? '',
    notesField: savedPipedrive?.notesField ?? savedTwenty?.notesField ?? '',
    opportunityField: savedSalesforce?.opportunityField ?? savedHubspot?.opportunityProperty ?? '',
    createDeals: savedHubspot?.createDeals ?? false,
    dealPipeline: savedHubspot?.dealPipeline ?? 'default',
    dealStage: savedHubspot?.dealStage ?? 'appointmentscheduled',
    orgCurrency: savedSalesforce?.orgCurrency ?? '',
    stages: {},
  };
}
