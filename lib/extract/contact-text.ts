import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/min';
import { withScheme } from '../lead/terms';
import { roleFromHeadline } from './headline';
import { countryFrom } from './phone';
import { cleanText } from './text';
import type { ReaderFields } from './types';

// An email signature or business-card text, selected on a page or pasted in the panel:
//   Dr. Anna Schmidt
//   Head of Sales | Müller Maschinenbau GmbH
//   +49 89 1234 5678 · anna.schmidt@mueller-mb.example · www.mueller-mb.example

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u;
const WEBSITE = /\b(?:https?:\/\/)?(?:www\.)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}(?:\/[^\s,;]*)?/iu;
export const COMPANY_SUFFIX = /\b(?:inc|llc|ltd|limited|gmbh|ag|kg|sa|sas|sarl|s\.?a\.?|s\.?l\.?|bv|b\.v\.|nv|oy|ab|as|a\/s|aps|plc|corp|corporation|co|company|group|gruppe|sp\. z o\.o\.|s\.p\.a\.|srl|k\.k\.|pty)\.?$/iu;
const TITLE_WORDS = /\b(?:ceo|cto|cfo|coo|cmo|cro|vp|svp|evp|president|founder|co-founder|owner|partner|director|head|lead|manager|chief|officer|engineer|consultant|specialist|executive|associate|representative|account|sales|marketing|procurement|purchasing|buyer|analyst|architect|designer|geschäftsführer(?:in)?|leiter(?:in)?|vertrieb|einkauf|directeur|directrice|responsable|gerente|jefe|direttore|responsabile)\b/iu;
const NAME = /^(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx|Mag|Ing|Dipl\.-Ing)\.?\s+)*([\p{Lu}][\p{L}'’.-]+(?:\s+(?:van|von|der|de|da|del|di|du|la|le|[\p{Lu}][\p{L}'’.-]+)){1,4})$/u;

/**
 * A card's or signature's label before a number, an address or a link: `T`, `M`, `E`, `W`, `Tel.`,
 * `Mobile:`, `E-mail:`, `Web:` and their usual translations. Only before what it labels, so an
 * initial ("E. Smith") stays.
 */
