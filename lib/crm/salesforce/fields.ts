// Salesforce's Lead fields are shorter than Fieldclip's own limits, and Salesforce refuses a record
// with any value over its field's length. Each value is fitted to its field instead: a text field
// keeps its start, marked as cut, and the whole value goes into the Description; an email too long
// for the field is left out (a cut address would reach someone else) and kept in the Description.

/** Lengths from Salesforce's Lead field reference (Title, Phone and Website from the same reference). */
export const SALESFORCE_LEAD_FIELD_LENGTHS: Record<string, number> = {
  FirstName: 40,
  LastName: 80,
  Company: 255,
  Title: 128,
  Email: 80,
  Phone: 40,
  Website: 255,
  City: 40,
  Country: 80,
  LeadSource: 255,
  Description: 32_000,
};

const CUT_MARK = '…';

export type FittedLead = { record: Record<string, unknown>; emailLeftOut: boolean };

/** The record with every value within its field's length; what did not fit is kept whole in the Description. */
export function fitToLeadFields(record: Record<string, unknown>): FittedLead {
  const fitted: Record<string, unknown> = { ...record };
  const kept: string[] = [];
  let emailLeftOut = false;
  for (const [field, limit] of Object.entries(SALESFORCE_LEAD_FIELD_LENGTHS)) {
    const value = fitted[field];
    if (field === 'Description' || typeof value !== 'string' || value.length <= limit) continue;
    kept.push(`${field} in full: ${value}`);
    if (field === 'Email') {
      delete fitted[field];
      emailLeftOut = true;
    } else {
      fitted[field] = `${value.slice(0, limit - CUT_MARK.length)}${CUT_MARK}`;
    }
  }
  const description = [typeof fitted.Description === 'string' ? fitted.Description : '', ...kept].filter(Boolean).join('\n');
  const limit = SALESFORCE_LEAD_FIELD_LENGTHS.Description!;
  if (description) fitted.Description = description.length > limit ? `${description.slice(0, limit - CUT_MARK.length)}${CUT_MARK}` : description;
  return { record: fitted, emailLeftOut };
}
