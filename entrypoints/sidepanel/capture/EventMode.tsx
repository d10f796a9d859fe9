import { lazy, Suspense, useState } from 'react';
import { activeEventItem, endEvent, eventLeadCount, hasEvents, pastEvents } from '../../../lib/events';
import { outboxDb } from '../../../lib/outbox/db';
import { useOutboxQuery } from '../useOutboxQuery';
import { firstScreen } from '../firstScreen';
import { useStoredQuery } from '../../../components/useStoredQuery';

const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
// The form that starts an event (with its questions and rapid mode): loaded when the rep opens it.
const StartEventForm = lazy(() => import('./EventSetup').then((module) => ({ default: module.StartEventForm })));

/** Start an event once; until it ends, every new lead is tagged with it. */
export function EventMode() {
  const active = useStoredQuery(activeEventItem);
  const [starting, setStarting] = useState(false);
  const anyEvents = useOutboxQuery(() => firstScreen.after(() => hasEvents(outboxDb())), [], { changedBy: ['leadSearch'] });
  const leadsHere = useOutboxQuery(() => (active ? eventLeadCount(outboxDb(), active.eventName) : Promise.resolve(undefined)), [active?.eventName], { changedBy: ['leadSearch'] });

  if (active) {
    const details = [active.eventLocation, active.eventDate && day.format(new Date(active.eventDate))].filter(Boolean).join(', ');
    const asked = active.questions?.length ?? 0;
    return (
      <section className="event-mode event-mode--active" aria-label="Event mode">
        <p role="status">
          Event mode: <strong>{active.eventName}</strong>
          {details && ` (${details})`}. Every new lead is tagged with it
          {leadsHere !== undefined && (
            <>
              : <strong className="event-mode__count">{leadsHere} lead{leadsHere === 1 ? '' : 's'}</strong> so far
            </>
          )}
          .{asked > 0 && ` ${asked} qualifying question${asked === 1 ? '' : 's'}.`}
          {active.rapid && ' Rapid mode.'}
        </p>
        <button type="button" onClick={() => void endEvent()}>
          End event
        </button>
      </section>
    );
  }

  return (
    <section className="event-mode" aria-label="Event mode">
      {starting ? (
        <Suspense fallback={null}>
          <StartEventForm onDone={() => setStarting(false)} />
        </Suspense>
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
