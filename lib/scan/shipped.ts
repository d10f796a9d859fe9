// What the scanner loads from the extension's own files, where the build puts them: wxt.config.ts
// copies each one there, the code and card readers load them from there, and the manifest test
// checks they are in the build. Nothing else here, so the build can read it.

/** ZXing's WebAssembly (the code reader). */
export const ZXING_WASM = 'scan/zxing_reader.wasm';
/** tesseract's folder: its worker, and its SIMD LSTM core's loader and .wasm side by side (where the worker looks). */
export const OCR_DIR = 'ocr';
export const OCR_WORKER = `${OCR_DIR}/worker.min.js`;
export const OCR_CORE = `${OCR_DIR}/tesseract-core-simd-lstm`;
/** The language models, one gzipped file each. */
export const OCR_LANG_DIR = `${OCR_DIR}/lang`;
export const ocrModel = (code: string) => `${OCR_LANG_DIR}/${code}.traineddata.gz`;

/** The languages the card reader ships with, by tesseract's code, and the package holding each one's model. */
export const OCR_LANGUAGES = [
  { code: 'eng', label: 'English', locale: 'en', data: '@tesseract.js-data/eng' },
  { code: 'deu', label: 'German', locale: 'de', data: '@tesseract.js-data/deu' },
  { code: 'fra', label: 'French', locale: 'fr', data: '@tesseract.js-data/fra' },
  { code: 'spa', label: 'Spanish', locale: 'es', data: '@tesseract.js-data/spa' },
  { code: 'ita', label: 'Italian', locale: 'it', data: '@tesseract.js-data/ita' },
  { code: 'por', label: 'Portuguese', locale: 'pt', data: '@tesseract.js-data/por' },
] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number]['code'];
