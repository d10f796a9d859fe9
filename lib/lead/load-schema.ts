// The lead schema (Zod and the lead's checks) is about 12 KB gzipped: the side panel paints its
// first screen without it and loads it once its form has shown (a save waits for it if need be).
// Every write of leads goes through `writingLeads()` (lib/outbox/db.ts), which loads it before its
// transaction; the outbox's write check then finds it loaded. The service worker bundles it (its
// build inlines import()).

export type LeadSchemas = typeof import('./schema');

let loaded: LeadSchemas | undefined;
let loading: Promise<LeadSchemas> | undefined;

/** The lead schema, loaded once. */
export function leadSchemas(): Promise<LeadSchemas> {
  loading ??= import('./schema').then(
    (schemas) => (loaded = schemas),
    (error: unknown) => {
      // A failed load (the extension updated under an open panel) is tried again next time.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The lead schema if `leadSchemas()` has loaded it, for code that cannot wait (inside a transaction). */
export function loadedLeadSchemas(): LeadSchemas | undefined {
  return loaded;
}
