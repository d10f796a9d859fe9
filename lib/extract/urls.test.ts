import { describe, expect, it } from 'vitest';
import { cleanWebsite, domainOf } from './urls';

describe('cleanWebsite', () => {
  it('strips tracking parameters and the fragment', () => {
    expect(cleanWebsite('https://acme.example/en/?utm_source=x&utm_medium=y&lang=en#top', 'https://x.example')).toBe('https://acme.example/en/?lang=en');
  });

  it("unwraps LinkedIn's redirector", () => {
    expect(cleanWebsite('https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Facme.example%3Fgclid%3D1&urlhash=x', 'https://www.linkedin.com')).toBe('https://acme.example');
  });

  it('refuses anything but http(s)', () => {
    expect(cleanWebsite('javascript:alert(1)', 'https://x.example')).toBeUndefined();
    expect(cleanWebsite('mailto:a@b.example', 'https://x.example')).toBeUndefined();
  });

  it('resolves a relative link against the page', () => {
    expect(cleanWebsite('/about', 'https://acme.example/team/')).toBe('https://acme.example/about');
  });
});

describe('domainOf', () => {
  it('drops www. and lowercases', () => {
    expect(domainOf('https://WWW.Acme.Example/contact')).toBe('acme.example');
  });
});
