import * as z from 'zod/mini';

// Where synced leads stand in the CRM: what every connector's outcome read gives back. The service
// worker refreshes them (lib/outcomes/refresh.ts) once a day and on "Refresh outcomes"; the side
// panel's Results tab counts them per source.

/** The stages Fieldclip counts, in the order a deal goes through them; `lost` ends it anywhere. */
export const outcomeStages = ['open', 'meeting', 'demo', 'proposal', 'won', 'lost'] as const;
export type OutcomeStage = (typeof outcomeStages)[number];

export const outcomeStageLabels: Record<OutcomeStage, string> = {
  open: 'Open',
  meeting: 'Meeting',
  demo: 'Demo',
  proposal: 'Proposal',
  won: 'Won',
  lost: 'Lost',
};

/** A synced lead, as an outcome read asks for it: Fieldclip's id, and the record the CRM gave it. */
export type OutcomeQuery = { id: string; crmId?: string; email?: string };

/** Where one lead stands; `amount` and `currency` are a won deal's (or the open deal's) value. */
export type CrmOutcome = { id: string; stage: OutcomeStage; amount?: number; currency?: string; updatedAt?: string };

export type OutcomeAnswer =
  | { ok: true; outcomes: CrmOutcome[] }
  /** `unauthorized`: stop, the credentials are refused; `retryAfterMs`: the CRM asked to wait. */
  | { ok: false; reason: string; unauthorized?: boolean; retryAfterMs?: number };

export type OutcomeRead<Settings> = {
  /** Leads per request, within the CRM's limits. */
  batchSize: number;
  /** This CRM's settings give a way to read outcomes (a webhook needs an Outcomes URL). */
  available(settings: Settings): boolean;
  /** Where each lead stands; leads the CRM does not know are left out. Never throws. */
  read(leads: readonly OutcomeQuery[], settings: Settings, signal: AbortSignal): Promise<OutcomeAnswer>;
};

/** The largest amount kept, as for opportunity sizes. */
const MAX_AMOUNT = 1e12;

const outcomeSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  stage: z.enum(outcomeStages),
  amount: z.optional(z.catch(z.optional(z.number().check(z.gte(0), z.lte(MAX_AMOUNT))), undefined)),
  currency: z.optional(z.catch(z.optional(z.string().check(z.regex(/^[A-Z]{3}$/))), undefined)),
  updatedAt: z.optional(z.catch(z.optional(z.iso.datetime({ offset: true })), undefined)),
});

/**
 * An outcome as Fieldclip keeps it, for one of the leads asked about: a known stage, and only a
 * well-formed amount, currency and time; anything else from the CRM is dropped, never shown.
 */
export function keptOutcome(raw: unknown, asked: ReadonlySet<string>): CrmOutcome | undefined {
  const parsed = outcomeSchema.safeParse(raw);
  if (!parsed.success || !asked.has(parsed.data.id)) return undefined;
  const { amount, currency, updatedAt, ...rest } = parsed.data;
  return { ...rest, ...(amount !== undefined && currency ? { amount, currency } : {}), ...(updatedAt ? { updatedAt } : {}) };
}

/**
 * A CRM's own stage names mapped onto Fieldclip's (set on the options page, with each CRM's
 * defaults). A stage the map does not name is `open`: the lead is in the CRM, nothing more is known.
 */
export type StageMap = Record<string, OutcomeStage>;

export function stageFrom(map: StageMap, crmStage: string | null | undefined): OutcomeStage {
  if (!crmStage) return 'open';
  return map[crmStage] ?? map[crmStage.toLowerCase()] ?? 'open';
}

/**
 * Where a lead with several deals stands: the furthest; a lost deal only over no deal at all (a
 * lead with a lost deal and another at demo is at demo), and any won deal makes it won.
 */
export function furtherStage(a: OutcomeStage, b: OutcomeStage): OutcomeStage {
  const rank = (stage: OutcomeStage) => (stage === 'lost' ? 0.5 : outcomeStages.indexOf(stage));
  return rank(a) >= rank(b) ? a : b;
}
