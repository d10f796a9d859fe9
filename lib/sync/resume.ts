import type { CrmSettings } from '../crm/settings';
import { saveCrmSettings } from '../crm/stored-settings';
import { syncPauseItem } from './status';

// Apart from status.ts, which the side panel loads: only the options page saves settings.

/** Saves new CRM settings and lifts a pause caused by refused credentials: the rep has checked them. */
export async function saveSettingsAndResume(settings: CrmSettings): Promise<void> {
  await saveCrmSettings(settings);
  await syncPauseItem.setValue(null);
}
