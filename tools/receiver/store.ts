import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type ReceivedLead = {
  crmId: string;
  firstReceivedAt: string;
  /** How many times this lead id arrived; more than one is a retry, never a second record. */
  deliveries: number;
  lead: Record<string, unknown> & { id: string };
};

/** The receiver's "CRM": leads keyed by their Fieldclip id, kept in one JSON file. */
export class LeadStore {
  private leads = new Map<string, ReceivedLead>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string | null) {}

  static async open(dataDir: string | null): Promise<LeadStore> {
    if (!dataDir) return new LeadStore(null);
    await mkdir(dataDir, { recursive: true });
    const store = new LeadStore(join(dataDir, 'leads.json'));
    try {
      const saved = JSON.parse(await readFile(store.file!, 'utf8')) as ReceivedLead[];
      for (const entry of saved) store.leads.set(entry.lead.id, entry);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return store;
  }

  /** One record per lead id: a lead that arrives again (a retry, or an update) updates it and keeps its CRM id. */
  receive(lead: ReceivedLead['lead']): ReceivedLead {
    const existing = this.leads.get(lead.id);
    if (existing) {
      existing.deliveries += 1;
      existing.lead = lead;
      return existing;
    }
    const entry: ReceivedLead = {
      crmId: `rcv-${this.leads.size + 1}`,
      firstReceivedAt: new Date().toISOString(),
      deliveries: 1,
      lead,
    };
    this.leads.set(lead.id, entry);
    return entry;
  }

  all(): ReceivedLead[] {
    return [...this.leads.values()];
  }

  clear(): void {
    this.leads.clear();
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
