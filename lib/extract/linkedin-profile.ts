import { canonicalLinkedinProfileUrl } from '../lead/linkedin-url';
import { roleFromHeadline } from './headline';
import { cleanText, textAt, textLines, visibleText } from './text';
import type { FieldReader, RawFields } from './types';

// LinkedIn person profiles (/in/…), signed in (the long-standing class names, and the newer
// markup whose class names are hashed) and signed out. What stays across markups is leaned on:
// the h1 in <main>, "Current company: …" aria-labels, the "Experience" heading, the title, the URL.
// Nothing is read from the navigation bar (the signed-in member) or from side lists (<aside>).

const SIDE = 'header, nav, aside, footer, [role="navigation"], [role="complementary"]';
const DEGREE = /^(?:·\s*)?(?:1st|2nd|3rd\+?|\d+(?:st|nd|rd|th))$/i;
const PRONOUNS = /^\(?(?:she|he|they|ze|er|sie|il|elle)\s*\/\s*\w+\)?$/i;
// The interface's words in the languages reps use most; the page is read whatever its language.
const CONTACT_INFO = /^(?:·\s*)?(?:contact info|kontaktinfo|coordonnées|información de contacto|informazioni di contatto|contactgegevens|informacje kontaktowe|informações de contato)$/i;
const CURRENT_COMPANY = /^(?:current company|aktuelles unternehmen|entreprise actuelle|empresa actual|azienda attuale|huidig bedrijf|obecna firma|empresa atual):\s*/i;
const EXPERIENCE = new Set(['experience', 'berufserfahrung', 'expérience', 'experiencia', 'esperienza', 'ervaring', 'doświadczenie', 'experiência', '職歴']);
const DATES = /\b(?:19|20)\d{2}\b|present|heute|aujourd|actualidad|oggi|\d+\s*(?:yrs?|mos?)\b/i;

function profileRoot(doc: Document): Element | null {
  return doc.querySelector('main') ?? doc.body;
}

function nameHeading(root: Element): Element | undefined {
  return [...root.querySelectorAll('h1')].find((h1) => !h1.closest(SIDE));
}

function nameFromTitle(doc: Document): string | undefined {
  // "(3) Marta Kowalska | LinkedIn"
  const title = doc.title.replace(/^\(\d+\+?\)\s*/, '');
  const name = title.split(/\s+\|\s+LinkedIn/i)[0];
  return name && name !== title ? cleanText(name, 200) : undefined;
}

function topCardLines(h1: Element): { card: Element; lines: string[] } {
  const card = h1.closest('section') ?? h1.parentElement ?? h1;
  return { card, lines: textLines(card, 60) };
}

function headlineOf(card: Element, lines: string[], name: string | undefined): string | undefined {
  const classic = textAt(card, '.text-body-medium.break-words, .top-card-layout__headline', 300);
  if (classic) return classic;
  const start = name ? lines.indexOf(name) : -1;
  return lines.slice(start + 1).find((line) => line.length > 3 && !DEGREE.test(line) && !PRONOUNS.test(line) && line !== name);
}

function locationOf(card: Element, lines: string[]): string | undefined {
  const classic = textAt(
    card,
    '.text-body-small.inline.t-black--light.break-words, .top-card-layout__first-subline .not-first-middot > span:first-child',
    200,
  );
  if (classic) return classic;
  // The line before "Contact info", past any "·" separators.
  const contact = lines.findIndex((line) => CONTACT_INFO.test(line));
  const before = lines
    .slice(0, Math.max(0, contact))
    .reverse()
    .map((line) => line.replace(/^\s*·\s*|\s*·\s*$/g, ''))
    .find((line) => line.length > 0);
  return contact > 0 && before ? cleanText(before, 200) : undefined;
}

function currentCompanyLabel(root: Element): string | undefined {
  const labelled = [...root.querySelectorAll('[aria-label]')].find((el) => CURRENT_COMPANY.test(el.getAttribute('aria-label') ?? ''));
  const label = labelled?.getAttribute('aria-label');
  if (!label) return undefined;
  return cleanText(label.replace(CURRENT_COMPANY, '').replace(/\.?\s*click to skip.*$/i, ''), 200);
}

function experienceSection(root: Element): Element | undefined {
  const anchored = root.querySelector('#experience')?.closest('section');
  if (anchored) return anchored;
  return [...root.querySelectorAll('section')].find((section) => {
    const heading = section.querySelector('h2, h3');
    return heading && EXPERIENCE.has(visibleText(heading)?.toLowerCase() ?? '');
  });
}

/** The current position from the first entry of the Experience section. */
function currentPosition(root: Element): { title?: string; company?: string } {
  const section = experienceSection(root);
  const first = section?.querySelector('ul > li, ol > li');
  if (!first) return {};
  const linesOf = (item: Element) => {
    const shown = [...item.querySelectorAll('span[aria-hidden="true"]')]
      .filter((span) => !span.parentElement?.closest('span[aria-hidden="true"]'))
      .map((span) => cleanText(span.textContent, 200))
      .filter((line): line is string => !!line);
    return shown.length ? shown : textLines(item, 12);
  };
  const nested = first.querySelector('ul li, ol li');
  if (nested) {
    // Several roles at one company: the company heads the group, the newest role comes first.
    const company = linesOf(first)[0];
    const title = linesOf(nested)[0];
    return { title, company };
  }
  const [title, second] = linesOf(first);
  if (!second || DATES.test(second)) return { title };
  return { title, company: cleanText(second.split(' · ')[0], 200) };
}

export const linkedinProfileReader: FieldReader = {
  id: 'linkedin-profile',
  read(doc, url) {
    const root = profileRoot(doc);
    const fields: RawFields = {};
    const linkedinUrl = canonicalLinkedinProfileUrl(url.href);
    if (linkedinUrl) fields.linkedinUrl = linkedinUrl;
    if (!root) return fields;

    const h1 = nameHeading(root);
    fields.fullName = cleanText(h1?.textContent, 200) ?? nameFromTitle(doc);
    if (h1) {
      const { card, lines } = topCardLines(h1);
      fields.headline = headlineOf(card, lines, fields.fullName);
      fields.location = locationOf(card, lines);
    }
    const position = currentPosition(root);
    const fromHeadline = roleFromHeadline(fields.headline);
    fields.title = position.title ?? fromHeadline.title;
    fields.company = position.company ?? currentCompanyLabel(root) ?? fromHeadline.company;
    return fields;
  },
};
