import { describe, expect, it } from 'vitest';
import { countryFrom, countryFromHostname, normalizePhone } from './phone';

describe('normalizePhone', () => {
  it('gives E.164 when the country can be told', () => {
    expect(normalizePhone('030 1234 5670', 'DE')).toBe('+493012345670');
    expect(normalizePhone('tel:+44 20 7946 0958')).toBe('+442079460958');
  });

  it('keeps the text as found when it cannot', () => {
    expect(normalizePhone('030 1234 5670')).toBe('030 1234 5670');
  });
});

describe('countryFrom', () => {
  it.each([
    ['DE', 'DE'],
    ['Deutschland', 'DE'],
    ['de-AT', 'AT'],
    ['fr_FR', 'FR'],
    ['Atlantis', undefined],
  ])('%s → %s', (hint, country) => {
    expect(countryFrom(hint)).toBe(country);
  });

  it('reads the TLD', () => {
    expect(countryFromHostname('www.acme.co.uk')).toBe('GB');
    expect(countryFromHostname('acme.de')).toBe('DE');
    expect(countryFromHostname('acme.io')).toBeUndefined();
  });
});
