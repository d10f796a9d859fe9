import * as z from 'zod/mini';
import type { Lead } from '../../lead/schema';
import { keptText } from '../../lead/kept-text';
import type { CrmConnector, LeadResult } from '../connector';
import { classifyFailure, classifyFetchError, errorDetail } from '../http';
import type { fieldMappingSchema, WebhookSettings } from './settings';
import { postToWebhook } from './http';
import { webhookLookup } from './lookup';
import { webhookOutcomes } from './outcomes';

// The generic webhook: the contract written down in docs/webhook-contract.md.

/**
 * A lead as it travels to the webhook: everything but the outbox's own sync bookkeeping, and the
 * CRM record it is (`crmId`) when a lookup or an earlier answer named one: update that record.
 */
export function webhookLeadFromLead(lead: Lead) {
  const { sync, createdAt, updatedAt, ...rest } = lead;
  return { ...rest, ...(sync.crmId ? { crmId: sync.crmId } : {}), createdAt: new Date(createdAt).toISOString(), updatedAt: new Date(updatedAt).toISOString() };
}

/** The lead under the endpoint's own field names; `id` is always there, for the answer's results. */
export function mappedWebhookLead(lead: Lead, fieldMap: ReadonlyArray<z.infer<typeof fieldMappingSchema>>): Record<string, unknown> {
  const full = webhookLeadFromLead(lead) as Record<string, unknown>;
  const valueAt = (path: string) => path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), full);
  const mapped: Record<string, unknown> = { id: lead.id };
  for (const { to, from } of fieldMap) {
    const value = valueAt(from);
    if (value !== undefined) mapped[to] = value;
  }
  return mapped;
}

const webhookAnswerSchema = z.looseObject({
  results: z.optional(
    z.array(
      z.looseObject({
        id: z.string(),
        status: z.enum(['ok', 'error']),
        crmId: z.optional(z.union([z.string(), z.number()])),
        url: z.optional(z.string()),
        message: z.optional(z.string()),
      }),
    ),
  ),
});

/**
 * Per-lead results from a 2xx answer: every lead when the answer has no `results`, else just the
 * leads it mentions. The sync engine sends the others again (same ids), not the whole batch.
 */
export function readWebhookAnswer(leads: readonly Lead[], body: string): LeadResult[] {
  let json: unknown;
  try {
    json = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    json = {};
  }
  const answer = webhookAnswerSchema.safeParse(json);
  const results = answer.success ? answer.data.results : undefined;
  if (!results) return leads.map((lead) => ({ id: lead.id, ok: true }));
  const byId = new Map(results.map((result) => [result.id, result]));
  return leads.flatMap((lead): LeadResult[] => {
    const result = byId.get(lead.id);
    if (!result) return [];
    if (result.status === 'ok') {
      if (result.crmId === undefined) return [{ id: lead.id, ok: true }];
      return [{ id: lead.id, ok: true, crmId: String(result.crmId), ...(result.url ? { crmUrl: result.url } : {}) }];
    }
    return [{ id: lead.id, ok: false, message: (result.message ? keptText(result.message, 500) : 'The CRM refused this lead') }];
  });
}

/**
 * Leads per request: 200 (about 120 KB of JSON), well inside what n8n, Zapier and Make accept. In a
 * bulk sync each batch also costs a claim, a record and a log line in the outbox; 50 to a batch
 * made a 10,000-lead sync about a quarter slower, 500 gained nothing more (`npm run bench`).
 */
export const WEBHOOK_BATCH_SIZE = 200;

export const webhookConnector: CrmConnector<WebhookSettings> = {
  batchSize: WEBHOOK_BATCH_SIZE,
  lookup: webhookLookup,
  outcomes: webhookOutcomes,

  async send(leads, settings, signal) {
    let response: Response;
    try {
      const fieldMap = settings.fieldMap;
      const body = leads.map((lead) => (fieldMap?.length ? mappedWebhookLead(lead, fieldMap) : webhookLeadFromLead(lead)));
      response = await postToWebhook(settings, { leads: body }, signal);
    } catch (error) {
      return classifyFetchError(error);
    }
    if (!response.ok) return classifyFailure(response, await errorDetail(response));
    return { kind: 'delivered', results: readWebhookAnswer(leads, await response.text()) };
  },
};
