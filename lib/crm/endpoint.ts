import * as z from 'zod/mini';

// The hosts the manifest's host permissions name (http://localhost/*, http://127.0.0.1/*). [::1] is
// not among them: an endpoint there would be treated as local and then be unreachable.
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** True for endpoints on this machine, which the manifest's host permissions already cover. */
export function isLocalEndpoint(url: URL): boolean {
  return LOCAL_HOSTS.has(url.hostname);
}

/** A CRM endpoint: https anywhere, or plain http on this machine only. */
export const endpointUrlSchema = z.string({ error: 'Enter the endpoint URL' }).check(
  z.trim(),
  z.minLength(1, { error: 'Enter the endpoint URL' }),
  z.maxLength(2048),
  z.superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Enter a full URL, like https://crm.example.com/hooks/leads' });
      return;
    }
    if (url.protocol === 'https:') return;
    if (url.protocol === 'http:' && isLocalEndpoint(url)) return;
    ctx.addIssue({
      code: 'custom',
      message: 'Use an https:// address (plain http:// works only for localhost and 127.0.0.1)',
    });
  }),
  z.refine((value) => !/^[a-z]+:\/\/[^/]*@/i.test(value), {
    error: 'Put credentials in the API token field, not in the URL',
  }),
);

/** A value the CRM shows for a source kind or a qualification level (a lead source, a status). */
/** A value written into a CRM's field (a picklist value, a status); blank: the CRM's own default. */
export const crmValue = z.string().check(z.trim(), z.maxLength(100, { error: 'At most 100 characters' }));

/**
 * The optional host permission a remote endpoint needs (asked for when the rep saves the
 * settings), or null for an endpoint on this machine.
 */
export function originPermissionFor(endpointUrl: string): string | null {
  const url = new URL(endpointUrl);
  return isLocalEndpoint(url) ? null : `${url.protocol}//${url.hostname}/*`;
}

/**
 * A secret saved for one address, if it may still be sent: only to the same origin. A blank secret
 * field keeps the saved secret, so without this a mistyped host would receive the token.
 */
export function secretFor(secret: string | undefined, savedUrl: string | undefined, url: string): string | undefined {
  return secret !== undefined && savedUrl !== undefined && sameOrigin(savedUrl, url) ? secret : undefined;
}

/**
 * The first address a kept secret would newly go to: one whose origin is none of the addresses the
 * secret was saved with (a webhook's token goes to its endpoint and to its Lookup URL).
 */
export function newAddress(savedUrls: ReadonlyArray<string | undefined>, urls: ReadonlyArray<string | undefined>): string | undefined {
  return urls.find((url) => url !== undefined && url.trim() !== '' && !savedUrls.some((saved) => saved !== undefined && sameOrigin(saved, url)));
}

/** Whether two addresses are of one origin (scheme, host and port); an address that is not one is of none. */
export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a.trim()).origin === new URL(b.trim()).origin;
  } catch {
    return false;
  }
}

/** What the options page says at a secret field when the address changed: the saved secret stays behind. */
export function secretLeftBehind(savedUrl: string, newUrl?: string): string {
  if (newUrl !== undefined) return `A new address (${hostOf(newUrl)}): the one saved is not sent there, and goes when you save. Type it again to send it there too.`;
  return `A new address: the one saved for ${hostOf(savedUrl)} is not sent there, and goes when you save. Type the one for this address.`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
