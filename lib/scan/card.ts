import type { CountryCode } from 'libphonenumber-js/min';
import { parseContactText } from '../extract/contact-text';
import { extractFromFields, type ProspectDraft } from '../extract';
import { cardText } from './card-layout';
import type { OcrLine } from './ocr';

/** A card's fields from the lines the OCR read: the text in reading order, then the contact-text parser. */
export function draftFromCard(lines: readonly OcrLine[], country?: CountryCode): { draft: ProspectDraft; text: string } {
  const text = cardText(lines);
  const draft = text ? extractFromFields({ country, ...parseContactText(text, country) }, 'contact-text', 'card') : { fieldSources: {}, extractor: null };
  return { draft, text };
}
