import { describe, expect, it } from 'vitest';
import { keptMatch, keptMatches } from './lookup';

describe('keptMatch', () => {
  it('keeps an id and well-formed text, dates and http(s) links; a number id becomes text', () => {
    expect(keptMatch({ crmId: 42, url: 'https://crm.example/p/42', fullName: '  Ola\nBerg ', owner: 'Mia', updatedAt: '2026-10-01T09:00:00Z', extra: 'x' })).toEqual({
      crmId: '42', url: 'https://crm.example/p/42', fullName: 'Ola Berg', owner: 'Mia', updatedAt: '2026-10-01T09:00:00Z',
    });
  });

  it('drops what is not safe to show or open, and refuses a match with no id', () => {
    expect(keptMatch({ crmId: 'a1', url: 'javascript:alert(1)', updatedAt: 'yesterday', company: { name: 'x' } })).toEqual({ crmId: 'a1' });
    expect(keptMatch({ fullName: 'No id' })).toBeUndefined();
    expect(keptMatch({ crmId: '' })).toBeUndefined();
    expect(keptMatch('rcv-1')).toBeUndefined();
    expect(keptMatch({ crmId: 'a1', fullName: 'x'.repeat(5_000) })?.fullName).toMatch(/… \(cut: 5000 characters in all\)$/);
  });
});

describe('keptMatches', () => {
  it('keeps each record once, and at most three', () => {
    const matches = keptMatches([{ crmId: '1' }, { crmId: '1', fullName: 'again' }, { bad: true }, { crmId: '2' }, { crmId: '3' }, { crmId: '4' }]);
    expect(matches.map((match) => match.crmId)).toEqual(['1', '2', '3']);
  });
});
