import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitToLeadFields, SALESFORCE_LEAD_FIELD_LENGTHS } from './fields';

// The lengths come from Salesforce's Lead field reference, as the shared excerpt quotes them.
const excerpt = JSON.parse(readFileSync(join(import.meta.dirname, '../../../tests/fixtures/crm-specs/salesforce.json'), 'utf8')) as { leadFieldLengths: Record<string, number> };

describe('fitToLeadFields', () => {
  it('knows every length the field reference gives', () => {
    for (const [field, length] of Object.entries(excerpt.leadFieldLengths)) expect(SALESFORCE_LEAD_FIELD_LENGTHS[field], field).toBe(length);
  });

  it.each(Object.entries(excerpt.leadFieldLengths).filter(([field]) => field !== 'Email' && field !== 'Description'))(
    'cuts %s to its %i characters and keeps the whole value in the Description',
    (field, length) => {
      const whole = `${'Ä'.repeat(length)}tail`;
      const { record, emailLeftOut } = fitToLeadFields({ [field]: whole, Description: 'Event: Dreamforce' });
      expect((record[field] as string).length).toBe(length);
      expect(record[field]).toBe(`${'Ä'.repeat(length - 1)}…`);
      expect(record.Description).toBe(`Event: Dreamforce\n${field} in full: ${whole}`);
      expect(emailLeftOut).toBe(false);
    },
  );

  it('leaves a value that fits as it is, at the limit exactly', () => {
    const record = { FirstName: 'A'.repeat(40), LastName: 'Ivanov', Description: 'Event: Dreamforce' };
    expect(fitToLeadFields(record)).toEqual({ record, emailLeftOut: false });
  });

  it('leaves out an email too long for the field rather than cut it, and keeps it in the Description', () => {
    const email = `${'a'.repeat(75)}@hooli.example`;
    const { record, emailLeftOut } = fitToLeadFields({ LastName: 'Ivanov', Email: email });
    expect(record).toEqual({ LastName: 'Ivanov', Description: `Email in full: ${email}` });
    expect(emailLeftOut).toBe(true);
  });

  it('keeps the Description within its own length', () => {
    const { record } = fitToLeadFields({ Description: 'x'.repeat(31_990), Company: 'C'.repeat(300) });
    expect((record.Description as string).length).toBe(32_000);
  });
});
