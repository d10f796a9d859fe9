import { canonicalLinkedinCompanyUrl } from '../lead/linkedin-url';
import { cleanText, firstTitlePart, metaContent, visibleText } from './text';
import type { FieldReader, RawFields } from './types';
import { cleanWebsite } from './urls';

// LinkedIn company pages (/company/<id>/, /about/ included), signed in and signed out: the name in
// the h1, and the About list (<dl>: Website, Phone, Headquarters), whatever the class names.

const LABELS: Record<string, 'website' | 'phone' | 'location'> = {
  website: 'website', 'site web': 'website', webseite: 'website', 'sitio web': 'website', 'sito web': 'website', website_: 'website',
  phone: 'phone', téléphone: 'phone', telefon: 'phone', teléfono: 'phone', telefono: 'phone',
  headquarters: 'location', 'siège social': 'location', hauptsitz: 'location', sede: 'location', 'sede central': 'location',
};

function aboutList(root: ParentNode, base: URL): RawFields {
  const fields: RawFields = {};
  for (const term of root.querySelectorAll('dt')) {
    const label = cleanText(term.textContent)?.toLowerCase().replace(/:$/, '');
    const kind = label ? LABELS[label] : undefined;
    let detail = term.nextElementSibling;
    while (detail && detail.tagName !== 'DD') detail = detail.nextElementSibling;
    if (!kind || !detail || fields[kind]) continue;
    if (kind === 'website') {
      fields.website = cleanWebsite(detail.querySelector('a[href]')?.getAttribute('href') ?? detail.textContent, base);
    } else if (kind === 'phone') {
      const tel = detail.querySelector('a[href^="tel:"]')?.getAttribute('href');
      fields.phone = cleanText(tel ? tel.slice(4) : visibleText(detail), 40);
    } else {
      fields.location = visibleText(detail, 200);
    }
  }
  return fields;
}

export const linkedinCompanyReader: FieldReader = {
  id: 'linkedin-company',
  read(doc, url) {
    const fields: RawFields = {};
    const companyLinkedinUrl = canonicalLinkedinCompanyUrl(url.href);
    if (companyLinkedinUrl) fields.companyLinkedinUrl = companyLinkedinUrl;
    const root = doc.querySelector('main') ?? doc.body;
    if (!root) return fields;
    const h1 = [...root.querySelectorAll('h1')].find((heading) => !heading.closest('header, nav, aside'));
    fields.company =
      cleanText(h1?.textContent, 200) ??
      firstTitlePart(metaContent(doc, 'og:title')) ??
      cleanText(doc.title.replace(/^\(\d+\+?\)\s*/, '').split(/\s+\|\s+/)[0], 200);
    return { ...fields, ...aboutList(root, url) };
  },
};
