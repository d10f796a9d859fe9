import { describe, expect, it } from 'vitest';
import { fieldsFromCodes } from './scan-image';
import { cardLanguagesOr, defaultCardLanguages, localeRegion } from './languages';
import { withoutHonorifics } from './payload';

describe('what the codes on one picture say together', () => {
  it('takes the contact from the QR and the badge id from the barcode beside it', () => {
    const vcard = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL:ana@acme.example\r\nEND:VCARD';
    expect(fieldsFromCodes([{ format: 'qr_code', text: vcard }, { format: 'code_128', text: 'EXPO26-0042' }])).toEqual({
      fields: { fullName: 'Ana Lima', email: 'ana@acme.example', badgeId: 'EXPO26-0042' },
      formats: ['qr_code:vcard', 'code_128:badge-id'],
      problem: undefined,
    });
  });

  it('keeps the first value of a field two codes give, and says why a code said nothing', () => {
    const result = fieldsFromCodes([{ format: 'qr_code', text: '<script>x</script>' }, { format: 'pdf417', text: 'MECARD:N:Sato,Kenji;;' }, { format: 'aztec', text: 'MECARD:N:Other,Name;;' }]);
    expect(result.fields).toEqual({ lastName: 'Sato', firstName: 'Kenji', fullName: 'Kenji Sato' });
    expect(result.problem).toBe('The code holds text that is neither a contact nor a badge id');
  });

  it('has nothing, and no problem, when there were no codes', () => {
    expect(fieldsFromCodes([])).toEqual({ fields: {}, formats: [], problem: undefined });
  });
});

describe('a name as the CRM keeps it', () => {
  it.each([
    ['Dr. Amelia Hart', 'Amelia Hart'],
    ['Prof. Dr. Jörg Müller', 'Jörg Müller'],
    ['Ms Priya Raman, PhD', 'Priya Raman'],
    ['M. Jean Dupont', 'Jean Dupont'],
    ['Mark Drake', 'Mark Drake'],
    ['Drew Msimang', 'Drew Msimang'],
  ])('%s → %s', (name, kept) => expect(withoutHonorifics(name)).toBe(kept));
});

describe('the card reader’s languages', () => {
  it('reads English, and the browser’s language when it ships', () => {
    expect(defaultCardLanguages('de-AT')).toEqual(['eng', 'deu']);
    expect(defaultCardLanguages('en-GB')).toEqual(['eng']);
    expect(defaultCardLanguages('ja-JP')).toEqual(['eng']);
  });

  it('keeps the rep’s choice, dropping languages it does not ship', () => {
    expect(cardLanguagesOr(['fra', 'klingon'], 'de')).toEqual(['fra']);
    expect(cardLanguagesOr([], 'es-MX')).toEqual(['eng', 'spa']);
  });

  it('takes the rep’s region from the browser’s language', () => {
    expect(localeRegion('de-AT')).toBe('AT');
    expect(localeRegion('fr')).toBe('FR');
    expect(localeRegion('not a locale!')).toBeUndefined();
  });
});
