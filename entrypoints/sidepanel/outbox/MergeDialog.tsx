import { useEffect, useRef, useState } from 'react';
import type { Lead, Prospect } from '../../../lib/lead/schema';
import { conflictingFields, mergeOrder, type MergeChoices } from '../../../lib/outbox/merge';
import { VISIBLE_PROSPECT_FIELDS } from '../../../lib/lead/form';
import { syncStatusLabels } from './SyncStatusBadge';

const otherLabels: Partial<Record<keyof Prospect, string>> = {
  firstName: 'First name',
  lastName: 'Last name',
  headline: 'Headline',
  companyDomain: 'Company domain',
  companyLinkedinUrl: 'Company LinkedIn URL',
};
const labelOf = (field: keyof Prospect) => VISIBLE_PROSPECT_FIELDS.find((f) => f.field === field)?.label ?? otherLabels[field] ?? field;

type Props = { leads: [Lead, Lead]; onMerge: (keep: Lead, drop: Lead, choices: MergeChoices) => void; onClose: () => void };

/**
 * Two leads that are the same person: which value to keep where they differ. Everything else is
 * kept from both (gaps filled, notes joined). A modal dialog: Escape closes it.
 */
export function MergeDialog({ leads, onMerge, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [choices, setChoices] = useState<MergeChoices>({});
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  const order = mergeOrder(...leads);
  const who = (lead: Lead) => `${lead.fullName ?? lead.company} (${syncStatusLabels[lead.sync.status]})`;
  return (
    <dialog ref={dialog} className="merge" aria-labelledby="merge-heading" onClose={onClose}>
      <h2 id="merge-heading">Merge duplicates</h2>
      {'problem' in order ? (
        <p className="form-problem" role="alert">
          {order.problem}.
        </p>
      ) : (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            onMerge(order.keep, order.drop, choices);
          }}
        >
          <p>
            <strong>{who(order.keep)}</strong> stays, with what <strong>{who(order.drop)}</strong> adds; the second one is removed.
          </p>
          {conflictingFields(order.keep, order.drop).map((field) => (
            <fieldset key={field}>
              <legend>{labelOf(field)}</legend>
              {(['keep', 'drop'] as const).map((side) => (
                <label key={side} className="check">
                  <input
                    type="radio"
                    name={field}
                    checked={(choices[field] ?? 'keep') === side}
                    onChange={() => setChoices({ ...choices, [field]: side })}
                  />
                  {order[side][field]}
                </label>
              ))}
            </fieldset>
          ))}
          <div className="capture__actions">
            <button type="submit" className="primary">
              Merge
            </button>
            <button type="button" className="link" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {'problem' in order && (
        <button type="button" onClick={onClose}>
          Close
        </button>
      )}
    </dialog>
  );
}
