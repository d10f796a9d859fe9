import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { getCountries } from 'libphonenumber-js/min';

const COUNTRIES = new Set<string>(getCountries());
const TLD_COUNTRY: Record<string, CountryCode> = { uk: 'GB', com: 'US', us: 'US' };
const COUNTRY_NAMES: Record<string, CountryCode> = {
  germany: 'DE', deutschland: 'DE', france: 'FR', 'united kingdom': 'GB', uk: 'GB', 'united states': 'US', usa: 'US',
  spain: 'ES', españa: 'ES', italy: 'IT', italia: 'IT', netherlands: 'NL', nederland: 'NL', sweden: 'SE', sverige: 'SE',
  switzerland: 'CH', schweiz: 'CH', suisse: 'CH', austria: 'AT', österreich: 'AT', poland: 'PL', polska: 'PL',
  japan: 'JP', '日本': 'JP', brazil: 'BR', brasil: 'BR', canada: 'CA', portugal: 'PT', ireland: 'IE', belgium: 'BE',
};

/** A two-letter country from an ISO code, a country name, a `lang` like `de-AT`, or a domain's TLD. */
export function countryFrom(hint: string | undefined): CountryCode | undefined {
  if (!hint) return undefined;
  const value = hint.trim();
  const code = value.toUpperCase();
  if (COUNTRIES.has(code)) return code as CountryCode;
  const named = COUNTRY_NAMES[value.toLowerCase()];
  if (named) return named;
  const region = /^[a-z]{2,3}[-_]([a-z]{2})$/i.exec(value)?.[1]?.toUpperCase();
  if (region && COUNTRIES.has(region)) return region as CountryCode;
  return undefined;
}

// Country-code domains that companies everywhere buy for the name, not the country.
const VANITY_TLDS = new Set(['io', 'co', 'ai', 'me', 'tv', 'ly', 'gg', 'fm', 'am', 'to', 'sh', 'so', 'cc', 'ws', 'vc', 'is', 'it.com']);

export function countryFromHostname(hostname: string): CountryCode | undefined {
  const tld = hostname.split('.').at(-1)?.toLowerCase() ?? '';
  if (TLD_COUNTRY[tld]) return TLD_COUNTRY[tld];
  if (VANITY_TLDS.has(tld)) return undefined;
  const code = tld.toUpperCase();
  return tld.length === 2 && COUNTRIES.has(code) ? (code as CountryCode) : undefined;
}

/** E.164 (`+4930123456`) where the number and its country can be told; otherwise the text as found. */
export function normalizePhone(raw: string, country?: CountryCode): string {
  const text = raw.replace(/^tel:/i, '').trim();
  const parsed = parsePhoneNumberFromString(text, country);
  return parsed?.isValid() ? parsed.number : text;
}
