import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { reminderItem, reminderSchema, type Reminder } from '../../lib/reminder/settings';
import { useStoredQuery } from '../../components/useStoredQuery';

/** The end-of-day reminder: on or off, and when. Saved as soon as it changes. */
export function ReminderSettings() {
  const stored = useStoredQuery(reminderItem);
  // What the rep set here shows at once, even before storage says it is saved (or if it is not valid).
  const [edited, setEdited] = useState<Reminder | null>(null);
  const [error, setError] = useState<string | undefined>();
  const save = useMutation({ mutationFn: (next: Reminder) => reminderItem.setValue(next) });
  const current = edited ?? stored;
  if (!current) return null;

  const update = (next: Reminder) => {
    setEdited(next);
    const result = reminderSchema.safeParse(next);
    setError(result.success ? undefined : result.error.issues[0]?.message);
    if (result.success) save.mutate(result.data);
  };
  return (
    <div className="reminder">
      <label className="check">
        <input type="checkbox" checked={current.enabled} onChange={(event) => update({ ...current, enabled: event.target.checked })} />
        Remind me when leads are still waiting to sync
      </label>
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <div className="field__label">
          <label htmlFor="reminder-time">Reminder time</label>
        </div>
        <input
          id="reminder-time"
          type="time"
          value={current.time}
          disabled={!current.enabled}
          aria-invalid={error ? true : undefined}
          aria-describedby="reminder-time-message"
          onChange={(event) => update({ ...current, time: event.target.value })}
        />
        <p id="reminder-time-message" className={error ? 'field__error' : 'field__hint'}>
          {error ?? (save.isSuccess ? 'Saved.' : 'Your computer’s local time. One notification, only if leads are waiting.')}
        </p>
      </div>
    </div>
  );
}
