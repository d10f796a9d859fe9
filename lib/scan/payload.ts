import { canonicalLinkedinProfileUrl } from '../lead/linkedin-url';

const linkedinProfileUrl = (url: string) => canonicalLinkedinProfileUrl(url) ?? undefined;

// What a badge's or a card's code says, turned into the capture form's fields: a vCard (2.1 with
// QUOTED-PRINTABLE and CHARSET, 3.0, 4.0 with tel: URIs and folded lines), a MeCard, a BIZCARD, a
// LinkedIn profile, another web address, or anything else, which is the badge's id. Codes are read
// from images on the rep's computer; nothing here runs or renders what they say: values are text,
// cut to the lead model's limits, control characters dropped.

export type BadgeFields = Partial<Record<'fullName' | 'firstName' | 'lastName' | 'title' | 'company' | 'email' | 'phone' | 'website' | 'linkedinUrl' | 'location' | 'badgeId', string>>;
export type BadgePayload = { format: 'vcard' | 'mecard' | 'bizcard' | 'linkedin' | 'url' | 'badge-id'; fields: BadgeFields } | { format: 'none'; problem: string };

/** The longest payload read: a vCard with a photo runs to kilobytes; past this it is not a badge. */
export const MAX_PAYLOAD = 8_000;
const MAX_FIELD = 200;
const MAX_BADGE_ID = 100;

/** Text as the lead keeps it: no control or bidi-override characters, spaces collapsed, cut to `max`. */
function plain(value: string | undefined, max = MAX_FIELD): string | undefined {
  const text = value
    // Control and bidi-override characters are what is removed here, on purpose.
    // eslint-disable-next-line no-control-regex
    ?.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? text.slice(0, max) : undefined;
}

/** Honorifics before a name and degrees after it, which are no part of the name a CRM keeps. */
const HONORIFIC = /^(?:(?:(?:dr|prof|mr|mrs|ms|mx|miss|sir|dame|herr|frau|mme|mlle|sra|srta|dipl\.-ing|mag)\.?|m\.|sr\.)\s+)+/iu;
const DEGREES = /(?:,?\s+(?:ph\.?\s?d|mba|msc|bsc|md|cpa|pmp|cfa|esq)\.?)+$/iu;
export const withoutHonorifics = (name: string | undefined) => name?.replace(HONORIFIC, '').replace(DEGREES, '').trim() || undefined;

const withoutEmpty = (fields: BadgeFields): BadgeFields =>
  Object.fromEntries(
    Object.entries({ ...fields, fullName: withoutHonorifics(fields.fullName) }).filter(([, value]) => value),
  ) as BadgeFields;

/** A vCard's lines, unfolded (a line starting with a space or tab continues the one before; 2.1's soft line breaks too). */
function vcardLines(text: string): string[] {
  return text
    .replace(/=\r?\n/g, (match, offset: number, whole: string) => (/QUOTED-PRINTABLE/i.test(whole.slice(Math.max(0, whole.lastIndexOf('\n', offset) + 1), offset)) ? '' : match))
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/);
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value[i] === '=' ? value.slice(i + 1, i + 3) : '';
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(value.charCodeAt(i) & 0xff);
  }
  try {
    return new TextDecoder(charset || 'utf-8').decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  }
}

/** A vCard value: backslash escapes undone (`\n`, `\,`, `\;`, `\\`). */
const unescaped = (value: string) => value.replace(/\\([nN]|[,;\\:])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c));
/** A structured value's parts, split on unescaped semicolons. */
const parts = (value: string) => value.split(/(?<!\\);/).map((part) => unescaped(part).trim());

