import Dexie, {
  type DBCore,
  type DBCoreDeleteRangeRequest,
  type DBCoreDeleteRequest,
  type DBCoreKeyRange,
  type DBCorePutRequest,
  type EntityTable,
  type Middleware,
  type Table,
  type Transaction,
} from 'dexie';
import { leadSchemas, loadedLeadSchemas, type LeadSchemas } from '../lead/load-schema';
import type { Lead } from '../lead/schema';
import type { ClaimRow, CrmLookupRow, OutcomeRow, SyncLogEntry } from './rows';
import { searchRowOf, type LeadSearchRow } from './search';

/**
 * The outbox: every lead lives here from capture until the CRM has it (and after, read-only).
 *
 * A lead's indexes exist only for the queries that use them:
 * - `[sync.status+sync.dueAt]`: the sync engine's "what is due now", and the waiting count;
 * - `sync.status`: the list's status filter and the day's numbers (synced and refused leads have no `dueAt`);
 * - `createdAt`: the list, newest first.
 * Every one of them is rewritten when a sync records a lead. So what only the rep changes is indexed
 * on the lead's search row (`leadSearch`, see search.ts), written in the same transaction as the
 * lead and never by a sync: its words, its name+company key, its LinkedIn link and email ("is this
 * person already in the outbox?"), its source kind and event name (filters, events, numbers by
 * source). The sync log keeps the last attempts, by time. `claims` holds the batches the sync
 * engine is sending (one row each, see claims.ts). `outcomes` holds where each synced lead stands.
 */
export class OutboxDb extends Dexie {
  leads!: EntityTable<Lead, 'id'>;
  syncLog!: EntityTable<SyncLogEntry, 'id'>;
  leadSearch!: EntityTable<LeadSearchRow, 'id'>;
  claims!: EntityTable<ClaimRow, 'id'>;
  crmLookups!: EntityTable<CrmLookupRow, 'key'>;
  outcomes!: EntityTable<OutcomeRow, 'leadId'>;

  constructor(name = 'fieldclip') {
    super(name);
    this.version(1).stores({
      leads: 'id, createdAt, [sync.status+sync.dueAt], linkedinUrl, email, source.kind',
    });
    // v2: the sync log. Leads keep their shape; nothing to migrate.
    this.version(2).stores({
      syncLog: '++id, at',
    });
    // v3: search and duplicate checks through indexes; events by name.
    this.version(3)
      .stores({
        leads: 'id, createdAt, [sync.status+sync.dueAt], sync.status, linkedinUrl, email, source.kind, source.eventName',
        leadSearch: 'id, *words, person',
      })
      .upgrade(writeSearchRows);
    // v4: a claim is a row per batch, no longer a "syncing" status on each lead (one write per lead
    // per attempt instead of two). Leads a claim held under v3 are pending again, in capture order.
    this.version(4)
      .stores({ claims: 'id' })
      .upgrade((tx) => {
        // Stored leads are moved as they are: one that fails today's checks is set aside at the next sync (claims.ts).
        settingAside.add(tx.idbtrans);
        return tx
          .table('leads')
          .where('sync.status')
          .equals('syncing')
          .modify((lead: { createdAt: number; sync: Record<string, unknown> }) => {
            const { crmId, attempts } = lead.sync;
            lead.sync = { status: 'pending', attempts, dueAt: lead.createdAt, ...(crmId ? { crmId } : {}) };
          });
      });
    // v5: no index on `email`. The duplicate check finds an email through the search index (one
    // lookup, whatever its case); the email index cost a write with every lead written, syncs included.
    this.version(5).stores({
      leads: 'id, createdAt, [sync.status+sync.dueAt], sync.status, linkedinUrl, source.kind, source.eventName',
    });
    // v6: the LinkedIn link, the source kind and the event name are indexed on the search rows, not
    // on the leads: three index writes fewer for each lead a sync records. Every search row is
    // written again from its lead (leads stored without one get theirs).
    this.version(6)
      .stores({
        leads: 'id, createdAt, [sync.status+sync.dueAt], sync.status',
        leadSearch: 'id, *words, person, linkedin, kind, event',
      })
      .upgrade(writeSearchRows);
    // v7: the answers of "already in your CRM?", kept a day per email and LinkedIn profile (lib/lookup).
    this.version(7).stores({ crmLookups: 'key, at' });
    // v8: where synced leads stand in the CRM (lib/outcomes), a row per lead, apart from the lead: a
    // refresh never rewrites a lead or its indexes, and an edit never touches what the CRM said.
    this.version(8).stores({ outcomes: 'leadId' });
    this.use(validateLeadWrites);
  }
}

/** Upgrade step: every lead's search row written (again) from the lead, as this version makes it. */
async function writeSearchRows(tx: Transaction): Promise<void> {
  const rows: LeadSearchRow[] = [];
  await tx.table<Lead>('leads').each((lead) => void rows.push(searchRowOf(lead)));
  await tx.table<LeadSearchRow>('leadSearch').bulkPut(rows);
}

