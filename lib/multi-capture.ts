import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { sourceDetail } from './lead/describe';
import { leadInputSchema, type LeadInput, type Source } from './lead/schema';
import type { OutboxDb } from './outbox/db';
import { addLeads, eachLeadOfKind } from './outbox/outbox';

// Several leads from one moment: the referrals a customer gives, the names an "ask at close" yields.
// The shared part (who referred, which account closed) is typed once; each prospect needs a name
// and a company.

export type ProspectRow = { fullName: string; company: string; email: string };

export type RowProblem = { row: number; field: keyof ProspectRow; message: string };

const rowSchema = z.object({
  fullName: z.string().check(z.trim(), z.minLength(1, { error: "Enter the prospect's name" })),
  company: z.string().check(z.trim(), z.minLength(1, { error: "Enter the prospect's company" })),
  email: z.string().check(z.trim()),
});

/** The rows as leads with `source`, or every problem with its row and field. Empty rows are skipped. */
export function leadsFromRows(rows: readonly ProspectRow[], source: Source) {
  const leads: LeadInput[] = [];
  const problems: RowProblem[] = [];
  rows.forEach((row, index) => {
    if (!row.fullName.trim() && !row.company.trim() && !row.email.trim()) return;
    const basic = rowSchema.safeParse(row);
    const lead = leadInputSchema.safeParse({
      fullName: row.fullName.trim() || undefined,
      company: row.company.trim() || undefined,
      email: row.email.trim() || undefined,
      source,
    });
    for (const issue of [...(basic.error?.issues ?? []), ...(lead.error?.issues ?? [])]) {
      const field = issue.path[0] as keyof ProspectRow;
      if (field in row && !problems.some((p) => p.row === index && p.field === field)) problems.push({ row: index, field, message: issue.message });
    }
    if (basic.success && lead.success) leads.push(lead.data);
  });
  return { leads, problems };
}

/** Saves them all, or none. */
export function saveMultiCapture(db: OutboxDb, rows: readonly ProspectRow[], source: Source) {
  const { leads, problems } = leadsFromRows(rows, source);
  if (problems.length) return Promise.resolve({ saved: 0, problems });
  if (leads.length === 0) return Promise.resolve({ saved: 0, problems: [{ row: 0, field: 'fullName' as const, message: "Enter the prospect's name" }] });
  return addLeads(db, leads).then((saved) => ({ saved: saved.length, problems: [] as RowProblem[] }));
}

export const referrerSchema = z.object({ referredBy: z.string(), referrerCompany: z.optional(z.string()), referrerEmail: z.optional(z.string()) });
export type Referrer = z.infer<typeof referrerSchema>;

// Customers who refer once often refer again: the last ten are a click away.
const referrersItem = storage.defineItem<Referrer[]>('local:recentReferrers', { fallback: [] });

export async function recentReferrers(): Promise<Referrer[]> {
  const stored = z.array(referrerSchema).safeParse(await referrersItem.getValue());
  return stored.success ? stored.data : [];
}

export async function rememberReferrer(referrer: Referrer): Promise<void> {
  const others = (await recentReferrers()).filter((r) => r.referredBy !== referrer.referredBy || r.referrerCompany !== referrer.referrerCompany);
  await referrersItem.setValue([referrer, ...others].slice(0, 10));
}

export type SourceCount = { name: string; leads: number };

/** How many leads each referrer, or each closed account, produced. */
export async function leadsPerSource(db: OutboxDb, kind: 'referral' | 'prospecting-at-close'): Promise<SourceCount[]> {
  const counts = new Map<string, number>();
  await eachLeadOfKind(db, kind, (lead) => {
    const name = sourceDetail(lead.source) ?? '';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  return [...counts].map(([name, leads]) => ({ name, leads })).sort((a, b) => b.leads - a.leads);
}
