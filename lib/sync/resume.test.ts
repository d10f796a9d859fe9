import { describe, expect, it } from 'vitest';
import { loadCrmSettings } from '../crm/stored-settings';
import { saveSettingsAndResume } from './resume';
import { syncPauseItem } from './status';

describe('saveSettingsAndResume', () => {
  it('saves the settings and lifts a pause the CRM caused', async () => {
    await syncPauseItem.setValue({ reason: 'HubSpot refused the token', at: 1 });
    await saveSettingsAndResume({ crm: 'webhook', endpointUrl: 'http://127.0.0.1:8787/leads' });
    expect(await loadCrmSettings()).toEqual({ crm: 'webhook', endpointUrl: 'http://127.0.0.1:8787/leads' });
    expect(await syncPauseItem.getValue()).toBeNull();
  });

  it('keeps the pause when the settings do not validate', async () => {
    await syncPauseItem.setValue({ reason: 'HubSpot refused the token', at: 1 });
    await expect(saveSettingsAndResume({ crm: 'webhook', endpointUrl: 'http://crm.example.com' })).rejects.toThrow(/https/);
    expect(await syncPauseItem.getValue()).toEqual({ reason: 'HubSpot refused the token', at: 1 });
  });
});
