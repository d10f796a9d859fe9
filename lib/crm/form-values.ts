import type { SourceKind } from '../lead/terms';
import type { CrmKind } from './settings-kind';
import type { StageMapCrm } from './stage-map';

// The options page's form values: strings as typed, one set for every CRM. Each CRM's form.ts
// turns its part into settings; settings-form.ts checks them.

export type Level = 'raw' | 'lukewarm' | 'hot';

export type FormValues = {
  crm: CrmKind;
  endpointUrl: string;
  apiToken: string;
  removeToken: boolean;
  signingSecret: string;
  removeSecret: boolean;
  extraHeaders: string;
  fieldMap: string;
  /** Webhook: where people are looked up before saving (blank: no lookups). */
  lookupUrl: string;
  outcomesUrl: string;
  accessToken: string;
  leadSourceProperty: string;
  leadIdProperty: string;
  companyKeyProperty: string;
  /** HubSpot: the contact property that keeps the LinkedIn profile (blank: none). */
  linkedinProperty: string;
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
  /** Salesforce: the Lead field, Pipedrive: the person field's key, that keeps the LinkedIn profile (blank: none). */
  linkedinField: string;
  /** Pipedrive: the person field's key, Twenty: the People field, that gets the notes, answers and badge id (blank: none). */
  notesField: string;
  /** Salesforce: the Lead field, HubSpot: the contact property, that receives the opportunity size (blank: none). */
  opportunityField: string;
  /** HubSpot: "Create a deal for leads with an opportunity size", in this pipeline and stage. */
  createDeals: boolean;
  dealPipeline: string;
  dealStage: string;
  /** Salesforce: the org's currency, for the amounts of won opportunities (blank: not read). */
  orgCurrency: string;
  /**
   * Each CRM's stages mapped onto Fieldclip's, a "CRM stage = Fieldclip stage" line each, once the
   * rep edits them: not there, the saved map stays; blank, the CRM's defaults.
   */
  stages: Partial<Record<StageMapCrm, string>>;
};
/** A message per field; a value in a map (a source's or a level's) under `map.key`. */
export type FormErrors = Partial<
  Record<
    | 'endpointUrl' | 'apiToken' | 'signingSecret' | 'extraHeaders' | 'fieldMap' | 'lookupUrl' | 'outcomesUrl' | 'accessToken' | 'leadSourceProperty' | 'leadIdProperty'
    | 'companyKeyProperty' | 'linkedinProperty' | 'baseUrl' | 'apiKey' | 'clientId' | 'externalIdField' | 'linkedinField' | 'loginUrl' | 'labelRaw' | 'labelLukewarm' | 'labelHot'
    | 'personIdField' | 'notesField' | 'stages' | 'opportunityField' | 'orgCurrency' | 'opportunityProperty' | 'dealPipeline' | 'dealStage' | `channelNames.${SourceKind}` | 'sourceField' | 'qualificationField' | `qualificationValues.${Level}` | 'statusRaw' | 'statusLukewarm' | 'statusHot' | `${'sourceValues' | 'leadSourceValues'}.${SourceKind}` | `statusValues.${Level}`,
    string
  >
>;

/** What a CRM's form gives the settings check: the input to its schema, or a message at a field it parses itself. */
export type CrmForm<Settings> = {
  input(values: FormValues, saved: Settings | null): { settings: Record<string, unknown> } | { errors: FormErrors };
};
