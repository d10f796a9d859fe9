import { describe, expect, it } from 'vitest';
import { currencyChoices, currencyForLocale, defaultCurrencyOr } from './currency';

describe('the default currency', () => {
  it('is the one set on the options page, else the browser region\'s, else USD', () => {
    expect(defaultCurrencyOr('SEK', 'de-CH')).toBe('SEK');
    expect(defaultCurrencyOr(null, 'de-CH')).toBe('CHF');
    expect(currencyForLocale('fr')).toBe('EUR');
    expect(currencyForLocale('en-US')).toBe('USD');
    expect(currencyForLocale('xx-invalid-locale-!')).toBe('USD');
  });

  it('names each currency in the browser’s language', () => {
    expect(currencyChoices(['EUR', 'JPY'], 'en')).toEqual([{ code: 'EUR', label: 'EUR – Euro' }, { code: 'JPY', label: 'JPY – Japanese Yen' }]);
  });
});
