import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import type { Source } from '../../../lib/lead/schema';
import { leadsPerSource, recentReferrers, rememberReferrer, saveMultiCapture, type ProspectRow, type Referrer, type RowProblem } from '../../../lib/multi-capture';
import { outboxDb } from '../../../lib/outbox/db';
import { TextField } from '../../../components/TextField';
import { useOutboxQuery } from '../useOutboxQuery';

type Kind = 'referral' | 'prospecting-at-close';
const emptyRow = (): ProspectRow => ({ fullName: '', company: '', email: '' });

const copy: Record<Kind, { title: string; save: string; counts: string }> = {
  referral: { title: 'Log referral', save: 'Save referrals', counts: 'Referrals per customer' },
  'prospecting-at-close': { title: 'Ask at close', save: 'Save names', counts: 'Leads per closed account' },
};

/**
 * Several prospects from one moment: a customer's referrals, or the names an ask at close
 * yields. The shared part is typed once; each prospect needs a name and a company.
 */
export function MultiCapture({ kind, onDone }: { kind: Kind; onDone: () => void }) {
  const [shared, setShared] = useState({ first: '', second: '', third: '' });
  const [rows, setRows] = useState<ProspectRow[]>([emptyRow(), emptyRow()]);
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const [sharedError, setSharedError] = useState<string | undefined>();
  const [referrers, setReferrers] = useState<Referrer[]>([]);
  const counts = useOutboxQuery(() => leadsPerSource(outboxDb(), kind), [kind]);

  useEffect(() => {
    if (kind === 'referral') void recentReferrers().then(setReferrers);
  }, [kind]);

  const source = (): Source =>
    kind === 'referral'
      ? { kind, referredBy: shared.first.trim(), ...(shared.second.trim() ? { referrerCompany: shared.second.trim() } : {}), ...(shared.third.trim() ? { referrerEmail: shared.third.trim() } : {}) }
      : { kind, closedAccount: shared.first.trim(), ...(shared.second.trim() ? { dealReference: shared.second.trim() } : {}), ...(shared.third.trim() ? { askedContact: shared.third.trim() } : {}) };

  const save = useMutation({
    mutationFn: async () => {
      const result = await saveMultiCapture(outboxDb(), rows, source());
      if (result.saved && kind === 'referral') {
        await rememberReferrer({ referredBy: shared.first.trim(), ...(shared.second.trim() ? { referrerCompany: shared.second.trim() } : {}), ...(shared.third.trim() ? { referrerEmail: shared.third.trim() } : {}) });
      }
      return result;
    },
    onSuccess: (result) => {
      setProblems(result.problems);
      if (result.saved) {
        setRows([emptyRow(), emptyRow()]);
        setSaved(`Saved ${result.saved} lead${result.saved === 1 ? '' : 's'}.`);
      }
    },
  });
  const [saved, setSaved] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    if (!shared.first.trim()) {
      setSharedError(kind === 'referral' ? 'Enter who referred these leads' : 'Enter the account that just closed');
      return;
    }
    setSharedError(undefined);
    save.mutate();
  };

  const problemAt = (row: number, field: keyof ProspectRow) => problems.find((p) => p.row === row && p.field === field)?.message;
  const setRow = (index: number, patch: Partial<ProspectRow>) => {
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
    setProblems(problems.filter((p) => p.row !== index));
  };
  const labels =
    kind === 'referral'
      ? { first: 'Referred by', second: "Referrer's organisation", third: "Referrer's address" }
      : { first: 'Closed account', second: 'Deal reference', third: 'Who you asked' };

  return (
    <form className="multi-capture" aria-label={copy[kind].title} onSubmit={onSubmit} noValidate>
      <div className="editing">
        <p>
          <strong>{copy[kind].title}</strong>
        </p>
        <button type="button" className="link" onClick={onDone}>
          Close
        </button>
      </div>
      {kind === 'referral' && referrers.length > 0 && (
        <div className="recent-referrers" aria-label="Recent referrers" role="group">
          {referrers.map((r) => (
            <button
              key={`${r.referredBy}-${r.referrerCompany ?? ''}`}
              type="button"
              onClick={() => setShared({ first: r.referredBy, second: r.referrerCompany ?? '', third: r.referrerEmail ?? '' })}
            >
              {r.referredBy}
              {r.referrerCompany ? `, ${r.referrerCompany}` : ''}
            </button>
          ))}
        </div>
      )}
      <TextField
        label={labels.first}
        shortcut={kind === 'referral' ? 'Alt+R' : 'Alt+C'}
        required
        value={shared.first} error={sharedError} onChange={(first) => setShared({ ...shared, first })} />
      <TextField label={labels.second} value={shared.second} onChange={(second) => setShared({ ...shared, second })} />
      <TextField label={labels.third} value={shared.third} onChange={(third) => setShared({ ...shared, third })} />
      {rows.map((row, index) => (
        <fieldset key={index} className="prospect-row">
          <legend>Prospect {index + 1}</legend>
          <TextField label={`Name of prospect ${index + 1}`} value={row.fullName} error={problemAt(index, 'fullName')} onChange={(fullName) => setRow(index, { fullName })} />
          <TextField label={`Company of prospect ${index + 1}`} value={row.company} error={problemAt(index, 'company')} onChange={(company) => setRow(index, { company })} />
          <TextField label={`Email of prospect ${index + 1}`} type="email" value={row.email} error={problemAt(index, 'email')} onChange={(email) => setRow(index, { email })} />
        </fieldset>
      ))}
      <div className="capture__actions">
        <button type="button" onClick={() => setRows([...rows, emptyRow()])}>
          Add another prospect
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {copy[kind].save}
        </button>
      </div>
      <p role="status" className="capture__message">
        {problems.length > 0 ? 'Nothing was saved: fix the highlighted fields.' : saved}
      </p>
      {counts && counts.length > 0 && (
        <details className="past-events">
          <summary>{copy[kind].counts}</summary>
          <ul>
            {counts.map((c) => (
              <li key={c.name}>
                {c.name}: {c.leads} lead{c.leads === 1 ? '' : 's'}
              </li>
            ))}
          </ul>
        </details>
      )}
    </form>
  );
}
