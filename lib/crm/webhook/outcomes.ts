import * as z from 'zod/mini';
import { classifyFetchError, outcomeFailure } from '../http';
import { keptOutcome, type CrmOutcome, type OutcomeRead } from '../outcomes';
import { postSigned } from './http';
import type { WebhookSettings } from './settings';

// The webhook's Outcomes URL (docs/webhook-contract.md): `{"ids":[…]}` with the sync's headers,
// answered by `{"results":[{"id","stage","amount","currency","updatedAt"}]}`.

/** Ids per request, as the contract allows. */
export const WEBHOOK_OUTCOME_IDS = 100;

const answerSchema = z.looseObject({ results: z.array(z.unknown()) });

export const webhookOutcomes: OutcomeRead<WebhookSettings> = {
  batchSize: WEBHOOK_OUTCOME_IDS,
  available: (settings) => Boolean(settings.outcomesUrl),
  async read(leads, settings, signal) {
    if (!settings.outcomesUrl) return { ok: false, reason: 'No Outcomes URL is set in the settings' };
    let response: Response;
    try {
      response = await postSigned(settings, settings.outcomesUrl, { ids: leads.slice(0, WEBHOOK_OUTCOME_IDS).map((lead) => lead.id) }, signal);
    } catch (error) {
      return { ok: false, reason: classifyFetchError(error).error };
    }
    if (!response.ok) return outcomeFailure(response);
    let json: unknown;
    try {
      json = JSON.parse(await response.text());
    } catch {
      return { ok: false, reason: 'The Outcomes URL did not answer with JSON' };
    }
    const answer = answerSchema.safeParse(json);
    if (!answer.success) return { ok: false, reason: 'The Outcomes URL answered without "results" (see docs/webhook-contract.md)' };
    const asked = new Set(leads.map((lead) => lead.id));
    const outcomes = answer.data.results.map((raw) => keptOutcome(raw, asked)).filter((outcome): outcome is CrmOutcome => outcome !== undefined);
    return { ok: true, outcomes };
  },
};
