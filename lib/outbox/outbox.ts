import { leadSchemas, type LeadSchemas } from '../lead/load-schema';
import { withNameParts } from '../lead/name';
import type { Lead, LeadInput } from '../lead/schema';
import { needsDetails, type SourceKind, waitingStatuses } from '../lead/terms';
import { beingSent } from './claims';
import { writingLeads, type OutboxDb } from './db';
import { fold, personKey, searchRowOf } from './search';
import { crmIdOf, keptRecord, withStatus } from './sync-state';

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The input as a lead's fields, checked once more after the name parts are derived: a derived part
 * over its limit is a ZodError for this input, thrown before anything is written.
 */
function checkedInput({ leadInputSchema }: LeadSchemas, input: LeadInput) {
  const parsed = withoutUndefined(leadInputSchema.parse(input));
  const derived = withNameParts(parsed);
  // Checked again only when a part was derived (a CSV row comes with its parts already checked).
  return derived === parsed ? parsed : withoutUndefined(leadInputSchema.parse(derived));
}

/** Said when the browser refuses a write for lack of room: the rep can act on it, and keeps what was typed. */
export const NO_ROOM = 'This computer has no room left for the outbox: free some disk space (or sync the leads waiting), then save again';

/** A write the browser refused for lack of room (quota, a full disk) becomes the plain NO_ROOM; others pass as they are. */
function plainWhenFull(error: unknown): never {
  const names = [error, (error as { inner?: unknown } | null)?.inner].map((e) => (e as { name?: string } | null)?.name);
  if (names.includes('QuotaExceededError')) throw new Error(NO_ROOM, { cause: error });
  throw error;
}

/**
 * Stores several new leads in one transaction: all of them, or none. They keep their order a
 * millisecond apart, the last at `now`, unless that would date the first before the newest lead
 * already stored: then they start just after it (the last a few ms past `now`), so that a lead
 * captured seconds before a 10,000-row import stays below it in the list, not among its rows. None
 * is due later than now, so a "Sync now" right after an import sends them all rather than leaving
 * the last ones for the next alarm.
 */
export function addLeads(db: OutboxDb, inputs: readonly LeadInput[], now = Date.now()): Promise<Lead[]> {
  return writeNewLeads(db, inputs, now).catch(plainWhenFull);
}

async function writeNewLeads(db: OutboxDb, inputs: readonly LeadInput[], now: number, known?: KnownRecord): Promise<Lead[]> {
  // Checked before the transaction: checking a big import holds no lock on the outbox.
  const schemas = await leadSchemas();
  const parsed = inputs.map((input) => checkedInput(schemas, input));
  const record = keptRecord(schemas, known?.crmId, known?.crmUrl);
  return writingLeads(db, [db.leads, db.leadSearch], async () => {
    const newest = (await db.leads.orderBy('createdAt').lastKey()) as number | undefined;
    const first = Math.max(now - parsed.length + 1, newest === undefined ? -Infinity : newest + 1);
    const leads = parsed.map((lead, i): Lead => {
      const at = first + i;
      const sync: Lead['sync'] = needsDetails(lead) ? { status: 'held', attempts: 0, ...record } : { status: 'pending', attempts: 0, dueAt: Math.min(at, now), ...record };
      return { ...lead, id: crypto.randomUUID(), createdAt: at, updatedAt: at, sync };
    });
    await db.leads.bulkAdd(leads);
    await db.leadSearch.bulkPut(leads.map(searchRowOf));
    return leads;
  });
}

/** The CRM record a new lead is known to be (a lookup matched it): the sync updates it rather than creating another. */
export type KnownRecord = { crmId: string; crmUrl?: string };

/** Stores a new lead, pending sync. Throws a ZodError for input that is not a valid lead. */
export async function addLead(db: OutboxDb, input: LeadInput, now = Date.now(), known?: KnownRecord): Promise<Lead> {
  const [lead] = await writeNewLeads(db, [input], now, known).catch(plainWhenFull);
  return lead!;
}

/** Writes a lead and its search row together. Call inside a transaction over both tables. */
async function putLead(db: OutboxDb, lead: Lead): Promise<void> {
  await db.leads.put(lead);
  await db.leadSearch.put(searchRowOf(lead));
}

/**
 * A lead's sync state once its values change: known by its badge id only, it waits ('held'); given
 * its details, a held lead is due now. `resend`: an edit, which also sends again a lead the CRM has
 * (or refused); an undo keeps those as they are.
 */
