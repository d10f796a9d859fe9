import type { WebhookSettings } from './settings';

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes, keyed with the shared secret. */
export async function webhookSignature(secret: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return `sha256=${Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

async function requestHeaders(settings: WebhookSettings, body: string): Promise<Record<string, string>> {
  return {
    ...Object.fromEntries((settings.extraHeaders ?? []).map(({ name, value }) => [name, value])),
    'Content-Type': 'application/json',
    Accept: 'application/json',
    ...(settings.apiToken ? { Authorization: `Bearer ${settings.apiToken}` } : {}),
    ...(settings.signingSecret ? { 'X-Fieldclip-Signature': await webhookSignature(settings.signingSecret, body) } : {}),
  };
}

/** One request to the endpoint, with Fieldclip's headers, the rep's extra ones and the signature. */
export async function postToWebhook(settings: WebhookSettings, payload: unknown, signal: AbortSignal) {
  const body = JSON.stringify(payload);
  return fetch(settings.endpointUrl, {
    method: 'POST',
    headers: await requestHeaders(settings, body),
    body,
    redirect: 'manual',
    credentials: 'omit',
    signal,
  });
}
