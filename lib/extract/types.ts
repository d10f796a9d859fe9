import type { Prospect } from '../lead/schema';

/** The prospect fields a page can fill (notes are the rep's own). */
export type DraftField = Exclude<keyof Prospect, 'notes'>;
export type RawFields = Partial<Record<DraftField, string>>;

/** Which reader produced a value: a site family's extractor, one of the company-site readers, or a text's. */
export const extractorIds = [
  'linkedin-profile',
  'linkedin-company',
  'json-ld',
  'microdata',
  'rdfa',
  'microformats',
  'meta',
  'contact-links',
  'address',
  'contact-text',
  'badge-code',
] as const;
export type ExtractorId = (typeof extractorIds)[number];

/** What a page yields: the lead model's field names, and which extractor produced each field. */
export type ProspectDraft = RawFields & {
  fieldSources: Partial<Record<DraftField, ExtractorId>>;
  /** The site family that read the page (`linkedin-profile`, `linkedin-company`, `company-website`), a text, a badge's code or a card's picture; or null. */
  extractor: 'linkedin-profile' | 'linkedin-company' | 'company-website' | 'contact-text' | 'badge' | 'card' | null;
};

/** Raw values, and a hint of the country (ISO code or name) for telling phone numbers apart. */
export type ReaderFields = RawFields & {
  country?: string;
  /**
   * The page is about someone else's person or business (a speaker page on an event's site, a
   * listing in a directory): the page's own contact details (links, address, site name) are not theirs.
   */
  subjectElsewhere?: boolean;
};

/** One reader of a page: pure, returns raw strings that `extractProspect` cleans and validates. */
export type FieldReader = {
  id: ExtractorId;
  read(doc: Document, url: URL): ReaderFields;
};
