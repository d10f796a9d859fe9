import type { CountryCode } from 'libphonenumber-js/min';
import { prospectSchema } from '../lead/schema';
import { withScheme } from '../lead/terms';
import { addressReader } from './address';
import { parseContactText } from './contact-text';
import { contactLinksReader } from './contact-links';
import { familyOf, isLinkedinFamily, type PageFamily } from './family';
import { jsonLdReader } from './json-ld';
import { linkedinCompanyReader } from './linkedin-company';
import { LINKEDIN_READERS, readWith, type PageReadings, type Reading } from './linkedin-page';
import { linkedinProfileReader } from './linkedin-profile';
import { metaReader } from './meta';
import { microdataReader } from './microdata';
import { microformatsReader } from './microformats';
import { rdfaReader } from './rdfa';
import { countryFrom, countryFromHostname, normalizePhone } from './phone';
import type { DraftField, ExtractorId, FieldReader, ProspectDraft, ReaderFields } from './types';
import { cleanWebsite, domainOf } from './urls';

export type { ProspectDraft } from './types';
export { familyOf } from './family';

// The one entry point of extraction: which site family a page belongs to decides which readers
// run, in order of trust; each field takes the first value that passes the lead model's checks.

type Family = NonNullable<ProspectDraft['extractor']>;
/** Readers of something other than a page: a text, a badge's code. */
type TextReaderId = 'contact-text' | 'badge-code';

/** Every reader of a page, by its id: a new id is a type error here until it has its reader. */
export const pageReaders: Record<Exclude<ExtractorId, TextReaderId>, FieldReader> = {
  'linkedin-profile': linkedinProfileReader,
  'linkedin-company': linkedinCompanyReader,
  'json-ld': jsonLdReader,
  microdata: microdataReader,
  rdfa: rdfaReader,
  microformats: microformatsReader,
  'contact-links': contactLinksReader,
  address: addressReader,
  meta: metaReader,
};

const FAMILIES: Record<PageFamily, FieldReader[]> = {
  ...LINKEDIN_READERS,
  'company-website': [jsonLdReader, microdataReader, rdfaReader, microformatsReader, contactLinksReader, addressReader, metaReader],
};

const DRAFT_FIELDS = Object.keys(prospectSchema.shape).filter((field) => field !== 'notes') as DraftField[];
const MARKUP = /<\s*\/?\s*[a-z!?][^>]*>|javascript:|data:text\/html/i;

