import type { Lead } from '../../lib/lead/schema';
import { channel } from './channel';

// The capture form tells the outbox list of a lead it has just written, so the list shows it at
// once instead of after its next read of IndexedDB. Only ever a lead the outbox holds: it is
// announced after its write has committed. The two are siblings in the panel.

const saved = channel<Lead>();

export const announceSaved: (lead: Lead) => void = saved.send;
export const onSaved: (show: (lead: Lead) => void) => () => void = saved.listen;

/** The newer of two copies of a lead (the one written last), either of which may be missing. */
export function newer(a: Lead | undefined, b: Lead | undefined): Lead | undefined {
  if (!a || !b) return a ?? b;
  return b.updatedAt > a.updatedAt ? b : a;
}
