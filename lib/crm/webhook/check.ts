import type { ConnectionCheck } from '../connector';
import { classifyFailure, classifyFetchError, errorDetail } from '../http';
import type { WebhookSettings } from './settings';
import { postToWebhook } from './http';

/** "Test connection" on the options page: a harmless authenticated call, and what it tells the rep. */
export async function testWebhookConnection(settings: WebhookSettings, signal: AbortSignal): Promise<ConnectionCheck> {
  let response: Response;
  try {
    response = await postToWebhook(settings, { leads: [] }, signal);
  } catch (error) {
    return { ok: false, message: classifyFetchError(error).error };
  }
  if (response.ok) return { ok: true, message: `Connected: the webhook answered ${response.status}` };
  return { ok: false, message: classifyFailure(response, await errorDetail(response)).error };
}
