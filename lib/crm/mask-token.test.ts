import { describe, expect, it } from 'vitest';
import { maskToken } from './mask-token';

describe('maskToken', () => {
  it('shows only the last four characters of a long token', () => {
    expect(maskToken('pat-na1-abcdef-9876')).toBe('••••9876');
  });

  it('shows nothing of a short token', () => {
    expect(maskToken('abc123')).toBe('••••');
  });
});
