import type * as z from 'zod/mini';
import { sourceLabels } from '../lead/describe';
import type { SourceKind } from '../lead/kinds';
import {
  crmSettingsSchema,
  SALESFORCE_DEFAULT_SOURCES,
  SALESFORCE_DEFAULT_STATUSES,
  TWENTY_DEFAULT_LEVELS,
  TWENTY_DEFAULT_SOURCES,
  type CrmKind,
  type CrmSettings,
} from './settings';

type Level = 'raw' | 'lukewarm' | 'hot';

// The options page's form, without React: its values are strings as typed, turned into settings
// (or one message per field) here. A secret left blank keeps the one already saved.

export type FormValues = {
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
  leadIdProperty: string;
  companyKeyProperty: string;
  statusRaw: string;
  statusLukewarm: string;
  statusHot: string;
  /** HubSpot: what the lead source property gets for each source. */
  hubspotSources: Record<SourceKind, string>;
  /** Salesforce: the LeadSource and Status picklist values. */
  salesforceSources: Record<SourceKind, string>;
  salesforceStatuses: Record<Level, string>;
  /** Pipedrive lead label ids per level (blank: no label). */
  labelRaw: string;
  labelLukewarm: string;
  labelHot: string;
  /** Pipedrive: the person field that keeps the lead id (blank: none). */
  personIdField: string;
  /** Pipedrive: the marketing channel's name for each source (blank: none). */
  pipedriveChannels: Record<SourceKind, string>;
  /** Twenty: the custom People fields for the source and the level (blank: none), and their values. */
  twentySourceField: string;
  twentySources: Record<SourceKind, string>;
  twentyQualificationField: string;
  twentyLevels: Record<Level, string>;
  baseUrl: string;
  apiKey: string;
  clientId: string;
  externalIdField: string;
};
/** A message per field; a value in a map (a source's or a level's) under `map.key`. */
export type FormErrors = Partial<
  Record<
    | 'endpointUrl' | 'apiToken' | 'signingSecret' | 'extraHeaders' | 'fieldMap' | 'accessToken' | 'leadSourceProperty' | 'leadIdProperty'
    | 'companyKeyProperty' | 'baseUrl' | 'apiKey' | 'clientId' | 'externalIdField' | 'loginUrl' | 'labelRaw' | 'labelLukewarm' | 'labelHot'
    | 'personIdField' | `channelNames.${SourceKind}` | 'sourceField' | 'qualificationField' | `qualificationValues.${Level}` | 'statusRaw' | 'statusLukewarm' | 'statusHot' | `${'sourceValues' | 'leadSourceValues'}.${SourceKind}` | `statusValues.${Level}`,
    string
  >
>;

/** One entry per non-empty line, as `pattern` splits it; a line that is not one is reported, not dropped. */
function entriesFrom<T>(text: string, pattern: RegExp, entry: (a: string, b: string) => T, problem: string): T[] | string {
  const entries: T[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const match = pattern.exec(line);
    if (!match) return problem;
    entries.push(entry(match[1]!.trim(), match[2]!.trim()));
  }
  return entries;
}

/** The HubSpot lead id property "Create it in HubSpot" makes when the rep has not named one. */
export const DEFAULT_LEAD_ID_PROPERTY = 'fieldclip_lead_id';

export const DEFAULT_SERVERS: Partial<Record<CrmKind, string>> = {
  salesforce: 'https://login.salesforce.com',
  twenty: 'https://api.twenty.com',
  pipedrive: 'https://api.pipedrive.com',
};

/** "Name: value" lines. */
export function headersFrom(text: string): Array<{ name: string; value: string }> | string {
  return entriesFrom(text, /^([^:]+):(.*)$/, (name, value) => ({ name, value }), 'Write one header per line, like X-Team: emea');
}

/** "endpoint_field = fieldclipField" lines. */
export function fieldMapFrom(text: string): Array<{ to: string; from: string }> | string {
  return entriesFrom(text, /^([^=]+)=(.+)$/, (to, from) => ({ to, from }), 'Write one mapping per line, like first_name = firstName');
}

/** The settings the form describes: a blank secret field keeps the saved one unless the rep removes it. */
export function settingsFrom(values: FormValues, saved: CrmSettings | null) {
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
      leadSourceValues: values.salesforceSources,
      statusValues: values.salesforceStatuses,
      // The sign-in stays valid while the org and the connected app stay the same.
      ...(sameOrg && savedSalesforce?.refreshToken ? { instanceUrl: savedSalesforce.instanceUrl, refreshToken: savedSalesforce.refreshToken } : {}),
    };
  } else if (values.crm === 'pipedrive') {
    const apiToken = values.apiToken.trim() || (saved?.crm === 'pipedrive' ? saved.apiToken : undefined);
    const label = (id: string) => id.trim() || undefined;
    input = {
      crm: 'pipedrive',
      baseUrl: values.baseUrl.trim() || undefined,
      apiToken,
      labelIds: { raw: label(values.labelRaw), lukewarm: label(values.labelLukewarm), hot: label(values.labelHot) },
      ...(values.personIdField.trim() ? { personIdField: values.personIdField.trim() } : {}),
      channelNames: values.pipedriveChannels,
    };
  } else if (values.crm === 'twenty') {
    const apiKey = values.apiKey.trim() || (saved?.crm === 'twenty' ? saved.apiKey : undefined);
    input = {
      crm: 'twenty',
      baseUrl: values.baseUrl.trim() || undefined,
      apiKey,
      ...(values.twentySourceField.trim() ? { sourceField: values.twentySourceField.trim() } : {}),
      sourceValues: values.twentySources,
      ...(values.twentyQualificationField.trim() ? { qualificationField: values.twentyQualificationField.trim() } : {}),
      qualificationValues: values.twentyLevels,
    };
  } else if (values.crm === 'hubspot') {
    const accessToken = values.accessToken.trim() || (saved?.crm === 'hubspot' ? saved.accessToken : undefined);
    input = {
      crm: 'hubspot',
      accessToken,
      ...(values.leadSourceProperty.trim() ? { leadSourceProperty: values.leadSourceProperty.trim() } : {}),
      ...(values.leadIdProperty.trim() ? { leadIdProperty: values.leadIdProperty.trim() } : {}),
      ...(values.companyKeyProperty.trim() ? { companyKeyProperty: values.companyKeyProperty.trim() } : {}),
      sourceValues: values.hubspotSources,
      leadStatusValues: { raw: values.statusRaw, lukewarm: values.statusLukewarm, hot: values.statusHot },
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
    accessToken: '',
    leadSourceProperty: savedHubspot?.leadSourceProperty ?? '',
    leadIdProperty: savedHubspot?.leadIdProperty ?? '',
    companyKeyProperty: savedHubspot?.companyKeyProperty ?? '',
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
  };
}
