import { sourceDetail, sourceLabels } from '../lead/describe';
import type { Lead } from '../lead/schema';
import { sourceKinds, type SourceKind } from '../lead/terms';
import type { OutboxDb } from '../outbox/db';
import type { OutcomeRow } from '../outbox/rows';

// The Results tab's numbers: for each source (and each event, referrer and closed account), how
// many leads were captured and how many reached a meeting, a demo and a win, for how much.
//
// Counting rules. A column counts the leads whose stage is at least that far: `proposal` counts as
// a demo and a meeting, `won` as all three; `open` and `lost` count as leads only (a lost deal's
// earlier stages are not known). Amounts are summed per currency, never converted.
// - Won value: the CRM's amount for a won lead, else the opportunity size captured with it.
// - Pipeline: the opportunity sizes captured, whatever became of them.
// - Win rate: won leads of all leads. Days to won: from capture to the win, the median.

export const resultPeriods = ['month', 'quarter', 'year', 'all'] as const;
export type ResultPeriod = (typeof resultPeriods)[number];
export const resultPeriodLabels: Record<ResultPeriod, string> = { month: 'This month', quarter: 'This quarter', year: 'This year', all: 'All time' };

/** Amounts by ISO 4217 currency. */
export type Money = Record<string, number>;

export type ResultRow = {
  group: string;
  leads: number;
  meetings: number;
  demos: number;
  won: number;
  wonValue: Money;
  pipeline: Money;
  /** Won of leads, 0–1; null with no leads. */
  winRate: number | null;
  /** Median days from capture to won; null with no win. */
  medianDaysToWon: number | null;
};

export type ResultTables = {
  bySource: Array<ResultRow & { kind: SourceKind }>;
  byEvent: ResultRow[];
  byReferrer: ResultRow[];
  byClosedAccount: ResultRow[];
  /** Leads in the period, and how many of them the CRM has placed at a stage. */
  leads: number;
  withOutcome: number;
};

/** When the period starts, in the browser's time zone; null for all time. */
export function periodStart(period: ResultPeriod, now: number): number | null {
  const today = new Date(now);
  switch (period) {
    case 'month':
      return new Date(today.getFullYear(), today.getMonth(), 1).getTime();
    case 'quarter':
      return new Date(today.getFullYear(), today.getMonth() - (today.getMonth() % 3), 1).getTime();
    case 'year':
      return new Date(today.getFullYear(), 0, 1).getTime();
    case 'all':
      return null;
  }
}

const DAY_MS = 86_400_000;
const STAGE_RANK = { open: 0, lost: 0, meeting: 1, demo: 2, proposal: 3, won: 4 } as const;

type Tally = Omit<ResultRow, 'winRate' | 'medianDaysToWon'> & { daysToWon: number[] };

function emptyTally(group: string): Tally {
  return { group, leads: 0, meetings: 0, demos: 0, won: 0, wonValue: {}, pipeline: {}, daysToWon: [] };
}

function add(money: Money, currency: string, amount: number): void {
  money[currency] = (money[currency] ?? 0) + amount;
}

/** Counts one lead, with where it stands (none: not placed by the CRM yet), into a group's tally. */
export function countLead(tally: Tally, lead: Pick<Lead, 'createdAt' | 'opportunity'>, outcome: Pick<OutcomeRow, 'stage' | 'amount' | 'currency' | 'wonAt'> | undefined): void {
  tally.leads += 1;
  if (lead.opportunity) add(tally.pipeline, lead.opportunity.currency, lead.opportunity.amount);
  if (!outcome) return;
  const rank = STAGE_RANK[outcome.stage];
  if (rank >= 1) tally.meetings += 1;
  if (rank >= 2) tally.demos += 1;
  if (outcome.stage !== 'won') return;
  tally.won += 1;
  if (outcome.amount !== undefined && outcome.currency) add(tally.wonValue, outcome.currency, outcome.amount);
  else if (lead.opportunity) add(tally.wonValue, lead.opportunity.currency, lead.opportunity.amount);
  if (outcome.wonAt !== undefined) tally.daysToWon.push(Math.max(0, (outcome.wonAt - lead.createdAt) / DAY_MS));
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function rowOf({ daysToWon, ...tally }: Tally): ResultRow {
  return { ...tally, winRate: tally.leads ? tally.won / tally.leads : null, medianDaysToWon: median(daysToWon) };
}

/** Groups by a name, the same name in any case and spacing being one group, named as its first captured lead wrote it. */
class Groups {
  private tallies = new Map<string, Tally & { firstAt: number }>();
  of(name: string, capturedAt: number): Tally {
    const written = name.trim().replace(/\s+/g, ' ');
    const key = written.toLocaleLowerCase();
    let tally = this.tallies.get(key);
    if (!tally) this.tallies.set(key, (tally = { ...emptyTally(written), firstAt: capturedAt }));
    else if (capturedAt < tally.firstAt) Object.assign(tally, { group: written, firstAt: capturedAt });
    return tally;
  }
  rows(): ResultRow[] {
    return [...this.tallies.values()].map(({ firstAt: _, ...tally }) => rowOf(tally)).sort((a, b) => b.won - a.won || b.leads - a.leads || a.group.localeCompare(b.group));
  }
}

/**
 * The Results tab's tables for leads captured in the period. The leads and outcomes are read in one
 * go each (IndexedDB's getAll): in the side panel, for 10,000 leads, pages of bulkGet took seconds.
 */
export async function resultTables(db: OutboxDb, period: ResultPeriod, now = Date.now()): Promise<ResultTables> {
  const start = periodStart(period, now);
  const [leads, outcomeRows] = await db.transaction('r', db.leads, db.outcomes, () =>
    Promise.all([(start === null ? db.leads.toCollection() : db.leads.where('createdAt').aboveOrEqual(start)).toArray(), db.outcomes.toArray()]),
  );
  const outcomeOf = new Map(outcomeRows.map((row) => [row.leadId, row]));
  const bySource = new Map(sourceKinds.map((kind) => [kind, emptyTally(sourceLabels[kind])]));
  const events = new Groups();
  const referrers = new Groups();
  const accounts = new Groups();
  let withOutcome = 0;
  for (const lead of leads) {
    const outcome = outcomeOf.get(lead.id);
    if (outcome) withOutcome += 1;
    countLead(bySource.get(lead.source.kind)!, lead, outcome);
    const detail = sourceDetail(lead.source);
    if (!detail) continue;
    const groups = lead.source.kind === 'event' ? events : lead.source.kind === 'referral' ? referrers : accounts;
    countLead(groups.of(detail, lead.createdAt), lead, outcome);
  }
  return {
    bySource: sourceKinds.map((kind) => ({ kind, ...rowOf(bySource.get(kind)!) })),
    byEvent: events.rows(),
    byReferrer: referrers.rows(),
    byClosedAccount: accounts.rows(),
    leads: leads.length,
    withOutcome,
  };
}
