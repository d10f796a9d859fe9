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

/** A CRM's time as ISO 8601: a date alone as its midday UTC, a time without a zone as UTC, `+0000` read as `+00:00`. */
export function isoTime(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value}T12:00:00Z`
    : /[zZ]$|[+-]\d\d:?\d\d$/.test(value)
      ? value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
      : `${value.replace(' ', 'T')}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** One deal (or opportunity) as an outcome read sees it; times ISO 8601. */
export type DealState = { stage: OutcomeStage; amount?: number; currency?: string; wonAt?: string; changedAt?: string };

/**
 * Where a lead with these deals stands: from `start` (a stage the CRM gives the person, as
 * HubSpot's lifecycle stage), the furthest; won, with the first won deal's value and the time it
 * was won, else the time of the latest change.
 */
export function outcomeOfDeals(id: string, deals: readonly DealState[], start: OutcomeStage = 'open'): CrmOutcome {
  let stage = start;
  let won: DealState | undefined;
  let latest: string | undefined;
  for (const deal of deals) {
    stage = furtherStage(stage, deal.stage);
    if (deal.stage === 'won') won ??= deal;
    if (deal.changedAt && (!latest || deal.changedAt > latest)) latest = deal.changedAt;
  }
  const value = stage === 'won' && won?.amount !== undefined && Number.isFinite(won.amount) && won.currency ? { amount: won.amount, currency: won.currency } : {};
  const updatedAt = stage === 'won' ? (won?.wonAt ?? latest) : latest;
  return { id, stage, ...value, ...(updatedAt ? { updatedAt } : {}) };
}

/** An outcome read's failure, from what a failed request means for the sync. */
export function outcomeFailureOf(failure: { kind: 'retry' | 'unauthorized' | 'refused'; error: string; retryAfterMs?: number }): Extract<OutcomeAnswer, { ok: false }> {
  return {
    ok: false,
    reason: failure.error,
    ...(failure.kind === 'unauthorized' ? { unauthorized: true } : {}),
    ...(failure.kind === 'retry' && failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
  };
}
