import type { ProspectDraft } from './types';

// Kept apart from the readers: the panel tells a LinkedIn page from its address without loading them.

export type PageFamily = Exclude<NonNullable<ProspectDraft['extractor']>, 'contact-text' | 'badge' | 'card'>;
export type LinkedinFamily = Extract<PageFamily, `linkedin-${string}`>;

/** Which site family a page belongs to, which decides the readers that run on it. */
export function familyOf(url: URL): PageFamily | null {
  if (/(^|\.)linkedin\.com$/i.test(url.hostname)) {
    if (/^\/in\/[^/]+/.test(url.pathname)) return 'linkedin-profile';
    if (/^\/company\/[^/]+/.test(url.pathname)) return 'linkedin-company';
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? 'company-website' : null;
}

export function isLinkedinFamily(family: PageFamily | null): family is LinkedinFamily {
  return family === 'linkedin-profile' || family === 'linkedin-company';
}
