import { browser } from 'wxt/browser';

// What a Salesforce admin enters in the org for this browser's Fieldclip: the connected app's
// callback URL and the origin its CORS allowlist must name. Both depend on the extension's id, so
// the options page shows them rather than the README spelling them with a placeholder.

type Identity = { getRedirectURL(path?: string): string };

export type SalesforceAppValues = { callbackUrl: string; corsOrigin: string };

export function salesforceAppValues(): SalesforceAppValues {
  // Chrome offers `identity` as an optional permission: until the rep connects, the API is absent,
  // and its redirect URL is the documented https://<extension id>.chromiumapp.org/<path>.
  const identity = (browser as unknown as { identity?: Identity }).identity;
  return {
    callbackUrl: identity?.getRedirectURL('salesforce') ?? `https://${browser.runtime.id}.chromiumapp.org/salesforce`,
    corsOrigin: new URL(browser.runtime.getURL('/')).origin,
  };
}