function normalize(field: DraftField, raw: string, country: CountryCode | undefined, base: URL): string | undefined {
  if (MARKUP.test(raw)) return undefined;
  // A LinkedIn link is the LinkedIn field's, never the company's website.
  if (field === 'website' && /(^|\.)linkedin\.com(\/|$)/i.test(raw.replace(/^https?:\/\//i, '').split('/')[0] + '/')) return undefined;
  const value = field === 'phone' ? normalizePhone(raw, country) : field === 'website' ? cleanWebsite(raw, base) : field === 'email' ? raw.toLowerCase() : raw;
  if (value === undefined) return undefined;
  const result = prospectSchema.shape[field].safeParse(value);
  return result.success && typeof result.data === 'string' ? result.data : undefined;
}

// Readers of the page's own contact details, which say nothing of a person who works elsewhere.
const PAGE_READERS = new Set<ExtractorId>(['contact-links', 'address', 'meta']);
const PAGE_FIELDS = new Set<DraftField>(['company', 'website', 'email', 'phone', 'location', 'companyLinkedinUrl', 'companyDomain']);

/** Legal forms and filler words, which say nothing of whose a site is. */
const FILLER = new Set(['gmbh', 'ltd', 'limited', 'inc', 'llc', 'plc', 'corp', 'sas', 'sarl', 'srl', 'spa', 'and', 'und', 'the', 'group', 'gruppe', 'company', 'holding', 'partner', 'partners']);

/** A name's words as a host name could spell them: `Ingenieurbüro` → `ingenieurburo`, `ingenieurbuero`. */
function hostWords(name: string | undefined): string[] {
  const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').replace(/[æ]/g, 'ae').replace(/[ø]/g, 'o').replace(/ł/g, 'l');
  const lower = (name ?? '').toLowerCase();
  const spellings = [folded(lower), folded(lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue'))];
  return [...new Set(spellings.flatMap((text) => text.split(/[^a-z0-9]+/)))].filter((word) => word.length >= 3 && !FILLER.has(word));
}

/**
 * Whether the page can be the company's own site: a word of its name in the host name or in the
 * site's own name. A person's CV, an association's member page or a partner directory is not, and
 * its address, links and name are not the company's. Unknown (no usable word) counts as yes.
 */
function siteOf(company: string, base: URL, siteName: string | undefined): boolean {
  const words = hostWords(company);
  if (words.length === 0) return true;
  const site = new Set(hostWords(siteName));
  return words.some((word) => base.hostname.includes(word) || site.has(word));
}

/** Cleans, validates and merges what readers found: first valid value per field wins. */
function merge(all: Reading[], base: URL, extractor: Family | null): ProspectDraft {
  const company = all.find(({ id, fields }) => !PAGE_READERS.has(id) && fields.company && !MARKUP.test(fields.company))?.fields.company;
  const siteName = all.find(({ id }) => id === 'meta')?.fields.company;
  const subjectElsewhere = all.some(({ fields }) => fields.subjectElsewhere) || (company !== undefined && extractor === 'company-website' && !siteOf(company, base, siteName));
  const found = all.map(({ id, fields }) =>
    subjectElsewhere && PAGE_READERS.has(id)
      ? { id, fields: Object.fromEntries(Object.entries(fields).filter(([field]) => !PAGE_FIELDS.has(field as DraftField))) as ReaderFields }
      : { id, fields },
  );
  const hint = found.map(({ fields }) => countryFrom(fields.country)).find(Boolean);
  const country = hint ?? (extractor === 'company-website' ? countryFromHostname(base.hostname) : undefined);
  const draft: ProspectDraft = { fieldSources: {}, extractor };
  for (const field of DRAFT_FIELDS) {
    for (const { id, fields } of found) {
      const raw = fields[field];
      const value = typeof raw === 'string' ? normalize(field, raw, country, base) : undefined;
      if (value === undefined) continue;
      draft[field] = value;
      draft.fieldSources[field] = id;
      break;
    }
  }
  // The page's name taken for the company, when it is the person's own name (a title like "Luca
  // Bianchi – Studio Ferri"), is no company: nothing is better than a wrong one.
  if (draft.company && draft.fieldSources.company === 'meta' && draft.company.toLowerCase() === draft.fullName?.toLowerCase()) {
    delete draft.company;
    delete draft.fieldSources.company;
  }
  if (!draft.companyDomain && draft.website) {
    const domain = normalize('companyDomain', domainOf(draft.website) ?? '', country, base);
    if (domain && !/(^|\.)linkedin\.com$/.test(domain)) {
      draft.companyDomain = domain;
      draft.fieldSources.companyDomain = draft.fieldSources.website;
    }
  }
  return draft;
}

/**
 * The prospect on a page: a draft with the lead model's field names, each value valid for the
 * lead model, and which extractor produced it. Never throws; an empty draft is a valid answer.
 */
export function extractProspect(doc: Document, url: string): ProspectDraft {
  try {
    const base = new URL(url);
    const family = familyOf(base);
    if (!family) return { fieldSources: {}, extractor: null };
    return merge(readWith(FAMILIES[family], doc, base), base, family);
  } catch {
    return { fieldSources: {}, extractor: null };
  }
}

/** Where a LinkedIn page's readings came from, and the draft they make. */
export type ReadPage = { url: string; title: string; draft: ProspectDraft };

/** A reader's findings as the page sent them: only the fields readers fill, each a string (or the one flag). */
function sentFields(value: unknown): ReaderFields {
  if (typeof value !== 'object' || value === null) return {};
  const fields: ReaderFields = {};
  const sent = value as Record<string, unknown>;
  for (const field of [...DRAFT_FIELDS, 'country'] as const) {
    const raw = sent[field];
    if (typeof raw === 'string') fields[field] = raw;
  }
  if (sent.subjectElsewhere === true) fields.subjectElsewhere = true;
  return fields;
}

/**
 * The draft from what the reader put into a LinkedIn page sent back (lib/extract/linkedin-page.ts),
 * cleaned and checked as `extractProspect` does. The answer comes from a page, so nothing in it is
 * trusted: its address must be the LinkedIn page it says, each reader is taken in the family's own
 * order, and only string fields are kept. Null when the answer is not a LinkedIn page's readings.
 */
export function draftFromReadings(answer: unknown): ReadPage | null {
  try {
    if (typeof answer !== 'object' || answer === null) return null;
    const { url, title, family, found } = answer as Partial<Record<keyof PageReadings, unknown>>;
    if (typeof url !== 'string' || url.length > 8192 || !Array.isArray(found)) return null;
    const base = new URL(url);
    const pageFamily = familyOf(base);
    if (!isLinkedinFamily(pageFamily) || family !== pageFamily) return null;
    const sent = found as unknown[];
    const readings = LINKEDIN_READERS[pageFamily].map(({ id }): Reading => {
      const reading = sent.find((item) => typeof item === 'object' && item !== null && (item as { id?: unknown }).id === id) as { fields?: unknown } | undefined;
      return { id, fields: sentFields(reading?.fields) };
    });
    return { url, title: typeof title === 'string' ? title : '', draft: merge(readings, base, pageFamily) };
  } catch {
    return null;
  }
}

/**
 * What a badge's code said (`badge-code`) or a card's text read (`contact-text`), cleaned and
 * checked as a page's fields are. `country` hints how to read phone numbers written without +.
 */
export function extractFromFields(fields: ReaderFields, id: TextReaderId, extractor: 'badge' | 'card'): ProspectDraft {
  try {
    // A card or a badge writes its site without a scheme: `northwind.example`, `www.acme.com`.
    return merge([{ id, fields: { ...fields, website: withScheme(fields.website) } }], new URL('https://example.invalid/'), extractor);
  } catch {
    return { fieldSources: {}, extractor: null };
  }
}

/** The prospect in a signature or business card, selected on a page or pasted into the panel. */
export function extractFromText(text: string, pageUrl?: string): ProspectDraft {
  try {
    const base = new URL(pageUrl ?? 'https://example.invalid/');
    const country = pageUrl ? countryFromHostname(base.hostname) : undefined;
    return merge([{ id: 'contact-text', fields: { country, ...parseContactText(text, country) } }], base, 'contact-text');
  } catch {
    return { fieldSources: {}, extractor: null };
  }
}