const LABEL =
  /^(?:t|m|p|f|e|w|tel|tél|phone|telefon|teléfono|mobile|mob|cell|handy|mobil|portable|móvil|cellulare|fax|office|direct|email|e-mail|mail|web|website|url|internet)\s*[:.]?\s*(?=[+(\d]|[^\s@]+@|https?:\/\/|www\.|[\p{L}\p{N}-]+\.[a-z]{2,}\b)/iu;
/** A label that says the number is a mobile's. */
const MOBILE_LABEL = /^(?:m|mobile|mob|cell|handy|mobil|portable|móvil|cellulare)\s*[:.]?\s*[+(\d]/iu;
const FAX_LABEL = /^(?:f|fax)\s*[:.]?\s*[+(\d]/iu;
/** Letters after a name that are no part of it: degrees and post-nominals. */
const POST_NOMINALS = /,?\s+(?:ph\.?\s?d|mba|msc|m\.sc|bsc|ma|ba|md|cpa|pmp|cfa|esq|jr|sr|ii|iii)\.?$/iu;

const HONORIFIC = /^(?:Dr|Prof|Mr|Mrs|Ms|Mx|Mag|Ing|Dipl\.-Ing)\.?\s/u;
const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Whether an email's address spells the name on the line: each of its parts a word of the line, or its initial. */
function spelledBy(email: string | undefined, line: string): boolean {
  const local = email?.split('@')[0];
  if (!local) return false;
  const parts = folded(local).split(/[._-]+/).filter((part) => /^[a-z]+$/.test(part));
  const words = folded(line).split(/[^a-z]+/);
  const known = parts.filter((part) => words.some((word) => word === part || (part.length === 1 && word.startsWith(part))));
  return known.length >= 2 || (known.length === 1 && parts.length === 1 && known[0]!.length > 2);
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n|\s+[|•·]\s+(?=\S)/)
    .map((line) => cleanText(line.replace(/^[-–—>*\s]+/, '').replace(LABEL, ''), 200))
    .filter((line): line is string => !!line && !/^[+()\d\s./-]{6,}$/.test(line) && !/^(?:--|best|regards|kind regards|mit freundlichen grüßen|cordialement|saludos|thanks)/i.test(line));
}

/** The number to call: a mobile's when a label says which is, never a fax's, else the first. */
function bestPhone(input: string, country?: CountryCode) {
  const found = findPhoneNumbersInText(input, country);
  const labelOf = (startsAt: number) => input.slice(input.lastIndexOf('\n', startsAt - 1) + 1, startsAt + 1).trim();
  return found.find(({ startsAt }) => MOBILE_LABEL.test(labelOf(startsAt))) ?? found.find(({ startsAt }) => !FAX_LABEL.test(labelOf(startsAt))) ?? found[0];
}

/** The place in an address part with its postcode: `80339 München`, `1100-053 Lisboa`, `London E16 1AA`. */
function placeIn(part: string): string | undefined {
  const postcodeFirst = /^(?:[A-Z]{1,2}-)?\d{3,5}(?:-\d{3})?\s+(\p{L}[\p{L} .'’-]*)$/u.exec(part)?.[1];
  const postcodeAfter = /^(\p{L}[\p{L} .'’-]*?)\s+[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}$/u.exec(part)?.[1];
  return postcodeFirst ?? postcodeAfter;
}

/**
 * The address line of a card or signature, found by its last part naming a country
 * ("Industriestraße 12 · 80339 München · Deutschland"): that country, and the place as the lead
 * keeps it ("München, Deutschland").
 */
function addressLine(text: string): { line: string; country: CountryCode; location: string } | undefined {
  for (const line of text.split(/\r?\n/).reverse()) {
    const parts = line.split(/\s[-–·|•]\s|,/).map((part) => part.trim()).filter(Boolean);
    const last = parts.at(-1);
    if (!last || last.length <= 3) continue;
    const country = countryFrom(last);
    if (!country) continue;
    // The part with a postcode, else the part just before the country when it has no digits ("Lisbon, Portugal").
    const before = parts.at(-2);
    const place = parts.slice(0, -1).reverse().map(placeIn).find(Boolean) ?? (before && !/\d/.test(before) ? before : undefined);
    return { line: line.trim(), country, location: place ? `${place}, ${last}` : last };
  }
  return undefined;
}

/** `country`: how to read numbers written without + when the text names no country of its own. */
export function parseContactText(text: string, hint?: CountryCode): ReaderFields {
  const input = text.slice(0, 5_000);
  const address = addressLine(input);
  const own = address?.country;
  const country = own ?? hint;
  const fields: ReaderFields = address ? { country: address.country, location: address.location } : {};
  fields.email = EMAIL.exec(input)?.[0];
  const phone = bestPhone(input, country);
  fields.phone = phone ? phone.number.number : undefined;
  const website = input
    .split(/\s+/)
    .map((word) => word.replace(/[),;.]+$/, ''))
    .find((word) => !word.includes('@') && WEBSITE.test(word) && /\.[a-z]{2,}/i.test(word) && !/^\+?\d/.test(word));
  if (website) fields.website = withScheme(website);

  const rest = lines(input).filter((line) => !address?.line.includes(line) && !EMAIL.test(line) && !(phone && line.includes(phone.number.nationalNumber.slice(-4))) && !(website && line.includes(website.replace(/^https?:\/\//i, ''))));
  const candidates = rest.filter((line) => NAME.test(line.replace(POST_NOMINALS, '')) && !TITLE_WORDS.test(line) && !COMPANY_SUFFIX.test(line));
  // The line the email spells ("priya.raman@…"), else one with an honorific, else the first.
  const nameLine = candidates.find((line) => spelledBy(fields.email, line)) ?? candidates.find((line) => HONORIFIC.test(line)) ?? candidates[0];
  if (nameLine) fields.fullName = NAME.exec(nameLine.replace(POST_NOMINALS, ''))?.[1];
  const others = rest.filter((line) => line !== nameLine);
  for (const line of others) {
    const role = roleFromHeadline(line);
    if (role.title && role.company && !fields.title) {
      fields.title = role.title;
      fields.company = role.company;
    }
  }
  fields.title ??= others.find((line) => TITLE_WORDS.test(line) && !COMPANY_SUFFIX.test(line));
  fields.company ??= others.find((line) => COMPANY_SUFFIX.test(line)) ?? others.find((line) => line !== fields.title && !/\d{3,}/.test(line));
  return fields;
}
