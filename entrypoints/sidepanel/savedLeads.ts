import type { Lead } from '../../lib/lead/schema';

// The capture form tells the outbox list of a lead it has just written, so the list shows it at
// once instead of after its next read of IndexedDB. Only ever a lead the outbox holds: it is
// announced after its write has committed. The two are siblings in the panel.

const saved = new EventTarget();

export function announceSaved(lead: Lead): void {
  saved.dispatchEvent(new CustomEvent<Lead>('saved', { detail: lead }));
}

export function onSaved(show: (lead: Lead) => void): () => void {
  const listener = (event: Event) => show((event as CustomEvent<Lead>).detail);
  saved.addEventListener('saved', listener);
  return () => saved.removeEventListener('saved', listener);
}

/** The newer of two copies of a lead (the one written last), either of which may be missing. */
export function newer(a: Lead | undefined, b: Lead | undefined): Lead | undefined {
  if (!a || !b) return a ?? b;
  return b.updatedAt > a.updatedAt ? b : a;
}
