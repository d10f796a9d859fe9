import { describe, expect, it } from 'vitest';
import { canonicalLinkedinCompanyUrl, canonicalLinkedinProfileUrl } from './linkedin-url';

describe('canonicalLinkedinProfileUrl', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe-123', 'https://www.linkedin.com/in/jane-doe-123'],
    ['https://de.linkedin.com/in/Jane-Doe-123/?trk=public_profile', 'https://www.linkedin.com/in/jane-doe-123'],
    ['linkedin.com/in/jane-doe/details/experience/', 'https://www.linkedin.com/in/jane-doe'],
    ['http://linkedin.com/in/jane-doe#about', 'https://www.linkedin.com/in/jane-doe'],
    ['https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller', 'https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller'],
    ['https://www.linkedin.com/in/jürgen-müller/', 'https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalLinkedinProfileUrl(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = canonicalLinkedinProfileUrl('https://fr.linkedin.com/in/Marie-Curie?x=1');
    expect(once).not.toBeNull();
    expect(canonicalLinkedinProfileUrl(once!)).toBe(once);
  });

  it.each([
    'https://www.linkedin.com/company/acme',
    'https://www.linkedin.com/in/',
    'https://evil.com/in/jane',
    'https://linkedin.com.evil.com/in/jane',
    'javascript:alert(1)//linkedin.com/in/jane',
    'https://www.linkedin.com/in/<script>',
    'https://www.linkedin.com/in/%E0%A4%A',
    '',
  ])('rejects %s', (input) => {
    expect(canonicalLinkedinProfileUrl(input)).toBeNull();
  });
});

describe('canonicalLinkedinCompanyUrl', () => {
  it('drops the subdomain, query and /about/ path', () => {
    expect(canonicalLinkedinCompanyUrl('https://uk.linkedin.com/company/Acme-Widgets/about/?viewAsMember=true')).toBe(
      'https://www.linkedin.com/company/acme-widgets',
    );
  });

  it('rejects a profile link', () => {
    expect(canonicalLinkedinCompanyUrl('https://www.linkedin.com/in/jane')).toBeNull();
  });
});
