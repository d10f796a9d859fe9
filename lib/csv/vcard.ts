import type { Lead } from '../lead/schema';

// One lead as a vCard: its own module, so the panel's list does not load the CSV library for it.

/** A vCard text value (RFC 6350, 3.4): every kind of line break escaped as \n, never a raw one. */
function vcardText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\r\n|[\r\n]/g, '\\n').replace(/([,;])/g, '\\$1');
}

/** One lead as a vCard 4.0 (RFC 6350). */
export function leadToVcard(lead: Lead): string {
  const lines = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    `FN:${vcardText(lead.fullName ?? lead.company ?? '')}`,
    `N:${vcardText(lead.lastName ?? '')};${vcardText(lead.firstName ?? '')};;;`,
    lead.company && `ORG:${vcardText(lead.company)}`,
    lead.title && `TITLE:${vcardText(lead.title)}`,
    lead.email && `EMAIL;TYPE=work:${lead.email}`,
    lead.phone && `TEL;TYPE=work;VALUE=uri:tel:${lead.phone.replace(/\s+/g, '')}`,
    lead.website && `URL:${lead.website}`,
    lead.linkedinUrl && `URL;TYPE=linkedin:${lead.linkedinUrl}`,
    lead.notes && `NOTE:${vcardText(lead.notes)}`,
    `UID:urn:uuid:${lead.id}`,
    'END:VCARD',
  ];
  return `${lines.filter(Boolean).join('\r\n')}\r\n`;
}
