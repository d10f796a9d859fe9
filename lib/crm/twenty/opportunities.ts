import * as z from 'zod/mini';
import { dealNameOf } from '../../lead/describe';
import type { Lead } from '../../lead/schema';
import { withoutLeads, type SendResult } from '../connector';
import { classifyFailure, classifyFetchError, errorDetail, outcomeFailure } from '../http';
import { furtherStage, isoTime, type CrmOutcome, type OutcomeRead, type OutcomeStage } from '../outcomes';
import { mappedStage } from '../stage-map';
import { stageMapOf } from '../stage-map-defaults';
import { twentyHeaders, twentyUrl } from './http';
import { filterValue } from './lookup';
import type { TwentySettings } from './settings';

// Twenty's opportunities, both ways:
// - a lead with an opportunity size gets an opportunity with that amount, its person the point of
//   contact. Its id is made from the lead's (as the person's is the lead's own): upserted, a retry
//   or an edit updates the same opportunity, and the stage the team set is never sent, so never reset;
// - where a lead stands: its person's opportunities (as point of contact), the furthest stage,
//   through the stage map (defaults: Twenty's standard stages; CUSTOMER is won).

const refusedAs = (error: string) => `Saved in Twenty without its opportunity: ${error}`;

/** Twenty keeps amounts in millionths. */
const MICROS = 1_000_000;

/** A UUID made from the lead's id, the same every time: the id of the lead's opportunity in Twenty. */
export async function twentyOpportunityId(leadId: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`fieldclip-opportunity:${leadId}`)));
  // Version 8 (custom) and the RFC 4122 variant, so that it is a valid UUID wherever one is checked.
  hash[6] = (hash[6]! & 0x0f) | 0x80;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = Array.from(hash.slice(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}


/**
 * Upserts the opportunity of each delivered lead that has a size. A lead whose opportunity could
 * not be saved is sent again later (person and opportunity are both upserts): dropped from the
 * delivered results, or, when Twenty refused it, marked as needing attention with Twenty's words.
 */
export async function withOpportunities(result: SendResult, leads: readonly Lead[], personOf: (lead: Lead) => string, settings: TwentySettings, signal: AbortSignal): Promise<SendResult> {
  if (result.kind !== 'delivered') return result;
  const delivered = new Set(result.results.filter((r) => r.ok).map((r) => r.id));
  const sized = leads.filter((lead) => lead.opportunity && delivered.has(lead.id));
  if (!sized.length) return result;
  const body = await Promise.all(
    sized.map(async (lead) => ({
      id: await twentyOpportunityId(lead.id),
      name: dealNameOf(lead),
      amount: { amountMicros: Math.round(lead.opportunity!.amount * MICROS), currencyCode: lead.opportunity!.currency },
      pointOfContactId: personOf(lead),
    })),
  );
  let response: Response;
  try {
    response = await fetch(twentyUrl(settings, '/rest/batch/opportunities?upsert=true'), { method: 'POST', headers: twentyHeaders(settings), body: JSON.stringify(body), credentials: 'omit', signal });
  } catch (error) {
    const failure = classifyFetchError(error);
    return withoutLeads(result, sized, failure, refusedAs);
  }
  if (response.ok) return result;
  return withoutLeads(result, sized, classifyFailure(response, await errorDetail(response), 'the API key'), refusedAs);
}

const opportunitiesSchema = z.looseObject({
  data: z.looseObject({
    opportunities: z.array(
      z.looseObject({
        stage: z.nullish(z.string()),
        pointOfContactId: z.nullish(z.string()),
        amount: z.nullish(z.looseObject({ amountMicros: z.nullish(z.number()), currencyCode: z.nullish(z.string()) })),
        closeDate: z.nullish(z.string()),
        updatedAt: z.nullish(z.string()),
      }),
    ),
  }),
});

export const twentyOutcomes: OutcomeRead<TwentySettings> = {
  // 60 people a request, Twenty's documented batch and page size: their opportunities fit a page
  // unless people have several each; the rest of the list is read page by page.
  batchSize: 60,
  available: () => true,
  async read(leads, settings, signal) {
    const personOf = new Map(leads.map((lead) => [lead.crmId ?? lead.id, lead.id]));
    const filter = `pointOfContactId[in]:[${[...personOf.keys()].map(filterValue).join(',')}]`;
    const found: Array<z.infer<typeof opportunitiesSchema>['data']['opportunities'][number]> = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      let response: Response;
      try {
        response = await fetch(twentyUrl(settings, `/rest/opportunities?filter=${encodeURIComponent(filter)}&limit=60&depth=0${after ? `&starting_after=${encodeURIComponent(after)}` : ''}`), {
          method: 'GET',
          headers: twentyHeaders(settings),
          credentials: 'omit',
          signal,
        });
      } catch (error) {
        return { ok: false, reason: classifyFetchError(error).error };
      }
      if (!response.ok) return outcomeFailure(response, 'the API key');
      const json = (await response.json().catch(() => null)) as { pageInfo?: { hasNextPage?: boolean; endCursor?: string } } | null;
      const answer = opportunitiesSchema.safeParse(json);
      if (!answer.success) return { ok: false, reason: 'Twenty answered with something unexpected' };
      found.push(...answer.data.data.opportunities);
      after = json?.pageInfo?.hasNextPage ? json.pageInfo.endCursor : undefined;
      if (!after) break;
    }
    const map = stageMapOf('twenty', settings.stageMap);
    const byLead = new Map<string, CrmOutcome>();
    for (const opportunity of found) {
      const leadId = personOf.get(opportunity.pointOfContactId ?? '');
      if (!leadId) continue;
      const stage: OutcomeStage = mappedStage(map, opportunity.stage);
      const before = byLead.get(leadId);
      const further = before ? furtherStage(before.stage, stage) : stage;
      if (before && further === before.stage) continue;
      const micros = opportunity.amount?.amountMicros;
      const amount = stage === 'won' && typeof micros === 'number' && opportunity.amount?.currencyCode ? { amount: micros / MICROS, currency: opportunity.amount.currencyCode } : {};
      const when = stage === 'won' ? (opportunity.closeDate ?? opportunity.updatedAt) : opportunity.updatedAt;
      const updatedAt = isoTime(when);
      byLead.set(leadId, { id: leadId, stage: further, ...amount, ...(updatedAt ? { updatedAt } : {}) });
    }
    // Every lead asked about was synced as a person: one with no opportunity is in Twenty, nothing more (open).
    return { ok: true, outcomes: leads.map((lead) => byLead.get(lead.id) ?? { id: lead.id, stage: 'open' as const }) };
  },
};
