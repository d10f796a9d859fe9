import { canonicalLinkedinCompanyUrl } from '../lead/linkedin-url';
import { cleanText } from './text';
import type { FieldReader } from './types';

// mailto: and tel: links, and a linked LinkedIn company page. Sales and contact addresses are
// preferred to privacy, jobs or press ones, which reach the wrong people.

const PREFERRED = /^(?:sales|vertrieb|ventes|ventas|vendite|verkoop|contact|kontakt|contacto|contatto|info|hello|hallo|hola|bonjour|office|biuro|team|business|partners?)@/i;
const AVOIDED = /^(?:privacy|datenschutz|dpo|gdpr|rgpd|legal|jobs?|careers?|karriere|recruiting|hr|press|presse|prensa|media|pr|abuse|postmaster|webmaster|no-?reply|do-?not-?reply|support|billing|invoices?|accounting|security)@/i;

function rank(email: string): number {
  if (PREFERRED.test(email)) return 0;
  if (AVOIDED.test(email)) return 2;
  return 1;
}

/**
 * A link inside a person's own markup (a microdata or RDFa Person, a person's h-card or vcard): it
 * is that person's, read by the reader that knows whose it is, and never the page's own.
 */
function insidePersonMarkup(link: Element): boolean {
  const item = link.closest('[itemtype], [typeof], .h-card, .vcard');
  if (!item) return false;
  const type = `${item.getAttribute('itemtype') ?? ''} ${item.getAttribute('typeof') ?? ''}`;
  if (/(?:^|[\s/:#])Person(?:\s|$)/.test(type)) return true;
  const name = item.querySelector('.p-name, .fn');
  return !!name && !name.matches('.p-org, .org') && (item.classList.contains('h-card') || item.classList.contains('vcard'));
}

function links(doc: Document, prefix: string): Element[] {
  return [...doc.querySelectorAll(`a[href^="${prefix}" i]`)].filter((link) => !insidePersonMarkup(link));
}

function hrefs(doc: Document, prefix: string): string[] {
  return links(doc, prefix)
    .slice(0, 200)
    .map((link) => link.getAttribute('href') ?? '')
    .map((href) => {
      try {
        return decodeURIComponent(href.slice(prefix.length).split('?')[0] ?? '');
      } catch {
        return '';
      }
    })
    .map((value) => cleanText(value, 254))
    .filter((value): value is string => !!value);
}

export function bestEmail(emails: readonly string[]): string | undefined {
  return [...emails].sort((a, b) => rank(a) - rank(b))[0];
}

export const contactLinksReader: FieldReader = {
  id: 'contact-links',
  read(doc) {
    const emails = hrefs(doc, 'mailto:');
    const fax = (link: Element) => /fax|télécopie|telefax/i.test(`${link.textContent} ${link.getAttribute('aria-label') ?? ''} ${link.parentElement?.textContent ?? ''}`.slice(0, 200));
    const phone = links(doc, 'tel:')
      .slice(0, 100)
      .filter((link) => !fax(link))
      .map((link) => cleanText(link.getAttribute('href')?.slice(4), 40))
      .find(Boolean);
    const companyLinkedinUrl = [...doc.querySelectorAll('a[href*="linkedin.com/company/" i]')]
      .map((link) => canonicalLinkedinCompanyUrl(link.getAttribute('href') ?? ''))
      .find(Boolean);
    return { email: bestEmail(emails), phone, companyLinkedinUrl: companyLinkedinUrl ?? undefined };
  },
};
