import { describe, expect, it } from 'vitest';
import { aLead } from '../../tests/unit/leads';
import { searchRowOf, wordsOf } from './search';

describe('wordsOf', () => {
  it('splits on anything but letters and digits, lowercased, accents removed', () => {
    expect(wordsOf('José Álvarez-Núñez, VP (Sales)')).toEqual(['jose', 'alvarez', 'nunez', 'vp', 'sales']);
    expect(wordsOf('  ')).toEqual([]);
  });
});

describe('searchRowOf', () => {
  it('indexes the words of the prospect and of its source, the whole email, and a name+company key', () => {
    const row = searchRowOf(
      aLead({
        fullName: 'Jane Doe',
        company: 'Acme GmbH',
        email: 'jane@acme.example',
        phone: '+49 30 1234',
        source: { kind: 'referral', referredBy: 'Bob Martin', referrerCompany: 'Initech' },
      }),
    );
    expect(row.words).toEqual(expect.arrayContaining(['jane', 'doe', 'acme', 'gmbh', 'jane@acme.example', 'example', '49301234', 'bob', 'martin', 'initech']));
    expect(new Set(row.words).size).toBe(row.words.length);
    expect(row.person).toBe('jane doe|acme gmbh');
  });

  it('has no name+company key without both', () => {
    expect(searchRowOf(aLead({ fullName: undefined, firstName: undefined, lastName: undefined, company: 'Acme' })).person).toBeUndefined();
  });
});
