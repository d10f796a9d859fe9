// LinkedIn links arrive with country subdomains (de.linkedin.com), tracking queries (?trk=…),
// and trailing paths (/details/experience/, /about/). The outbox stores one canonical form so
// that the same person or company is recognised whichever link the rep had.

const LINKEDIN_HOST = /^([a-z0-9-]+\.)*linkedin\.com$/i;

function parseLinkedinUrl(input: string): URL | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!LINKEDIN_HOST.test(url.hostname)) return null;
  return url;
}

function canonicalId(segment: string | undefined): string | null {
  if (!segment) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return null;
  }
  const id = decoded.trim().toLowerCase();
  // Public ids are letters (any script), digits and hyphens; anything else is not a profile link.
  if (!/^[\p{L}\p{N}_-]{1,100}$/u.test(id)) return null;
  return encodeURIComponent(id);
}

function canonical(input: string, kind: 'in' | 'company'): string | null {
  const url = parseLinkedinUrl(input);
  if (!url) return null;
  const [first, second] = url.pathname.split('/').filter(Boolean);
  if (first !== kind) return null;
  const id = canonicalId(second);
  return id ? `https://www.linkedin.com/${kind}/${id}` : null;
}

/** `https://www.linkedin.com/in/<public-id>`, or null when the input is not a profile link. */
export function canonicalLinkedinProfileUrl(input: string): string | null {
  return canonical(input, 'in');
}

/** `https://www.linkedin.com/company/<id>`, or null when the input is not a company page link. */
export function canonicalLinkedinCompanyUrl(input: string): string | null {
  return canonical(input, 'company');
}
