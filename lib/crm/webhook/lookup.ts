import * as z from 'zod/mini';
import { lookupFailure, lookupFetchFailure } from '../http';
import { keptMatches, type PersonLookup } from '../lookup';
import { postSigned } from './http';
import type { WebhookSettings } from './settings';

// The webhook's Lookup URL (docs/webhook-contract.md): one person per request, `ref` "1".

const answerSchema = z.looseObject({
  results: z.array(z.looseObject({ ref: z.string(), matches: z.optional(z.array(z.unknown())) })),
});

export const webhookLookup: PersonLookup<WebhookSettings> = async (query, settings, signal) => {
  if (!settings.lookupUrl) return { ok: false, unsupported: true };
  let response: Response;
  try {
    response = await postSigned(settings, settings.lookupUrl, { people: [{ ref: '1', ...query }] }, signal);
  } catch (error) {
    return lookupFetchFailure(error);
  }
  if (!response.ok) return lookupFailure(response);
  let json: unknown;
  try {
    json = JSON.parse(await response.text());
  } catch {
    return { ok: false, reason: 'the Lookup URL did not answer with JSON' };
  }
  const answer = answerSchema.safeParse(json);
  const result = answer.success ? answer.data.results.find((entry) => entry.ref === '1') : undefined;
  if (!result) return { ok: false, reason: 'the Lookup URL did not answer for this person (see docs/webhook-contract.md)' };
  return { ok: true, matches: keptMatches(result.matches ?? []) };
};
