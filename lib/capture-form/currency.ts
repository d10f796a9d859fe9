import { storage } from 'wxt/utils/storage';

// The currency new opportunity sizes are in unless the rep picks another: set on the options page,
// else the currency of the browser's region.

export const defaultCurrencyItem = storage.defineItem<string>('local:defaultCurrency');

// The currency each region uses, for the default: the regions reps are most often in; elsewhere USD
// until the rep picks theirs on the options page.
const REGION_CURRENCIES: Record<string, string> = {
  US: 'USD', GB: 'GBP', CA: 'CAD', AU: 'AUD', NZ: 'NZD', IE: 'EUR', DE: 'EUR', FR: 'EUR', ES: 'EUR', IT: 'EUR', NL: 'EUR', BE: 'EUR',
  AT: 'EUR', PT: 'EUR', FI: 'EUR', GR: 'EUR', LU: 'EUR', SK: 'EUR', SI: 'EUR', EE: 'EUR', LV: 'EUR', LT: 'EUR', HR: 'EUR', CY: 'EUR', MT: 'EUR',
  CH: 'CHF', SE: 'SEK', NO: 'NOK', DK: 'DKK', PL: 'PLN', CZ: 'CZK', HU: 'HUF', RO: 'RON', BG: 'BGN', JP: 'JPY', CN: 'CNY', IN: 'INR',
  SG: 'SGD', HK: 'HKD', KR: 'KRW', BR: 'BRL', MX: 'MXN', ZA: 'ZAR', IL: 'ILS', AE: 'AED', SA: 'SAR', TR: 'TRY',
};

/** The currency of the browser's region (`de-CH` → CHF, `fr` → EUR by its likely region), else USD. */
export function currencyForLocale(locale: string | undefined): string {
  try {
    const region = new Intl.Locale(locale ?? 'en-US').maximize().region;
    return (region && REGION_CURRENCIES[region]) || 'USD';
  } catch {
    return 'USD';
  }
}

/** The default currency as stored, else the browser region's. */
export function defaultCurrencyOr(stored: string | null | undefined, locale = typeof navigator === 'undefined' ? undefined : navigator.language): string {
  return stored || currencyForLocale(locale);
}

/** The currencies a rep picks from, each with its name in the browser's language ("EUR – Euro"). */
export function currencyChoices(codes: readonly string[], locale?: string): Array<{ code: string; label: string }> {
  const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(locale, { type: 'currency' }) : undefined;
  return codes.map((code) => ({ code, label: names ? `${code} – ${names.of(code)}` : code }));
}
