import { useOutboxQuery } from './useOutboxQuery';
import { outboxDb } from '../lib/outbox/db';
import { recentLeads } from '../lib/outbox/outbox';
import { OutboxItem } from './OutboxItem';

/** The outbox, newest first, live as leads are saved and synced (in this panel or the service worker). */
export function OutboxList() {
  const leads = useOutboxQuery(() => recentLeads(outboxDb()), []);
  if (!leads) return null;
  return (
    <section className="outbox" aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">Outbox</h2>
      {leads.length === 0 ? (
        <p className="empty">No leads yet. Save one above; it stays here until your CRM has it.</p>
      ) : (
        <ul aria-label="Leads">
          {leads.map((lead) => (
            <OutboxItem key={lead.id} lead={lead} />
          ))}
        </ul>
      )}
    </section>
  );
}
