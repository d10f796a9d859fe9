import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { CRM_SETTINGS_KEY } from './saved-crm';
import { crmSettingsSchema, type CrmSettings } from './settings';

// CRM settings, API token included, live in extension *local* storage: never sync storage
// (which would copy the token to every browser the rep signs in to) and never in logs.
const crmSettingsItem = storage.defineItem<unknown>(CRM_SETTINGS_KEY);

/** The saved CRM settings, or null when none are saved (or what is saved no longer validates). */
export async function loadCrmSettings(): Promise<CrmSettings | null> {
  const result = crmSettingsSchema.safeParse(await crmSettingsItem.getValue());
  return result.success ? result.data : null;
}

/** Saves the settings (the options page saves through lib/sync/resume.ts, which also lifts a pause). */
export async function saveCrmSettings(settings: CrmSettings): Promise<void> {
  await crmSettingsItem.setValue(crmSettingsSchema.parse(settings));
}

export function watchCrmSettings(callback: (settings: CrmSettings | null) => void): () => void {
  return crmSettingsItem.watch((value) => {
    const result = crmSettingsSchema.safeParse(value);
    callback(result.success ? result.data : null);
  });
}

type AccessLevelArea = { setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }): Promise<void> };

/**
 * Keeps extension local storage, the CRM token with it, out of reach of code running in web pages
 * (the one function Fieldclip puts into a page included): only the extension's own pages and its
 * service worker may read it. Chrome's storage.local.setAccessLevel; where a browser has none
 * (Firefox), content scripts are the only page code that could reach it, and Fieldclip has none.
 */
export function setUpTrustedStorage(): void {
  const local = browser.storage.local as unknown as AccessLevelArea;
  void local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});
}
