import { describe, expect, it } from 'vitest';
import { suggestedLevel } from './qualification';

const none = { budget: false, authority: false, need: false, timing: false };

describe('suggestedLevel', () => {
  it('is hot with all four', () => {
    expect(suggestedLevel({ budget: true, authority: true, need: true, timing: true })).toBe('hot');
  });

  it('is lukewarm with a need and one more', () => {
    expect(suggestedLevel({ ...none, need: true, timing: true })).toBe('lukewarm');
    expect(suggestedLevel({ ...none, need: true, budget: true, authority: true })).toBe('lukewarm');
  });

  it('is raw without a need, or with a need alone', () => {
    expect(suggestedLevel({ ...none, budget: true, authority: true, timing: true })).toBe('raw');
    expect(suggestedLevel({ ...none, need: true })).toBe('raw');
    expect(suggestedLevel(none)).toBe('raw');
  });
});
