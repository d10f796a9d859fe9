import { RECEIVER_STAGES, type ReceivedLead } from './store';

// Everything on this page came from a request body or the form: all of it is escaped.
function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sourceLabel(source: unknown): string {
  if (!source || typeof source !== 'object') return '';
  const s = source as Record<string, unknown>;
  const detail = s.referredBy ?? s.eventName ?? s.closedAccount;
  return detail ? `${s.kind} (${detail})` : String(s.kind ?? '');
}

/** The receiver's page: what it holds, and a form to add a contact it "already had" (for lookups). */
export function receivedLeadsPage(entries: readonly ReceivedLead[], token?: string): string {
  const rows = entries
    .slice()
    .reverse()
    .map(({ crmId, firstReceivedAt, deliveries, lead, owner, existing, outcome }) => {
      const qualification = (lead.qualification as { level?: string } | undefined)?.level;
      const size = lead.opportunity as { amount?: number; currency?: string } | undefined;
      const stageAction = `/api/stages${token ? `?token=${encodeURIComponent(token)}` : ''}`;
      const options = RECEIVER_STAGES.map((stage) => `<option${stage === (outcome?.stage ?? 'open') ? ' selected' : ''}>${stage}</option>`).join('');
      const stageForm = `<form class="stage" method="post" action="${escapeHtml(stageAction)}"><input type="hidden" name="ref" value="${escapeHtml(crmId)}">
<select name="stage" aria-label="Stage of ${escapeHtml(crmId)}">${options}</select><input name="amount" inputmode="decimal" size="7" placeholder="amount" aria-label="Amount of ${escapeHtml(crmId)}" value="${escapeHtml(outcome?.amount)}">
<input name="currency" size="3" placeholder="EUR" aria-label="Currency of ${escapeHtml(crmId)}" value="${escapeHtml(outcome?.currency ?? size?.currency)}"><button type="submit">Set</button></form>`;
      return `<tr id="${escapeHtml(crmId)}"><td>${escapeHtml(crmId)}${existing ? ' <small>(existing contact)</small>' : ''}</td><td>${escapeHtml(lead.fullName)}</td><td>${escapeHtml(lead.company)}</td>
<td>${escapeHtml(lead.email)}</td><td>${escapeHtml(owner)}</td><td>${escapeHtml(sourceLabel(lead.source))}</td><td>${escapeHtml(qualification)}</td>
<td>${size?.amount !== undefined ? `${escapeHtml(size.amount)} ${escapeHtml(size.currency)}` : ''}</td><td>${stageForm}</td>
<td>${escapeHtml(firstReceivedAt)}</td><td>${escapeHtml(deliveries)}</td></tr>`;
    })
    .join('\n');
  const action = `/api/contacts${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fieldclip reference receiver</title>
<style>
body{font:14px system-ui,sans-serif;margin:2rem;color:#1f2937}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #e5e7eb}
th{background:#f3f4f6}code{background:#f3f4f6;padding:.1rem .3rem}tr:target{background:#fef9c3}
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:1rem 0 1.5rem;padding:.8rem;background:#f9fafb;border-radius:8px}
label{display:flex;flex-direction:column;font-size:12px;gap:.2rem}input{font:inherit;padding:.3rem .4rem}
form.stage{display:flex;flex-wrap:nowrap;gap:.3rem;margin:0;padding:0;background:none}
</style></head><body>
<h1>Fieldclip reference receiver</h1>
<p>${entries.length} record${entries.length === 1 ? '' : 's'}. Fieldclip posts leads to <code>/webhook</code>, asks <code>/lookup</code> whether a person is already here and <code>/outcomes</code> where synced leads stand (set each one's stage below); the raw data is at <code>/api/leads</code>. Reload to see new leads.</p>
<h2>Add an existing contact</h2>
<p>A contact your CRM already had, with its owner: the capture form then says “Already in your CRM” for this email or LinkedIn profile, and saving updates this record.</p>
<form method="post" action="${escapeHtml(action)}">
<label>Name<input name="fullName" autocomplete="off"></label>
<label>Email<input name="email" type="email" autocomplete="off"></label>
<label>LinkedIn URL<input name="linkedinUrl" autocomplete="off"></label>
<label>Company<input name="company" autocomplete="off"></label>
<label>Owner<input name="owner" autocomplete="off"></label>
<button type="submit">Add contact</button>
</form>
<table><thead><tr><th>CRM id</th><th>Name</th><th>Company</th><th>Email</th><th>Owner</th><th>Source</th><th>Qualification</th><th>Opportunity</th><th>Stage</th><th>First received</th><th>Deliveries</th></tr></thead>
<tbody>${rows || '<tr><td colspan="11">Nothing yet: save a lead in Fieldclip and press “Sync now”.</td></tr>'}</tbody></table>
</body></html>`;
}
