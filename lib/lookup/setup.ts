import { crmFor } from '../crm/connectors';
import type { CrmSettings } from '../crm/settings';
import { loadCrmSettings } from '../crm/stored-settings';
import { outboxDb } from '../outbox/db';
import { isOnline } from '../sync/connectivity';
import { onMessage } from '../sync/messages';
import { lookUpPerson } from './lookup';

/**
 * Which CRM an answer came from, as its cache key says: the kind and the address asked (never a
 * token), so that pointing the settings at another CRM does not show the last one's answers.
 */
function cacheScope(settings: CrmSettings): string {
  const address = 'lookupUrl' in settings && settings.lookupUrl ? settings.lookupUrl : 'endpointUrl' in settings ? settings.endpointUrl : 'baseUrl' in settings ? settings.baseUrl : 'instanceUrl' in settings ? settings.instanceUrl : undefined;
  return address ? `${settings.crm}@${address}` : settings.crm;
}

/** The service worker answers the capture form's "already in your CRM?" (lookup.ts). */
export function setUpCrmLookups(): void {
  onMessage('lookUpPerson', async ({ data: query }) => {
    const settings = await loadCrmSettings();
    return lookUpPerson(query, { db: outboxDb(), crm: settings ? { kind: cacheScope(settings), crm: crmFor(settings) } : null, online: isOnline });
  });
}
