import { crmFor } from '../crm/connectors';
import { loadCrmSettings } from '../crm/stored-settings';
import { outboxDb } from '../outbox/db';
import { isOnline } from '../sync/connectivity';
import { onMessage } from '../sync/messages';
import { dropOldLookups, lookUpPerson } from './lookup';

/** The service worker answers the capture form's "already in your CRM?" (lookup.ts). */
export function setUpCrmLookups(): void {
  onMessage('lookUpPerson', async ({ data: query }) => {
    const settings = await loadCrmSettings();
    return lookUpPerson(query, { db: outboxDb(), crm: settings ? { kind: settings.crm, crm: crmFor(settings) } : null, online: isOnline });
  });
  void dropOldLookups(outboxDb()).catch(() => {});
}
