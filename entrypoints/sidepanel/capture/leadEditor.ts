import type { Lead } from '../../../lib/lead/schema';

// The outbox list asks the capture form to open a lead for editing; the two are siblings.
const editor = new EventTarget();

export function requestEdit(lead: Lead): void {
  editor.dispatchEvent(new CustomEvent<Lead>('edit', { detail: lead }));
}

export function onEditRequest(open: (lead: Lead) => void): () => void {
  const listener = (event: Event) => open((event as CustomEvent<Lead>).detail);
  editor.addEventListener('edit', listener);
  return () => editor.removeEventListener('edit', listener);
}
