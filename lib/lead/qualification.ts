import type { Qualification } from './schema';

type Bant = Pick<Qualification, 'budget' | 'authority' | 'need' | 'timing'>;

/**
 * The level BANT suggests: all four known is hot; a need and at least one more is lukewarm;
 * anything less is raw. The rep can always choose otherwise.
 */
export function suggestedLevel({ budget, authority, need, timing }: Bant): Qualification['level'] {
  const met = [budget, authority, need, timing].filter(Boolean).length;
  if (met === 4) return 'hot';
  if (need && met >= 2) return 'lukewarm';
  return 'raw';
}