function parseVcard(text: string): BadgeFields {
  const fields: BadgeFields = {};
  const urls: string[] = [];
  for (const line of vcardLines(text)) {
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    const [rawName = '', ...params] = line.slice(0, colon).split(';');
    const name = rawName.replace(/^item\d+\./i, '').toUpperCase();
    const paramText = params.join(';').toUpperCase();
    let value = line.slice(colon + 1);
    if (/QUOTED-PRINTABLE/.test(paramText)) value = decodeQuotedPrintable(value, /CHARSET=([^;:]+)/.exec(paramText)?.[1] ?? 'utf-8');
    switch (name) {
      case 'FN':
        fields.fullName ??= plain(unescaped(value));
        break;
      case 'N': {
        const [family, given] = parts(value);
        fields.lastName ??= plain(family);
        fields.firstName ??= plain(given);
        break;
      }
      case 'ORG':
        fields.company ??= plain(parts(value)[0]);
        break;
      case 'TITLE':
        fields.title ??= plain(unescaped(value));
        break;
      case 'EMAIL':
        // A work address is preferred over any other.
        if (!fields.email || /WORK/.test(paramText)) fields.email = plain(value.replace(/^mailto:/i, ''), 254);
        break;
      case 'TEL': {
        const number = plain(value.replace(/^tel:/i, ''), 40);
        const preferred = /WORK|CELL|PREF|VOICE/.test(paramText) && !/FAX/.test(paramText);
        if (number && !/FAX/.test(paramText) && (!fields.phone || preferred)) fields.phone = number;
        break;
      }
      case 'URL':
        urls.push(unescaped(value).trim());
        break;
      case 'ADR': {
        const [, , , city, , , country] = parts(value);
        fields.location ??= plain([city, country].filter(Boolean).join(', '));
        break;
      }
    }
  }
  for (const url of urls) {
    const profile = linkedinProfileUrl(url);
    if (profile) fields.linkedinUrl ??= profile;
    // A site written without its scheme (`acme.example`, `www.acme.example`) is a site too.
    else if (/^https?:\/\//i.test(url) || /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?:\/\S*)?$/u.test(url)) fields.website ??= plain(url, 2048);
  }
  if (!fields.fullName && (fields.firstName || fields.lastName)) fields.fullName = plain([fields.firstName, fields.lastName].filter(Boolean).join(' '));
  return withoutEmpty(fields);
}

/** MECARD:N:Doe,Jane;ORG:Acme;TEL:…;EMAIL:…;; and BIZCARD:N:Jane;X:Doe;T:CFO;C:Acme;B:…;E:…;; */
function keyValues(body: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const item of body.split(/(?<!\\);/)) {
    const colon = item.indexOf(':');
    if (colon < 1) continue;
    pairs.push([item.slice(0, colon).toUpperCase(), item.slice(colon + 1).replace(/\\([;:,\\])/g, '$1')]);
  }
  return pairs;
}

function parseMecard(body: string): BadgeFields {
  const fields: BadgeFields = {};
  for (const [key, value] of keyValues(body)) {
    if (key === 'N') {
      const [family, given] = value.split(',').map((part) => part.trim());
      fields.lastName ??= plain(family);
      fields.firstName ??= plain(given);
    } else if (key === 'ORG') fields.company ??= plain(value);
    else if (key === 'TITLE') fields.title ??= plain(value);
    else if (key === 'TEL') fields.phone ??= plain(value, 40);
    else if (key === 'EMAIL') fields.email ??= plain(value, 254);
    else if (key === 'URL') {
      const profile = linkedinProfileUrl(value.trim());
      if (profile) fields.linkedinUrl ??= profile;
      else fields.website ??= plain(value, 2048);
    }
  }
  fields.fullName = plain([fields.firstName, fields.lastName].filter(Boolean).join(' '));
  return withoutEmpty(fields);
}

function parseBizcard(body: string): BadgeFields {
  const fields: BadgeFields = {};
  for (const [key, value] of keyValues(body)) {
    if (key === 'N') fields.firstName ??= plain(value);
    else if (key === 'X') fields.lastName ??= plain(value);
    else if (key === 'T') fields.title ??= plain(value);
    else if (key === 'C') fields.company ??= plain(value);
    else if (key === 'B') fields.phone ??= plain(value, 40);
    else if (key === 'E') fields.email ??= plain(value, 254);
  }
  fields.fullName = plain([fields.firstName, fields.lastName].filter(Boolean).join(' '));
  return withoutEmpty(fields);
}

/** What a code's text says, as the capture form's fields. */
export function parseBadgePayload(raw: string): BadgePayload {
  if (raw.length > MAX_PAYLOAD) return { format: 'none', problem: `The code holds ${raw.length.toLocaleString('en')} characters: too much for a badge, so it was not read` };
  // Binary payloads (a code holding bytes, not text) carry NUL or replacement characters.
  // eslint-disable-next-line no-control-regex -- a NUL is how a binary payload shows
  if (/[\u0000\ufffd]/.test(raw)) return { format: 'none', problem: 'The code holds binary data, not text' };
  const text = raw.replace(/^\ufeff/, '').trim();
  if (!text) return { format: 'none', problem: 'The code is empty' };
  if (/^BEGIN:VCARD/i.test(text)) {
    const fields = parseVcard(text);
    return Object.keys(fields).length ? { format: 'vcard', fields } : { format: 'none', problem: 'The vCard names nobody' };
  }
  if (/^MECARD:/i.test(text)) return { format: 'mecard', fields: parseMecard(text.slice(7)) };
  if (/^BIZCARD:/i.test(text)) return { format: 'bizcard', fields: parseBizcard(text.slice(8)) };
  const profile = linkedinProfileUrl(text);
  if (profile) return { format: 'linkedin', fields: { linkedinUrl: profile } };
  if (/^https?:\/\/\S+$/i.test(text)) return { format: 'url', fields: { website: text.slice(0, 2048) } };
  const badgeId = plain(text, MAX_BADGE_ID + 1);
  if (!badgeId || badgeId.length > MAX_BADGE_ID || /\s{2,}|[<>{}]/.test(badgeId)) return { format: 'none', problem: 'The code holds text that is neither a contact nor a badge id' };
  return { format: 'badge-id', fields: { badgeId } };
}