function syncAfterEdit(values: Parameters<typeof needsDetails>[0], sync: Lead['sync'], resend: boolean, now: number): Lead['sync'] {
  const known = crmIdOf(sync);
  if (needsDetails(values)) return sync.status === 'synced' && !resend ? sync : { status: 'held', attempts: sync.attempts, ...known };
  if (sync.status === 'held' || (resend && (sync.status === 'synced' || sync.status === 'rejected'))) return { status: 'pending', attempts: sync.attempts, dueAt: now, ...known };
  return sync;
}

/**
 * Replaces what the rep can edit of a lead, keeping its id (so the CRM updates the same record)
 * and its creation time. A lead the CRM already had, or refused, goes back to pending so the
 * change reaches it.
 */
export function updateLead(db: OutboxDb, id: string, input: LeadInput, now = Date.now()): Promise<Lead> {
  return writingLeads(db, [db.leads, db.leadSearch], async (schemas) => {
    const parsed = checkedInput(schemas, input);
    const existing = await db.leads.get(id);
    if (!existing) throw new Error('That lead is no longer in the outbox');
    const sync = syncAfterEdit(parsed, existing.sync, true, now);
    const lead: Lead = { ...parsed, id, createdAt: existing.createdAt, updatedAt: now, sync };
    await putLead(db, lead);
    return lead;
  }).catch(plainWhenFull);
}

export type EventTag = { eventName: string; eventDate?: string; eventLocation?: string };

/** Re-tags a lead with another event (met at the party, not the show): same lead, new source. */
export function moveToEvent(db: OutboxDb, id: string, event: EventTag, now = Date.now()): Promise<Lead> {
  return writingLeads(db, [db.leads, db.leadSearch], async () => {
    const lead = await db.leads.get(id);
    if (!lead) throw new Error('That lead is no longer in the outbox');
    if (!isEditable(lead)) throw new Error('A synced lead stays, read-only');
    const { id: _id, createdAt: _created, updatedAt: _updated, sync: _sync, ...input } = lead;
    return updateLead(db, id, { ...input, source: { kind: 'event', ...withoutUndefined(event) } }, now);
  });
}

/** Leads the rep may still change: not yet in the CRM. (A lead edited while it is being sent goes again.) */
export function isEditable(lead: Lead): boolean {
  return lead.sync.status !== 'synced';
}

/** Removes a lead the CRM does not have yet, and returns it so the rep can undo. */
export function deleteLead(db: OutboxDb, id: string, now = Date.now()): Promise<Lead> {
  return db.transaction('rw', db.leads, db.leadSearch, db.claims, async () => {
    const lead = await db.leads.get(id);
    if (!lead) throw new Error('That lead is no longer in the outbox');
    if (!isEditable(lead)) throw new Error('A synced lead stays, read-only');
    if (await beingSent(db, [id], now)) throw new Error('That lead is being sent right now; try again in a moment');
    await db.leads.delete(id);
    await db.leadSearch.delete(id);
    return lead;
  });
}

const PAGE = 500;

/**
 * Calls `visit` with every lead tagged with this kind of source, reading them a page at a time (the
 * kind is indexed on the search rows, see db.ts).
 */
export async function eachLeadOfKind(db: OutboxDb, kind: SourceKind, visit: (lead: Lead) => void): Promise<void> {
  const ids = await db.leadSearch.where('kind').equals(kind).primaryKeys();
  for (let i = 0; i < ids.length; i += PAGE) {
    for (const lead of await db.leads.bulkGet(ids.slice(i, i + PAGE))) if (lead?.source.kind === kind) visit(lead);
  }
}

/** One lead as stored now, if it is still in the outbox. */
export function leadById(db: OutboxDb, id: string): Promise<Lead | undefined> {
  return db.leads.get(id);
}

/** The leads with these ids that are still in the outbox, in the order of the ids. */
export async function leadsByIds(db: OutboxDb, ids: readonly string[]): Promise<Lead[]> {
  return (await db.leads.bulkGet([...ids])).filter((lead): lead is Lead => lead !== undefined);
}

/** Why an undo cannot put a lead's old values back: it reached the CRM since the change. */
function reachedCrmSince(after: Lead, now: Lead): boolean {
  return (now.sync.status === 'synced' && after.sync.status !== 'synced') || (now.sync.crmId !== undefined && now.sync.crmId !== after.sync.crmId);
}

