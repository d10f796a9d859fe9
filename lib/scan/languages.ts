import { storage } from 'wxt/utils/storage';
import { OCR_LANGUAGES, type OcrLanguage } from './shipped';

// The languages the card reader knows: their data ships with the extension (wxt.config.ts copies
// each one), nothing is downloaded. The rep picks which to read cards in on the options page;
// until then English, with the browser's own language when it is one of these.

export { OCR_LANGUAGES, type OcrLanguage } from './shipped';

const codes = new Set<string>(OCR_LANGUAGES.map(({ code }) => code));
export const isOcrLanguage = (code: string): code is OcrLanguage => codes.has(code);

/** The languages picked on the options page; empty until the rep picks. */
export const cardLanguagesItem = storage.defineItem<string[]>('local:cardLanguages', { fallback: [] });

/** English, and the browser's language when the card reader knows it. */
export function defaultCardLanguages(locale: string | undefined): OcrLanguage[] {
  const language = (locale ?? '').toLowerCase().split('-')[0];
  const own = OCR_LANGUAGES.find((entry) => entry.locale === language && entry.code !== 'eng');
  return own ? ['eng', own.code] : ['eng'];
}

/** The languages to read cards in: the stored choice (unknown codes dropped), else the defaults. */
export function cardLanguagesOr(stored: readonly string[] | null | undefined, locale = typeof navigator === 'undefined' ? undefined : navigator.language): OcrLanguage[] {
  const known = (stored ?? []).filter(isOcrLanguage);
  return known.length > 0 ? known : defaultCardLanguages(locale);
}

/** The region of the rep's browser (`de-AT` → AT, `fr` → FR): how to read a card's phone numbers written without +. */
export function localeRegion(locale = typeof navigator === 'undefined' ? undefined : navigator.language): string | undefined {
  try {
    return new Intl.Locale(locale ?? 'en-US').maximize().region;
  } catch {
    return undefined;
  }
}
