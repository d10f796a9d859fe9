import type { WebhookSettings } from './settings';

/**
 * `sha256=<hex>`: HMAC-SHA256, keyed with the shared secret, of `<timestamp>.<exact body>`. The
 * timestamp (Unix seconds, sent as X-Fieldclip-Timestamp) is signed with the body, so a recorded
 * request cannot be replayed later (to revert an edited lead): a receiver refuses an old one.
 */
export async function webhookSignature(secret: string, timestamp: number, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`)));
  return `sha256=${Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

async function requestHeaders(settings: WebhookSettings, body: string, now: number): Promise<Record<string, string>> {
  const timestamp = Math.floor(now / 1000);
  return {
    ...Object.fromEntries((settings.extraHeaders ?? []).map(({ name, value }) => [name, value])),
    'Content-Type': 'application/json',
    Accept: 'application/json',
    ...(settings.apiToken ? { Authorization: `Bearer ${settings.apiToken}` } : {}),
    ...(settings.signingSecret
      ? { 'X-Fieldclip-Timestamp': String(timestamp), 'X-Fieldclip-Signature': await webhookSignature(settings.signingSecret, timestamp, body) }
      : {}),
  };
}

/** One request to the endpoint, with Fieldclip's headers, the rep's extra ones and the signature. */
export function postToWebhook(settings: WebhookSettings, payload: unknown, signal: AbortSignal, now = Date.now()) {
  return postSigned(settings, settings.endpointUrl, payload, signal, now);
}

/** One request to one of the webhook's addresses (the endpoint, the Lookup URL), signed alike. */
export async function postSigned(settings: WebhookSettings, url: string, payload: unknown, signal: AbortSignal, now = Date.now()) {
  const body = JSON.stringify(payload);
  return fetch(url, {
    method: 'POST',
    headers: await requestHeaders(settings, body, now),
    body,
    redirect: 'manual',
    credentials: 'omit',
    signal,
  });
}
