import type { TwentySettings } from './settings';

/** An address on the rep's Twenty server. */
export function twentyUrl(settings: TwentySettings, path: string): string {
  return `${settings.baseUrl.replace(/\/+$/, '')}${path}`;
}

export function twentyHeaders(settings: TwentySettings) {
  return { Authorization: `Bearer ${settings.apiKey}`, 'Content-Type': 'application/json', Accept: 'application/json' };
}
