import { describe, expect, it } from 'vitest';
import { savedCrmKind } from './saved-crm';

describe('which CRM is saved', () => {
  it('names a known CRM and nothing else', () => {
    expect(savedCrmKind({ crm: 'hubspot', accessToken: 'pat-na1-secret' })).toBe('hubspot');
    expect(savedCrmKind({ crm: 'webhook', endpointUrl: 'http://127.0.0.1:8787/leads' })).toBe('webhook');
    expect(savedCrmKind({ crm: 'zoho' })).toBeNull();
    expect(savedCrmKind({ crm: 1 })).toBeNull();
    expect(savedCrmKind(null)).toBeNull();
    expect(savedCrmKind(undefined)).toBeNull();
    expect(savedCrmKind('webhook')).toBeNull();
  });
});
