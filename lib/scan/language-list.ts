// The languages the card reader ships with, by tesseract's code, and the package holding each
// one's model: wxt.config.ts copies each model into the build, the options page offers them. Nothing else here, so the build can read it.

export const OCR_LANGUAGES = [
  { code: 'eng', label: 'English', locale: 'en', data: '@tesseract.js-data/eng' },
  { code: 'deu', label: 'German', locale: 'de', data: '@tesseract.js-data/deu' },
  { code: 'fra', label: 'French', locale: 'fr', data: '@tesseract.js-data/fra' },
  { code: 'spa', label: 'Spanish', locale: 'es', data: '@tesseract.js-data/spa' },
  { code: 'ita', label: 'Italian', locale: 'it', data: '@tesseract.js-data/ita' },
  { code: 'por', label: 'Portuguese', locale: 'pt', data: '@tesseract.js-data/por' },
] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number]['code'];
