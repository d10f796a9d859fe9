import { storage } from 'wxt/utils/storage';
import { crmKinds, type CrmKind } from './settings-kind';

// Which CRM is saved, for the side panel: it needs only whether one is connected, so it neither
// loads every CRM's settings schema nor keeps the settings (the token among them) in its state.
// The options page and the service worker read the whole settings (lib/crm/stored-settings.ts)
// and check them; saved settings that no longer pass are reported by the sync ("not-configured").

export const CRM_SETTINGS_KEY = 'local:crmSettings';

const savedSettingsItem = storage.defineItem<unknown>(CRM_SETTINGS_KEY);

/** The kind of CRM a stored settings value is for, or null when none is saved. */
export function savedCrmKind(value: unknown): CrmKind | null {
  if (typeof value !== 'object' || value === null) return null;
  const crm = (value as { crm?: unknown }).crm;
  return crmKinds.find((kind) => kind === crm) ?? null;
}

export async function loadSavedCrmKind(): Promise<CrmKind | null> {
  return savedCrmKind(await savedSettingsItem.getValue());
}

export function watchSavedCrmKind(callback: (kind: CrmKind | null) => void): () => void {
  return savedSettingsItem.watch((value) => callback(savedCrmKind(value)));
}
