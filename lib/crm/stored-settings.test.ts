import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadCrmSettings, saveCrmSettings } from './stored-settings';

describe('CRM settings', () => {
  it('are saved in local storage only, token included', async () => {
    await saveCrmSettings({ crm: 'webhook', endpointUrl: 'https://hooks.example.com/in', apiToken: 'tok-secret-1234' });
    expect(await loadCrmSettings()).toEqual({
      crm: 'webhook',
      endpointUrl: 'https://hooks.example.com/in',
      apiToken: 'tok-secret-1234',
    });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('are null when nothing is saved', async () => {
    expect(await loadCrmSettings()).toBeNull();
  });

  it('are null when what is saved no longer validates', async () => {
    await fakeBrowser.storage.local.set({ crmSettings: { crm: 'webhook', endpointUrl: 'http://crm.example.com' } });
    expect(await loadCrmSettings()).toBeNull();
  });

  it('refuse to save invalid settings', async () => {
    await expect(saveCrmSettings({ crm: 'webhook', endpointUrl: 'http://crm.example.com' })).rejects.toThrow(/https/);
  });
});
