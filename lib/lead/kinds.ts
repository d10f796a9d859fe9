// The source kinds on their own, for code that names them without validating a lead (the CRM
// settings map each kind to the CRM's lead source), so it need not load the lead schema.

export const sourceKinds = ['prospecting', 'referral', 'event', 'prospecting-at-close'] as const;
export type SourceKind = (typeof sourceKinds)[number];
