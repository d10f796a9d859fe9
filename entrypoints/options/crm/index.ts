import { lazy, type ComponentType } from 'react';
import type { CrmKind } from '../../../lib/crm/settings';
import type { CrmSectionProps } from './props';
import { WebhookFields } from './WebhookFields';

// Each CRM's section of the options form. The webhook's comes with the page (it is the default);
// another CRM's loads when the rep chooses it.

type CrmSections = { [K in CrmKind]: ComponentType<CrmSectionProps<K>> };

/** One section per CRM: a sixth CRM is a type error here until it has its fields. */
export const crmSections: CrmSections = {
  webhook: WebhookFields,
  hubspot: lazy(() => import('./HubspotFields').then((module) => ({ default: module.HubspotFields }))),
  salesforce: lazy(() => import('./SalesforceFields').then((module) => ({ default: module.SalesforceFields }))),
  pipedrive: lazy(() => import('./PipedriveFields').then((module) => ({ default: module.PipedriveFields }))),
  twenty: lazy(() => import('./TwentyFields').then((module) => ({ default: module.TwentyFields }))),
};
