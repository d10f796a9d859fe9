// Links found on pages: absolute, http(s) only, without trackers, unwrapped from redirectors.

const TRACKING = /^(utm_[a-z]+|gclid|fbclid|msclkid|mc_[a-z]+|_hs[a-z]+|hsa_[a-z]+|trk|trkInfo|ref|ref_src|igshid|yclid|_ga)$/i;

export function absoluteHttpUrl(href: string | null | undefined, base: URL | string): URL | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** LinkedIn and others wrap outbound links: `/redir/redirect?url=…`. */
function unwrapRedirect(url: URL): URL {
  const target = url.searchParams.get('url') ?? url.searchParams.get('u') ?? url.searchParams.get('q');
  if (target && /(^|\.)linkedin\.com$|(^|\.)google\.[a-z.]+$|(^|\.)facebook\.com$/.test(url.hostname)) {
    const inner = absoluteHttpUrl(target, url);
    if (inner) return inner;
  }
  return url;
}

/** A company's website as a rep would save it: no tracking parameters, no fragment. */
export function cleanWebsite(href: string | null | undefined, base: URL | string): string | undefined {
  const found = absoluteHttpUrl(href, base);
  if (!found) return undefined;
  const url = unwrapRedirect(found);
  for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
  url.hash = '';
  const text = url.toString();
  return url.pathname === '/' && !url.search ? text.replace(/\/$/, '') : text;
}

/** `acme.com` from `https://www.acme.com/contact`. */
export function domainOf(website: string | undefined): string | undefined {
  if (!website) return undefined;
  try {
    return new URL(website).hostname.replace(/^www\./, '').toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** A link's host without `www.`, read against `base`; undefined for what is no link. */
export function siteHost(link: string, base: URL | string): string | undefined {
  try {
    return new URL(link, base).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** One site or a site and its subdomain: `shop.acme.example` is acme.example's. */
export function sameSite(link: string | undefined, url: URL): boolean {
  const host = link ? siteHost(link, url) : undefined;
  const page = url.hostname.replace(/^www\./, '');
  return !!host && (host === page || host.endsWith(`.${page}`) || page.endsWith(`.${host}`));
}
