import Papa from 'papaparse';
import { sourceDetail } from '../lead/describe';
import type { Lead } from '../lead/schema';

// CSV out. Values starting with = + - @ are prefixed so a spreadsheet never runs them.

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
