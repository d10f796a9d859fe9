import type { Prospect } from './schema';

/**
 * Fills in whichever of fullName / firstName / lastName is missing, so a CRM that wants
 * first and last names (most do) gets them from a rep who typed one "Full name".
 * The split is on the first space: "Ana María López" → "Ana" + "María López".
 */
export function withNameParts<T extends Prospect>(prospect: T): T {
  const { fullName, firstName, lastName } = prospect;
  if (fullName && !firstName && !lastName) {
    const [first, ...rest] = fullName.split(/\s+/);
    return { ...prospect, firstName: first, ...(rest.length ? { lastName: rest.join(' ') } : {}) };
  }
  if (!fullName && (firstName || lastName)) {
    return { ...prospect, fullName: [firstName, lastName].filter(Boolean).join(' ') };
  }
  return prospect;
}
