import { familyOf, isLinkedinFamily, type LinkedinFamily } from './family';
import { jsonLdReader } from './json-ld';
import { linkedinCompanyReader } from './linkedin-company';
import { linkedinProfileReader } from './linkedin-profile';
import type { ExtractorId, FieldReader, ReaderFields } from './types';

// LinkedIn pages are read where they are: their readers are small enough to put into the page
// (entrypoints/linkedin-reader.ts), which then sends only what they found, not its markup (a full
// profile is hundreds of kilobytes the panel would have to parse again). This module is that code:
// it imports nothing heavy (no lead schema, no phone numbers), since it is injected at each capture.

/** What one reader found on a page: raw strings, cleaned and checked in the panel. */
export type Reading = { id: ExtractorId; fields: ReaderFields };

/** What the page sends back for a LinkedIn page: its address and title, and each reader's findings. */
export type PageReadings = { url: string; title: string; family: LinkedinFamily; found: Reading[] };

export const LINKEDIN_READERS: Record<LinkedinFamily, FieldReader[]> = {
  'linkedin-profile': [linkedinProfileReader, jsonLdReader],
  'linkedin-company': [linkedinCompanyReader, jsonLdReader],
};

/** Each reader in turn; one tripping on a hostile page must not cost the others' findings. */
export function readWith(readers: readonly FieldReader[], doc: Document, url: URL): Reading[] {
  return readers.map((reader) => {
    try {
      return { id: reader.id, fields: reader.read(doc, url) };
    } catch {
      return { id: reader.id, fields: {} };
    }
  });
}

/** A LinkedIn page's readings, or null when the page (as it is now) is not a LinkedIn profile or company page. */
export function readLinkedinPage(doc: Document, href: string): PageReadings | null {
  const url = new URL(href);
  const family = familyOf(url);
  if (!isLinkedinFamily(family)) return null;
  return { url: href, title: doc.title, family, found: readWith(LINKEDIN_READERS[family], doc, url) };
}
