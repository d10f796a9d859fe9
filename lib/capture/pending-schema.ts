import * as z from 'zod/mini';

// What a pending capture (pending.ts) may hold: checked when the panel takes one, which is the
// only time it needs Zod, so the panel's first load does without.
export const pendingCaptureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('page'), tabId: z.int(), at: z.number() }),
  z.object({ kind: z.literal('text'), text: z.string().check(z.maxLength(5000)), pageUrl: z.optional(z.string()), pageTitle: z.optional(z.string()), at: z.number() }),
]);
export type PendingCapture = z.infer<typeof pendingCaptureSchema>;
