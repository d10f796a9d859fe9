import { leadSchema, type Lead } from '../../lib/lead/schema';

/** A valid stored lead, as a connector receives it (waiting to sync), with these fields on top. */
export function aLead(fields: Partial<Lead> = {}): Lead {
  return leadSchema.parse({
    id: crypto.randomUUID(),
    createdAt: 1,
    updatedAt: 1,
    fullName: 'Jane Doe',
    firstName: 'Jane',
    lastName: 'Doe',
    company: 'Acme',
    source: { kind: 'prospecting' },
    qualification: { level: 'raw', budget: false, authority: false, need: false, timing: false },
    capture: {},
    sync: { status: 'pending', attempts: 0, dueAt: 1 },
    ...fields,
  });
}
