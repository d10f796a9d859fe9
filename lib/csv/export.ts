import Papa from 'papaparse';
import { sourceDetail } from '../lead/describe';
import type { Lead } from '../lead/schema';

// CSV and vCard out. Values starting with = + - @ are prefixed so a spreadsheet never runs them.

const COLUMNS = [
  'fullName', 'firstName', 'lastName', 'title', 'company', 'email', 'phone', 'website', 'location', 'linkedinUrl',
  'source', 'sourceDetail', 'qualification', 'status', 'crmId', 'createdAt', 'notes',
] as const;

function safe(value: string | undefined): string {
  if (!value) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function leadsToCsv(leads: readonly Lead[]): string {
  const rows = leads.map((lead) => [
    lead.fullName, lead.firstName, lead.lastName, lead.title, lead.company, lead.email, lead.phone, lead.website,
    lead.location, lead.linkedinUrl, lead.source.kind, sourceDetail(lead.source), lead.qualification.level, lead.sync.status,
    lead.sync.crmId, new Date(lead.createdAt).toISOString(), lead.notes,
  ].map(safe));
  return Papa.unparse({ fields: [...COLUMNS], data: rows });
}

function vcardText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/([,;])/g, '\\$1');
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
