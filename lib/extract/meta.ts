import { cleanText, firstTitlePart, metaContent } from './text';
import type { FieldReader } from './types';
import { cleanWebsite } from './urls';

// OpenGraph and meta tags: the site's name is the company; its home page is the website.
export const metaReader: FieldReader = {
  id: 'meta',
  read(doc, url) {
    const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
    const home = cleanWebsite(canonical ?? metaContent(doc, 'og:url') ?? url.href, url);
    return {
      company:
        metaContent(doc, 'og:site_name') ??
        metaContent(doc, 'application-name') ??
        firstTitlePart(cleanText(doc.title, 300)),
      website: home ? new URL(home).origin : undefined,
      country: doc.documentElement?.getAttribute('lang') ?? undefined,
    };
  },
};
