import * as z from 'zod/mini';
import { isoTime, outcomeFailureOf, outcomeOfDeals, type CrmOutcome, type OutcomeAnswer, type OutcomeQuery, type OutcomeRead } from '../outcomes';
import { mappedStage } from '../stage-map';
import { stageMapOf } from '../stage-map-defaults';
import type { StageMap } from '../outcomes';
import { pipedriveCall as call, type PipedriveAnswer } from './http';
import { personIdOf } from './lookup';
import type { PipedriveSettings } from './settings';

// Where Fieldclip's leads stand in Pipedrive. A lead went to Pipedrive as a Pipedrive lead (its
// crmId) for a person; converted, that lead becomes a deal that names it (`source_lead_id`) and the
// lead itself is deleted. So, for each lead:
// - the person: the one a lookup matched, else the Pipedrive lead's, else the one with its email;
// - the deals: those made from its Pipedrive lead; else, while that lead is still open, none (the
//   lead is open); else (converted or matched to a person) the person's deals.
// A won or lost deal is won or lost; an open deal is at its stage, by the stage's name through the
// stage map (Settings → Stages for the Results tab). Several deals: the furthest, a won one's value.

type Failure = Extract<OutcomeAnswer, { ok: false }>;

const leadSchema = z.looseObject({ person_id: z.optional(z.nullable(z.number())), is_archived: z.optional(z.nullable(z.boolean())) });
const searchSchema = z.looseObject({ items: z._default(z.array(z.looseObject({ item: z.looseObject({ id: z.number() }) })), []) });
const dealSchema = z.looseObject({
  status: z.optional(z.nullable(z.string())),
  stage_id: z.optional(z.nullable(z.number())),
  value: z.optional(z.nullable(z.number())),
  currency: z.optional(z.nullable(z.string())),
  update_time: z.optional(z.nullable(z.string())),
  won_time: z.optional(z.nullable(z.string())),
  source_lead_id: z.optional(z.nullable(z.string())),
});
const dealsSchema = z.array(dealSchema);
const stagesSchema = z.array(z.looseObject({ id: z.number(), name: z.optional(z.nullable(z.string())) }));

const failureOf = (answer: Extract<PipedriveAnswer, { ok: false }>): Failure => outcomeFailureOf(answer.result);

/** Every stage's name by id, all pipelines (a page of 500 holds any account's). */
async function stageNames(settings: PipedriveSettings, signal: AbortSignal): Promise<Map<number, string> | Failure> {
  const answer = await call(settings, 'GET', '/api/v2/stages?limit=500', undefined, signal);
  if (!answer.ok) return failureOf(answer);
  return new Map((stagesSchema.safeParse(answer.data).data ?? []).map((stage) => [stage.id, stage.name ?? '']));
}

/** Where a set of deals leaves the lead: the furthest stage, a won deal's value and time. */
export function outcomeOfPipedriveDeals(id: string, deals: ReadonlyArray<z.infer<typeof dealSchema>>, stages: Map<number, string>, map: StageMap): CrmOutcome {
  return outcomeOfDeals(
    id,
    deals.map((deal) => {
      const wonAt = isoTime(deal.won_time);
      const changedAt = isoTime(deal.update_time);
      return {
        stage: deal.status === 'won' ? 'won' : deal.status === 'lost' ? 'lost' : mappedStage(map, stages.get(deal.stage_id ?? -1)),
        ...(typeof deal.value === 'number' && deal.currency ? { amount: deal.value, currency: deal.currency } : {}),
        ...(wonAt ? { wonAt } : {}),
        ...(changedAt ? { changedAt } : {}),
      };
    }),
  );
}

async function outcomeOf(query: OutcomeQuery, settings: PipedriveSettings, stages: Map<number, string>, signal: AbortSignal): Promise<CrmOutcome | undefined | Failure> {
  let personId = personIdOf(query.crmId);
  const leadId = personId === undefined ? query.crmId : undefined;
  let leadOpen = false;
  if (leadId) {
    const lead = await call(settings, 'GET', `/v1/leads/${encodeURIComponent(leadId)}`, undefined, signal);
    // Converted (or deleted), the lead answers 404 (410 for some deleted leads): its deals tell.
    if (!lead.ok && lead.status !== 404 && lead.status !== 410) return failureOf(lead);
    const found = lead.ok ? leadSchema.safeParse(lead.data).data : undefined;
    personId = found?.person_id ?? undefined;
    leadOpen = found !== undefined && found.is_archived !== true;
  }
  if (personId === undefined && query.email) {
    const search = await call(settings, 'GET', `/api/v2/persons/search?term=${encodeURIComponent(query.email)}&fields=email&exact_match=true&limit=1`, undefined, signal);
    if (!search.ok) return failureOf(search);
    personId = searchSchema.safeParse(search.data).data?.items[0]?.item.id;
  }
  if (personId === undefined) return leadOpen ? { id: query.id, stage: 'open' } : undefined;
  const answer = await call(settings, 'GET', `/api/v2/deals?person_id=${personId}&include_fields=source_lead_id&limit=100`, undefined, signal);
  if (!answer.ok) return failureOf(answer);
  const deals = dealsSchema.safeParse(answer.data).data ?? [];
  const own = leadId ? deals.filter((deal) => deal.source_lead_id === leadId) : [];
  const counted = own.length ? own : leadOpen ? [] : deals;
  return outcomeOfPipedriveDeals(query.id, counted, stages, stageMapOf('pipedrive', settings.stageMap));
}

export const pipedriveOutcomes: OutcomeRead<PipedriveSettings> = {
  // Two or three requests a lead, one after another, well within Pipedrive's per-token rate.
  batchSize: 10,
  available: () => true,
  async read(leads, settings, signal) {
    const stages = await stageNames(settings, signal);
    if (!(stages instanceof Map)) return stages;
    const outcomes: CrmOutcome[] = [];
    for (const query of leads) {
      const outcome = await outcomeOf(query, settings, stages, signal);
      if (outcome && 'ok' in outcome) return outcome;
      if (outcome) outcomes.push(outcome);
    }
    return { ok: true, outcomes };
  },
};
