import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/min';
import { extractFromFields, type ProspectDraft } from '../extract';
import type { Capture } from '../lead/schema';
import { draftFromCard } from './card';
import { decodeCodes, preloadDecoder, type DecodedCode } from './decode';
import { cardLanguagesItem, cardLanguagesOr, localeRegion, type OcrLanguage } from './languages';
import { readCardLines } from './ocr';
import { parseBadgePayload, type BadgeFields } from './payload';

// A picture of a badge or a business card, turned into the capture form's fields: the codes on it
// first (a badge's QR, PDF417, Aztec, Data Matrix or Code 128); if none says who this is, the
// card's printed text. Everything runs here, on the rep's machine. Nothing is saved: the form is
// filled and the rep checks it and saves.

export type ScanOrigin = 'badge' | 'card';
export type ScanResult = {
  origin: ScanOrigin;
  draft: ProspectDraft;
  capture: Capture;
  /** The card's text as read, for the rep to check (cards only). */
  text?: string;
};

/** Larger files are not photos of a badge (a phone's photo is 2–8 MB). */
const MAX_IMAGE_BYTES = 30 * 1024 * 1024;
/** The card reader gets at most this many pixels on the long side: enough for a card's print, quicker. */
const OCR_LONG_SIDE = 2000;

/** `region`: the rep's (from the browser's language), how a card's numbers written without + are read. */
export type ScanOptions = { languages: readonly OcrLanguage[]; region?: string };

/** What the codes on the image say, first value for each field winning; and why none said anything. */
export function fieldsFromCodes(codes: readonly DecodedCode[]): { fields: BadgeFields; formats: string[]; problem?: string } {
  const fields: BadgeFields = {};
  const formats: string[] = [];
  let problem: string | undefined;
  for (const code of codes) {
    const payload = parseBadgePayload(code.text);
    if (payload.format === 'none') {
      problem ??= payload.problem;
      continue;
    }
    formats.push(`${code.format}:${payload.format}`);
    for (const [field, value] of Object.entries(payload.fields) as Array<[keyof BadgeFields, string]>) fields[field] ??= value;
  }
  return { fields, formats, problem };
}

async function bitmapOf(image: Blob): Promise<ImageBitmap> {
  if (image.type && !image.type.startsWith('image/')) throw new Error(`That file is not a picture (${image.type}): choose a photo or a screenshot of the badge or card.`);
  if (image.size > MAX_IMAGE_BYTES) throw new Error(`That picture is ${Math.round(image.size / 1024 / 1024)} MB: choose one under ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`);
  if (image.size === 0) throw new Error('That picture is empty.');
  try {
    return await createImageBitmap(image);
  } catch {
    throw new Error('That picture could not be opened: use a PNG, JPEG or WebP photo or screenshot.');
  }
}

/** The picture at most OCR_LONG_SIDE pixels on its long side, as the card reader takes it. */
async function forOcr(image: Blob, bitmap: ImageBitmap): Promise<Blob> {
  const scale = OCR_LONG_SIDE / Math.max(bitmap.width, bitmap.height);
  if (scale >= 1) return image;
  const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas.convertToBlob({ type: 'image/png' });
}

/** Reads a badge's code or a card's text. Throws an error saying what to do when there is nothing to fill. */
export async function scanImage(image: Blob, options: ScanOptions): Promise<ScanResult> {
  const bitmap = await bitmapOf(image);
  try {
    const codes = await decodeCodes(bitmap);
    const { fields, formats, problem } = fieldsFromCodes(codes);
    if (Object.keys(fields).length > 0) {
      const draft = extractFromFields(fields, 'badge-code', 'badge');
      if (Object.keys(draft.fieldSources).length > 0) return { origin: 'badge', draft, capture: { extractor: `badge ${formats.join(' ')}` } };
    }
    const country = options.region && isSupportedCountry(options.region) ? (options.region as CountryCode) : undefined;
    const { draft, text } = draftFromCard(await readCardLines(await forOcr(image, bitmap), options.languages), country);
    if (!text) {
      throw new Error(
        problem
          ? `${problem}, and no printed text was found.`
          : 'No code and no text found in this picture. Hold the badge or card flat, fill the frame with it, and try again.',
      );
    }
    if (Object.keys(draft.fieldSources).length === 0) throw new Error('The card’s text was read, but no name, company, email or phone was found in it: type the lead in.');
    return { origin: 'card', draft, capture: { extractor: 'card' }, text };
  } finally {
    bitmap.close();
  }
}

/** Starts the code reader (its WebAssembly compiled) as the rep reaches for a picture. */
export function preloadScanner(): void {
  preloadDecoder();
}

/** Reads a picture in the languages picked on the options page, numbers read as in the rep's region. */
export async function scanWithSettings(image: Blob): Promise<ScanResult> {
  return scanImage(image, { languages: cardLanguagesOr(await cardLanguagesItem.getValue()), region: localeRegion() });
}
