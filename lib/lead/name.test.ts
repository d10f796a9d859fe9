import { describe, expect, it } from 'vitest';
import { withNameParts } from './name';
import type { Prospect } from './schema';

describe('withNameParts', () => {
  it('splits a full name on the first space', () => {
    expect(withNameParts({ fullName: 'Ana María López' })).toEqual({
      fullName: 'Ana María López',
      firstName: 'Ana',
      lastName: 'María López',
    });
  });

  it('keeps a one-word name as the first name', () => {
    expect(withNameParts({ fullName: 'Björk' })).toEqual({ fullName: 'Björk', firstName: 'Björk' });
  });

  it('joins first and last names into a full name', () => {
    const prospect: Prospect = { firstName: 'Jane', lastName: 'Doe' };
    expect(withNameParts(prospect).fullName).toBe('Jane Doe');
  });

  it('leaves names the rep gave alone', () => {
    const prospect = { fullName: 'Dr. Jane Doe', firstName: 'Jane', lastName: 'Doe' };
    expect(withNameParts(prospect)).toBe(prospect);
  });
});
