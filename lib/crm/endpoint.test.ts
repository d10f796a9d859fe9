import { describe, expect, it } from 'vitest';
import { endpointUrlSchema, originPermissionFor } from './endpoint';

describe('endpointUrlSchema', () => {
  it.each([
    'https://hooks.example.com/fieldclip',
    'http://127.0.0.1:8787/webhook',
    'http://localhost:3000/leads',
    'https://crm.example.com:8443/in',
  ])('accepts %s', (url) => {
    expect(endpointUrlSchema.safeParse(url).success).toBe(true);
  });

  it.each([
    ['http://crm.example.com/hook', 'Use an https:// address (plain http:// works only for localhost and 127.0.0.1)'],
    ['ftp://crm.example.com/hook', 'Use an https:// address (plain http:// works only for localhost and 127.0.0.1)'],
    ['crm.example.com/hook', 'Enter a full URL, like https://crm.example.com/hooks/leads'],
    ['', 'Enter the endpoint URL'],
    ['https://user:secret@crm.example.com/hook', 'Put credentials in the API token field, not in the URL'],
    // No host permission covers it, so it is not taken for this machine.
    ['http://[::1]:8787/webhook', 'Use an https:// address (plain http:// works only for localhost and 127.0.0.1)'],
  ])('refuses %s', (url, message) => {
    expect(endpointUrlSchema.safeParse(url).error?.issues[0]?.message).toBe(message);
  });
});

describe('originPermissionFor', () => {
  it('asks for the remote origin, whatever the port and path', () => {
    expect(originPermissionFor('https://crm.example.com:8443/hooks/in?x=1')).toBe('https://crm.example.com/*');
  });

  it('asks for an IPv6 loopback address like any other (the manifest grants only localhost and 127.0.0.1)', () => {
    expect(originPermissionFor('https://[::1]:8443/webhook')).toBe('https://[::1]/*');
  });

  it('asks for nothing on this machine', () => {
    expect(originPermissionFor('http://127.0.0.1:8787/webhook')).toBeNull();
    expect(originPermissionFor('http://localhost/webhook')).toBeNull();
  });
});