/**
 * Undo of an edit (a move to another event, the kept side of a merge): the lead's values from
 * before it, put back onto the lead as it is now. Its sync state stays what it is: a CRM id it got
 * meanwhile is never lost, so an undo can never make the CRM create the record again. Once the
 * lead has reached the CRM since the change, the undo is refused, saying why.
 */
export function undoEdit(db: OutboxDb, before: Lead, after: Lead, now = Date.now()): Promise<Lead> {
  return writingLeads(db, [db.leads, db.leadSearch], async () => {
    const current = await db.leads.get(before.id);
    if (!current) throw new Error('That lead is no longer in the outbox');
    if (reachedCrmSince(after, current)) {
      throw new Error(`${current.fullName ?? current.company} has reached your CRM since, as it is now: edit it to change it there too`);
    }
    const { id: _id, createdAt: _created, updatedAt: _updated, sync: _sync, ...values } = before;
    const lead: Lead = { ...values, id: current.id, createdAt: current.createdAt, updatedAt: now, sync: syncAfterEdit(values, current.sync, false, now) };
    await putLead(db, lead);
    return lead;
  });
}

/** Undo of a delete: the lead comes back exactly as it was, id and all. */
export function restoreLead(db: OutboxDb, lead: Lead): Promise<void> {
  return writingLeads(db, [db.leads, db.leadSearch], () => putLead(db, lead));
}

/**
 * A lead already in the outbox for the same person: same LinkedIn profile, same email, or the
 * same name at the same company.
 */
export async function findDuplicate(
  db: OutboxDb,
  { exceptId, ...prospect }: Pick<Lead, 'linkedinUrl' | 'email' | 'fullName' | 'firstName' | 'lastName' | 'company'> & { exceptId?: string },
): Promise<Lead | undefined> {
  const { linkedinUrl, email } = prospect;
  const person = personKey(prospect);
  const ids = [
    ...(linkedinUrl ? await db.leadSearch.where('linkedin').equals(linkedinUrl).limit(5).primaryKeys() : []),
    // The search row holds each lead's whole email, folded: one index lookup, where the email
    // index's equalsIgnoreCase walks a cursor, a step a round trip (a list's rows check 15 at once).
    ...(email ? await db.leadSearch.where('words').equals(fold(email)).limit(5).primaryKeys() : []),
    ...(person ? await db.leadSearch.where('person').equals(person).limit(5).primaryKeys() : []),
  ];
  const id = ids.find((candidate) => candidate !== exceptId);
  return id === undefined ? undefined : db.leads.get(id);
}

/** For each lead, another one in the outbox that is likely the same person. */
export async function likelyDuplicates(db: OutboxDb, leads: readonly Lead[]): Promise<Map<string, Lead>> {
  // One read transaction for all of them: each transaction of the panel's delays the sync's writes.
  const found = await db.transaction('r', db.leads, db.leadSearch, () => Promise.all(leads.map((lead) => findDuplicate(db, { ...lead, exceptId: lead.id }))));
  return new Map(leads.flatMap((lead, i) => (found[i] ? [[lead.id, found[i]] as const] : [])));
}

/** Leads that have not reached the CRM yet and will be sent without the rep doing anything. */
export async function waitingCount(db: OutboxDb): Promise<number> {
  const counts = await db.transaction('r', db.leads, () => Promise.all(waitingStatuses.map((status) => withStatus(db, status).count())));
  return counts.reduce((sum, count) => sum + count, 0);
}

/**
 * "Sync now": failed leads are due again at once, whatever their backoff said, except that none
 * goes sooner than its CRM allowed (`notBefore`). Returns how many still wait for that, and until
 * when the first of them does; nothing when none does.
 */
export async function makeRetriesDueNow(db: OutboxDb, now: number): Promise<{ count: number; until: number } | undefined> {
  let held: { count: number; until: number } | undefined;
  await writingLeads(db, [db.leads], () => withStatus(db, 'failed').modify((lead: Lead) => {
    if (lead.sync.status !== 'failed') return;
    lead.sync.dueAt = Math.min(lead.sync.dueAt, Math.max(now, lead.sync.notBefore ?? 0));
    if (lead.sync.dueAt > now) held = { count: (held?.count ?? 0) + 1, until: Math.min(held?.until ?? Infinity, lead.sync.dueAt) };
  }));
  return held;
}

/** When the next retry falls due, if any lead waits for one. */
export async function nextRetryAt(db: OutboxDb): Promise<number | undefined> {
  const first = await withStatus(db, 'failed').first();
  return first?.sync.status === 'failed' ? first.sync.dueAt : undefined;
}
