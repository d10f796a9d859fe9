import type { Lead } from './lead/schema';
import { qualificationLevels, sourceKinds, type SourceKind } from './lead/terms';
import type { OutboxDb } from './outbox/db';
import { startOfDays } from './outbox/filter';
import { waitingCount } from './outbox/outbox';

// The day's numbers: what the rep captured today and this week, by source, and where it stands.

export type BySource = Record<SourceKind, number> & { total: number };
export type DayNumbers = {
  today: BySource;
  /** Since Monday, local time. */
  week: BySource;
  /** This week's leads by qualification level. */
  levels: Record<Lead['qualification']['level'], number>;
  /** The whole outbox. */
  outbox: { waiting: number; synced: number; needsAttention: number; total: number };
  /** The last seven days, oldest first: local midnight of each, and its leads by source. */
  days: Array<{ day: number; bySource: BySource }>;
};

const emptyBySource = (): BySource => ({ ...(Object.fromEntries(sourceKinds.map((kind) => [kind, 0])) as Record<SourceKind, number>), total: 0 });

/** Local midnight of the Monday of `now`'s week. */
export function startOfWeek(now: number): number {
  const day = new Date(now);
  const sinceMonday = (day.getDay() + 6) % 7;
  return startOfDays(sinceMonday + 1, now);
}

export async function dayNumbers(db: OutboxDb, now = Date.now()): Promise<DayNumbers> {
  const weekStart = startOfWeek(now);
  const todayStart = startOfDays(1, now);
  const days = Array.from({ length: 7 }, (_, i) => ({ day: startOfDays(7 - i, now), bySource: emptyBySource() }));
  const today = emptyBySource();
  const week = emptyBySource();
  const levels = Object.fromEntries(qualificationLevels.map((level) => [level, 0])) as DayNumbers['levels'];
  // The last seven days always include Monday: one pass over them gives every figure.
  await db.leads
    .where('createdAt')
    .aboveOrEqual(days[0]!.day)
    .each((lead) => {
      const count = (numbers: BySource) => {
        numbers[lead.source.kind]++;
        numbers.total++;
      };
      const day = days.findLast((d) => d.day <= lead.createdAt);
      if (day) count(day.bySource);
      if (lead.createdAt >= todayStart) count(today);
      if (lead.createdAt >= weekStart) {
        count(week);
        levels[lead.qualification.level]++;
      }
    });
  const count = (status: Lead['sync']['status']) => db.leads.where('sync.status').equals(status).count();
  const [waiting, synced, needsAttention, total] = await Promise.all([waitingCount(db), count('synced'), count('rejected'), db.leads.count()]);
  return { today, week, levels, outbox: { waiting, synced, needsAttention, total }, days };
}
