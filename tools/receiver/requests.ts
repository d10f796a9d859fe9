import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

// Reading a request to the receiver and answering it: bodies with a size limit, JSON answers, and
// the signature check of docs/webhook-contract.md.

const MAX_BODY = 10 * 1024 * 1024;

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('Body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * The body of a post from the receiver's page (a form) or a script (JSON), or undefined once the
 * request was answered with why not.
 */
export async function formOrJson(request: IncomingMessage, response: ServerResponse, what: string): Promise<{ form: boolean; body: Record<string, unknown> } | undefined> {
  const raw = await readBody(request);
  const form = String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  try {
    const body: unknown = form ? Object.fromEntries(new URLSearchParams(raw)) : JSON.parse(raw);
    if (typeof body === 'object' && body !== null) return { form, body: body as Record<string, unknown> };
  } catch {
    // Answered below.
  }
  sendJson(response, 400, { error: `Send the ${what} as a form or as JSON` });
  return undefined;
}

/** After a form post: back to the page, at the record (`token` kept for a receiver that needs one). */
export function backToRecord(response: ServerResponse, crmId: string, token: string | undefined): void {
  response.writeHead(303, { Location: `/${token ? `?token=${encodeURIComponent(token)}` : ''}#${crmId}` });
  response.end();
}

export function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** How far a signed request's timestamp may be from now: further, it is taken for a replay. */
const SIGNATURE_TOLERANCE_S = 5 * 60;

/** Why a signed request is refused, or null when its signature and timestamp are right. */
export function signatureProblem(secret: string, headers: IncomingMessage['headers'], raw: string, now = Date.now()): string | null {
  const timestamp = String(headers['x-fieldclip-timestamp'] ?? '');
  if (!/^\d{1,12}$/.test(timestamp)) return 'Missing X-Fieldclip-Timestamp';
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`;
  const given = String(headers['x-fieldclip-signature'] ?? '');
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return 'Missing or wrong X-Fieldclip-Signature';
  if (Math.abs(now / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_S) return 'X-Fieldclip-Timestamp is more than 5 minutes off: refused as a replay';
  return null;
}

