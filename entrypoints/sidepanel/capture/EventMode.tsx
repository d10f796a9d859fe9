import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { activeEventItem, endEvent, hasEvents, pastEvents, startEvent } from '../../../lib/events';
import { outboxDb } from '../../../lib/outbox/db';
import { TextField } from '../../../components/TextField';
import { useOutboxQuery } from '../useOutboxQuery';
import { useStoredQuery } from '../../../components/useStoredQuery';

const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** Start an event once; until it ends, every new lead is tagged with it. */
export function EventMode() {
  const active = useStoredQuery(activeEventItem);
  const [starting, setStarting] = useState(false);
  const [form, setForm] = useState({ eventName: '', eventDate: new Date().toISOString().slice(0, 10), eventLocation: '' });
  const [error, setError] = useState<string | undefined>();
  const anyEvents = useOutboxQuery(() => hasEvents(outboxDb()), []);
  const start = useMutation({
    mutationFn: () =>
      startEvent({
        eventName: form.eventName,
        ...(form.eventDate ? { eventDate: form.eventDate } : {}),
        ...(form.eventLocation.trim() ? { eventLocation: form.eventLocation } : {}),
      }),
    onSuccess: () => setStarting(false),
    onError: (e) => setError(e instanceof Error && 'issues' in e ? (e as { issues: Array<{ message: string }> }).issues[0]?.message : String(e)),
  });

  if (active) {
    const details = [active.eventLocation, active.eventDate && day.format(new Date(active.eventDate))].filter(Boolean).join(', ');
    return (
      <section className="event-mode event-mode--active" aria-label="Event mode">
        <p role="status">
          Event mode: <strong>{active.eventName}</strong>
          {details && ` (${details})`}. Every new lead is tagged with it.
        </p>
        <button type="button" onClick={() => void endEvent()}>
          End event
        </button>
      </section>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    start.mutate();
  };

  return (
    <section className="event-mode" aria-label="Event mode">
      {starting ? (
        <form onSubmit={onSubmit} noValidate aria-label="Start an event">
          <TextField label="Event name" required value={form.eventName} error={error} onChange={(eventName) => setForm({ ...form, eventName })} />
          <TextField label="Event date" type="date" value={form.eventDate} onChange={(eventDate) => setForm({ ...form, eventDate })} />
          <TextField label="Venue" value={form.eventLocation} onChange={(eventLocation) => setForm({ ...form, eventLocation })} />
          <div className="capture__actions">
            <button type="submit" className="primary">
              Start event
            </button>
            <button type="button" className="link" onClick={() => setStarting(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setStarting(true)}>
          Start an event…
        </button>
      )}
      {anyEvents && <PastEvents />}
    </section>
  );
}

/** Past events with their lead counts, counted when the rep opens the list. */
function PastEvents() {
  const [open, setOpen] = useState(false);
  const events = useOutboxQuery(() => (open ? pastEvents(outboxDb()) : Promise.resolve(undefined)), [open]);
  return (
    <details className="past-events" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Past events</summary>
      <ul>
        {events?.map((summary) => (
          <li key={summary.eventName}>
            {summary.eventName}: {summary.leads} lead{summary.leads === 1 ? '' : 's'}
          </li>
        ))}
      </ul>
    </details>
  );
}
