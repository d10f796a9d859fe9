import type { Lead, LeadInput, Prospect } from '../lead/schema';
import { prospectFields, qualificationLevels } from '../lead/terms';
import { writingLeads, type OutboxDb } from './db';
import { beingSent } from './claims';
import { isEditable, restoreLead, undoEdit, updateLead } from './outbox';

// Two leads that are the same person become one. The one the CRM knows (or the older one) keeps
// its id, so the CRM updates its record; the other is removed. Undo puts both back as they were.

/** Which of two duplicates keeps its id, or why they cannot be merged here. */
export function mergeOrder(a: Lead, b: Lead): { keep: Lead; drop: Lead } | { problem: string } {
  const known = (lead: Lead) => lead.sync.status === 'synced' || lead.sync.crmId !== undefined;
  if (known(a) && known(b)) return { problem: 'Your CRM has both of them: merge them there' };
  if (known(b) || (!known(a) && b.createdAt < a.createdAt)) return { keep: b, drop: a };
  return { keep: a, drop: b };
}

/** The fields on which the two leads disagree (both have a value, and not the same one). */
export function conflictingFields(keep: Lead, drop: Lead): (keyof Prospect)[] {
  return prospectFields.filter((field) => field !== 'notes' && keep[field] !== undefined && drop[field] !== undefined && keep[field] !== drop[field]);
}

export type MergeChoices = Partial<Record<keyof Prospect, 'keep' | 'drop'>>;

/**
 * The merged lead: every field from the lead kept, gaps filled from the other, conflicts decided
 * by `choices` (the kept lead's value by default). Notes are joined; the higher qualification and
 * every BANT box ticked on either one survive; a more specific source wins over plain prospecting.
 */
export function mergedLead(keep: Lead, drop: Lead, choices: MergeChoices = {}): LeadInput {
  const prospect: Partial<Prospect> = {};
  for (const field of prospectFields) {
    if (field === 'notes') continue;
    const value = choices[field] === 'drop' ? (drop[field] ?? keep[field]) : (keep[field] ?? drop[field]);
    if (value !== undefined) (prospect as Record<string, string>)[field] = value;
  }
  // The name parts follow the full name chosen, not the other lead's.
  if (choices.fullName === 'drop' && drop.fullName) {
    delete prospect.firstName;
    delete prospect.lastName;
  }
  const notes = [...new Set([keep.notes, drop.notes].filter((note): note is string => Boolean(note?.trim())))].join('\n\n');
  const level = qualificationLevels[Math.max(qualificationLevels.indexOf(keep.qualification.level), qualificationLevels.indexOf(drop.qualification.level))]!;
  return {
    ...prospect,
    ...(notes ? { notes: notes.slice(0, 5000) } : {}),
    source: keep.source.kind === 'prospecting' ? drop.source : keep.source,
    qualification: {
      level,
      budget: keep.qualification.budget || drop.qualification.budget,
      authority: keep.qualification.authority || drop.qualification.authority,
      need: keep.qualification.need || drop.qualification.need,
      timing: keep.qualification.timing || drop.qualification.timing,
    },
    capture: keep.capture.pageUrl ? keep.capture : drop.capture,
  };
}

export type MergeResult = { merged: Lead; before: [Lead, Lead] };

/** Merges `dropId` into `keepId` in one transaction: both change, or neither. */
export function mergeLeads(db: OutboxDb, keepId: string, dropId: string, choices: MergeChoices = {}, now = Date.now()): Promise<MergeResult> {
  return writingLeads(db, [db.leads, db.leadSearch, db.claims], async () => {
    const [keep, drop] = await db.leads.bulkGet([keepId, dropId]);
    if (!keep || !drop) throw new Error('One of these leads is no longer in the outbox');
    if (!isEditable(drop)) throw new Error('The lead to merge away is synced; merge the other way round');
    if (await beingSent(db, [keepId, dropId], now)) throw new Error('One of them is being sent right now; try again in a moment');
    const merged = await updateLead(db, keep.id, mergedLead(keep, drop, choices), now);
    await db.leads.delete(drop.id);
    await db.leadSearch.delete(drop.id);
    return { merged, before: [keep, drop] };
  });
}

/**
 * Undo of a merge: the lead merged away comes back as it was, and the kept one gets its own values
 * back, keeping the sync state it has now (refused once it has reached the CRM since, see undoEdit).
 */
export function unmerge(db: OutboxDb, { merged, before }: MergeResult, now = Date.now()): Promise<void> {
  return writingLeads(db, [db.leads, db.leadSearch], async () => {
    const [keep, drop] = before;
    await undoEdit(db, keep, merged, now);
    await restoreLead(db, drop);
  });
}
