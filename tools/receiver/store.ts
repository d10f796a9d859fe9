import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type ReceivedLead = {
  crmId: string;
  firstReceivedAt: string;
  /** How many times a lead arrived for this record; more than one is a retry or an update, never a second record. */
  deliveries: number;
  lead: Record<string, unknown> & { id: string };
  /** Who owns the record in this CRM (set for contacts added on the page). */
  owner?: string;
  /** A contact the CRM had before Fieldclip sent anything (added on the receiver's page). */
  existing?: boolean;
  /** When the record last changed, ISO 8601. */
  updatedAt?: string;
  /** Where the deal stands, as set on the receiver's page (docs/webhook-contract.md, outcomes). */
  outcome?: ReceiverOutcome;
};

export const RECEIVER_STAGES = ['open', 'meeting', 'demo', 'proposal', 'won', 'lost'] as const;
export type ReceiverOutcome = { stage: (typeof RECEIVER_STAGES)[number]; amount?: number; currency?: string; updatedAt: string };

/** An outcome as the Outcomes URL answers it for one lead id. */
export type OutcomeResult = { id: string } & ReceiverOutcome;

/** What the page's "existing contact" form gives. */
export type ExistingContact = { fullName?: string; email?: string; linkedinUrl?: string; company?: string; owner?: string };

/** Where a record is shown on the receiver's page at `base` (its row's anchor). */
export function recordUrl(base: string, crmId: string): string {
  return `${base}/#${crmId}`;
}

/** A record as a lookup answers it (docs/webhook-contract.md). */
export type LookupMatch = { crmId: string; url: string; fullName?: string; company?: string; owner?: string; updatedAt?: string };

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const profile = (value: unknown) => text(value)?.toLowerCase().replace(/[?#].*$/, '').replace(/\/+$/, '');

/**
 * The receiver's "CRM": records by CRM id, and which record each Fieldclip lead id is, kept in one
 * JSON file. A lead that names a record (`crmId`) updates it; a lead id seen before updates its own.
 */
export class LeadStore {
  private records = new Map<string, ReceivedLead>();
  private byLeadId = new Map<string, string>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string | null) {}

  static async open(dataDir: string | null): Promise<LeadStore> {
    if (!dataDir) return new LeadStore(null);
    await mkdir(dataDir, { recursive: true });
    const store = new LeadStore(join(dataDir, 'leads.json'));
    try {
      const saved = JSON.parse(await readFile(store.file!, 'utf8')) as ReceivedLead[];
      for (const entry of saved) store.keep(entry);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return store;
  }

  private keep(entry: ReceivedLead): void {
    this.records.set(entry.crmId, entry);
    if (!entry.existing || entry.deliveries > 0) this.byLeadId.set(entry.lead.id, entry.crmId);
  }

  private nextId(): string {
    return `rcv-${this.records.size + 1}`;
  }

  /** One record per person: the record the lead names, else the one its id made before, else a new one. */
  receive(lead: ReceivedLead['lead']): ReceivedLead {
    const named = typeof lead.crmId === 'string' ? this.records.get(lead.crmId) : undefined;
    const known = named ?? this.records.get(this.byLeadId.get(lead.id) ?? '');
    const now = new Date().toISOString();
    if (known) {
      known.deliveries += 1;
      known.lead = lead;
      known.updatedAt = now;
      this.byLeadId.set(lead.id, known.crmId);
      return known;
    }
    const entry: ReceivedLead = { crmId: this.nextId(), firstReceivedAt: now, deliveries: 1, lead, updatedAt: now };
    this.keep(entry);
    return entry;
  }

  /** A contact the CRM "already had", with its owner: what a lookup then finds. */
  addContact(contact: ExistingContact): ReceivedLead {
    const crmId = this.nextId();
    const now = new Date().toISOString();
    const lead = Object.fromEntries(
      Object.entries({ id: `existing-${crmId}`, fullName: text(contact.fullName), email: text(contact.email), linkedinUrl: text(contact.linkedinUrl), company: text(contact.company) }).filter(([, value]) => value !== undefined),
    ) as ReceivedLead['lead'];
    const entry: ReceivedLead = { crmId, firstReceivedAt: now, deliveries: 0, lead, owner: text(contact.owner), existing: true, updatedAt: now };
    this.keep(entry);
    return entry;
  }

  /** The records for a person, by email (any case) or LinkedIn profile; each record's link is on `base`. */
  lookup(person: Record<string, unknown>, base: string): LookupMatch[] {
    const email = text(person.email)?.toLowerCase();
    const linkedin = profile(person.linkedinUrl);
    if (!email && !linkedin) return [];
    return this.all()
      .filter(({ lead }) => (email && text(lead.email)?.toLowerCase() === email) || (linkedin && profile(lead.linkedinUrl) === linkedin))
      .slice(0, 3)
      .map(({ crmId, lead, owner, updatedAt }) => ({
        crmId,
        url: recordUrl(base, crmId),
        ...(text(lead.fullName) ? { fullName: text(lead.fullName) } : {}),
        ...(text(lead.company) ? { company: text(lead.company) } : {}),
        ...(owner ? { owner } : {}),
        ...(updatedAt ? { updatedAt } : {}),
      }));
  }

  /** Sets where a record's deal stands; the record by CRM id or by the Fieldclip lead id it holds. */
  setStage(ref: string, outcome: { stage: string; amount?: number | string; currency?: string }): ReceivedLead | string {
    const entry = this.records.get(ref) ?? this.records.get(this.byLeadId.get(ref) ?? '');
    if (!entry) return `No record ${ref}`;
    const stage = RECEIVER_STAGES.find((known) => known === outcome.stage);
    if (!stage) return `The stage is one of ${RECEIVER_STAGES.join(', ')}`;
    const amount = outcome.amount === undefined || outcome.amount === '' ? undefined : Number(outcome.amount);
    if (amount !== undefined && !(Number.isFinite(amount) && amount >= 0)) return 'The amount is a number, like 25000';
    const currency = text(outcome.currency)?.toUpperCase();
    if (amount !== undefined && !/^[A-Z]{3}$/.test(currency ?? '')) return 'An amount needs its currency, like EUR';
    entry.outcome = { stage, ...(amount !== undefined ? { amount, currency } : {}), updatedAt: new Date().toISOString() };
    return entry;
  }

  /** Where each known lead stands (those with no stage set are `open`); ids this CRM does not know are left out. */
  outcomes(ids: readonly string[]): OutcomeResult[] {
    return ids.flatMap((id) => {
      const entry = this.records.get(this.byLeadId.get(id) ?? '');
      if (!entry) return [];
      return [{ id, ...(entry.outcome ?? { stage: 'open' as const, updatedAt: entry.updatedAt ?? entry.firstReceivedAt }) }];
    });
  }

  all(): ReceivedLead[] {
    return [...this.records.values()];
  }

  clear(): void {
    this.records.clear();
    this.byLeadId.clear();
  }

  /** Writes the whole store to a temporary file and renames it, so a crash never leaves half a file. */
  save(): Promise<void> {
    if (!this.file) return Promise.resolve();
    const file = this.file;
    const snapshot = JSON.stringify(this.all(), null, 2);
    // Writes go one after another; one that fails fails its own save, not every later one.
    const write = this.writing.catch(() => {}).then(async () => {
      await writeFile(`${file}.tmp`, snapshot);
      await rename(`${file}.tmp`, file);
    });
    this.writing = write;
    return write;
  }
}
