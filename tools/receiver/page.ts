import type { ReceivedLead } from './store';

// Everything on this page came from a request body: all of it is escaped.
function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sourceLabel(source: unknown): string {
  if (!source || typeof source !== 'object') return '';
  const s = source as Record<string, unknown>;
  const detail = s.referredBy ?? s.eventName ?? s.closedAccount;
  return detail ? `${s.kind} (${detail})` : String(s.kind ?? '');
}

export function receivedLeadsPage(entries: readonly ReceivedLead[]): string {
  const rows = entries
    .slice()
    .reverse()
    .map(({ crmId, firstReceivedAt, deliveries, lead }) => {
      const qualification = (lead.qualification as { level?: string } | undefined)?.level;
      return `<tr><td>${escapeHtml(crmId)}</td><td>${escapeHtml(lead.fullName)}</td><td>${escapeHtml(lead.company)}</td>
<td>${escapeHtml(lead.email)}</td><td>${escapeHtml(sourceLabel(lead.source))}</td><td>${escapeHtml(qualification)}</td>
<td>${escapeHtml(firstReceivedAt)}</td><td>${escapeHtml(deliveries)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fieldclip reference receiver</title>
<meta http-equiv="refresh" content="5">
<style>
body{font:14px system-ui,sans-serif;margin:2rem;color:#1f2937}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #e5e7eb}
th{background:#f3f4f6}code{background:#f3f4f6;padding:.1rem .3rem}
</style></head><body>
<h1>Fieldclip reference receiver</h1>
<p>${entries.length} lead${entries.length === 1 ? '' : 's'} received. Fieldclip posts to <code>/webhook</code>; the raw data is at <code>/api/leads</code>. This page refreshes every 5 seconds.</p>
<table><thead><tr><th>CRM id</th><th>Name</th><th>Company</th><th>Email</th><th>Source</th><th>Qualification</th><th>First received</th><th>Deliveries</th></tr></thead>
<tbody>${rows || '<tr><td colspan="8">Nothing yet: save a lead in Fieldclip and press “Sync now”.</td></tr>'}</tbody></table>
</body></html>`;
}
