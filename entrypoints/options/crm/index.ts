import { lazy, type ComponentType } from 'react';
import type { CrmKind } from '../../../lib/crm/settings';
import type { CrmSectionProps } from './props';

// Each CRM's section of the options form, loaded with the CRM the page opens on or the rep
// chooses: the page's first load holds none of them (a rep on HubSpot never needs the webhook's).

type CrmSections = { [K in CrmKind]: ComponentType<CrmSectionProps<K>> };

/** One section per CRM: a sixth CRM is a type error here until it has its fields. */
export const crmSections: CrmSections = {
  webhook: lazy(() => import('./WebhookFields').then((module) => ({ default: module.WebhookFields }))),
  hubspot: lazy(() => import('./HubspotFields').then((module) => ({ default: module.HubspotFields }))),
  salesforce: lazy(() => import('./SalesforceFields').then((module) => ({ default: module.SalesforceFields }))),
  pipedrive: lazy(() => import('./PipedriveFields').then((module) => ({ default: module.PipedriveFields }))),
  twenty: lazy(() => import('./TwentyFields').then((module) => ({ default: module.TwentyFields }))),
};
