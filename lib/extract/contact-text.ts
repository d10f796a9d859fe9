import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/min';
import { roleFromHeadline } from './headline';
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

function lines(text: string): string[] {
  return text
    .split(/\r?\n|\s+[|•·]\s+(?=\S)/)
    .map((line) => cleanText(line.replace(/^[-–—>*\s]+/, ''), 200))
    .filter((line): line is string => !!line && !/^(?:--|best|regards|kind regards|mit freundlichen grüßen|cordialement|saludos|thanks)/i.test(line));
}

export function parseContactText(text: string, country?: CountryCode): ReaderFields {
  const input = text.slice(0, 5_000);
  const fields: ReaderFields = {};
  fields.email = EMAIL.exec(input)?.[0];
  const phone = findPhoneNumbersInText(input, country)[0];
  fields.phone = phone ? phone.number.number : undefined;
  const website = input
    .split(/\s+/)
    .map((word) => word.replace(/[),;.]+$/, ''))
    .find((word) => !word.includes('@') && WEBSITE.test(word) && /\.[a-z]{2,}/i.test(word) && !/^\+?\d/.test(word));
  if (website) fields.website = /^https?:\/\//i.test(website) ? website : `https://${website}`;

  const rest = lines(input).filter((line) => !EMAIL.test(line) && !(phone && line.includes(phone.number.nationalNumber.slice(-4))) && !(website && line.includes(website.replace(/^https?:\/\//i, ''))));
  const nameLine = rest.find((line) => NAME.test(line) && !TITLE_WORDS.test(line) && !COMPANY_SUFFIX.test(line));
  if (nameLine) fields.fullName = NAME.exec(nameLine)?.[1];
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
