import type { Lead } from '../../../lib/lead/schema';
import { channel } from '../channel';

// The outbox list asks the capture form to open a lead for editing; the two are siblings.
const edits = channel<Lead>();

export const requestEdit: (lead: Lead) => void = edits.send;
export const onEditRequest: (open: (lead: Lead) => void) => () => void = edits.listen;