/**
 * Transactions allowed to write leads without the check below: upgrades, and claims.ts's, to set
 * aside, as it is, a stored lead that fails today's schema (an older version's, or one edited by
 * hand), marking it as needing attention rather than losing it or letting it stop every sync; and
 * to write a batch's outcomes, which it has checked lead by lead itself.
 */
const settingAside = new WeakSet<object>();

/** Lets the current transaction write leads as they are stored, valid today or not. */
export function allowStoredLeadsAsTheyAre(): void {
  const trans = Dexie.currentTransaction?.idbtrans;
  if (trans) settingAside.add(trans);
}

// Every add or put of a lead, whatever code path it comes from, is checked against the
// lead schema before it reaches IndexedDB; an invalid lead fails its whole transaction. The schema
// is loaded on demand (lib/lead/load-schema.ts): a write whose code did not await it first fails
// too, with a message naming the mistake, rather than going unchecked.
//
// And every change to a stored lead (a put or a delete; an add is a new lead) is noted on the claim
// that holds it, if a sync is sending it, in the same transaction: the sync records each lead's
// outcome onto the copy it sent, and reads again only the leads noted (claims.ts). A change made
// in a transaction without the claims fails, saying so, rather than going unnoticed by a sync.
const validateLeadWrites: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'validateLeadWrites',
  create: (down) => ({
    ...down,
    table: (tableName) => {
      const table = down.table(tableName);
      if (tableName !== 'leads') return table;
      return {
        ...table,
        mutate: (request) => {
          if (settingAside.has(request.trans)) return table.mutate(request);
          if (request.type === 'add' || request.type === 'put') {
            const schemas = loadedLeadSchemas();
            if (!schemas) return Promise.reject(new Error('A lead was written before the lead schema was loaded: write leads through writingLeads()'));
            for (const value of request.values) {
              const result = schemas.leadSchema.safeParse(value);
              if (!result.success) {
                return Promise.reject(new InvalidLeadError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)));
              }
            }
          }
          if (request.type === 'add') return table.mutate(request);
          return noteOnClaims(down, request).then(() => table.mutate(request));
        },
      };
    },
  }),
};

/** Every claim, at the DBCore level: the claims table is small (a row per batch being sent). */
const EVERY_KEY = { type: 3, lower: -Infinity, upper: [[]] } satisfies Pick<DBCoreKeyRange, 'type' | 'lower' | 'upper'>;

/** Notes the leads `request` changes on the claims that hold them (see above). */
function noteOnClaims(down: DBCore, request: DBCoreDeleteRangeRequest | DBCoreDeleteRequest | DBCorePutRequest): Promise<void> {
  const trans = request.trans as unknown as IDBTransaction;
  if (!trans.objectStoreNames.contains('claims')) {
    return Promise.reject(new Error('A stored lead was changed in a transaction without the claims: change leads through writingLeads()'));
  }
  const claims = down.table('claims');
  const changed =
    request.type === 'deleteRange' ? undefined : new Set<unknown>(request.type === 'delete' ? request.keys : request.values.map((lead: Lead) => lead.id));
  return claims.query({ trans: request.trans, values: true, query: { index: claims.schema.primaryKey, range: EVERY_KEY } }).then(({ result }) => {
    const noted = (result as ClaimRow[]).flatMap((claim) => {
      const held = claim.leads.map((lead) => lead.id).filter((id) => !changed || changed.has(id));
      return held.length === 0 ? [] : [{ ...claim, changed: [...new Set([...(claim.changed ?? []), ...held])] }];
    });
    if (noted.length > 0) return claims.mutate({ type: 'put', trans: request.trans, values: noted }).then(() => undefined);
  });
}

/**
 * A read-write transaction over `tables` that writes leads: the lead schema is loaded first (the
 * check above needs it at hand) and given to `body`. Once it is loaded (always, inside another
 * such transaction), this is Dexie's own transaction and promise: nothing else is awaited, so a
 * transaction it runs inside stays current.
 */
export function writingLeads<T>(db: OutboxDb, tables: Table[], body: (schemas: LeadSchemas) => Promise<T>): Promise<T> {
  // With the claims always: a change to a lead a sync is sending is noted there (see above).
  const scope = tables.includes(db.claims) ? tables : [...tables, db.claims];
  const schemas = loadedLeadSchemas();
  if (schemas) return db.transaction('rw', scope, () => body(schemas));
  return leadSchemas().then((loaded) => db.transaction('rw', scope, () => body(loaded)));
}

export class InvalidLeadError extends Error {
  constructor(readonly problems: string[]) {
    super(`Refused to store an invalid lead (${problems.join('; ')})`);
    this.name = 'InvalidLeadError';
  }
}

let shared: OutboxDb | undefined;
/** The extension's outbox, opened once per context (panel, options page, service worker). */
export function outboxDb(): OutboxDb {
  shared ??= new OutboxDb();
  return shared;
}
